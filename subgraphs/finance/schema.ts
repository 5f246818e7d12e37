import type { GraphQLSchema } from 'graphql';
import { createAuditTrailResolver } from '../../shared/audit/audit-trail.resolver.js';
import { buildFederatedSchema } from '../../shared/graphql/build-subgraph-schema.js';
import { createDeadLetterResolver } from '../../shared/jobs/dead-letter.resolver.js';
import { CatalogResolver } from './resolvers/catalog.resolver.js';
import { CustomerResolver } from './resolvers/customer.resolver.js';
import { financeReferences } from './resolvers/finance.references.js';
import { InvoiceResolver } from './resolvers/invoice.resolver.js';
import { InvoiceChangesResolver } from './resolvers/invoice-changes.resolver.js';
import { AgeingCsvResolver, FinanceReportResolver, RevenueReportCsvResolver, SubscriptionMetricsCsvResolver, TaxReportCsvResolver } from './resolvers/finance-report.resolver.js';
import { InvoiceDocumentResolver } from './resolvers/invoice-document.resolver.js';
import { PaymentFieldsResolver, PaymentResolver } from './resolvers/payment.resolver.js';
import { QuoteResolver } from './resolvers/quote.resolver.js';
import { SubscriptionResolver } from './resolvers/subscription.resolver.js';
import { UsageResolver } from './resolvers/usage.resolver.js';
import { billingRunJob } from './jobs/billing-run.job.js';

/** The finance subgraph's schema, without a server. */
export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [InvoiceResolver, InvoiceChangesResolver, CustomerResolver, CatalogResolver, QuoteResolver, PaymentResolver, PaymentFieldsResolver, FinanceReportResolver, InvoiceDocumentResolver, RevenueReportCsvResolver, AgeingCsvResolver, TaxReportCsvResolver, SubscriptionMetricsCsvResolver, SubscriptionResolver, UsageResolver, createAuditTrailResolver('finance'), createDeadLetterResolver('finance', [billingRunJob.queue])],
    referenceResolvers: financeReferences,
  });
}
