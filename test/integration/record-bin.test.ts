import { openEventStreams } from '../../shared/events/event-stream.js';
import { enqueue } from '../../shared/jobs/background-job.js';
import { jobBackend } from '../../shared/jobs/job-backend.js';
import { waitForState } from '../../shared/jobs/job-backend.contract.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { subscribeWs, wsClient } from '../../shared/testing/live-client.js';
import { gatewaySigned, postGraphQL, startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { purgeBinJob } from '../../subgraphs/entity/jobs/purge-bin.job.js';

const CREATE_RECORD = 'mutation ($input: CreateRecordInput!) { createRecord(input: $input) { id } }';
const DELETE = 'mutation ($id: ID!) { deleteRecord(id: $id) }';
const RESTORE = 'mutation ($id: ID!) { restoreRecord(id: $id) { id deletedAt data } }';
const PURGE = 'mutation ($id: ID!) { purgeRecord(id: $id) }';
const RECORDS = 'query ($type: String) { records(type: $type) { totalCount items { id } } }';
const BIN = 'query ($type: String) { deletedRecords(type: $type) { totalCount items { id deletedAt } } }';
const ENTITIES = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on EntityRecord { id } } }';
const TRAIL = `query ($id: ID!) { entityAuditTrail(filter: { entityId: $id }) { items { operation changes { field } } } }`;

interface Listed {
  totalCount: number;
  items: { id: string; deletedAt?: string | null }[];
}

