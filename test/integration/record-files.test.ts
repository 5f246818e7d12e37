import { parse } from 'csv-parse/sync';
import { createTenantWithUser, throughGateway, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

const CREATE_TYPE = 'mutation ($input: CreateEntityTypeInput!) { createEntityType(input: $input) { id } }';
const CREATE_IMPORT = 'mutation ($type: String!, $format: TransferFormat!) { createRecordImport(type: $type, format: $format) { id status uploadUrl } }';
const IMPORT = 'query ($id: ID!) { recordImport(id: $id) { status processed succeeded failed error errorReportUrl uploadUrl } }';
const EXPORT = 'mutation ($type: String!, $format: TransferFormat!) { exportRecords(type: $type, format: $format) { id status } }';
const EXPORT_STATUS = 'query ($id: ID!) { recordExport(id: $id) { status rows downloadUrl } }';
const RECORDS = 'query ($type: String) { records(type: $type, first: 100) { totalCount items { data } } }';

interface ImportState {
  status: string;
  processed: number;
  succeeded: number;
  failed: number;
  error: string | null;
  errorReportUrl: string | null;
  uploadUrl: string | null;
}

describe('record import and export files through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;

  /** The gateway as clients reach it: signed links are on PUBLIC_URL, which tests point here. */
  const local = (url: string) => throughGateway(sg, url);
  const waitFor = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > end) throw new Error(`not done in time: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const runImport = async (format: string, body: string, type = 'contact') => {
    const { createRecordImport } = await sg.data<{ createRecordImport: { id: string; status: string; uploadUrl: string } }>(CREATE_IMPORT, { type, format }, acme.as);
    expect(createRecordImport.status).toBe('AWAITING_UPLOAD');
    const put = await fetch(local(createRecordImport.uploadUrl), { method: 'PUT', body, headers: { 'content-type': 'text/plain' } });
    expect(put.status).toBe(202);
    return waitFor(
      async () => (await sg.data<{ recordImport: ImportState }>(IMPORT, { id: createRecordImport.id }, acme.as)).recordImport,
      (state) => state.status === 'DONE' || state.status === 'FAILED',
    );
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    const fields = [
      { name: 'name', kind: 'TEXT', required: true },
      { name: 'email', kind: 'EMAIL', unique: true },
      { name: 'age', kind: 'NUMBER', min: 0 },
      { name: 'vip', kind: 'BOOLEAN' },
    ];
    await sg.data(CREATE_TYPE, { input: { name: 'contact', fields } }, acme.as);
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('imports a CSV in the background, typed by the entity type, with a per-row error report', async () => {
    const csv = ['name,email,age,vip', 'Ada,ada@example.com,36,true', 'Bob,not-an-email,40,false', ',nameless@example.com,1,', 'Cy,cy@example.com,-3,', 'Di,ADA@example.com,50,false', 'Ed,ed@example.com,,'].join('\n');
    const state = await runImport('CSV', csv);
    expect(state).toMatchObject({ status: 'DONE', processed: 6, succeeded: 2, failed: 4, error: null, uploadUrl: null });
    const report = await fetch(local(state.errorReportUrl!));
    expect(report.status).toBe(200);
    const rows = parse(await report.text(), { columns: true }) as { row: string; field: string; message: string }[];
    expect(rows.map((r) => [r.row, r.field])).toEqual([
      ['2', 'data.email'],
      ['3', 'data.name'],
      ['4', 'data.age'],
      ['5', 'data.email'],
    ]);
    const { records } = await sg.data<{ records: { totalCount: number; items: { data: object }[] } }>(RECORDS, { type: 'contact' }, acme.as);
    expect(records.items.map((r) => r.data)).toEqual(
      expect.arrayContaining([
        { name: 'Ada', email: 'ada@example.com', age: 36, vip: true },
        { name: 'Ed', email: 'ed@example.com' },
      ]),
    );
    // Another tenant sees neither the records nor the import.
    expect((await sg.data<{ records: { totalCount: number } }>(RECORDS, { type: 'contact' }, globex.as)).records.totalCount).toBe(0);
  });

  it('imports NDJSON and a JSON array, reporting lines that are not JSON', async () => {
    const ndjson = ['{"name":"Fay","email":"fay@example.com"}', 'not json', '', '{"name":"Gus","age":"old"}', '{"name":"Hal"}'].join('\n');
    const state = await runImport('NDJSON', ndjson);
    expect(state).toMatchObject({ status: 'DONE', processed: 4, succeeded: 2, failed: 2 });
    const json = JSON.stringify([{ name: 'Ivy' }, { name: 'Jo', email: 'jo@example.com' }]);
    expect(await runImport('JSON', json)).toMatchObject({ status: 'DONE', processed: 2, succeeded: 2, failed: 0, errorReportUrl: null });
  });

  it('exports the live records as CSV and NDJSON that read back the same', async () => {
    const { records } = await sg.data<{ records: { totalCount: number; items: { data: Record<string, unknown> }[] } }>(RECORDS, { type: 'contact' }, acme.as);
    const exported = async (format: string) => {
      const { exportRecords } = await sg.data<{ exportRecords: { id: string } }>(EXPORT, { type: 'contact', format }, acme.as);
      const done = await waitFor(
        async () => (await sg.data<{ recordExport: { status: string; rows: number; downloadUrl: string | null } }>(EXPORT_STATUS, { id: exportRecords.id }, acme.as)).recordExport,
        (state) => state.status === 'DONE',
      );
      expect(done.rows).toBe(records.totalCount);
      const file = await fetch(local(done.downloadUrl!));
      expect(file.status).toBe(200);
      return { text: await file.text(), url: done.downloadUrl! };
    };
    const csv = await exported('CSV');
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['id', 'name', 'email', 'age', 'vip']);
    expect(rows.map((r) => r.name).sort()).toEqual(records.items.map((r) => r.data.name as string).sort());
    const ndjson = await exported('NDJSON');
    const lines = ndjson.text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map(({ id: _id, ...data }) => data)).toEqual(expect.arrayContaining(records.items.map((r) => r.data)));

    // A link is good for its path and method only: tampered or reused for another file, 403.
    const tampered = new URL(local(csv.url));
    tampered.searchParams.set('signature', 'A'.repeat(43));
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(local(csv.url).replace(/exports\/[^?]+/, 'exports/00000000-0000-7000-8000-000000000000'))).status).toBe(403);
  });
});
