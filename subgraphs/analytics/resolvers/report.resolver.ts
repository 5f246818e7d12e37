import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { DocumentReference, documentReference, UserReference, userReference } from '../../../shared/graphql/references.js';
import { Report } from '../entities/report.entity.js';
import { ReportRun } from '../entities/report-run.entity.js';
import { MetricRangeInput } from '../inputs/metric-query.input.js';
import { CreateReportInput, runParameters } from '../inputs/report.input.js';
import type { AnalyticsLoaders } from '../loaders/analytics.loaders.js';
import * as reports from '../services/report.service.js';
import { BadUserInputError } from '../../../shared/errors/errors.js';

type Ctx = RequestContext<AnalyticsLoaders>;

@Resolver(() => Report)
export class ReportResolver {
  @Authorized('analytics:report:read')
  @Query(() => [Report], { description: "The caller tenant's reports, by name" })
  reports(@Ctx() ctx: Ctx): Promise<Report[]> {
    return reports.listReports(ctx);
  }

  @Authorized('analytics:report:read')
  @Query(() => Report)
  report(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Report> {
    return reports.getReport(ctx, id);
  }

  @Authorized('analytics:report:write')
  @Mutation(() => Report, { description: 'A report: metric queries delivered as a CSV or PDF document, now or on a schedule' })
  createReport(@Ctx() ctx: Ctx, @Arg('input', () => CreateReportInput) input: CreateReportInput): Promise<Report> {
    return reports.createReport(ctx, input);
  }

  @Authorized('analytics:report:write')
  @Mutation(() => Boolean)
  deleteReport(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<boolean> {
    return reports.deleteReport(ctx, id);
  }

  @Authorized('analytics:report:write')
  @Mutation(() => ReportRun, { description: "Runs a report over a range now, in the background; its document appears on the run when delivered" })
  runReport(
    @Ctx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('range', () => MetricRangeInput) range: MetricRangeInput,
    @Arg('parameters', () => GraphQLJSON, { nullable: true, description: "Values for $name filter values, over the report's" }) parameters?: Record<string, string> | null,
  ): Promise<ReportRun> {
    const checked = runParameters.nullish().safeParse(parameters);
    if (!checked.success) throw new BadUserInputError(`parameters: ${checked.error.issues[0]!.message}`, [{ field: 'parameters', message: checked.error.issues[0]!.message }]);
    return reports.runReport(ctx, id, range, checked.data ?? {});
  }

  @FieldResolver(() => [ReportRun], { description: 'Its latest 100 runs, newest period first' })
  runs(@Root() report: Report, @Ctx() ctx: Ctx): Promise<ReportRun[]> {
    return reports.runsOf(ctx, report.id);
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'Its owner: runs deliver documents as them' })
  owner(@Root() report: Report): UserReference | null {
    return userReference(report.ownerId);
  }
}

@Resolver(() => ReportRun)
export class ReportRunResolver {
  @FieldResolver(() => DocumentReference, { nullable: true, description: 'The document delivered, resolved by the document subgraph' })
  document(@Root() run: ReportRun): DocumentReference | null {
    return documentReference(run.documentId);
  }
}
