import { Args, Authorized, Ctx, Field, FieldResolver, Float, GraphQLISODateTime, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import type { RequestContext } from '../../../shared/context/context.js';
import { AgeingArgs, ReportPeriodArgs, RevenueReportArgs } from '../inputs/report.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import * as reports from '../services/finance-report.service.js';

type Ctx = RequestContext<FinanceLoaders>;

@ObjectType({ description: 'Net revenue of one period (and product) in one currency, minor units' })
export class RevenueRow implements reports.RevenueRow {
  @Field(() => GraphQLISODateTime)
  periodStart!: Date;

  @Field(() => String)
  currency!: string;

  @Field(() => ID, { nullable: true, description: 'Null: lines not priced from a product, and credit notes' })
  productId!: string | null;

  @Field(() => String, { nullable: true })
  productName!: string | null;

  @Field(() => Int)
  invoices!: number;

  @Field(() => GraphQLSafeInt, { description: 'Net (tax excluded, after discounts) of invoice lines issued in the period' })
  invoicedNetMinor!: number;

  @Field(() => GraphQLSafeInt, { description: 'Net of credit notes made in the period' })
  creditedNetMinor!: number;

  @Field(() => GraphQLSafeInt)
  netRevenueMinor!: number;

  @Field(() => GraphQLSafeInt, { description: 'Tax invoiced less tax credited' })
  taxMinor!: number;
}

@ObjectType({ description: 'What one customer owes in one currency, by days past due' })
export class AgeingRow implements reports.AgeingRow {
  @Field(() => ID, { nullable: true })
  customerId!: string | null;

  @Field(() => String)
  customerName!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => GraphQLSafeInt, { description: 'Not yet due' })
  currentMinor!: number;

  @Field(() => GraphQLSafeInt)
  days1To30Minor!: number;

  @Field(() => GraphQLSafeInt)
  days31To60Minor!: number;

  @Field(() => GraphQLSafeInt)
  days61To90Minor!: number;

  @Field(() => GraphQLSafeInt)
  over90Minor!: number;

  @Field(() => GraphQLSafeInt)
  totalMinor!: number;
}

@ObjectType({ description: 'Tax of one rate of one jurisdiction in one currency over a period' })
export class TaxRow implements reports.TaxRow {
  @Field(() => String)
  jurisdiction!: string;

  @Field(() => String)
  rateName!: string;

  @Field(() => Int, { description: 'Parts per million' })
  ratePpm!: number;

  @Field(() => String)
  currency!: string;

  @Field(() => GraphQLSafeInt, { description: 'Taxable amount of the invoices' })
  taxableMinor!: number;

  @Field(() => GraphQLSafeInt)
  invoicedTaxMinor!: number;

  @Field(() => GraphQLSafeInt, { description: 'Tax of credit notes, spread over the credited invoice’s rates' })
  creditedTaxMinor!: number;

  @Field(() => GraphQLSafeInt, { description: 'Collected: invoiced less credited' })
  taxMinor!: number;
}

@ObjectType({ description: 'Recurring revenue and churn of subscriptions in one currency' })
export class SubscriptionMetricsRow implements reports.SubscriptionMetricsRow {
  @Field(() => String)
  currency!: string;

  @Field(() => Int, { description: 'ACTIVE or PAST_DUE now' })
  activeSubscriptions!: number;

  @Field(() => GraphQLSafeInt, { description: 'Monthly recurring revenue now: licensed prices of active subscriptions per month' })
  mrrMinor!: number;

  @Field(() => GraphQLSafeInt, { description: '12 × MRR' })
  arrMinor!: number;

  @Field(() => Int, { description: 'Running when the period began' })
  subscriptionsAtStart!: number;

  @Field(() => Int, { description: 'Started in the period' })
  newSubscriptions!: number;

  @Field(() => Int, { description: 'Ended in the period' })
  churnedSubscriptions!: number;

  @Field(() => Float, { description: 'churned ÷ (running at the start + started)' })
  churnRate!: number;
}

