import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../../../shared/context/caller.js';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, NotFoundError } from '../../../shared/errors/errors.js';
import { enqueue, forTenant } from '../../../shared/jobs/background-job.js';
import type { Logger } from '../../../shared/logger/logger.js';
import { Report, ReportSchedule, type ReportQuery } from '../entities/report.entity.js';
import { ReportRun, ReportRunStatus } from '../entities/report-run.entity.js';
import type { CreateReportInput } from '../inputs/report.input.js';
import { runReportJob } from '../jobs/run-report.job.js';
import type { AnalyticsLoaders } from '../loaders/analytics.loaders.js';
import { metricValues } from './metric.service.js';
import { deliverReport, type ReportSection } from './report-delivery.js';
import { nextPeriodEnd, periodEndAfter, periodEndingAt } from './report-period.js';

type Ctx = RequestContext<AnalyticsLoaders>;

/** Scheduled periods one scheduler pass catches up for a report that was not run for a while. */
const MAX_CATCH_UP = 31;

/** The `$name` parameters the report's filters read, and those a set of values lacks. */
function missingParameters(queries: ReportQuery[], values: Record<string, string>): string[] {
  const wanted = queries.flatMap((q) => (q.metric.filters ?? []).map((f) => f.equals)).filter((v) => v.startsWith('$'));
  return [...new Set(wanted.map((v) => v.slice(1)).filter((name) => values[name] === undefined))];
}

export async function createReport(ctx: Ctx, input: CreateReportInput): Promise<Report> {
  const tenantId = requireTenant(ctx);
  const ownerId = ctx.caller.userId;
  if (!ownerId) throw new BadUserInputError('a report needs a signed-in user as its owner (it delivers documents as them)', [{ field: 'caller', message: 'must be a user' }]);
  const queries: ReportQuery[] = JSON.parse(JSON.stringify(input.queries)) as ReportQuery[];
  const parameters = input.parameters ?? {};
  const nextRunAt = input.schedule === ReportSchedule.NONE ? null : (input.firstRunAt ?? periodEndAfter(input.schedule, new Date()));
  const report = ctx.em.create(Report, { tenantId, name: input.name.trim(), format: input.format, schedule: input.schedule, queries, parameters, nextRunAt, ownerId });
  await ctx.em.flush();
  return report;
}

export function listReports(ctx: Ctx): Promise<Report[]> {
  requireTenant(ctx);
  return ctx.em.find(Report, {}, { orderBy: { name: 'asc', id: 'asc' } });
}

export async function getReport(ctx: Ctx, id: string): Promise<Report> {
  requireTenant(ctx);
  const report = await ctx.em.findOne(Report, id);
  if (!report) throw new NotFoundError('Report', id);
  return report;
}

export async function deleteReport(ctx: Ctx, id: string): Promise<boolean> {
  ctx.em.remove(await getReport(ctx, id));
  await ctx.em.flush();
  return true;
}

/** A report's latest 100 runs, newest period first (batched across reports by the loader). */
export async function runsOf(ctx: Ctx, reportId: string): Promise<ReportRun[]> {
  return (await ctx.loaders.runsByReport.load(reportId)).slice(0, 100);
}

/** Queues a run of the report over `range` now, with parameters over the report's own. */
export async function runReport(ctx: Ctx, id: string, range: { from: Date; to: Date }, parameters: Record<string, string> = {}): Promise<ReportRun> {
  const report = await getReport(ctx, id);
  const values = { ...report.parameters, ...parameters };
  const missing = missingParameters(report.queries, values);
  if (missing.length) throw new BadUserInputError(`parameters without a value: ${missing.join(', ')}`, missing.map((name) => ({ field: `parameters.${name}`, message: 'has no value' })));
  const run = ctx.em.create(ReportRun, { tenantId: report.tenantId, reportId: id, runKey: randomUUID(), periodFrom: range.from, periodTo: range.to, parameters: values });
  await ctx.em.flush();
  await enqueue(runReportJob, { tenantId: report.tenantId, runId: run.id });
  return run;
}

