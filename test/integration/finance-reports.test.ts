import { parse } from 'csv-parse/sync';
import { createTenantWithUser, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';

/*
 * Finance reports through the gateway over invoices with known totals: revenue by period and
 * product, tax collected by jurisdiction, receivables ageing, and their CSV.
 */
describe('finance reports: revenue, tax by jurisdiction, receivables ageing, CSV', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let globex: TenantFixture;
  const DAY = 86_400_000;
  const from = new Date(Date.now() - 30 * DAY).toISOString();
  const to = new Date(Date.now() + DAY).toISOString();

  const data = <T>(query: string, variables: Record<string, unknown> = {}, as = acme) => sg.data<T>(query, variables, as.as);
  const id = <T extends Record<string, { id: string }>>(result: T) => Object.values(result)[0]!.id;

  beforeAll(async () => {
    sg = await startTestSupergraph();
    [acme, globex] = await Promise.all([createTenantWithUser(sg, 'acme'), createTenantWithUser(sg, 'globex')]);
    const vat = id(await data<{ createTaxRate: { id: string } }>('mutation { createTaxRate(input: { name: "VAT", jurisdiction: "DE", ratePpm: 190000 }) { id } }'));
    const tva = id(await data<{ createTaxRate: { id: string } }>('mutation { createTaxRate(input: { name: "TVA", jurisdiction: "FR", ratePpm: 200000 }) { id } }'));
    const consulting = id(await data<{ createProduct: { id: string } }>('mutation { createProduct(input: { name: "Consulting" }) { id } }'));
    const licence = id(await data<{ createProduct: { id: string } }>('mutation { createProduct(input: { name: "Licence" }) { id } }'));
    const price = async (productId: string, unitAmountMinor: number) =>
      id(await data<{ createPrice: { id: string } }>('mutation ($input: CreatePriceInput!) { createPrice(input: $input) { id } }', { input: { productId, currency: 'EUR', type: 'ONE_OFF', unitAmountMinor } }));
    const consultingPrice = await price(consulting, 10_000);
    const licencePrice = await price(licence, 5_000);
    const berlin = id(await data<{ createCustomer: { id: string } }>('mutation { createCustomer(input: { name: "Berlin GmbH", currency: "EUR" }) { id } }'));
    const paris = id(await data<{ createCustomer: { id: string } }>('mutation { createCustomer(input: { name: "Paris SA", currency: "EUR" }) { id } }'));

    const invoice = async (input: Record<string, unknown>, issue = true) => {
      const invoiceId = id(await data<{ createInvoice: { id: string } }>('mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }', { input }));
      if (issue) await data('mutation ($id: ID!) { issueInvoice(id: $id) { id } }', { id: invoiceId });
      return invoiceId;
    };
    // 2 × Consulting (DE VAT) + 1 × Licence (FR TVA): net 25,000, tax 3,800 + 1,000; 45 days overdue.
    const first = await invoice({
      customerId: berlin,
      dueDate: new Date(Date.now() - 45 * DAY).toISOString(),
      lines: [
        { priceId: consultingPrice, quantity: 2, taxRateIds: [vat] },
        { priceId: licencePrice, quantity: 1, taxRateIds: [tva] },
      ],
    });
    await data('mutation ($input: RecordPaymentInput!) { recordPayment(input: $input, idempotencyKey: "report-pay-0001") { id } }', { input: { invoiceId: first, amountMinor: 9_800 } });
    // 1 × Consulting (DE VAT): 11,900, half credited (net 5,000, tax 950); no due date: due when issued.
    const second = await invoice({ customerId: paris, lines: [{ priceId: consultingPrice, quantity: 1, taxRateIds: [vat] }] });
    await data('mutation ($input: CreateCreditNoteInput!) { createCreditNote(input: $input, idempotencyKey: "report-credit-0001") { id } }', { input: { invoiceId: second, amountMinor: 5_950 } });
    // A USD invoice without product or tax; a draft and a voided invoice that are not revenue.
    await invoice({ customerName: "Chicago Inc", currency: 'USD', lines: [{ description: 'Setup', quantity: 1, unitAmountMinor: 1_000 }] });
    await invoice({ customerId: berlin, lines: [{ priceId: consultingPrice, quantity: 9, taxRateIds: [vat] }] }, false);
    const voided = await invoice({ customerId: berlin, lines: [{ priceId: licencePrice, quantity: 9, taxRateIds: [tva] }] });
    await data('mutation ($id: ID!) { voidInvoice(id: $id) { id } }', { id: voided });
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('reports net revenue per period and currency, less credit notes, and by product', async () => {
    const REVENUE = `query ($from: DateTimeISO!, $to: DateTimeISO!, $byProduct: Boolean!) {
      revenueReport(from: $from, to: $to, granularity: YEAR, byProduct: $byProduct) {
        rows { currency productName invoices invoicedNetMinor creditedNetMinor netRevenueMinor taxMinor } csv
      }
    }`;
    type Revenue = { revenueReport: { rows: Record<string, unknown>[]; csv: string } };
    const total = (await data<Revenue>(REVENUE, { from, to, byProduct: false })).revenueReport;
    // One calendar year holds the whole window unless the test runs across New Year.
    const sum = (currency: string, key: string) => total.rows.filter((row) => row.currency === currency).reduce((s, row) => s + (row[key] as number), 0);
    expect({ invoiced: sum('EUR', 'invoicedNetMinor'), credited: sum('EUR', 'creditedNetMinor'), net: sum('EUR', 'netRevenueMinor'), tax: sum('EUR', 'taxMinor'), invoices: sum('EUR', 'invoices') }).toEqual({
      invoiced: 35_000,
      credited: 5_000,
      net: 30_000,
      tax: 3_800 + 1_000 + 1_900 - 950,
      invoices: 2,
    });
    expect({ net: sum('USD', 'netRevenueMinor'), tax: sum('USD', 'taxMinor') }).toEqual({ net: 1_000, tax: 0 });

    const byProduct = (await data<Revenue>(REVENUE, { from, to, byProduct: true })).revenueReport.rows.filter((row) => row.currency === 'EUR');
    const product = (name: string | null) => byProduct.filter((row) => row.productName === name).reduce((s, row) => s + (row.invoicedNetMinor as number), 0);
    expect({ consulting: product('Consulting'), licence: product('Licence') }).toEqual({ consulting: 30_000, licence: 5_000 });
    expect(byProduct.filter((row) => row.productName === null).reduce((s, row) => s + (row.creditedNetMinor as number), 0)).toBe(5_000);

    const csv = parse(total.csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(csv[0]!)).toEqual(['periodStart', 'currency', 'productId', 'productName', 'invoices', 'invoicedNetMinor', 'creditedNetMinor', 'netRevenueMinor', 'taxMinor']);
    expect(csv.filter((row) => row.currency === 'EUR').reduce((s, row) => s + Number(row.netRevenueMinor), 0)).toBe(30_000);

    // Another tenant's report is empty.
    expect((await data<Revenue>(REVENUE, { from, to, byProduct: false }, globex)).revenueReport.rows).toEqual([]);
  });

  it('reports tax collected by jurisdiction and rate, credit notes spread over the credited rates', async () => {
    const { taxReport } = await data<{ taxReport: { rows: Record<string, unknown>[]; csv: string } }>(
      'query ($from: DateTimeISO!, $to: DateTimeISO!) { taxReport(from: $from, to: $to) { rows { jurisdiction rateName ratePpm currency taxableMinor invoicedTaxMinor creditedTaxMinor taxMinor } csv } }',
      { from, to },
    );
    expect(taxReport.rows).toEqual([
      { jurisdiction: 'DE', rateName: 'VAT', ratePpm: 190_000, currency: 'EUR', taxableMinor: 30_000, invoicedTaxMinor: 5_700, creditedTaxMinor: 950, taxMinor: 4_750 },
      { jurisdiction: 'FR', rateName: 'TVA', ratePpm: 200_000, currency: 'EUR', taxableMinor: 5_000, invoicedTaxMinor: 1_000, creditedTaxMinor: 0, taxMinor: 1_000 },
    ]);
    expect(taxReport.csv.split('\n')[1]).toBe('DE,VAT,190000,EUR,30000,5700,950,4750');
  });

  it('ages receivables by days past due as of a date, without paid, written-off or draft invoices', async () => {
    const AGEING = 'query ($asOf: DateTimeISO) { receivablesAgeing(asOf: $asOf) { rows { customerName currency currentMinor days1To30Minor days31To60Minor days61To90Minor over90Minor totalMinor } csv } }';
    type Ageing = { receivablesAgeing: { rows: Record<string, unknown>[]; csv: string } };
    const now = (await data<Ageing>(AGEING, {})).receivablesAgeing.rows;
    expect(now).toEqual([
      { customerName: 'Berlin GmbH', currency: 'EUR', currentMinor: 0, days1To30Minor: 0, days31To60Minor: 20_000, days61To90Minor: 0, over90Minor: 0, totalMinor: 20_000 },
      { customerName: 'Paris SA', currency: 'EUR', currentMinor: 5_950, days1To30Minor: 0, days31To60Minor: 0, days61To90Minor: 0, over90Minor: 0, totalMinor: 5_950 },
      { customerName: 'Chicago Inc', currency: 'USD', currentMinor: 1_000, days1To30Minor: 0, days31To60Minor: 0, days61To90Minor: 0, over90Minor: 0, totalMinor: 1_000 },
    ]);
    const later = (await data<Ageing>(AGEING, { asOf: new Date(Date.now() + 50 * DAY).toISOString() })).receivablesAgeing.rows;
    expect(later.find((row) => row.customerName === 'Berlin GmbH')).toMatchObject({ over90Minor: 20_000 });
    expect(later.find((row) => row.customerName === 'Paris SA')).toMatchObject({ days31To60Minor: 5_950 });

    const bad = await sg.graphql('query { revenueReport(from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { rows { currency } } }', {}, { as: acme.as });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