@ObjectType()
export class SubscriptionMetrics {
  @Field(() => [SubscriptionMetricsRow])
  rows!: SubscriptionMetricsRow[];
}

@ObjectType()
export class RevenueReport {
  @Field(() => [RevenueRow])
  rows!: RevenueRow[];
}

@ObjectType()
export class ReceivablesAgeing {
  @Field(() => GraphQLISODateTime)
  asOf!: Date;

  @Field(() => [AgeingRow])
  rows!: AgeingRow[];
}

@ObjectType()
export class TaxReport {
  @Field(() => [TaxRow])
  rows!: TaxRow[];
}

const CSV = { description: 'The rows as CSV: a header of the field names, times in ISO 8601, amounts in minor units' };

@Resolver()
export class FinanceReportResolver {
  @Authorized('finance:report:read')
  @Query(() => RevenueReport, { description: 'Net revenue by period (and product), per currency: invoices issued, less credit notes' })
  async revenueReport(@Ctx() ctx: Ctx, @Args(() => RevenueReportArgs) args: RevenueReportArgs): Promise<RevenueReport> {
    return { rows: await reports.revenueReport(ctx, args) };
  }

  @Authorized('finance:report:read')
  @Query(() => ReceivablesAgeing, { description: 'Accounts receivable by customer and days past due' })
  async receivablesAgeing(@Ctx() ctx: Ctx, @Args(() => AgeingArgs) args: AgeingArgs): Promise<ReceivablesAgeing> {
    const asOf = args.asOf ?? new Date();
    return { asOf, rows: await reports.receivablesAgeing(ctx, { asOf }) };
  }

  @Authorized('finance:report:read')
  @Query(() => SubscriptionMetrics, { description: 'MRR and ARR now, and subscriptions started and churned over a period' })
  async subscriptionMetrics(@Ctx() ctx: Ctx, @Args(() => ReportPeriodArgs) args: ReportPeriodArgs): Promise<SubscriptionMetrics> {
    return { rows: await reports.subscriptionMetrics(ctx, args) };
  }

  @Authorized('finance:report:read')
  @Query(() => TaxReport, { description: 'Tax collected by jurisdiction and rate over a period' })
  async taxReport(@Ctx() ctx: Ctx, @Args(() => ReportPeriodArgs) args: ReportPeriodArgs): Promise<TaxReport> {
    return { rows: await reports.taxReport(ctx, args) };
  }
}

@Resolver(() => RevenueReport)
export class RevenueReportCsvResolver {
  @FieldResolver(() => String, CSV)
  csv(@Root() report: RevenueReport): string {
    return reports.toCsv(report.rows, ['periodStart', 'currency', 'productId', 'productName', 'invoices', 'invoicedNetMinor', 'creditedNetMinor', 'netRevenueMinor', 'taxMinor']);
  }
}

@Resolver(() => ReceivablesAgeing)
export class AgeingCsvResolver {
  @FieldResolver(() => String, CSV)
  csv(@Root() report: ReceivablesAgeing): string {
    return reports.toCsv(report.rows, ['customerId', 'customerName', 'currency', 'currentMinor', 'days1To30Minor', 'days31To60Minor', 'days61To90Minor', 'over90Minor', 'totalMinor']);
  }
}

@Resolver(() => TaxReport)
export class TaxReportCsvResolver {
  @FieldResolver(() => String, CSV)
  csv(@Root() report: TaxReport): string {
    return reports.toCsv(report.rows, ['jurisdiction', 'rateName', 'ratePpm', 'currency', 'taxableMinor', 'invoicedTaxMinor', 'creditedTaxMinor', 'taxMinor']);
  }
}

@Resolver(() => SubscriptionMetrics)
export class SubscriptionMetricsCsvResolver {
  @FieldResolver(() => String, CSV)
  csv(@Root() report: SubscriptionMetrics): string {
    return reports.toCsv(report.rows, ['currency', 'activeSubscriptions', 'mrrMinor', 'arrMinor', 'subscriptionsAtStart', 'newSubscriptions', 'churnedSubscriptions', 'churnRate']);
  }
}
