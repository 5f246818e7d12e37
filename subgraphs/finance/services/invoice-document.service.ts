import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { builtInTemplateId } from '../../../shared/documents/built-in-template.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import { documentReference, type DocumentReference } from '../../../shared/graphql/references.js';
import { querySubgraph } from '../../../shared/server/subgraph-client.js';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';

type Ctx = RequestContext<FinanceLoaders>;

export enum InvoiceDocumentKind {
  INVOICE = 'INVOICE',
  RECEIPT = 'RECEIPT',
}

const LINES = `{{#each invoice.lines}}<li>{{quantity}} × {{description}}: net {{formatMoney netMinor ../invoice.currency}}, tax {{formatMoney taxMinor ../invoice.currency}}, total {{formatMoney totalMinor ../invoice.currency}}</li>{{/each}}`;
const TAXES = `{{#each invoice.taxLines}}<li>{{name}} ({{jurisdiction}}) on {{formatMoney taxableMinor ../invoice.currency}}: {{formatMoney amountMinor ../invoice.currency}}</li>{{/each}}`;

/** The built-in templates (a tenant may publish its own version of either under the same name). */
const TEMPLATES: Record<InvoiceDocumentKind, { name: string; title: (invoice: Invoice) => string; body: string }> = {
  [InvoiceDocumentKind.INVOICE]: {
    name: 'Invoice (built in)',
    title: (invoice) => `Invoice ${invoice.number}`,
    body: `<h1>Invoice {{invoice.number}}</h1>
<p>To {{invoice.customerName}}</p>
<p>Issued {{formatDate invoice.issuedAt}}{{#if invoice.dueDate}}, due {{formatDate invoice.dueDate}}{{/if}}</p>
<h2>Lines</h2>${LINES}
<h2>Tax</h2>${TAXES}
<p>Subtotal {{formatMoney invoice.subtotalMinor invoice.currency}}</p>
<p>Tax {{formatMoney invoice.taxMinor invoice.currency}}</p>
<h2>Total {{formatMoney invoice.totalMinor invoice.currency}}</h2>
<p>Amount due {{formatMoney invoice.amountDueMinor invoice.currency}}</p>`,
  },
  [InvoiceDocumentKind.RECEIPT]: {
    name: 'Receipt (built in)',
    title: (invoice) => `Receipt for ${invoice.number}`,
    body: `<h1>Receipt</h1>
<p>Invoice {{invoice.number}} to {{invoice.customerName}}, issued {{formatDate invoice.issuedAt}}</p>
<h2>Paid in full: {{formatMoney invoice.amountPaidMinor invoice.currency}}</h2>
${LINES}
<p>Of which tax {{formatMoney invoice.taxMinor invoice.currency}}</p>`,
  },
};

/**
 * Has the document subgraph render an invoice (issued, paid or written off) or the receipt of a
 * paid one as a PDF, from the built-in template with the invoice's own figures (it reads them from
 * finance as the caller). The document is PENDING until rendered: `documentGenerated` tells.
 */
export async function generateInvoiceDocument(ctx: Ctx, invoiceId: string, kind: InvoiceDocumentKind): Promise<DocumentReference> {
  requireTenant(ctx);
  if (!ctx.caller.userId) throw new BadUserInputError('a document needs a signed-in user as its owner', [{ field: 'caller', message: 'must be a user' }]);
  const invoice = await ctx.em.findOne(Invoice, invoiceId);
  if (!invoice) throw new NotFoundError('Invoice', invoiceId);
  if (kind === InvoiceDocumentKind.INVOICE && (invoice.status === InvoiceStatus.DRAFT || invoice.status === InvoiceStatus.VOID)) {
    throw new ConflictError(`invoice ${invoice.number} is ${invoice.status}: only an issued invoice has a PDF`);
  }
  if (kind === InvoiceDocumentKind.RECEIPT && invoice.status !== InvoiceStatus.PAID) {
    throw new ConflictError(`invoice ${invoice.number} is ${invoice.status}: a receipt is for a paid invoice`);
  }
  const template = TEMPLATES[kind];
  const templateId = await builtInTemplateId(ctx.caller, template.name, template.body);
  const { generateDocument } = await querySubgraph<{ generateDocument: { id: string } }>(
    'document',
    'mutation ($input: GenerateDocumentInput!) { generateDocument(input: $input) { id } }',
    { input: { templateId, title: template.title(invoice), fromInvoice: invoice.id } },
    ctx.caller,
    { requestId: ctx.requestId },
  );
  return documentReference(generateDocument.id)!;
}
