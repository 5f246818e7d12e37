import { randomUUID } from 'node:crypto';
import type { Caller } from '../../shared/context/caller.js';
import { querySubgraph } from '../../shared/server/subgraph-client.js';
import { subgraphUrl } from '../../shared/server/subgraph-directory.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

describe('subgraph-to-subgraph calls', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const as = (t: TenantFixture, scopes: string[] = ['*']): Caller => ({ kind: 'user', userId: t.userId, tenantId: t.tenantId, scopes, principalId: null, clientIp: null });

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('finds the subgraphs this process started', () => {
    expect(subgraphUrl('entity')).toBe(sg.subgraphs.entity!.url);
  });

  it("asks as the caller: the caller's tenant and permissions, and the other subgraph's error codes", async () => {
    const { createRecord } = await sg.data<{ createRecord: { id: string } }>(
      'mutation { createRecord(input: { type: "note", data: { text: "hi" } }) { id } }',
      {},
      acme.as,
    );
    const RECORD = 'query ($id: ID!) { record(id: $id) { id data } }';
    const mine = await querySubgraph<{ record: { id: string; data: unknown } }>('entity', RECORD, { id: createRecord.id }, as(acme));
    expect(mine.record).toEqual({ id: createRecord.id, data: { text: 'hi' } });

    await expect(querySubgraph('entity', RECORD, { id: createRecord.id }, as(globex))).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND', subgraph: 'entity' } });
    await expect(querySubgraph('entity', RECORD, { id: createRecord.id }, as(acme, ['document:document:read']))).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(querySubgraph('entity', RECORD, { id: randomUUID() }, as(acme))).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});
