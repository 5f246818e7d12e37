import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ListOf, PageArgs } from '../../../shared/graphql/pagination.js';
import { UserReference, userReference } from '../../../shared/graphql/references.js';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity.js';
import { CreateInvoiceInput } from '../inputs/create-invoice.input.js';
import { UpdateInvoiceInput } from '../inputs/update-invoice.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import * as invoices from '../services/invoice.service.js';

type Ctx = RequestContext<FinanceLoaders>;

@ObjectType({ description: 'A page of invoices' })
export class InvoiceList extends ListOf(Invoice) {}

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Authorized('finance:invoice:read')
  @Query(() => Invoice)
  invoice(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Invoice> {
    return invoices.getInvoice(ctx, id);
  }

  @Authorized('finance:invoice:read')
  @Query(() => InvoiceList, { description: "The caller tenant's invoices, newest first" })
  invoices(
    @Ctx() ctx: Ctx,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => InvoiceStatus, { nullable: true, description: 'Only invoices in this state' }) status?: InvoiceStatus | null,
  ): Promise<InvoiceList> {
    return invoices.listInvoices(ctx, status, page);
  }

  @Authorized('finance:invoice:write')
  @Mutation(() => Invoice, { description: 'Creates a draft invoice with the next number of the tenant' })
  createInvoice(@Ctx() ctx: Ctx, @Arg('input', () => CreateInvoiceInput) input: CreateInvoiceInput): Promise<Invoice> {
    return invoices.createInvoice(ctx, input);
  }

  @Authorized('finance:invoice:write')
  @Mutation(() => Invoice, { description: 'Changes a draft invoice; CONFLICT once issued' })
  updateInvoice(
    @Ctx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateInvoiceInput) input: UpdateInvoiceInput,
  ): Promise<Invoice> {
    return invoices.updateInvoice(ctx, id, input);
  }

  @Authorized('finance:invoice:write')
  @Mutation(() => Invoice, { description: 'Issues a draft invoice; CONFLICT from any other state' })
  issueInvoice(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Invoice> {
    return invoices.issueInvoice(ctx, id);
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'Null when the owner is not visible to the caller' })
  owner(@Root() invoice: Invoice): UserReference | null {
    return userReference(invoice.ownerId);
  }
}
