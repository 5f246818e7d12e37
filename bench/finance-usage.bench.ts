/**
 * Usage-based billing at volume: metered events ingested through `recordUsage` (the gateway, batches
 * of 5,000, each one SQL statement, idempotent by event id), then the billing run of the period.
 */
import { parseArgs } from 'node:util';
import { createTenantWithUser } from '../shared/testing/fixtures.js';
import { startTestSupergraph } from '../shared/testing/test-supergraph.js';
import type { BenchOutcome } from './subscriptions.bench.js';

const OPTIONS = {
  events: { type: 'string', default: '200000' },
  batch: { type: 'string', default: '5000' },
  customers: { type: 'string', default: '100' },
} as const;

const RECORD = 'mutation ($events: [UsageEventInput!]!) { recordUsage(events: $events) { accepted duplicates } }';
const UNLIMITED = { points: 1_000_000, durationSeconds: 60 };

export const financeUsageBench = {
  name: 'finance-usage',
  title: 'Usage events ingested per second',
  intro: `Metered usage ingestion and billing at ${Number(OPTIONS.events.default).toLocaleString('en')} events.

- **Set-up:** the six subgraphs and the gateway in one process (\`startTestSupergraph\`, a fresh
  database), one tenant, ${OPTIONS.customers.default} customers each subscribed (backdated one month) to a metered
  price of a SUM meter.
- **Ingestion:** \`recordUsage\` calls of ${Number(OPTIONS.batch.default).toLocaleString('en')} events through the gateway, one after another; each call is
  validated (meters and customers exist), written in one SQL statement idempotent by event id, and
  recorded as one audited, evented UsageBatch. events/s = events ÷ the calls' wall time. Then the
  first batch is sent again: all duplicates.
- **Billing run:** \`runBilling\` over the period just ended: one issued invoice per customer, each
  pricing that customer's aggregated usage.

\`npm run bench -- finance-usage [--events=${OPTIONS.events.default}] [--batch=${OPTIONS.batch.default}] [--customers=${OPTIONS.customers.default}]\``,
  async run(argv: string[], log: (line: string) => void): Promise<BenchOutcome> {
    const { values } = parseArgs({ args: argv, options: OPTIONS, strict: false });
    const total = Number(values.events);
    const batch = Number(values.batch);
    const customerCount = Number(values.customers);
    const sg = await startTestSupergraph({
      runWorkers: false,
      rateLimitPolicy: { anonymous: UNLIMITED, plans: { free: { user: UNLIMITED, tenant: UNLIMITED, apiKey: UNLIMITED } }, defaultPlan: 'free' },
    });
    try {
      const tenant = await createTenantWithUser(sg, 'bench');
      const data = <T>(query: string, variables: Record<string, unknown> = {}) => sg.data<T>(query, variables, tenant.as);
      await data('mutation { createMeter(input: { key: "api_calls", name: "API calls", aggregation: SUM }) { id } }');
      const productId = (await data<{ createProduct: { id: string } }>('mutation { createProduct(input: { name: "API" }) { id } }')).createProduct.id;
      const priceId = (
        await data<{ createPrice: { id: string } }>('mutation ($input: CreatePriceInput!) { createPrice(input: $input) { id } }', {
          input: { productId, currency: 'EUR', type: 'RECURRING', interval: 'MONTH', unitAmountMinor: 1, meterKey: 'api_calls' },
        })
      ).createPrice.id;
      const periodStart = new Date(Date.now() - 31 * 86_400_000);
      const customers: string[] = [];
      for (let i = 0; i < customerCount; i += 1) {
        const customerId = (await data<{ createCustomer: { id: string } }>('mutation ($name: String!) { createCustomer(input: { name: $name, currency: "EUR" }) { id } }', { name: `Customer ${i}` })).createCustomer.id;
        await data('mutation ($input: CreateBillingSubscriptionInput!) { createBillingSubscription(input: $input) { id } }', {
          input: { customerId, items: [{ priceId }], startAt: periodStart.toISOString() },
        });
        customers.push(customerId);
      }
      const event = (i: number) => ({
        eventId: `e${i}`,
        meterKey: 'api_calls',
        customerId: customers[i % customers.length],
        value: 1 + (i % 5),
        occurredAt: new Date(periodStart.getTime() + 1_000 + (i % 2_000_000)).toISOString(),
      });

      let ingestMs = 0;
      for (let start = 0; start < total; start += batch) {
        const events = Array.from({ length: Math.min(batch, total - start) }, (_, k) => event(start + k));
        const began = performance.now();
        const { recordUsage } = await data<{ recordUsage: { accepted: number } }>(RECORD, { events });
        ingestMs += performance.now() - began;
        if (recordUsage.accepted !== events.length) throw new Error(`stored ${recordUsage.accepted} of ${events.length}`);
        if ((start / batch) % 10 === 9) log(`  ${(start + events.length).toLocaleString('en')} events (${(((start + events.length) / ingestMs) * 1000).toFixed(0)} events/s)`);
      }
      const again = performance.now();
      const { recordUsage: replay } = await data<{ recordUsage: { accepted: number; duplicates: number } }>(RECORD, { events: Array.from({ length: Math.min(batch, total) }, (_, k) => event(k)) });
      const replayMs = performance.now() - again;
      if (replay.accepted !== 0) throw new Error(`a replayed batch stored ${replay.accepted} events`);

      const billStart = performance.now();
      const { runBilling } = await data<{ runBilling: { invoicesIssued: number } }>('mutation { runBilling { invoicesIssued } }');
      const billMs = performance.now() - billStart;
      if (runBilling.invoicesIssued !== customerCount) throw new Error(`billed ${runBilling.invoicesIssued} of ${customerCount} customers`);

      const rate = (total / ingestMs) * 1000;
      const markdown = [
        `Ingestion of ${total.toLocaleString('en')} usage events in batches of ${batch.toLocaleString('en')}: **${rate.toFixed(0)} events/s** (${(ingestMs / 1000).toFixed(1)} s).`,
        `A batch of ${Math.min(batch, total).toLocaleString('en')} already-stored events again: ${replayMs.toFixed(0)} ms, all counted as duplicates.`,
        `Billing run of the ended period: ${customerCount} invoices issued in ${(billMs / 1000).toFixed(1)} s (${(billMs / customerCount).toFixed(0)} ms each, usage aggregated per customer).`,
      ].join('\n\n');
      return { text: markdown, markdown };
    } finally {
      await sg.stop();
    }
  },
};
