import { registry } from '../../shared/telemetry/metrics.js';
import { eventually } from '../../shared/testing/eventually.js';
import { createTenantWithUser } from '../../shared/testing/fixtures.js';
import { metricValue } from '../../shared/testing/metrics-text.js';
import { startTestSupergraph } from '../../shared/testing/test-supergraph.js';

/**
 * A process running every subgraph (`npm start`, the tests) stopping while events are being
 * consumed: the running jobs finish before any subgraph stops. Search indexing reads each new
 * record from the entity subgraph; stopped first, the entity subgraph failed those jobs.
 */
describe('stopping a supergraph in one process', () => {
  it('lets the running jobs finish while every subgraph still answers them', async () => {
    const indexJobs = async (outcome: 'completed' | 'failed') => metricValue(await registry.metrics(), 'jobs_total', { queue: 'search.index', outcome });
    const before = { failed: await indexJobs('failed'), completed: await indexJobs('completed') };
    const sg = await startTestSupergraph();
    const acme = await createTenantWithUser(sg, 'acme');
    const rows = Array.from({ length: 200 }, (_, i) => ({ name: `Contact ${i}` }));
    const created = await sg.data<{ bulkCreateRecords: { succeeded: number } }>(
      'mutation ($rows: [JSON!]!) { bulkCreateRecords(type: "contact", rows: $rows) { succeeded } }',
      { rows },
      acme.as,
    );
    expect(created.bulkCreateRecords.succeeded).toBe(200);
    // Stop once the records' events are being indexed, with most of them still to go.
    await eventually(async () => (await indexJobs('completed')) > before.completed);
    await sg.stop();
    expect(await indexJobs('completed')).toBeLessThan(before.completed + 200);
    expect(await indexJobs('failed')).toBe(before.failed);
  });
});