const until = async (check: () => boolean, timeoutMs = 5_000) => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('the record bin: soft delete, restore, purge', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;

  const create = async (as: TenantFixture, type: string, data: object) =>
    (await sg.data<{ createRecord: { id: string } }>(CREATE_RECORD, { input: { type, data } }, as.as)).createRecord.id;
  const records = async (as: TenantFixture, type: string) => (await sg.data<{ records: Listed }>(RECORDS, { type }, as.as)).records;
  const binOf = async (as: TenantFixture, type: string) => (await sg.data<{ deletedRecords: Listed }>(BIN, { type }, as.as)).deletedRecords;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('hides a deleted record from every read, keeps it in the bin, and restores it', async () => {
    const kept = await create(acme, 'note', { text: 'kept' });
    const binned = await create(acme, 'note', { text: 'binned' });
    expect(await sg.data(DELETE, { id: binned }, acme.as)).toEqual({ deleteRecord: true });

    expect((await records(acme, 'note')).items.map((r) => r.id)).toEqual([kept]);
    const byId = await sg.graphql('query ($id: ID!) { record(id: $id) { id } }', { id: binned }, { as: acme.as });
    expect(byId.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Nor through a federation reference, as another subgraph would ask for it.
    const caller = { kind: 'user' as const, userId: acme.userId, tenantId: acme.tenantId, scopes: ['*'], principalId: null, clientIp: null };
    const reps = await postGraphQL<{ _entities: unknown[] }>(
      sg.subgraphs.entity!.url,
      ENTITIES,
      { reps: [{ __typename: 'EntityRecord', id: binned }, { __typename: 'EntityRecord', id: kept }] },
      await gatewaySigned(caller),
    );
    expect(reps.data?._entities).toEqual([null, { id: kept }]);
    // Deleting it again: it is not there to delete.
    expect((await sg.graphql(DELETE, { id: binned }, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const bin = await binOf(acme, 'note');
    expect(bin.items.map((r) => r.id)).toEqual([binned]);
    expect(bin.items[0]!.deletedAt).toEqual(expect.any(String));
    // Another tenant's bin does not show it, nor can it restore it.
    expect((await binOf(globex, 'note')).totalCount).toBe(0);
    expect((await sg.graphql(RESTORE, { id: binned }, { as: globex.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const { restoreRecord } = await sg.data<{ restoreRecord: { id: string; deletedAt: string | null; data: object } }>(RESTORE, { id: binned }, acme.as);
    expect(restoreRecord).toEqual({ id: binned, deletedAt: null, data: { text: 'binned' } });
    expect((await records(acme, 'note')).totalCount).toBe(2);
    expect((await binOf(acme, 'note')).totalCount).toBe(0);
    // Restoring a live record: nothing in the bin by that id.
    expect((await sg.graphql(RESTORE, { id: kept }, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('frees unique values while deleted, and refuses a restore whose value was taken meanwhile', async () => {
    await sg.data(
      'mutation ($input: CreateEntityTypeInput!) { createEntityType(input: $input) { id } }',
      { input: { name: 'member', fields: [{ name: 'email', kind: 'EMAIL', unique: true }] } },
      acme.as,
    );
    const first = await create(acme, 'member', { email: 'ada@example.com' });
    await sg.data(DELETE, { id: first }, acme.as);
    // The deleted record no longer holds the address.
    const second = await create(acme, 'member', { email: 'ADA@example.com' });
    const refused = await sg.graphql(RESTORE, { id: first }, { as: acme.as });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'data.email' }] });
    expect((await binOf(acme, 'member')).items.map((r) => r.id)).toEqual([first]);

    await sg.data(DELETE, { id: second }, acme.as);
    expect((await sg.data<{ restoreRecord: { id: string } }>(RESTORE, { id: first }, acme.as)).restoreRecord.id).toBe(first);
  });

  it('announces a delete and a restore as such to subscribers of the type, and audits both', async () => {
    const id = await create(acme, 'task', { title: 'watch me' });
    const client = wsClient(sg.gateway.url, { authorization: `Bearer ${acme.accessToken}` });
    const live = subscribeWs<{ recordChanged: { action: string; id: string; record: { id: string } | null } }>(
      client,
      'subscription { recordChanged(type: "task") { action id record { id } } }',
    );
    try {
      await until(() => openEventStreams() >= 1);
      await sg.data(DELETE, { id }, acme.as);
      await sg.data(RESTORE, { id }, acme.as);
      expect((await live.next()).data?.recordChanged).toEqual({ action: 'DELETED', id, record: null });
      expect((await live.next()).data?.recordChanged).toEqual({ action: 'RESTORED', id, record: { id } });
    } finally {
      live.close();
      await client.dispose();
    }
    const trail = await sg.data<{ entityAuditTrail: { items: { operation: string; changes: { field: string }[] }[] } }>(TRAIL, { id }, acme.as);
    expect(trail.entityAuditTrail.items.map((e) => [e.operation, e.changes.map((c) => c.field)])).toEqual([
      ['UPDATE', ['deletedAt']],
      ['UPDATE', ['deletedAt']],
      ['CREATE', expect.arrayContaining(['type', 'data'])],
    ]);
  });

  it('purges a record from the bin for good, only from the bin', async () => {
    const id = await create(acme, 'draft', { n: 1 });
    expect((await sg.graphql(PURGE, { id }, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await sg.data(DELETE, { id }, acme.as);
    expect(await sg.data(PURGE, { id }, acme.as)).toEqual({ purgeRecord: true });
    expect((await binOf(acme, 'draft')).totalCount).toBe(0);
    expect((await sg.graphql(RESTORE, { id }, { as: acme.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const trail = await sg.data<{ entityAuditTrail: { items: { operation: string }[] } }>(TRAIL, { id }, acme.as);
    expect(trail.entityAuditTrail.items[0]!.operation).toBe('DELETE');
  });

  it('empties every tenant bin of records deleted longer ago than the retention period, as a background job', async () => {
    const acmeOld = await create(acme, 'old', { n: 1 });
    const globexOld = await create(globex, 'old', { n: 2 });
    const live = await create(acme, 'old', { n: 3 });
    await sg.data(DELETE, { id: acmeOld }, acme.as);
    await sg.data(DELETE, { id: globexOld }, globex.as);

    // A retention of 30 days keeps what was deleted just now.
    const keep = await enqueue(purgeBinJob, { tenantId: null, retentionDays: 30 });
    await waitForState(jobBackend().queue(purgeBinJob.queue), keep, 'completed');
    expect((await binOf(acme, 'old')).totalCount).toBe(1);

    // Backdate one tenant's deletion past the retention: only it goes.
    const entity = sg.subgraphs.entity!.orm.em.fork();
    await entity.getConnection().execute(`update "entity"."entity_record" set "deleted_at" = now() - interval '31 days' where "id" = ?`, [acmeOld]);
    const sweep = await enqueue(purgeBinJob, { tenantId: null, retentionDays: 30 });
    const done = await waitForState(jobBackend().queue(purgeBinJob.queue), sweep, 'completed');
    expect(done.progress).toBe(100);
    expect((await binOf(acme, 'old')).totalCount).toBe(0);
    expect((await binOf(globex, 'old')).items.map((r) => r.id)).toEqual([globexOld]);
    expect((await records(acme, 'old')).items.map((r) => r.id)).toEqual([live]);
    const trail = await sg.data<{ entityAuditTrail: { items: { operation: string }[] } }>(TRAIL, { id: acmeOld }, acme.as);
    expect(trail.entityAuditTrail.items[0]!.operation).toBe('DELETE');
  });
});
