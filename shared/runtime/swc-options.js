// How SWC compiles the project's TypeScript, for Node (register.js) and for jest alike: ESM, with
// the legacy decorators and decorator metadata type-graphql and MikroORM read.
export const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};
