import { randomUUID } from 'node:crypto';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const INDEX = `mutation ($input: IndexEntryInput!) { indexEntry(input: $input) { id title } }`;
const SEARCH = `query ($q: String!) { search(query: $q) { totalCount items { rank snippet entry { title kind refId } } } }`;

describe('search and analytics subgraphs through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
    globex = await createTenantWithUser(sg, 'globex');
  });

  afterAll(async () => {
    await sg?.stop();
  });

  describe('search', () => {
    beforeAll(async () => {
      const entries = [
        { kind: 'document', refId: randomUUID(), title: 'Master services agreement', body: 'Payment terms are thirty days net' },
        { kind: 'invoice', refId: randomUUID(), title: 'Invoice for consulting', body: 'Consulting services rendered in March' },
        { kind: 'record', refId: randomUUID(), title: 'Ada Lovelace', body: 'Contact in London, prefers email' },
      ];
      for (const input of entries) await sg.data(INDEX, { input }, acme.as);
      await sg.data(INDEX, { input: { kind: 'document', refId: randomUUID(), title: 'Globex services plan', body: 'secret' } }, globex.as);
    });

    type Results = { search: { totalCount: number; items: { rank: number; snippet: string; entry: { title: string } }[] } };
    const titles = (r: Results) => r.search.items.map((i) => i.entry.title);

    it('finds by words, phrases, OR and exclusion, within the tenant only', async () => {
      expect(titles(await sg.data<Results>(SEARCH, { q: 'services' }, acme.as)).sort()).toEqual([
        'Invoice for consulting',
        'Master services agreement',
      ]);
      expect(titles(await sg.data<Results>(SEARCH, { q: '"payment terms"' }, acme.as))).toEqual(['Master services agreement']);
      expect(titles(await sg.data<Results>(SEARCH, { q: 'london or march' }, acme.as)).sort()).toEqual([
        'Ada Lovelace',
        'Invoice for consulting',
      ]);
      expect(titles(await sg.data<Results>(SEARCH, { q: 'services -consulting' }, acme.as))).toEqual(['Master services agreement']);
      expect(titles(await sg.data<Results>(SEARCH, { q: 'services' }, globex.as))).toEqual(['Globex services plan']);
    });

    it('returns a rank and a highlighted snippet', async () => {
      const result = await sg.data<Results>(SEARCH, { q: 'payment' }, acme.as);
      expect(result.search.items[0].rank).toBeGreaterThan(0);
      expect(result.search.items[0].snippet).toMatch(/\*\*Payment\*\*/);
    });

    it('updates an entry in place when the same thing is indexed again', async () => {
      const refId = randomUUID();
      await sg.data(INDEX, { input: { kind: 'document', refId, title: 'Old title', body: 'zebra' } }, acme.as);
      await sg.data(INDEX, { input: { kind: 'document', refId, title: 'New title', body: 'zebra' } }, acme.as);
      expect(titles(await sg.data<Results>(SEARCH, { q: 'zebra' }, acme.as))).toEqual(['New title']);
    });
  });

  describe('analytics', () => {
    const TRACK = `mutation ($input: TrackEventInput!) { trackEvent(input: $input) { id name actor { email } } }`;

    it('tracks events and counts them per hour and per day', async () => {
      const times = ['2026-03-01T10:05:00Z', '2026-03-01T10:45:00Z', '2026-03-01T11:10:00Z', '2026-03-02T09:00:00Z'];
      for (const occurredAt of times) {
        const { trackEvent } = await sg.data<{ trackEvent: { name: string; actor: { email: string } } }>(
          TRACK,
          { input: { name: 'invoice.viewed', occurredAt, properties: { source: 'test' } } },
          acme.as,
        );
        expect(trackEvent).toMatchObject({ name: 'invoice.viewed', actor: { email: acme.email } });
      }
      await sg.data(TRACK, { input: { name: 'invoice.viewed', occurredAt: '2026-03-01T10:30:00Z' } }, globex.as);

      const COUNTS = `query ($g: TimeGranularity!) {
        eventCounts(name: "invoice.viewed", from: "2026-03-01T00:00:00Z", to: "2026-03-03T00:00:00Z", granularity: $g) { bucket count }
      }`;
      const hourly = await sg.data<{ eventCounts: { bucket: string; count: number }[] }>(COUNTS, { g: 'HOUR' }, acme.as);
      expect(hourly.eventCounts).toEqual([
        { bucket: '2026-03-01T10:00:00.000Z', count: 2 },
        { bucket: '2026-03-01T11:00:00.000Z', count: 1 },
        { bucket: '2026-03-02T09:00:00.000Z', count: 1 },
      ]);
      const daily = await sg.data<{ eventCounts: { bucket: string; count: number }[] }>(COUNTS, { g: 'DAY' }, acme.as);
      expect(daily.eventCounts).toEqual([
        { bucket: '2026-03-01T00:00:00.000Z', count: 3 },
        { bucket: '2026-03-02T00:00:00.000Z', count: 1 },
      ]);
    });

    it('refuses a reversed time range, naming the field', async () => {
      const res = await sg.graphql(
        '{ eventCounts(name: "x", from: "2026-03-02T00:00:00Z", to: "2026-03-01T00:00:00Z") { count } }',
        {},
        { as: acme.as },
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain('from');
    });

    it('audits each tracking of facts as a FactBatch', async () => {
      const { analyticsAuditTrail } = await sg.data<{ analyticsAuditTrail: { totalCount: number; items: { entityType: string }[] } }>(
        // The user's own: facts the analytics consumer derives from other subgraphs' events have no actor.
        'query ($actor: ID!) { analyticsAuditTrail(filter: { entityType: "FactBatch", actorId: $actor }) { totalCount items { entityType } } }',
        { actor: acme.userId },
        acme.as,
      );
      expect(analyticsAuditTrail.totalCount).toBe(4);
    });
  });
});
