import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

interface InvoiceState {
  status: string;
  number: string;
  totalMinor: number;
  amountPaidMinor: number;
  creditedMinor: number;
  amountDueMinor: number;
}
interface Balance {
  account: string;
  debitMinor: number;
  creditMinor: number;
}

const PAY = 'mutation ($input: RecordPaymentInput!, $key: String!) { recordPayment(input: $input, idempotencyKey: $key) { id status amountMinor provider } }';
const REFUND = 'mutation ($input: RefundPaymentInput!, $key: String!) { refundPayment(input: $input, idempotencyKey: $key) { id amountMinor } }';
const CREDIT = 'mutation ($input: CreateCreditNoteInput!, $key: String!) { createCreditNote(input: $input, idempotencyKey: $key) { id number amountMinor taxMinor } }';
const STATE = 'query ($id: ID!) { invoice(id: $id) { status number totalMinor amountPaidMinor creditedMinor amountDueMinor } }';
const BALANCE = '{ trialBalance { account debitMinor creditMinor } }';

describe('finance: payments, refunds, credit notes and the ledger through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let customerId: string;
  let vatId: string;

  const state = async (id: string) => (await sg.data<{ invoice: InvoiceState }>(STATE, { id }, acme.as)).invoice;
  const errorOf = async (query: string, variables: Record<string, unknown>) => (await sg.graphql(query, variables, { as: acme.as })).errors?.[0]?.extensions;
  const balances = async () => (await sg.data<{ trialBalance: Balance[] }>(BALANCE, {}, acme.as)).trialBalance;
  const account = (rows: Balance[], name: string) => rows.find((r) => r.account === name) ?? { account: name, debitMinor: 0, creditMinor: 0 };
  const expectBalanced = (rows: Balance[]) => expect(rows.reduce((s, r) => s + r.debitMinor, 0)).toBe(rows.reduce((s, r) => s + r.creditMinor, 0));

  /** An issued invoice of 100.00 EUR net plus 19% VAT: 119.00 EUR. */
  const issuedInvoice = async (): Promise<string> => {
    const { createInvoice } = await sg.data<{ createInvoice: { id: string } }>(
      'mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }',
      { input: { customerId, lines: [{ description: 'Consulting', quantity: 1, unitAmountMinor: 10_000, taxRateIds: [vatId] }] } },
      acme.as,
    );
    await sg.data('mutation ($id: ID!) { issueInvoice(id: $id) { id } }', { id: createInvoice.id }, acme.as);
    return createInvoice.id;
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
    customerId = (await sg.data<{ createCustomer: { id: string } }>('mutation { createCustomer(input: { name: "Berlin GmbH", currency: "EUR" }) { id } }', {}, acme.as)).createCustomer.id;
    vatId = (await sg.data<{ createTaxRate: { id: string } }>('mutation { createTaxRate(input: { name: "VAT", jurisdiction: "DE", ratePpm: 190000 }) { id } }', {}, acme.as)).createTaxRate.id;
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('takes a partial payment, a refund and a credit note, settling the invoice and keeping the ledger balanced', async () => {
    const invoiceId = await issuedInvoice();
    expect(await state(invoiceId)).toMatchObject({ status: 'ISSUED', totalMinor: 11_900, amountDueMinor: 11_900 });

    const { recordPayment } = await sg.data<{ recordPayment: { id: string; status: string; amountMinor: number; provider: string } }>(PAY, { input: { invoiceId, amountMinor: 5000, reference: 'SEPA-123' }, key: 'pay-lifecycle-1' }, acme.as);
    expect(recordPayment).toMatchObject({ status: 'SUCCEEDED', amountMinor: 5000, provider: 'manual' });
    expect(await state(invoiceId)).toMatchObject({ status: 'ISSUED', amountPaidMinor: 5000, amountDueMinor: 6900 });

    // The same key: the same request returns the first payment, another request is refused.
    const retry = await sg.data<{ recordPayment: { id: string } }>(PAY, { input: { invoiceId, amountMinor: 5000, reference: 'SEPA-123' }, key: 'pay-lifecycle-1' }, acme.as);
    expect(retry.recordPayment.id).toBe(recordPayment.id);
    expect(await errorOf(PAY, { input: { invoiceId, amountMinor: 4000 }, key: 'pay-lifecycle-1' })).toMatchObject({ code: 'CONFLICT' });
    expect(await errorOf(PAY, { input: { invoiceId, amountMinor: 6901 }, key: 'pay-lifecycle-2' })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'amountMinor' }] });
    expect(await errorOf(PAY, { input: { invoiceId, amountMinor: 1 }, key: 'short' })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'idempotencyKey' }] });
    expect((await sg.data<{ payments: unknown[] }>('query ($id: ID!) { payments(invoiceId: $id) { id } }', { id: invoiceId }, acme.as)).payments).toHaveLength(1);
    expect(await state(invoiceId)).toMatchObject({ amountPaidMinor: 5000 });

    const { refundPayment } = await sg.data<{ refundPayment: { amountMinor: number } }>(REFUND, { input: { paymentId: recordPayment.id, amountMinor: 1000, reason: 'goodwill' }, key: 'refund-lifecycle-1' }, acme.as);
    expect(refundPayment.amountMinor).toBe(1000);
    expect(await errorOf(REFUND, { input: { paymentId: recordPayment.id, amountMinor: 4001 }, key: 'refund-lifecycle-2' })).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'amountMinor' }] });
    // A refund gives money back without reopening the invoice: what is due is unchanged.
    expect(await state(invoiceId)).toMatchObject({ status: 'ISSUED', amountDueMinor: 6900 });

    const { createCreditNote } = await sg.data<{ createCreditNote: { number: string; amountMinor: number; taxMinor: number } }>(CREDIT, { input: { invoiceId, amountMinor: 6900, reason: 'scope reduced' }, key: 'credit-lifecycle-1' }, acme.as);
    // 69.00 incl. 19% VAT: 57.98 net and 11.02 tax, in the invoice's own proportion, no cent lost.
    expect(createCreditNote).toMatchObject({ number: 'CN-000001', amountMinor: 6900, taxMinor: 1102 });
    expect(await state(invoiceId)).toMatchObject({ status: 'PAID', amountPaidMinor: 5000, creditedMinor: 6900, amountDueMinor: 0 });
    expect(await errorOf(PAY, { input: { invoiceId, amountMinor: 1 }, key: 'pay-after-paid' })).toMatchObject({ code: 'CONFLICT' });
    expect(await errorOf('mutation ($id: ID!) { voidInvoice(id: $id) { id } }', { id: invoiceId })).toMatchObject({ code: 'CONFLICT' });

    const rows = await balances();
    expectBalanced(rows);
    expect(account(rows, 'accounts_receivable')).toMatchObject({ debitMinor: 11_900, creditMinor: 11_900 });
    expect(account(rows, 'cash')).toMatchObject({ debitMinor: 5000, creditMinor: 1000 });
    expect(account(rows, 'revenue')).toMatchObject({ debitMinor: 5798, creditMinor: 10_000 });
    expect(account(rows, 'tax_payable')).toMatchObject({ debitMinor: 1102, creditMinor: 1900 });
    expect(account(rows, 'refunds')).toMatchObject({ debitMinor: 1000, creditMinor: 0 });
    const { ledgerEntries } = await sg.data<{ ledgerEntries: { account: string; debitMinor: number; creditMinor: number }[] }>(
      'query ($id: ID!) { ledgerEntries(sourceId: $id) { account debitMinor creditMinor } }',
      { id: recordPayment.id },
      acme.as,
    );
    expect(ledgerEntries).toEqual([{ account: 'cash', debitMinor: 5000, creditMinor: 0 }, { account: 'accounts_receivable', debitMinor: 0, creditMinor: 5000 }]);
  });

  it('runs a payment sent five times at once with one key exactly once', async () => {
    const invoiceId = await issuedInvoice();
    const results = await Promise.all(Array.from({ length: 5 }, () => sg.data<{ recordPayment: { id: string } }>(PAY, { input: { invoiceId, amountMinor: 2500 }, key: 'pay-concurrent-1' }, acme.as)));
    expect(new Set(results.map((r) => r.recordPayment.id)).size).toBe(1);
    expect((await sg.data<{ payments: unknown[] }>('query ($id: ID!) { payments(invoiceId: $id) { id } }', { id: invoiceId }, acme.as)).payments).toHaveLength(1);
    expect(await state(invoiceId)).toMatchObject({ amountPaidMinor: 2500, amountDueMinor: 9400 });
    expectBalanced(await balances());
  });

  it('writes off and voids through the ledger, and never lets it go out of balance', async () => {
    const before = account(await balances(), 'bad_debt');
    const written = await issuedInvoice();
    await sg.data('mutation ($id: ID!) { markInvoiceUncollectible(id: $id) { id } }', { id: written }, acme.as);
    // A late payment on a written-off invoice is a recovery: cash against bad debt, and it settles.
    await sg.data(PAY, { input: { invoiceId: written, amountMinor: 11_900 }, key: 'pay-recovery-1' }, acme.as);
    expect(await state(written)).toMatchObject({ status: 'PAID', amountDueMinor: 0 });
    const voided = await issuedInvoice();
    await sg.data('mutation ($id: ID!) { voidInvoice(id: $id) { id } }', { id: voided }, acme.as);
    const rows = await balances();
    expect(account(rows, 'bad_debt')).toMatchObject({ debitMinor: before.debitMinor + 11_900, creditMinor: before.creditMinor + 11_900 });
    expectBalanced(rows);
    const { ledgerEntries } = await sg.data<{ ledgerEntries: { account: string; debitMinor: number; creditMinor: number }[] }>(
      'query ($id: ID!) { ledgerEntries(sourceId: $id) { account debitMinor creditMinor } }',
      { id: voided },
      acme.as,
    );
    expect(ledgerEntries.filter((e) => e.account === 'accounts_receivable')).toEqual([
      { account: 'accounts_receivable', debitMinor: 11_900, creditMinor: 0 },
      { account: 'accounts_receivable', debitMinor: 0, creditMinor: 11_900 },
    ]);
  });
});
