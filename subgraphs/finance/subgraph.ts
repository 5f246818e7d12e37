import { fileURLToPath } from 'node:url';
import type { SubgraphModule } from '../../shared/server/subgraph-module.js';
import { BillingPeriod } from './entities/billing-period.entity.js';
import { BillingSubscription } from './entities/billing-subscription.entity.js';
import { CreditNote } from './entities/credit-note.entity.js';
import { Meter } from './entities/meter.entity.js';
import { UsageBatch } from './entities/usage-batch.entity.js';
import { UsageEvent } from './entities/usage-event.entity.js';
import { billingRunJob } from './jobs/billing-run.job.js';
import { Customer } from './entities/customer.entity.js';
import { IdempotencyKey } from './entities/idempotency-key.entity.js';
import { LedgerEntry } from './entities/ledger-entry.entity.js';
import { Payment } from './entities/payment.entity.js';
import { Refund } from './entities/refund.entity.js';
import { Invoice } from './entities/invoice.entity.js';
import { NumberSequence } from './entities/number-sequence.entity.js';
import { Price } from './entities/price.entity.js';
import { Product } from './entities/product.entity.js';
import { Quote } from './entities/quote.entity.js';
import { TaxRate } from './entities/tax-rate.entity.js';
import { createFinanceLoaders, type FinanceLoaders } from './loaders/finance.loaders.js';
import { migrations } from './migrations/index.js';
import { stripeWebhookRoutes } from './routes/stripe-webhook.route.js';
import { buildSchema } from './schema.js';

/** Billing of a tenant: customers, catalog, tax, quotes and invoices, in whole minor units of their currency. */
export const finance: SubgraphModule<FinanceLoaders> = {
  name: 'finance',
  entities: [Invoice, Customer, Product, Price, TaxRate, Quote, NumberSequence, Payment, Refund, CreditNote, LedgerEntry, IdempotencyKey, BillingSubscription, BillingPeriod, Meter, UsageEvent, UsageBatch],
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  buildSchema,
  createLoaders: createFinanceLoaders,
  routes: stripeWebhookRoutes,
  jobs: [billingRunJob],
};
