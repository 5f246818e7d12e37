import { distinctRepresentations, spreadEntities } from './entity-representations.js';

describe('distinct entity representations', () => {
  it('sends each distinct representation once, and leaves a fetch without repeats alone', () => {
    const a = { __typename: 'User', id: '1' };
    const b = { __typename: 'User', id: '2' };
    expect(distinctRepresentations([a, b])).toBeUndefined();
    expect(distinctRepresentations([a, b, { ...a }, b])).toEqual({ distinct: [a, b], positions: [0, 1, 0, 1] });
  });

  it('spreads the answer back over every representation, in copies, with each error where it belongs', () => {
    const distinct = { distinct: [{ id: '1' }, { id: '2' }], positions: [0, 1, 0, 1] };
    const answer = {
      data: { _entities: [{ id: '1', tags: [{ name: 'x' }] }, null] },
      errors: [{ message: 'hidden', path: ['_entities', 1, 'name'] }, { message: 'elsewhere' }],
    };
    const spread = spreadEntities(answer, distinct);
    const entities = spread.data._entities as { id: string; tags: object[] }[];
    expect(entities).toEqual([{ id: '1', tags: [{ name: 'x' }] }, null, { id: '1', tags: [{ name: 'x' }] }, null]);
    // The executor writes later fetches into what it merged: no two entities share an object.
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[2]!.tags[0]).not.toBe(entities[0]!.tags[0]);
    expect(spread.errors).toEqual([
      { message: 'hidden', path: ['_entities', 1, 'name'] },
      { message: 'hidden', path: ['_entities', 3, 'name'] },
      { message: 'elsewhere' },
    ]);
    // A malformed answer is the executor's to reject; its errors still land where they belong.
    const short = { data: { _entities: [{ id: '1' }] } };
    expect(spreadEntities(short, distinct)).toEqual(short);
    const failed = spreadEntities({ data: null, errors: [{ message: 'down', path: ['_entities', 0] }] }, distinct);
    expect(failed).toEqual({ data: null, errors: [{ message: 'down', path: ['_entities', 0] }, { message: 'down', path: ['_entities', 2] }] });
  });
});
