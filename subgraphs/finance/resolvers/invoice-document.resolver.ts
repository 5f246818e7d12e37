import { Arg, Authorized, Ctx, ID, Mutation, Resolver, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { DocumentReference } from '../../../shared/graphql/references.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import * as invoiceDocuments from '../services/invoice-document.service.js';

type Ctx = RequestContext<FinanceLoaders>;

registerEnumType(invoiceDocuments.InvoiceDocumentKind, { name: 'InvoiceDocumentKind', description: 'INVOICE: the invoice itself; RECEIPT: proof of payment of a paid invoice' });

@Resolver()
export class InvoiceDocumentResolver {
  // The document is made by the document subgraph as the caller: its document permissions apply there too.
  @Authorized('finance:invoice:read')
  @Mutation(() => DocumentReference, { description: 'Renders an invoice, or the receipt of a paid one, as a PDF document (PENDING until rendered; see documentGenerated)' })
  generateInvoiceDocument(
    @Ctx() ctx: Ctx,
    @Arg('invoiceId', () => ID) invoiceId: string,
    @Arg('kind', () => invoiceDocuments.InvoiceDocumentKind, { defaultValue: invoiceDocuments.InvoiceDocumentKind.INVOICE }) kind: invoiceDocuments.InvoiceDocumentKind,
  ): Promise<DocumentReference> {
    return invoiceDocuments.generateInvoiceDocument(ctx, invoiceId, kind);
  }
}