/**
 * Creates the runs of every period that has ended for each scheduled report, across tenants:
 * each report is handled in its own transaction with its row locked, and a period's run has a
 * unique key, so a period is reported once however many schedulers run at once or how often.
 * Answers the runs queued.
 */
export async function scheduleDueReports(orm: MikroORM, now: Date, log: Logger): Promise<number> {
  const due = await orm.em.fork().find(Report, { nextRunAt: { $lte: now }, schedule: { $ne: ReportSchedule.NONE } }, { filters: false, fields: ['id', 'tenantId'] });
  let queued = 0;
  for (const { id, tenantId } of due) {
    const em = forTenant(orm, tenantId);
    const created = await em.transactional(async (tx) => {
      const report = await tx.findOne(Report, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!report?.nextRunAt || report.nextRunAt > now || report.schedule === ReportSchedule.NONE) return [];
      const schedule = report.schedule;
      const runs: ReportRun[] = [];
      let end = report.nextRunAt;
      for (let i = 0; i < MAX_CATCH_UP && end <= now; i += 1) {
        const { from, to } = periodEndingAt(schedule, end);
        const runKey = `scheduled:${from.toISOString()}`;
        if (!(await tx.count(ReportRun, { reportId: id, runKey }))) {
          runs.push(tx.create(ReportRun, { tenantId, reportId: id, runKey, periodFrom: from, periodTo: to, parameters: report.parameters }));
        }
        end = nextPeriodEnd(schedule, end);
      }
      // Periods missed beyond the catch-up are skipped: the next run is the next period to end.
      report.nextRunAt = end <= now ? periodEndAfter(schedule, now) : end;
      return runs;
    });
    for (const run of created) await enqueue(runReportJob, { tenantId, runId: run.id });
    queued += created.length;
  }
  if (queued) log.info({ queued }, 'scheduled report runs queued');
  return queued;
}

/** Substitutes `$name` filter values with the run's parameters. */
function withParameters(query: ReportQuery, parameters: Record<string, string>): ReportQuery {
  const filters = (query.metric.filters ?? []).map((f) => ({ ...f, equals: f.equals.startsWith('$') ? (parameters[f.equals.slice(1)] ?? f.equals) : f.equals }));
  return { ...query, metric: { ...query.metric, filters } };
}

/**
 * Computes a run's metrics as its report's tenant and delivers them as a document of the document
 * subgraph, owned by the report's owner. Idempotent on redelivery: a delivered run is left as is.
 */
export async function executeRun(em: EntityManager, runId: string, log: Logger): Promise<ReportRunStatus> {
  const run = await em.findOneOrFail(ReportRun, runId);
  if (run.status !== ReportRunStatus.PENDING) return run.status;
  const report = await em.findOne(Report, run.reportId);
  if (!report) {
    Object.assign(run, { status: ReportRunStatus.FAILED, error: 'the report was deleted' });
    await em.flush();
    return run.status;
  }
  const caller: Caller = {
    kind: 'user',
    userId: report.ownerId,
    tenantId: report.tenantId,
    // Only what delivery needs, whatever the owner may do otherwise.
    scopes: ['analytics:event:read', 'document:document:read', 'document:document:write', 'document:template:read', 'document:template:write'],
    principalId: null,
    clientIp: null,
  };
  const ctx = { em, caller, requestId: `report-run-${run.id}`, log, loaders: {} } as RequestContext;
  try {
    const sections: ReportSection[] = [];
    for (const query of report.queries.map((q) => withParameters(q, run.parameters))) {
      sections.push({ title: query.title, metric: query.metric, points: await metricValues(ctx, query.metric, { from: run.periodFrom, to: run.periodTo }) });
    }
    run.documentId = await deliverReport(caller, report, run, sections);
    run.status = ReportRunStatus.DELIVERED;
  } catch (error) {
    // A refused metric or a document that could not be made fails this run, visibly; others go on.
    run.status = ReportRunStatus.FAILED;
    run.error = (error as Error).message;
    log.warn({ runId, err: error }, 'report run failed');
  }
  await em.flush();
  return run.status;
}
