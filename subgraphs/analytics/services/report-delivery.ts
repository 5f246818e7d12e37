import { stringify } from 'csv-stringify/sync';
import type { Caller } from '../../../shared/context/caller.js';
import { builtInTemplateId } from '../../../shared/documents/built-in-template.js';
import { querySubgraph } from '../../../shared/server/subgraph-client.js';
import { ReportFormat, type Report } from '../entities/report.entity.js';
import type { ReportRun } from '../entities/report-run.entity.js';
import type { MetricDefinitionInput } from '../inputs/metric-query.input.js';
import type { MetricPoint } from './metric.service.js';

/** One query's answer in a report. */
export interface ReportSection {
  title: string;
  metric: MetricDefinitionInput;
  points: MetricPoint[];
}

/** The built-in template PDF reports are rendered with, made in each tenant on first use. */
export const REPORT_TEMPLATE_NAME = 'Analytics report (built in)';
const REPORT_TEMPLATE = `<h1>{{name}}</h1>
<p>{{period}}</p>
{{#each sections}}<h2>{{title}}</h2>{{#if rows.length}}<ul>{{#each rows}}<li>{{this}}</li>{{/each}}</ul>{{else}}<p>No data in this period.</p>{{/if}}{{/each}}`;

const day = (date: Date) => date.toISOString().slice(0, 10);
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'report';
const number = (value: number | null) => (value === null ? '' : String(Math.round(value * 1e6) / 1e6));

/** A CSV of every section: one row a point, with the section, bucket, group and value. */
export function reportCsv(sections: ReportSection[]): string {
  const rows = sections.flatMap((s) => s.points.map((p) => [s.title, s.metric.measure, s.metric.granularity, p.bucket.toISOString(), p.group ?? '', number(p.value)]));
  return stringify([['section', 'measure', 'granularity', 'bucket', 'group', 'value'], ...rows]);
}

/** The template's data: each point as one readable line. */
function pdfData(report: Report, run: ReportRun, sections: ReportSection[]) {
  return {
    name: report.name,
    period: `${day(run.periodFrom)} to ${day(run.periodTo)} (UTC, end excluded)`,
    sections: sections.map((s) => ({
      title: s.title,
      rows: s.points.map((p) => `${p.bucket.toISOString().replace('T', ' ').slice(0, 16)}${p.group !== null ? ` · ${p.group}` : ''}: ${number(p.value) || 'no value'}`),
    })),
  };
}

/**
 * Delivers a run as a document of the document subgraph, as the report's owner: a CSV stored at
 * once, or a PDF generated from the built-in template (the document is READY when its
 * generation job is done). Answers the document's id.
 */
export async function deliverReport(caller: Caller, report: Report, run: ReportRun, sections: ReportSection[]): Promise<string> {
  const title = `${report.name} — ${day(run.periodFrom)} to ${day(run.periodTo)}`;
  if (report.format === ReportFormat.CSV) {
    const input = { title, fileName: `${slug(report.name)}-${day(run.periodFrom)}.csv`, contentType: 'text/csv', contentBase64: Buffer.from(reportCsv(sections)).toString('base64') };
    const stored = await querySubgraph<{ storeDocumentFile: { id: string } }>('document', 'mutation ($input: StoreDocumentFileInput!) { storeDocumentFile(input: $input) { id } }', { input }, caller);
    return stored.storeDocumentFile.id;
  }
  const templateId = await builtInTemplateId(caller, REPORT_TEMPLATE_NAME, REPORT_TEMPLATE);
  const generated = await querySubgraph<{ generateDocument: { id: string } }>(
    'document',
    'mutation ($input: GenerateDocumentInput!) { generateDocument(input: $input) { id } }',
    { input: { templateId, title, data: pdfData(report, run, sections) } },
    caller,
  );
  return generated.generateDocument.id;
}
