import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

type Id = { id: string };
interface Line {
  description: string;
  quantity: number;
  amountMinor: number;
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxes: { jurisdiction: string; amountMinor: number }[];
}
interface Totals {
  id: string;
  number: string;
  status: string;
  currency: string;
  discountMinor: number;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  lines: Line[];
  taxLines: { jurisdiction: string; taxableMinor: number; amountMinor: number }[];
}
const TOTALS = `id number status currency discountMinor subtotalMinor taxMinor totalMinor
  lines { description quantity amountMinor netMinor taxMinor totalMinor taxes { jurisdiction amountMinor } }
  taxLines { jurisdiction taxableMinor amountMinor }`;
const TIERS = [
  { upTo: 10, unitAmountMinor: 500 },
  { upTo: 50, unitAmountMinor: 400 },
  { upTo: null, unitAmountMinor: 300 },
];

describe('finance: customers, catalog, tax, quotes and invoices through the gateway', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const ids: Record<string, string> = {};

  const create = async (mutation: string, input: Record<string, unknown>, as = acme.as): Promise<string> => {
    const data = await sg.data<Record<string, Id>>(`mutation ($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id } }`, { input }, as);
    return data[mutation].id;
  };
  const code = async (query: string, variables: Record<string, unknown>, as = acme.as) => (await sg.graphql(query, variables, { as })).errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
    globex = await createTenantWithUser(sg, 'globex');
    ids.chicago = await create('createCustomer', { name: 'Chicago Widgets LLC', currency: 'USD', taxJurisdiction: 'US-IL-CHI' });
    ids.berlin = await create('createCustomer', { name: 'Berlin GmbH', currency: 'EUR', taxJurisdiction: 'DE' });
    ids.widget = await create('createProduct', { name: 'Widget' });
    ids.api = await create('createProduct', { name: 'API calls', taxCategory: 'digital' });
    ids.seats = await create('createProduct', { name: 'Seats' });
    ids.widgetUsd = await create('createPrice', { productId: ids.widget, currency: 'USD', type: 'ONE_OFF', scheme: 'PER_UNIT', unitAmountMinor: 1999 });
    ids.apiTiered = await create('createPrice', { productId: ids.api, currency: 'USD', type: 'RECURRING', interval: 'MONTH', scheme: 'TIERED', tiers: TIERS });
    ids.seatsVolume = await create('createPrice', { productId: ids.seats, currency: 'EUR', type: 'RECURRING', interval: 'MONTH', scheme: 'VOLUME', tiers: TIERS });
    // State and city sales tax on standard goods; the state alone taxes digital goods, at its own rate.
    await create('createTaxRate', { name: 'Illinois', jurisdiction: 'US-IL', ratePpm: 62_500 });
    await create('createTaxRate', { name: 'Chicago', jurisdiction: 'US-IL-CHI', ratePpm: 22_500 });
    await create('createTaxRate', { name: 'Illinois digital', jurisdiction: 'US-IL', category: 'digital', ratePpm: 90_000 });
    ids.vat = await create('createTaxRate', { name: 'VAT 19%', jurisdiction: 'DE', ratePpm: 190_000 });
    await create('createTaxRate', { name: 'Texas', jurisdiction: 'US-TX', ratePpm: 62_500 });
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('prices a quote from per-unit and tiered prices with the taxes of the customer’s jurisdictions, then turns it into an invoice once', async () => {
    const { createQuote } = await sg.data<{ createQuote: Totals }>(
      `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { ${TOTALS} } }`,
      { input: { customerId: ids.chicago, lines: [{ priceId: ids.widgetUsd, quantity: 2 }, { priceId: ids.apiTiered, quantity: 60 }] } },
      acme.as,
    );
    expect(createQuote).toMatchObject({ number: 'Q-000001', status: 'DRAFT', currency: 'USD', subtotalMinor: 27_998, taxMinor: 2_500, totalMinor: 30_498 });
    expect(createQuote.lines).toEqual([
      { description: 'Widget', quantity: 2, amountMinor: 3998, netMinor: 3998, taxMinor: 340, totalMinor: 4338, taxes: [{ jurisdiction: 'US-IL', amountMinor: 250 }, { jurisdiction: 'US-IL-CHI', amountMinor: 90 }] },
      { description: 'API calls', quantity: 60, amountMinor: 24_000, netMinor: 24_000, taxMinor: 2160, totalMinor: 26_160, taxes: [{ jurisdiction: 'US-IL', amountMinor: 2160 }] },
    ]);
    expect(createQuote.taxLines).toEqual([
      { jurisdiction: 'US-IL', taxableMinor: 3998, amountMinor: 250 },
      { jurisdiction: 'US-IL-CHI', taxableMinor: 3998, amountMinor: 90 },
      { jurisdiction: 'US-IL', taxableMinor: 24_000, amountMinor: 2160 },
    ]);

    const move = (op: string) => `mutation ($id: ID!) { ${op}(id: $id) { status } }`;
    expect(await code(move('acceptQuote'), { id: createQuote.id })).toBe('CONFLICT');
    expect(await code(move('invoiceQuote'), { id: createQuote.id })).toBe('CONFLICT');
    expect(await sg.data(move('sendQuote'), { id: createQuote.id }, acme.as)).toEqual({ sendQuote: { status: 'SENT' } });
    expect(await sg.data(move('acceptQuote'), { id: createQuote.id }, acme.as)).toEqual({ acceptQuote: { status: 'ACCEPTED' } });

    const { invoiceQuote } = await sg.data<{ invoiceQuote: Totals & { quoteId: string; customer: { name: string } } }>(
      `mutation ($id: ID!) { invoiceQuote(id: $id) { ${TOTALS} quoteId customer { name } } }`,
      { id: createQuote.id },
      acme.as,
    );
    expect(invoiceQuote).toMatchObject({ status: 'DRAFT', quoteId: createQuote.id, customer: { name: 'Chicago Widgets LLC' }, totalMinor: 30_498, taxMinor: 2_500 });
    expect(invoiceQuote.lines).toEqual(createQuote.lines);
    expect(await code(move('invoiceQuote'), { id: createQuote.id })).toBe('CONFLICT');
    const { quote } = await sg.data<{ quote: { status: string; invoiceId: string } }>('query ($id: ID!) { quote(id: $id) { status invoiceId } }', { id: createQuote.id }, acme.as);
    expect(quote).toEqual({ status: 'INVOICED', invoiceId: invoiceQuote.id });
  });

  it('prices a volume tier with a document discount spread before tax', async () => {
    const { createInvoice } = await sg.data<{ createInvoice: Totals }>(
      `mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { ${TOTALS} } }`,
      { input: { customerId: ids.berlin, lines: [{ priceId: ids.seatsVolume, quantity: 11 }], documentDiscountMinor: 400 } },
      acme.as,
    );
    // 11 seats fall in the second tier: all 11 at 4.00 = 44.00, less 4.00, plus 19% VAT of 40.00.
    expect(createInvoice).toMatchObject({ currency: 'EUR', discountMinor: 400, subtotalMinor: 4000, taxMinor: 760, totalMinor: 4760 });
    expect(createInvoice.lines[0]).toMatchObject({ amountMinor: 4400, netMinor: 4000, taxMinor: 760 });
  });

  it('rounds inclusive tax per invoice or per line as configured, with the known different totals', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => ({ description: `Sticker ${i}`, quantity: 1, unitAmountMinor: 10, taxRateIds: [ids.vat] }));
    const { createInvoice } = await sg.data<{ createInvoice: Totals }>(
      `mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { ${TOTALS} } }`,
      { input: { customerId: ids.berlin, lines, taxInclusive: true, taxRounding: 'INVOICE' } },
      acme.as,
    );
    expect([createInvoice.subtotalMinor, createInvoice.taxMinor, createInvoice.totalMinor]).toEqual([84, 16, 100]);
    const { updateInvoice } = await sg.data<{ updateInvoice: Totals }>(
      `mutation ($id: ID!) { updateInvoice(id: $id, input: { taxRounding: LINE }) { ${TOTALS} } }`,
      { id: createInvoice.id },
      acme.as,
    );
    expect([updateInvoice.subtotalMinor, updateInvoice.taxMinor, updateInvoice.totalMinor]).toEqual([80, 20, 100]);
    expect(updateInvoice.lines.every((l) => l.taxMinor === 2 && l.netMinor === 8)).toBe(true);
  });

  it('refuses bad lines naming the line and field, and writes nothing', async () => {
    const count = async () => (await sg.data<{ invoices: { totalCount: number } }>('{ invoices { totalCount } }', {}, acme.as)).invoices.totalCount;
    const before = await count();
    const CREATE = 'mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }';
    const noAmount = await sg.graphql(CREATE, { input: { customerId: ids.berlin, lines: [{ priceId: ids.seatsVolume, quantity: 1 }, { description: 'x', quantity: 1 }] } }, { as: acme.as });
    expect(noAmount.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'lines.1.unitAmountMinor' }] });
    const wrongCurrency = await sg.graphql(CREATE, { input: { customerId: ids.berlin, lines: [{ priceId: ids.widgetUsd, quantity: 1 }] } }, { as: acme.as });
    expect(wrongCurrency.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'lines.0.priceId', message: 'is in USD, the document in EUR' }] });
    const tooMuchOff = await sg.graphql(CREATE, { input: { customerId: ids.berlin, lines: [{ priceId: ids.seatsVolume, quantity: 1, discountMinor: 501 }] } }, { as: acme.as });
    expect(tooMuchOff.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'lines.0.discountMinor' }] });
    const both = await sg.graphql(CREATE, { input: { customerId: ids.berlin, totalMinor: 5, lines: [] } }, { as: acme.as });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'totalMinor' }] });
    const badTiers = await sg.graphql(
      'mutation ($input: CreatePriceInput!) { createPrice(input: $input) { id } }',
      { input: { productId: ids.seats, currency: 'EUR', type: 'ONE_OFF', scheme: 'VOLUME', tiers: [{ upTo: 5, unitAmountMinor: 1 }] } },
      { as: acme.as },
    );
    expect(badTiers.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'tiers' }] });
    expect(await count()).toBe(before);
  });

  it('moves invoices only along the status machine, refusing the rest as CONFLICT', async () => {
    const draft = await create('createInvoice', { customerId: ids.berlin, totalMinor: 1000 });
    const move = (op: string) => `mutation ($id: ID!) { ${op}(id: $id) { status } }`;
    expect(await code(move('markInvoiceUncollectible'), { id: draft })).toBe('CONFLICT');
    await sg.data(move('issueInvoice'), { id: draft }, acme.as);
    expect(await sg.data(move('markInvoiceUncollectible'), { id: draft }, acme.as)).toEqual({ markInvoiceUncollectible: { status: 'UNCOLLECTIBLE' } });
    expect(await code(move('issueInvoice'), { id: draft })).toBe('CONFLICT');
    expect(await sg.data(move('voidInvoice'), { id: draft }, acme.as)).toEqual({ voidInvoice: { status: 'VOID' } });
    const refused = await sg.graphql(move('issueInvoice'), { id: draft }, { as: acme.as });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('that is final') });
    expect(await code(move('voidInvoice'), { id: draft }, globex.as)).toBe('NOT_FOUND');
  });

  it('numbers 20 invoices issued at once 1 to 20, with no gap and no repeat', async () => {
    const tenant = await createTenantWithUser(sg, 'numbering');
    const drafts = await Promise.all(Array.from({ length: 20 }, () => create('createInvoice', { customerName: 'Concurrent Co', currency: 'EUR', totalMinor: 100 }, tenant.as)));
    const issued = await Promise.all(
      drafts.map((id) => sg.data<{ issueInvoice: { number: string } }>('mutation ($id: ID!) { issueInvoice(id: $id) { number } }', { id }, tenant.as)),
    );
    const numbers = issued.map((r) => r.issueInvoice.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
    // Issuing the same drafts again at once: every one CONFLICT, and the series does not move.
    const again = await Promise.all(drafts.slice(0, 5).map((id) => code('mutation ($id: ID!) { issueInvoice(id: $id) { number } }', { id }, tenant.as)));
    expect(again).toEqual(Array(5).fill('CONFLICT'));
    const next = await create('createInvoice', { customerName: 'After', currency: 'EUR', totalMinor: 1 }, tenant.as);
    expect(await sg.data('mutation ($id: ID!) { issueInvoice(id: $id) { number } }', { id: next }, tenant.as)).toEqual({ issueInvoice: { number: 'INV-000021' } });
  });

  it('resolves Customer as a federation entity, with its entity record from the entity subgraph', async () => {
    const { createRecord } = await sg.data<{ createRecord: Id }>('mutation { createRecord(input: { type: "company", data: { name: "Initech" } }) { id } }', {}, acme.as);
    const customerId = await create('createCustomer', { name: 'Initech', currency: 'EUR', entityRecordId: createRecord.id });
    const invoiceId = await create('createInvoice', { customerId, totalMinor: 2500 });
    const { invoice } = await sg.data<{ invoice: unknown }>(
      'query ($id: ID!) { invoice(id: $id) { customerName currency customer { name record { data } } } }',
      { id: invoiceId },
      acme.as,
    );
    expect(invoice).toEqual({ customerName: 'Initech', currency: 'EUR', customer: { name: 'Initech', record: { data: { name: 'Initech' } } } });
    expect(await code('query ($id: ID!) { customer(id: $id) { id } }', { id: customerId }, globex.as)).toBe('NOT_FOUND');
    const { customers } = await sg.data<{ customers: { totalCount: number } }>('{ customers { totalCount } }', {}, globex.as);
    expect(customers.totalCount).toBe(0);
  });
});
