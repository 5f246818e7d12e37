import { extractText, getDocumentProxy } from 'unpdf';
import { enqueue } from '../../shared/jobs/background-job.js';
import { waitForState } from '../../shared/jobs/job-backend.contract.js';
import { jobBackend } from '../../shared/jobs/job-backend.js';
import { createTenantWithUser, throughGateway, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { scheduleReportsJob } from '../../subgraphs/analytics/jobs/schedule-reports.job.js';

const TRACK = 'mutation ($events: [TrackEventInput!]!) { trackEvents(events: $events) { accepted } }';
const CREATE = 'mutation ($input: CreateReportInput!) { createReport(input: $input) { id nextRunAt } }';
const REPORT = `query ($id: ID!) { report(id: $id) { name nextRunAt owner { email }
  runs { status error periodFrom periodTo parameters document { id title mimeType generationStatus downloadUrl } } } }`;
const RUN = 'mutation ($id: ID!, $range: MetricRangeInput!, $parameters: JSON) { runReport(id: $id, range: $range, parameters: $parameters) { id status } }';

const DAY_MS = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const yesterday = new Date(today.getTime() - DAY_MS);
const at = (hours: number) => new Date(yesterday.getTime() + hours * 3_600_000).toISOString();

interface Run {
  status: string;
  error: string | null;
  periodFrom: string;
  periodTo: string;
  parameters: Record<string, string>;
  document: { id: string; title: string; mimeType: string; generationStatus: string | null; downloadUrl: string | null } | null;
}

describe('analytics reports: CSV and PDF through the document subgraph, on a schedule', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;

  const report = async (id: string, as = acme) => (await sg.data<{ report: { name: string; nextRunAt: string | null; owner: { email: string }; runs: Run[] } }>(REPORT, { id }, as.as)).report;
  const settled = async (id: string, count: number, done: (run: Run) => boolean = (run) => run.status !== 'PENDING') => {
    const end = Date.now() + 20_000;
    for (;;) {
      const { runs } = await report(id);
      if (runs.length >= count && runs.every(done)) return runs;
      if (Date.now() > end) throw new Error(`runs not settled: ${JSON.stringify(runs)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const schedule = async () => {
    const id = await enqueue(scheduleReportsJob, { tenantId: null });
    await waitForState(jobBackend().queue(scheduleReportsJob.queue), id, 'completed');
  };
  const queries = [
    { title: 'Sign-ups by plan', metric: { factType: 'signup', measure: 'COUNT', granularity: 'TOTAL', groupBy: 'plan', filters: [{ property: 'region', equals: '$region' }] } },
    { title: 'Revenue by hour', metric: { factType: 'signup', measure: 'SUM', field: 'amount', granularity: 'HOUR', filters: [{ property: 'region', equals: '$region' }] } },
  ];

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    const events = [
      { id: 's1', name: 'signup', occurredAt: at(1.5), dimensions: { plan: 'pro', region: 'eu' }, measures: { amount: 30 } },
      { id: 's2', name: 'signup', occurredAt: at(1.75), dimensions: { plan: 'free', region: 'eu' }, measures: { amount: 0 } },
      { id: 's3', name: 'signup', occurredAt: at(5), dimensions: { plan: 'pro', region: 'eu' }, measures: { amount: 45.5 } },
      { id: 's4', name: 'signup', occurredAt: at(9), dimensions: { plan: 'pro', region: 'us' }, measures: { amount: 99 } },
      // Today: outside yesterday's period.
      { id: 's5', name: 'signup', occurredAt: new Date(today.getTime() + 60_000).toISOString(), dimensions: { plan: 'pro', region: 'eu' }, measures: { amount: 1000 } },
    ];
    await sg.data(TRACK, { events }, acme.as);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it("delivers a scheduled CSV report for the period that ended, exactly once however often the scheduler runs", async () => {
    const { createReport } = await sg.data<{ createReport: { id: string; nextRunAt: string } }>(
      CREATE,
      { input: { name: 'Daily sign-ups', format: 'CSV', schedule: 'DAILY', queries, parameters: { region: 'eu' }, firstRunAt: today.toISOString() } },
      acme.as,
    );
    expect(createReport.nextRunAt).toBe(today.toISOString());
    await Promise.all([schedule(), schedule()]);
    await schedule();
    const runs = await settled(createReport.id, 1);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run).toMatchObject({ status: 'DELIVERED', error: null, periodFrom: yesterday.toISOString(), periodTo: today.toISOString(), parameters: { region: 'eu' } });
    expect(run!.document).toMatchObject({ mimeType: 'text/csv', title: `Daily sign-ups — ${yesterday.toISOString().slice(0, 10)} to ${today.toISOString().slice(0, 10)}` });
    expect((await report(createReport.id)).nextRunAt).toBe(new Date(today.getTime() + DAY_MS).toISOString());

    const csv = await (await fetch(throughGateway(sg, run!.document!.downloadUrl!))).text();
    expect(csv.trim().split('\n')).toEqual([
      'section,measure,granularity,bucket,group,value',
      `Sign-ups by plan,COUNT,TOTAL,${yesterday.toISOString()},free,1`,
      `Sign-ups by plan,COUNT,TOTAL,${yesterday.toISOString()},pro,2`,
      `Revenue by hour,SUM,HOUR,${at(1)},,30`,
      `Revenue by hour,SUM,HOUR,${at(5)},,45.5`,
    ]);
    // Another tenant sees neither the report nor its document.
    expect((await sg.graphql(REPORT, { id: createReport.id }, { as: globex.as })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('renders a report to PDF on demand with other parameters, and refuses a run missing one', async () => {
    const { createReport } = await sg.data<{ createReport: { id: string; nextRunAt: string | null } }>(CREATE, { input: { name: 'Sign-ups (PDF)', format: 'PDF', queries } }, acme.as);
    expect(createReport.nextRunAt).toBeNull();
    const range = { from: yesterday.toISOString(), to: today.toISOString() };
    const missing = await sg.graphql(RUN, { id: createReport.id, range }, { as: acme.as });
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0]?.message).toBe('parameters without a value: region');

    await sg.data(RUN, { id: createReport.id, range, parameters: { region: 'us' } }, acme.as);
    const [run] = await settled(createReport.id, 1, (r) => r.status !== 'PENDING' && r.document?.generationStatus === 'READY');
    expect(run).toMatchObject({ status: 'DELIVERED', parameters: { region: 'us' }, document: { mimeType: 'application/pdf' } });
    const pdf = Buffer.from(await (await fetch(throughGateway(sg, run!.document!.downloadUrl!))).arrayBuffer());
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain('Sign-ups (PDF)');
    expect(text).toContain('Sign-ups by plan');
    expect(text).toContain('pro: 1');
    expect(text).toContain(`${at(9).replace('T', ' ').slice(0, 16)}: 99`);
  });
});
