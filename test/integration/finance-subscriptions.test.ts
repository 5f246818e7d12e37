import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

/*
 * Subscriptions through the gateway, on fixed past dates so every figure is known: a licensed plan
 * billed in advance and a metered price billed in arrears from idempotent usage events, through
 * billing runs (twice and concurrently: once per period), an upgrade with proration, past due and
 * back, cancellation at period end, and a trial.
 */

const SUBSCRIPTION = `id status currentPeriodStart currentPeriodEnd cancelAtPeriodEnd endedAt
  items { priceId quantity } pendingProration { description amountMinor }
  invoices { number status totalMinor lines { description quantity amountMinor } }`;

interface Line {
  description: string;
  quantity: number;
  amountMinor: number;
}
interface SubscriptionState {
  id: string;
  status: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  endedAt: string | null;
  items: { priceId: string; quantity: number }[];
  pendingProration: { description: string; amountMinor: number }[];
  invoices: { number: string; status: string; totalMinor: number; lines: Line[] }[];
}

describe('finance: subscriptions, usage and the billing run through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  let customerId: string;
  let team: string;
  let pro: string;
  let apiCalls: string;
  let yearly: string;
  let subscriptionId: string;

  const data = <T>(query: string, variables: Record<string, unknown> = {}, as = acme) => sg.data<T>(query, variables, as.as);
  const code = async (query: string, variables: Record<string, unknown>, as = acme) => (await sg.graphql(query, variables, { as: as.as })).errors?.[0]?.extensions?.code;
  const state = async (id = subscriptionId) => (await data<{ billingSubscription: SubscriptionState }>(`query ($id: ID!) { billingSubscription(id: $id) { ${SUBSCRIPTION} } }`, { id })).billingSubscription;
  const run = async (asOf: string) => (await data<{ runBilling: { subscriptionsBilled: number; invoicesIssued: number } }>('mutation ($asOf: DateTimeISO!) { runBilling(asOf: $asOf) { subscriptionsBilled invoicesIssued } }', { asOf })).runBilling;
  const RECORD = 'mutation ($events: [UsageEventInput!]!) { recordUsage(events: $events) { accepted duplicates meterKeys } }';
  const pay = async (number: string) => {
    const { invoices } = await data<{ invoices: { items: { id: string; number: string; amountDueMinor: number }[] } }>('{ invoices(first: 100) { items { id number amountDueMinor } } }');
    const invoice = invoices.items.find((i) => i.number === number)!;
    await data('mutation ($input: RecordPaymentInput!, $key: String!) { recordPayment(input: $input, idempotencyKey: $key) { id } }', { input: { invoiceId: invoice.id, amountMinor: invoice.amountDueMinor }, key: `pay-${number}` });
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    customerId = (await data<{ createCustomer: { id: string } }>('mutation { createCustomer(input: { name: "Umbrella Corp", currency: "EUR" }) { id } }')).createCustomer.id;
    const product = async (name: string) => (await data<{ createProduct: { id: string } }>('mutation ($name: String!) { createProduct(input: { name: $name }) { id } }', { name })).createProduct.id;
    const price = async (input: Record<string, unknown>) => (await data<{ createPrice: { id: string } }>('mutation ($input: CreatePriceInput!) { createPrice(input: $input) { id } }', { input: { currency: 'EUR', type: 'RECURRING', interval: 'MONTH', ...input } })).createPrice.id;
    await data('mutation { createMeter(input: { key: "api_calls", name: "API calls", aggregation: SUM }) { id } }');
    team = await price({ productId: await product('Team plan'), unitAmountMinor: 3_000 });
    pro = await price({ productId: await product('Pro plan'), unitAmountMinor: 6_000 });
    // The first 1,000 calls of a month are free, then 2 cents each.
    apiCalls = await price({
      productId: await product('API calls'),
      scheme: 'TIERED',
      tiers: [
        { upTo: 1000, unitAmountMinor: 0 },
        { upTo: null, unitAmountMinor: 2 },
      ],
      meterKey: 'api_calls',
    });
    yearly = await price({ productId: await product('Yearly plan'), unitAmountMinor: 30_000, interval: 'YEAR' });
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('refuses bad subscriptions and bad usage with BAD_USER_INPUT, changing nothing', async () => {
    const CREATE = 'mutation ($input: CreateBillingSubscriptionInput!) { createBillingSubscription(input: $input) { id } }';
    expect(await code(CREATE, { input: { customerId, items: [] } })).toBe('BAD_USER_INPUT');
    expect(await code(CREATE, { input: { customerId, items: [{ priceId: team }, { priceId: yearly }] } })).toBe('BAD_USER_INPUT');
    expect(await code(CREATE, { input: { customerId, items: [{ priceId: team }, { priceId: team }] } })).toBe('BAD_USER_INPUT');
    expect(await code('mutation ($input: CreatePriceInput!) { createPrice(input: $input) { id } }', { input: { productId: team, currency: 'EUR', type: 'RECURRING', interval: 'MONTH', unitAmountMinor: 1, meterKey: 'nope' } })).toBe('BAD_USER_INPUT');
    const bad = await sg.graphql(RECORD, { events: [{ eventId: 'ok-1', meterKey: 'api_calls', customerId }, { eventId: 'bad-1', meterKey: 'storage', customerId }] }, { as: acme.as });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'events.1.meterKey', message: 'no such meter' }] });
    const { billingSubscriptions } = await data<{ billingSubscriptions: unknown[] }>('{ billingSubscriptions { id } }');
    expect(billingSubscriptions).toEqual([]);
  });

  it('invoices the plan in advance, then usage in arrears with the next period, once per period', async () => {
    const { createBillingSubscription } = await data<{ createBillingSubscription: SubscriptionState }>(
      `mutation ($input: CreateBillingSubscriptionInput!) { createBillingSubscription(input: $input) { ${SUBSCRIPTION} } }`,
      { input: { customerId, items: [{ priceId: team, quantity: 2 }, { priceId: apiCalls }], startAt: '2026-01-01T00:00:00Z' } },
    );
    subscriptionId = createBillingSubscription.id;
    expect(createBillingSubscription).toMatchObject({ status: 'ACTIVE', currentPeriodStart: '2026-01-01T00:00:00.000Z', currentPeriodEnd: '2026-02-01T00:00:00.000Z' });
    expect(createBillingSubscription.invoices).toEqual([
      { number: expect.stringMatching(/^INV-/), status: 'ISSUED', totalMinor: 6_000, lines: [{ description: 'Team plan (2026-01-01 to 2026-02-01)', quantity: 2, amountMinor: 6_000 }] },
    ]);

    // 1,500 calls in January (one event sent twice), 200 in February.
    const january = [
      { eventId: 'evt-1', meterKey: 'api_calls', customerId, value: 500, occurredAt: '2026-01-05T10:00:00Z' },
      { eventId: 'evt-2', meterKey: 'api_calls', customerId, value: 700, occurredAt: '2026-01-20T10:00:00Z' },
      { eventId: 'evt-3', meterKey: 'api_calls', customerId, value: 300, occurredAt: '2026-01-31T23:59:59Z' },
      { eventId: 'evt-3', meterKey: 'api_calls', customerId, value: 300, occurredAt: '2026-01-31T23:59:59Z' },
    ];
    expect((await data<{ recordUsage: unknown }>(RECORD, { events: january })).recordUsage).toEqual({ accepted: 3, duplicates: 1, meterKeys: ['api_calls'] });
    expect((await data<{ recordUsage: unknown }>(RECORD, { events: january.slice(0, 2) })).recordUsage).toEqual({ accepted: 0, duplicates: 2, meterKeys: ['api_calls'] });
    await data(RECORD, { events: [{ eventId: 'evt-4', meterKey: 'api_calls', customerId, value: 200, occurredAt: '2026-02-10T00:00:00Z' }] });
    const { usageSummary } = await data<{ usageSummary: { quantity: number } }>(
      'query ($c: ID!) { usageSummary(customerId: $c, meterKey: "api_calls", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { quantity } }',
      { c: customerId },
    );
    expect(usageSummary.quantity).toBe(1_500);

    expect(await run('2026-02-01T00:00:01Z')).toEqual({ subscriptionsBilled: 1, invoicesIssued: 1 });
    // Run again, and twice at once: the period is billed already.
    expect(await run('2026-02-01T00:00:01Z')).toEqual({ subscriptionsBilled: 0, invoicesIssued: 0 });
    expect(await Promise.all([run('2026-02-01T00:00:02Z'), run('2026-02-01T00:00:02Z')])).toEqual([
      { subscriptionsBilled: 0, invoicesIssued: 0 },
      { subscriptionsBilled: 0, invoicesIssued: 0 },
    ]);
    const after = await state();
    expect(after).toMatchObject({ currentPeriodStart: '2026-02-01T00:00:00.000Z', currentPeriodEnd: '2026-03-01T00:00:00.000Z' });
    expect(after.invoices).toHaveLength(2);
    expect(after.invoices[1]).toMatchObject({
      status: 'ISSUED',
      totalMinor: 1_000 + 6_000,
      lines: [
        { description: 'API calls: 1500 (2026-01-01 to 2026-02-01)', quantity: 1_500, amountMinor: 1_000 },
        { description: 'Team plan (2026-02-01 to 2026-03-01)', quantity: 2, amountMinor: 6_000 },
      ],
    });
    // The first invoice was due on January 15th and is unpaid.
    expect(after.status).toBe('PAST_DUE');
  });

  it('prorates an upgrade onto the next invoice and is active again once paid', async () => {
    // Half-way through February (28 days): half of 2 × Team credited, half of 2 × Pro charged.
    const CHANGE = 'mutation ($id: ID!, $input: ChangeBillingSubscriptionInput!) { changeBillingSubscription(id: $id, input: $input) { pendingProration { description amountMinor } } }';
    expect(await code(CHANGE, { id: subscriptionId, input: { items: [{ priceId: pro, quantity: 2 }, { priceId: apiCalls }], prorationDate: '2026-04-01T00:00:00Z' } })).toBe('BAD_USER_INPUT');
    const { changeBillingSubscription } = await data<{ changeBillingSubscription: SubscriptionState }>(CHANGE, {
      id: subscriptionId,
      input: { items: [{ priceId: pro, quantity: 2 }, { priceId: apiCalls }], prorationDate: '2026-02-15T00:00:00Z' },
    });
    expect(changeBillingSubscription.pendingProration).toEqual([
      { description: 'Unused time on 2 × Team plan', amountMinor: -3_000 },
      { description: 'Remaining time on 2 × Pro plan', amountMinor: 6_000 },
    ]);
    const [first, second] = (await state()).invoices;
    await pay(first!.number);
    await pay(second!.number);

    expect(await run('2026-03-01T00:00:01Z')).toEqual({ subscriptionsBilled: 1, invoicesIssued: 1 });
    const after = await state();
    expect(after.status).toBe('ACTIVE');
    expect(after.pendingProration).toEqual([]);
    expect(after.invoices[2]).toMatchObject({
      totalMinor: 0 - 3_000 + 6_000 + 12_000,
      lines: [
        { description: 'API calls: 200 (2026-02-01 to 2026-03-01)', quantity: 200, amountMinor: 0 },
        { description: 'Unused time on 2 × Team plan', quantity: 1, amountMinor: -3_000 },
        { description: 'Remaining time on 2 × Pro plan', quantity: 1, amountMinor: 6_000 },
        { description: 'Pro plan (2026-03-01 to 2026-04-01)', quantity: 2, amountMinor: 12_000 },
      ],
    });
  });

  it('cancels at the end of the period: the last run bills its usage and ends it', async () => {
    const CANCEL = 'mutation ($id: ID!) { cancelBillingSubscription(id: $id) { status cancelAtPeriodEnd } }';
    expect((await data<{ cancelBillingSubscription: unknown }>(CANCEL, { id: subscriptionId })).cancelBillingSubscription).toEqual({ status: 'ACTIVE', cancelAtPeriodEnd: true });
    expect(await code(CANCEL, { id: subscriptionId })).toBe('CONFLICT');
    await data(RECORD, { events: [{ eventId: 'evt-5', meterKey: 'api_calls', customerId, value: 1_250, occurredAt: '2026-03-31T12:00:00Z' }] });
    expect(await run('2026-04-01T00:00:01Z')).toEqual({ subscriptionsBilled: 1, invoicesIssued: 1 });
    const ended = await state();
    expect(ended).toMatchObject({ status: 'CANCELED', endedAt: '2026-04-01T00:00:00.000Z' });
    expect(ended.invoices).toHaveLength(4);
    expect(ended.invoices[3]).toMatchObject({ totalMinor: 500, lines: [{ description: 'API calls: 1250 (2026-03-01 to 2026-04-01)', quantity: 1_250, amountMinor: 500 }] });
    expect(await run('2026-09-01T00:00:00Z')).toEqual({ subscriptionsBilled: 0, invoicesIssued: 0 });
    const CHANGE = 'mutation ($id: ID!) { changeBillingSubscription(id: $id, input: { items: [{ priceId: "' + team + '" }] }) { id } }';
    expect(await code(CHANGE, { id: subscriptionId })).toBe('CONFLICT');
  });

  it('bills nothing during a trial, then the first period when it ends', async () => {
    const { createBillingSubscription } = await data<{ createBillingSubscription: SubscriptionState }>(
      `mutation ($input: CreateBillingSubscriptionInput!) { createBillingSubscription(input: $input) { ${SUBSCRIPTION} } }`,
      { input: { customerId, items: [{ priceId: team }, { priceId: apiCalls }], trialDays: 14, startAt: '2026-06-01T00:00:00Z' } },
    );
    expect(createBillingSubscription).toMatchObject({ status: 'TRIALING', currentPeriodEnd: '2026-06-15T00:00:00.000Z', invoices: [] });
    await data(RECORD, { events: [{ eventId: 'trial-1', meterKey: 'api_calls', customerId, value: 5_000, occurredAt: '2026-06-10T00:00:00Z' }] });
    expect(await run('2026-06-14T00:00:00Z')).toEqual({ subscriptionsBilled: 0, invoicesIssued: 0 });
    expect(await run('2026-06-15T00:00:00Z')).toEqual({ subscriptionsBilled: 1, invoicesIssued: 1 });
    const active = await state(createBillingSubscription.id);
    expect(active).toMatchObject({ status: 'ACTIVE', currentPeriodStart: '2026-06-15T00:00:00.000Z', currentPeriodEnd: '2026-07-15T00:00:00.000Z' });
    // The trial's usage is free: only the plan, in advance.
    expect(active.invoices).toEqual([{ number: expect.stringMatching(/^INV-/), status: 'ISSUED', totalMinor: 3_000, lines: [{ description: 'Team plan (2026-06-15 to 2026-07-15)', quantity: 1, amountMinor: 3_000 }] }]);
  });

  it('aggregates usage by each meter kind: sum, count, max and unique count', async () => {
    for (const [key, aggregation] of [['seats', 'UNIQUE_COUNT'], ['storage_gb', 'MAX'], ['logins', 'COUNT']]) {
      await data('mutation ($input: CreateMeterInput!) { createMeter(input: $input) { id } }', { input: { key, name: key, aggregation } });
    }
    const at = (day: number) => `2026-08-${String(day).padStart(2, '0')}T00:00:00Z`;
    await data(RECORD, {
      events: [
        ...['ada', 'bob', 'ada', 'cy'].map((user, i) => ({ eventId: `seat-${i}`, meterKey: 'seats', customerId, uniqueKey: user, occurredAt: at(i + 1) })),
        ...[12.5, 40, 31].map((gb, i) => ({ eventId: `gb-${i}`, meterKey: 'storage_gb', customerId, value: gb, occurredAt: at(i + 1) })),
        ...[1, 2, 3, 4, 5].map((i) => ({ eventId: `login-${i}`, meterKey: 'logins', customerId, occurredAt: at(i) })),
        { eventId: 'login-late', meterKey: 'logins', customerId, occurredAt: '2026-09-01T00:00:00Z' },
      ],
    });
    const SUMMARY = 'query ($c: ID!, $m: String!) { usageSummary(customerId: $c, meterKey: $m, from: "2026-08-01T00:00:00Z", to: "2026-09-01T00:00:00Z") { aggregation quantity } }';
    const quantity = async (meterKey: string) => (await data<{ usageSummary: { quantity: number } }>(SUMMARY, { c: customerId, m: meterKey })).usageSummary.quantity;
    expect({ seats: await quantity('seats'), storage: await quantity('storage_gb'), logins: await quantity('logins') }).toEqual({ seats: 3, storage: 40, logins: 5 });
  });

  it('reports MRR, ARR and churn', async () => {
    const { subscriptionMetrics } = await data<{ subscriptionMetrics: { rows: Record<string, unknown>[]; csv: string } }>(
      'query { subscriptionMetrics(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { rows { currency activeSubscriptions mrrMinor arrMinor subscriptionsAtStart newSubscriptions churnedSubscriptions churnRate } csv } }',
    );
    // Only the June subscription runs (1 × Team at 30.00 a month); the first ended on April 1st.
    expect(subscriptionMetrics.rows).toEqual([
      { currency: 'EUR', activeSubscriptions: 1, mrrMinor: 3_000, arrMinor: 36_000, subscriptionsAtStart: 0, newSubscriptions: 2, churnedSubscriptions: 1, churnRate: 0.5 },
    ]);
    expect(subscriptionMetrics.csv.trim().split('\n')).toEqual([
      'currency,activeSubscriptions,mrrMinor,arrMinor,subscriptionsAtStart,newSubscriptions,churnedSubscriptions,churnRate',
      'EUR,1,3000,36000,0,2,1,0.5',
    ]);
  });

  it("keeps subscriptions and usage to their tenant", async () => {
    expect(await code('query ($id: ID!) { billingSubscription(id: $id) { id } }', { id: subscriptionId }, globex)).toBe('NOT_FOUND');
    const foreign = await sg.graphql(RECORD, { events: [{ eventId: 'x', meterKey: 'api_calls', customerId }] }, { as: globex.as });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await data<{ runBilling: unknown }>('mutation { runBilling(asOf: "2027-01-01T00:00:00Z") { invoicesIssued } }', {}, globex)).runBilling).toEqual({ invoicesIssued: 0 });
  });
});
