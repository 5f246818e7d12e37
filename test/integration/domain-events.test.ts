import { OutboxEvent } from '../../shared/events/outbox-event.entity.js';
import { OutboxRelay, toDomainEvent } from '../../shared/events/outbox-relay.js';
import { createEventSink } from '../../shared/events/event-sink.js';
import type { EventJobData } from '../../shared/events/event-consumer.js';
import { jobBackend } from '../../shared/jobs/job-backend.js';
import { serviceLogger } from '../../shared/logger/logger.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { Document } from '../../subgraphs/document/entities/document.entity.js';
import { allEventConsumers } from '../../subgraphs/index.js';

const until = async <T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`condition not met in time; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * The transactional outbox and its consumers: an event exists exactly when its change
 * committed, survives the process dying before it was relayed, and is handled once.
 */
describe('domain events', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  /** Stands in for the document subgraph's relay once a test has "killed" it. */
  let replacementRelay: OutboxRelay | undefined;
  const facts = (name: string) =>
    sg.data<{ events: { totalCount: number } }>('query ($n: String) { events(name: $n) { totalCount } }', { n: name }, acme.as).then((d) => d.events.totalCount);
  const outbox = (entityId: string) => sg.subgraphs.document.orm.em.fork().find(OutboxEvent, { entityId });

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
  });

  afterAll(async () => {
    await replacementRelay?.stop();
    await sg?.stop();
  });

  it('writes one event per committed change, relays it, and turns it into an analytics fact', async () => {
    const { createDocument } = await sg.data<{ createDocument: { id: string } }>(
      'mutation { createDocument(input: { title: "Plan", content: "x" }) { id } }',
      {},
      acme.as,
    );
    const [event] = await until(() => outbox(createDocument.id), (rows) => rows.length === 1 && rows[0].publishedAt !== null);
    expect(event).toMatchObject({ type: 'Document.created', tenantId: acme.tenantId, actorId: acme.userId });
    expect(event.correlationId).toBeTruthy();
    expect(event.payload.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['title', 'content']));
    expect(await until(() => facts('document.created'), (n) => n === 1)).toBe(1);
  });

  it('writes no event for a change that rolls back', async () => {
    const em = sg.subgraphs.document.orm.em.fork();
    const id = await em
      .transactional(async (tx) => {
        const doc = tx.create(Document, { tenantId: acme.tenantId, title: 'Doomed', content: 'x', mimeType: 'text/plain', ownerId: acme.userId });
        await tx.flush();
        throw Object.assign(new Error('rolled back on purpose'), { id: doc.id });
      })
      .catch((err: Error & { id: string }) => err.id);
    expect(await outbox(id)).toHaveLength(0);
  });

  it('relays events committed while no relay ran (the process died after commit)', async () => {
    const { orm } = sg.subgraphs.document;
    await sg.subgraphs.document.relay.stop();
    const em = orm.em.fork();
    const doc = em.create(Document, { tenantId: acme.tenantId, title: 'Orphan', content: 'x', mimeType: 'text/plain', ownerId: acme.userId });
    await em.flush();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await outbox(doc.id)).map((row) => row.publishedAt)).toEqual([null]);

    // A new process's relay finds it on start.
    replacementRelay = new OutboxRelay(orm, 'document', createEventSink(allEventConsumers(), jobBackend()), serviceLogger('document'), { pollMs: 100 });
    replacementRelay.start();
    await until(() => outbox(doc.id), (rows) => rows[0]?.publishedAt !== null);
    expect(await until(() => facts('document.created'), (n) => n === 2)).toBe(2);
  });

  it('has no second effect when an event is delivered again', async () => {
    const { createDocument } = await sg.data<{ createDocument: { id: string } }>(
      'mutation { createDocument(input: { title: "Twice", content: "x" }) { id } }',
      {},
      acme.as,
    );
    const [row] = await until(() => outbox(createDocument.id), (rows) => rows[0]?.publishedAt !== null);
    const before = await until(() => facts('document.created'), (n) => n === 3);
    // Redeliver under a new job id, as a relay that crashed before stamping the row would.
    const queue = jobBackend().queue<EventJobData>('analytics.facts');
    const jobId = await queue.add('Document.created', { tenantId: acme.tenantId, event: toDomainEvent(row, 'document') }, { jobId: `again-${row.id}` });
    await until(() => queue.getJob(jobId), (job) => job?.state === 'completed');
    expect(await facts('document.created')).toBe(before);
  });
});
