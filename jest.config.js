import { SWC_OPTIONS } from './shared/runtime/swc-options.js';

/**
 * Jest on native ESM (the project and MikroORM 7 are ESM): run through `npm test`, which adds
 * --experimental-vm-modules. SWC compiles TypeScript with the decorator metadata that
 * type-graphql and MikroORM read.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', SWC_OPTIONS] },
  // Sources import siblings as `./x.js` (NodeNext); jest resolves them to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/'],
  setupFiles: ['<rootDir>/shared/testing/setup.ts'],
  // Integration files start a whole supergraph on a fresh database: seconds, not milliseconds.
  testTimeout: 60_000,
  maxWorkers: 2,
  // A worker that has run a file keeps much of what the file loaded (each file evaluates the
  // project's modules afresh), and later files ran two to four times slower in it than alone:
  // a worker past this heap is replaced after its file (the embedded run went from 765 s to 406 s).
  workerIdleMemoryLimit: '400MB',
};
