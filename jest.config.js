/**
 * Jest on native ESM (the project and MikroORM 7 are ESM): run through `npm test`, which adds
 * --experimental-vm-modules. SWC compiles TypeScript with the decorator metadata that
 * type-graphql and MikroORM read.
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  // Sources import siblings as `./x.js` (NodeNext); jest resolves them to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/'],
  setupFiles: ['<rootDir>/shared/testing/setup.ts'],
  // Integration files start a whole supergraph on a fresh database: seconds, not milliseconds.
  testTimeout: 60_000,
  maxWorkers: 2,
};
