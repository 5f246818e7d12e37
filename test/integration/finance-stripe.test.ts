import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { overrideConfigForTests } from '../../shared/config/config.js';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

/*
 * Card payments through the Stripe adapter, against a stand-in for Stripe's API on 127.0.0.1
 * (the real SDK talks to it over HTTP), with webhooks signed as Stripe signs them.
 */

const WEBHOOK_SECRET = 'whsec_standin0123456789';

interface Recorded {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  form: URLSearchParams;
}

/** Enough of Stripe's API for the adapter: payment intents (idempotent by key) and refunds. */
function standInStripe(): { server: Server; requests: Recorded[]; intents: Map<string, Record<string, unknown>> } {
  const requests: Recorded[] = [];
  const intents = new Map<string, Record<string, unknown>>();
  const byKey = new Map<string, string>();
  const body = (req: IncomingMessage) => new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text));
  });
  const server = createServer(async (req, res) => {
    const form = new URLSearchParams(await body(req));
    const key = req.headers['idempotency-key'] as string | undefined;
    requests.push({ method: req.method!, path: req.url!, idempotencyKey: key, form });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${requests.length}` });
      res.end(JSON.stringify(json));
    };
    if (req.method === 'POST' && req.url === '/v1/payment_intents') {
      const existing = key ? byKey.get(key) : undefined;
      if (existing) return send(200, intents.get(existing));
      const id = `pi_${intents.size + 1}`;
      const intent = {
        id,
        object: 'payment_intent',
        amount: Number(form.get('amount')),
        currency: form.get('currency'),
        status: 'requires_payment_method',
        client_secret: `${id}_secret_standin`,
        metadata: { tenantId: form.get('metadata[tenantId]'), invoiceId: form.get('metadata[invoiceId]') },
      };
      intents.set(id, intent);
      if (key) byKey.set(key, id);
      return send(200, intent);
    }
    const retrieve = req.url?.match(/^\/v1\/payment_intents\/(pi_\d+)$/);
    if (req.method === 'GET' && retrieve) return intents.has(retrieve[1]!) ? send(200, intents.get(retrieve[1]!)) : send(404, { error: { type: 'invalid_request_error' } });
    if (req.method === 'POST' && req.url === '/v1/refunds') {
      return send(200, { id: `re_${requests.length}`, object: 'refund', amount: Number(form.get('amount')), payment_intent: form.get('payment_intent'), status: 'succeeded' });
    }
    send(404, { error: { type: 'invalid_request_error', message: `no route ${req.method} ${req.url}` } });
  });
  return { server, requests, intents };
}

describe('finance: card payments through the Stripe adapter, confirmed by signed webhooks', () => {
  const stripe = standInStripe();
  const signer = new Stripe('sk_test_signer_only');
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let customerId: string;
  let webhookUrl: string;

  const PAY = 'mutation ($input: RecordPaymentInput!, $key: String!) { recordPayment(input: $input, idempotencyKey: $key) { id status provider providerRef amountMinor clientSecret } }';
  const STATE = 'query ($id: ID!) { invoice(id: $id) { status amountPaidMinor amountDueMinor } payments(invoiceId: $id) { id status clientSecret } }';
  const BALANCE = '{ trialBalance { account debitMinor creditMinor } }';

  type PaymentRow = { id: string; status: string; provider: string; providerRef: string; amountMinor: number; clientSecret: string | null };
  type InvoiceState = { status: string; amountPaidMinor: number; amountDueMinor: number; payments: { id: string; status: string; clientSecret: string | null }[] };
  const state = async (id: string) => {
    const { invoice, payments } = await sg.data<{ invoice: Omit<InvoiceState, 'payments'>; payments: InvoiceState['payments'] }>(STATE, { id }, acme.as);
    return { ...invoice, payments };
  };

  /** Posts an event to the gateway's webhook address, signed with `secret` as Stripe would. */
  const deliver = async (type: string, intent: Record<string, unknown>, secret = WEBHOOK_SECRET) => {
    const payload = JSON.stringify({ id: `evt_${Math.random().toString(36).slice(2)}`, object: 'event', type, api_version: '2024-06-20', created: Math.floor(Date.now() / 1000), data: { object: intent } });
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret });
    return fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
  };

  const issuedInvoice = async (unitAmountMinor: number) => {
    const { createInvoice } = await sg.data<{ createInvoice: { id: string } }>(
      'mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }',
      { input: { customerId, lines: [{ description: 'Annual plan', quantity: 1, unitAmountMinor }] } },
      acme.as,
    );
    await sg.data('mutation ($id: ID!) { issueInvoice(id: $id) { id } }', { id: createInvoice.id }, acme.as);
    return createInvoice.id;
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => stripe.server.listen(0, '127.0.0.1', resolve));
    overrideConfigForTests({
      STRIPE_SECRET_KEY: 'sk_test_standin0123456789',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: `http://127.0.0.1:${(stripe.server.address() as AddressInfo).port}`,
    });
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
    webhookUrl = sg.gateway.url.replace('/graphql', '/webhooks/finance/stripe');
    customerId = (await sg.data<{ createCustomer: { id: string } }>('mutation { createCustomer(input: { name: "Card Co", currency: "EUR" }) { id } }', {}, acme.as)).createCustomer.id;
  });

  afterAll(async () => {
    await sg?.stop();
    stripe.server.close();
  });

  it('creates a payment intent, books the payment only when a verified webhook confirms it, once', async () => {
    const invoiceId = await issuedInvoice(12_000);
    const { recordPayment } = await sg.data<{ recordPayment: PaymentRow }>(PAY, { input: { invoiceId, amountMinor: 12_000, provider: 'stripe' }, key: 'card-payment-0001' }, acme.as);
    expect(recordPayment).toMatchObject({ status: 'PENDING', provider: 'stripe', providerRef: 'pi_1', amountMinor: 12_000, clientSecret: 'pi_1_secret_standin' });
    const created = stripe.requests.find((r) => r.path === '/v1/payment_intents')!;
    expect(created.form.get('amount')).toBe('12000');
    expect(created.form.get('currency')).toBe('eur');
    expect(created.form.get('metadata[invoiceId]')).toBe(invoiceId);
    expect(created.form.get('metadata[tenantId]')).toBe(acme.tenantId);
    expect(created.idempotencyKey).toBe(`${acme.tenantId}:card-payment-0001`);

    // A retry with the same key answers the same payment (no second intent); the secret is asked of Stripe.
    const retried = await sg.data<{ recordPayment: PaymentRow }>(PAY, { input: { invoiceId, amountMinor: 12_000, provider: 'stripe' }, key: 'card-payment-0001' }, acme.as);
    expect(retried.recordPayment).toMatchObject({ id: recordPayment.id, clientSecret: 'pi_1_secret_standin' });
    expect(stripe.intents.size).toBe(1);
    expect(await state(invoiceId)).toMatchObject({ status: 'ISSUED', amountPaidMinor: 0, payments: [{ id: recordPayment.id, status: 'PENDING' }] });

    const intent = { ...stripe.intents.get('pi_1')!, status: 'succeeded', amount_received: 12_000 };
    // Signed with another secret, or tampered with: refused, nothing booked.
    expect((await deliver('payment_intent.succeeded', intent, 'whsec_someoneelse000')).status).toBe(400);
    const forged = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=deadbeef' }, body: JSON.stringify({ type: 'payment_intent.succeeded', data: { object: intent } }) });
    expect(forged.status).toBe(400);
    expect(await state(invoiceId)).toMatchObject({ status: 'ISSUED', amountPaidMinor: 0 });

    const delivered = await deliver('payment_intent.succeeded', intent);
    expect(delivered.status).toBe(200);
    expect(await delivered.json()).toEqual({ received: true, outcome: 'applied' });
    // Stripe delivers at least once: the second delivery changes nothing.
    expect(await (await deliver('payment_intent.succeeded', intent)).json()).toEqual({ received: true, outcome: 'already-applied' });
    expect(await state(invoiceId)).toEqual({ status: 'PAID', amountPaidMinor: 12_000, amountDueMinor: 0, payments: [{ id: recordPayment.id, status: 'SUCCEEDED', clientSecret: null }] });

    const { trialBalance } = await sg.data<{ trialBalance: { account: string; debitMinor: number; creditMinor: number }[] }>(BALANCE, {}, acme.as);
    expect(trialBalance.reduce((sum, row) => sum + row.debitMinor - row.creditMinor, 0)).toBe(0);
    expect(trialBalance.find((row) => row.account === 'cash')).toMatchObject({ debitMinor: 12_000 });

    // A refund goes to Stripe against the intent, with the tenant's idempotency key.
    await sg.data('mutation ($input: RefundPaymentInput!) { refundPayment(input: $input, idempotencyKey: "card-refund-0001") { id } }', { input: { paymentId: recordPayment.id, amountMinor: 2_000 } }, acme.as);
    const refund = stripe.requests.find((r) => r.path === '/v1/refunds')!;
    expect(refund.form.get('payment_intent')).toBe('pi_1');
    expect(refund.form.get('amount')).toBe('2000');
    expect(refund.idempotencyKey).toBe(`${acme.tenantId}:card-refund-0001`);
  });

  it('marks a payment failed when Stripe says so, and ignores events it does not follow', async () => {
    const invoiceId = await issuedInvoice(5_000);
    const { recordPayment } = await sg.data<{ recordPayment: PaymentRow }>(PAY, { input: { invoiceId, amountMinor: 5_000, provider: 'stripe' }, key: 'card-payment-0002' }, acme.as);
    const intent = stripe.intents.get(recordPayment.providerRef)!;
    expect(await (await deliver('payment_intent.payment_failed', { ...intent, status: 'requires_payment_method' })).json()).toEqual({ received: true, outcome: 'failed' });
    expect(await state(invoiceId)).toMatchObject({ status: 'ISSUED', amountPaidMinor: 0, payments: [{ status: 'FAILED' }] });
    expect(await (await deliver('customer.created', { id: 'cus_1', object: 'customer' })).json()).toEqual({ received: true, outcome: 'ignored' });
    expect(await (await deliver('payment_intent.succeeded', { id: 'pi_999', object: 'payment_intent', metadata: { tenantId: acme.tenantId } })).json()).toEqual({ received: true, outcome: 'unknown-payment' });
    // The payer retries with another card: the same intent succeeds after all.
    expect(await (await deliver('payment_intent.succeeded', { ...intent, status: 'succeeded', amount_received: 5_000 })).json()).toEqual({ received: true, outcome: 'applied' });
    expect(await state(invoiceId)).toMatchObject({ status: 'PAID', amountPaidMinor: 5_000 });
  });

  it('refuses an unknown provider with BAD_USER_INPUT and changes nothing', async () => {
    const invoiceId = await issuedInvoice(1_000);
    const res = await sg.graphql(PAY, { input: { invoiceId, amountMinor: 1_000, provider: 'paypal' }, key: 'card-payment-0003' }, { as: acme.as });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await state(invoiceId)).toMatchObject({ amountPaidMinor: 0, payments: [] });
  });
});
