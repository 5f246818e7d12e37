import { EntityFieldKind as K, type EntityField } from '../entities/entity-field.entity.js';
import type { EntityType } from '../entities/entity-type.entity.js';
import type { EntityDefinition } from './entity-definition.js';
import { compileFilter } from './record-filter.js';
import { afterCondition, sortKeys } from './record-order.js';

const definition = {
  type: { name: 'item' } as EntityType,
  fields: [
    { name: 'name', kind: K.TEXT },
    { name: 'qty', kind: K.NUMBER },
  ] as EntityField[],
} satisfies EntityDefinition;

const HOSTILE = `x'); drop table "t"; --`;

describe('record filters as SQL', () => {
  it('puts every value and data key in parameters, never in the SQL text', () => {
    const compiled = compileFilter(
      { or: [{ field: 'name', eq: HOSTILE }, { field: 'name', contains: HOSTILE }, { field: 'name', in: [HOSTILE] }, { not: { field: 'qty', gt: 5 } }] },
      definition,
    );
    expect(compiled.text).not.toContain('drop');
    expect(compiled.text).not.toContain('5');
    expect(compiled.params).toContain(HOSTILE);
    expect(compiled.params).toContain(`%${HOSTILE}%`);
    expect(compiled.params).toContain('5');
    // One parameter per placeholder.
    expect(compiled.text.split('?').length - 1).toBe(compiled.params.length);
  });

  it('reads untyped keys, even hostile ones, as parameters too', () => {
    const compiled = compileFilter({ field: HOSTILE, eq: 1 }, null);
    expect(compiled.text).not.toContain('drop');
    expect(compiled.params.filter((p) => p === HOSTILE)).toHaveLength(2);
  });

  it('escapes LIKE wildcards so contains matches them literally', () => {
    expect(compileFilter({ field: 'name', contains: '50%_\\' }, definition).params).toContain('%50\\%\\_\\\\%');
  });

  it('keyset conditions take the cursor values as parameters cast to the key type', () => {
    const keys = sortKeys([{ field: 'qty', direction: 'DESC' as never }], definition);
    const after = afterCondition(keys, ['10', '0192f0a0-0000-7000-8000-000000000000']);
    expect(after.text).toContain('< ?::numeric');
    expect(after.text).toContain('is null');
    expect(after.params).toEqual(expect.arrayContaining(['10', '0192f0a0-0000-7000-8000-000000000000']));
    expect(after.text.split('?').length - 1).toBe(after.params.length);
  });
});
