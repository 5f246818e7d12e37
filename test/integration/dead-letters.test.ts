import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../shared/events/domain-event.js';
import type { EventJobData } from '../../shared/events/event-consumer.js';
import { OutboxEvent } from '../../shared/events/outbox-event.entity.js';
import { jobBackend } from '../../shared/jobs/job-backend.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type As, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const until = async <T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`condition not met in time; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const QUEUE = 'analytics.facts';
const JOB = 'id queue name data state attemptsMade maxAttempts failedReason stacktrace createdAt finishedAt';
const LIST = `query ($queue: String, $first: Int) { analyticsDeadLetters(queue: $queue, first: $first) { ${JOB} } }`;
const ONE = `query ($queue: String!, $id: ID!) { analyticsDeadLetter(queue: $queue, id: $id) { ${JOB} } }`;
const REPLAY = `mutation ($queue: String!, $id: ID!) { replayAnalyticsDeadLetter(queue: $queue, id: $id) { ${JOB} } }`;

interface FailedJob {
  id: string;
  queue: string;
  name: string;
  data: EventJobData;
  state: string;
  attemptsMade: number;
  maxAttempts: number;
  failedReason: string | null;
  stacktrace: string[];
  createdAt: string;
  finishedAt: string | null;
}

/** An event as the relay would queue it for `tenantId`; `payload` left out makes the consumer throw on every try. */
function invoiceUpdated(tenantId: string, actorId: string, withPayload: boolean): DomainEvent {
  const event = {
    id: randomUUID(),
    type: 'Invoice.updated',
    source: 'finance',
    entityType: 'Invoice',
    entityId: randomUUID(),
    tenantId,
    actorId,
    correlationId: null,
    occurredAt: new Date().toISOString(),
    ...(withPayload && { payload: { auditEntryId: null, changes: [] } }),
  };
  return event as DomainEvent;
}

/**
 * Dead letters of a subgraph's queues, through the gateway: listed, inspected and replayed by
 * the tenant's owner only, never another tenant's, with the replay in the audit trail.
 */
