import { getMetadataStorage } from 'type-graphql';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { SUBGRAPHS } from '../../subgraphs/index.js';

/**
 * What every root field of every subgraph requires. A diff in this snapshot changes who can
 * reach an operation: review it as a permission change, not as a refactoring.
 */
function requirements(name: string, schema: GraphQLSchema): Record<string, string> {
  const storage = getMetadataStorage();
  const out: Record<string, string> = {};
  for (const [root, handlers] of [
    ['Query', storage.queries],
    ['Mutation', storage.mutations],
    ['Subscription', storage.subscriptions],
  ] as const) {
    const type = schema.getType(root);
    if (!isObjectType(type)) continue;
    for (const field of Object.keys(type.getFields())) {
      if (field.startsWith('_')) continue; // federation's _service and _entities
      const handler = handlers.find((h) => h.schemaName === field);
      const auth = handler && storage.authorizedFields.find((a) => a.target === handler.target && a.fieldName === handler.methodName);
      out[`${name} ${root}.${field}`] = !auth ? 'public' : auth.roles.length ? auth.roles.join(' + ') : 'signed in to a tenant';
    }
  }
  return out;
}

describe('root field permissions', () => {
  it('matches the reviewed snapshot', async () => {
    const all: Record<string, string> = {};
    for (const module of Object.values(SUBGRAPHS)) Object.assign(all, requirements(module.name, await module.buildSchema()));
    expect(all).toMatchSnapshot();
  });
});
