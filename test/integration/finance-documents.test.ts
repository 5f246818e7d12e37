import { extractText, getDocumentProxy } from 'unpdf';
import { createTenantWithUser, documentFileKey, type TenantFixture } from '../../shared/testing/fixtures.js';
import { startTestSupergraph, type TestSupergraph } from '../../shared/testing/test-supergraph.js';
import { blobStore } from '../../shared/storage/blob-backend.js';

/* Invoice and receipt PDFs made by finance through the document subgraph, read back as text. */
describe('finance: invoice and receipt PDFs through the document subgraph', () => {
  let sg: TestSupergraph;
  let acme: TenantFixture;
  let invoiceId: string;
  let number: string;

  const GENERATE = 'mutation ($id: ID!, $kind: InvoiceDocumentKind!) { generateInvoiceDocument(invoiceId: $id, kind: $kind) { id } }';
  const pdfText = async (documentId: string) => {
    const end = Date.now() + 20_000;
    for (;;) {
      const { document } = await sg.data<{ document: { generationStatus: string; title: string; subjectInvoice: { number: string } | null } }>(
        'query ($id: ID!) { document(id: $id) { generationStatus title subjectInvoice { number } } }',
        { id: documentId },
        acme.as,
      );
      if (document.generationStatus === 'READY') {
        const chunks = await (await blobStore().get(await documentFileKey(sg, documentId))).toArray();
        const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
        return { document, text: (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, ' ') };
      }
      if (document.generationStatus === 'FAILED' || Date.now() > end) throw new Error(`document ${documentId} is ${document.generationStatus}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    sg = await startTestSupergraph();
    acme = await createTenantWithUser(sg, 'acme');
    const vat = (await sg.data<{ createTaxRate: { id: string } }>('mutation { createTaxRate(input: { name: "VAT", jurisdiction: "DE", ratePpm: 190000 }) { id } }', {}, acme.as)).createTaxRate.id;
    const { createInvoice } = await sg.data<{ createInvoice: { id: string } }>(
      'mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }',
      { input: { customerName: 'Initech', currency: 'EUR', lines: [{ description: 'TPS reports', quantity: 3, unitAmountMinor: 4_150, taxRateIds: [vat] }] } },
      acme.as,
    );
    invoiceId = createInvoice.id;
  });

  afterAll(async () => {
    await sg?.stop();
  });

  it('refuses a PDF of a draft and a receipt of an unpaid invoice with CONFLICT', async () => {
    const draft = await sg.graphql(GENERATE, { id: invoiceId, kind: 'INVOICE' }, { as: acme.as });
    expect(draft.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    number = (await sg.data<{ issueInvoice: { number: string } }>('mutation ($id: ID!) { issueInvoice(id: $id) { number } }', { id: invoiceId }, acme.as)).issueInvoice.number;
    const unpaid = await sg.graphql(GENERATE, { id: invoiceId, kind: 'RECEIPT' }, { as: acme.as });
    expect(unpaid.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const missing = await sg.graphql(GENERATE, { id: '01900000-0000-7000-8000-000000000099', kind: 'INVOICE' }, { as: acme.as });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('renders the issued invoice with its lines, tax and totals, linked to the invoice', async () => {
    const { generateInvoiceDocument } = await sg.data<{ generateInvoiceDocument: { id: string } }>(GENERATE, { id: invoiceId, kind: 'INVOICE' }, acme.as);
    const { document, text } = await pdfText(generateInvoiceDocument.id);
    expect(document).toMatchObject({ title: `Invoice ${number}`, subjectInvoice: { number } });
    expect(text).toContain(`Invoice ${number}`);
    expect(text).toContain('To Initech');
    expect(text).toContain('3 × TPS reports: net €124.50, tax €23.66, total €148.16');
    expect(text).toContain('VAT (DE) on €124.50: €23.66');
    expect(text).toContain('Total €148.16');
    expect(text).toContain('Amount due €148.16');
  });

  it('renders the receipt once the invoice is paid', async () => {
    await sg.data('mutation ($input: RecordPaymentInput!) { recordPayment(input: $input, idempotencyKey: "receipt-pay-0001") { id } }', { input: { invoiceId, amountMinor: 14_816 } }, acme.as);
    const { generateInvoiceDocument } = await sg.data<{ generateInvoiceDocument: { id: string } }>(GENERATE, { id: invoiceId, kind: 'RECEIPT' }, acme.as);
    const { document, text } = await pdfText(generateInvoiceDocument.id);
    expect(document.title).toBe(`Receipt for ${number}`);
    expect(text).toContain('Paid in full: €148.16');
    expect(text).toContain('Of which tax €23.66');
  });
});