describe('dead letters', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let viewer: As;
  let member: As;
  let jobId: string;
  let firstFailure: FailedJob;
  const queue = () => jobBackend().queue<EventJobData>(QUEUE);
  const code = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;
  const list = (as: As, variables: Record<string, unknown> = {}) =>
    sg.data<{ analyticsDeadLetters: FailedJob[] }>(LIST, variables, as).then((d) => d.analyticsDeadLetters);
  const inspect = (as: As, id: string) => sg.data<{ analyticsDeadLetter: FailedJob }>(ONE, { queue: QUEUE, id }, as).then((d) => d.analyticsDeadLetter);

  async function join(role: string): Promise<As> {
    const { inviteUser } = await sg.data<{ inviteUser: { token: string } }>(
      'mutation ($email: String!, $role: String!) { inviteUser(input: { email: $email, role: $role }) { token } }',
      { email: `${role}-${randomUUID().slice(0, 8)}@example.com`, role },
      acme.as,
    );
    const { acceptInvitation } = await sg.data<{ acceptInvitation: { accessToken: string } }>(
      'mutation ($t: String!) { acceptInvitation(input: { token: $t, password: "a-long-password-1", displayName: "Joiner" }) { accessToken } }',
      { t: inviteUser.token },
    );
    return { token: acceptInvitation.accessToken };
  }

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
    globex = await createTenantWithUser(sg, 'globex');
    viewer = await join('viewer');
    member = await join('member');
    jobId = await queue().add('Invoice.updated', { tenantId: acme.tenantId, event: invoiceUpdated(acme.tenantId, acme.userId, false) }, { attempts: 1 });
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it("lists the tenant's dead letter to its owner, with why it failed", async () => {
    const [job] = await until(() => list(acme.as), (jobs) => jobs.length > 0);
    expect(job).toMatchObject({ id: jobId, queue: QUEUE, name: 'Invoice.updated', state: 'FAILED', attemptsMade: 1, maxAttempts: 1 });
    expect(job.failedReason).toMatch(/reading 'changes'/);
    expect(job.stacktrace).toHaveLength(1);
    expect(job.data).toMatchObject({ tenantId: acme.tenantId, event: { type: 'Invoice.updated', tenantId: acme.tenantId } });
    expect(job.finishedAt).not.toBeNull();
    expect(await list(acme.as)).toEqual([job]);
    expect(await list(acme.as, { queue: QUEUE })).toEqual([job]);
    firstFailure = job;
  });

  it('hides it from another tenant', async () => {
    expect(await list(globex.as)).toEqual([]);
    expect(code(await sg.graphql(ONE, { queue: QUEUE, id: jobId }, { as: globex.as }))).toBe('NOT_FOUND');
    expect(code(await sg.graphql(REPLAY, { queue: QUEUE, id: jobId }, { as: globex.as }))).toBe('NOT_FOUND');
    expect(code(await sg.graphql(ONE, { queue: QUEUE, id: 'no-such-job' }, { as: acme.as }))).toBe('NOT_FOUND');
  });

  it('refuses members and viewers', async () => {
    for (const as of [member, viewer]) {
      expect(code(await sg.graphql(LIST, {}, { as }))).toBe('FORBIDDEN');
      expect(code(await sg.graphql(ONE, { queue: QUEUE, id: jobId }, { as }))).toBe('FORBIDDEN');
      expect(code(await sg.graphql(REPLAY, { queue: QUEUE, id: jobId }, { as }))).toBe('FORBIDDEN');
    }
  });

  it("names the subgraph's queues when asked for another, and every subgraph answers", async () => {
    const unknown = await sg.graphql(LIST, { queue: 'finance.facts' }, { as: acme.as });
    expect(code(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.message).toBe('unknown queue "finance.facts" of the analytics subgraph: its queues are analytics.facts, analytics.rollup, analytics.report, analytics.report-schedule');
    expect(code(await sg.graphql(LIST, { first: 0 }, { as: acme.as }))).toBe('BAD_USER_INPUT');

    const finance = await sg.data<{ financeDeadLetters: FailedJob[] }>('{ financeDeadLetters { id } }', {}, acme.as);
    expect(finance.financeDeadLetters).toEqual([]);
    const elsewhere = await sg.graphql('{ financeDeadLetters(queue: "analytics.facts") { id } }', {}, { as: acme.as });
    expect(elsewhere.errors?.[0]?.message).toBe('unknown queue "analytics.facts" of the finance subgraph: its queues are finance.billing-run');
    const identity = await sg.graphql('{ identityDeadLetters(queue: "analytics.facts") { id } }', {}, { as: acme.as });
    expect(identity.errors?.[0]?.message).toBe('unknown queue "analytics.facts" of the identity subgraph: it has no queues');
  });

  it('inspects one', async () => {
    expect(await inspect(acme.as, jobId)).toEqual(firstFailure);
  });

  it('replays it with fresh attempts, audited, and it is dead-lettered again', async () => {
    const { replayAnalyticsDeadLetter: replayed } = await sg.data<{ replayAnalyticsDeadLetter: FailedJob }>(REPLAY, { queue: QUEUE, id: jobId }, acme.as);
    expect(replayed).toMatchObject({ id: jobId, state: 'WAITING', attemptsMade: 0, maxAttempts: 1, failedReason: null, finishedAt: null });

    // The event still has no payload: the one fresh try fails the same way.
    const again = await until(() => inspect(acme.as, jobId), (job) => job.state === 'FAILED' && job.stacktrace.length === 2);
    expect(again).toMatchObject({ attemptsMade: 1, maxAttempts: 1, failedReason: firstFailure.failedReason });
    expect(Date.parse(again.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(firstFailure.finishedAt!));
    expect((await list(acme.as)).map((job) => job.id)).toEqual([jobId]);

    const { analyticsAuditTrail } = await sg.data<{
      analyticsAuditTrail: { items: { id: string; entityId: string; operation: string; actorId: string; changes: unknown[] }[] };
    }>('{ analyticsAuditTrail(filter: { entityType: "Job" }) { items { id entityId operation actorId changes { field oldValue newValue } } } }', {}, acme.as);
    expect(analyticsAuditTrail.items).toEqual([
      {
        id: expect.any(String),
        entityId: `${QUEUE}:${jobId}`,
        operation: 'UPDATE',
        actorId: acme.userId,
        changes: [
          { field: 'state', oldValue: 'failed', newValue: 'waiting' },
          { field: 'attemptsMade', oldValue: 1, newValue: 0 },
        ],
      },
    ]);
    const events = await sg.subgraphs.analytics.orm.em.fork().find(OutboxEvent, { entityType: 'Job' });
    expect(events).toEqual([
      expect.objectContaining({ type: 'Job.updated', tenantId: acme.tenantId, actorId: acme.userId, payload: expect.objectContaining({ auditEntryId: analyticsAuditTrail.items[0].id }) }),
    ]);
  });

  it('refuses to replay a job that is not dead-lettered', async () => {
    const fine = await queue().add('Invoice.updated', { tenantId: acme.tenantId, event: invoiceUpdated(acme.tenantId, acme.userId, true) }, { attempts: 1 });
    await until(() => queue().getJob(fine), (job) => job?.state === 'completed');
    expect((await inspect(acme.as, fine)).state).toBe('COMPLETED');
    const res = await sg.graphql(REPLAY, { queue: QUEUE, id: fine }, { as: acme.as });
    expect(code(res)).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toBe(`job ${fine} of queue ${QUEUE} is completed, not dead-lettered`);
  });
});
