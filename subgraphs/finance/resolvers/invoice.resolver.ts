import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ListOf, PageArgs } from '../../../shared/graphql/pagination.js';
import { UserReference, userReference } from '../../../shared/graphql/references.js';
import { Customer } from '../entities/customer.entity.js';
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
    @Arg('customerId', () => ID, { nullable: true, description: "Only this customer's invoices" }) customerId?: string | null,
  ): Promise<InvoiceList> {
    return invoices.listInvoices(ctx, { status, customerId }, page);
  }

  @Authorized('finance:invoice:write')
  @Mutation(() => Invoice, { description: 'Creates a draft invoice: a lump sum, or lines priced with discounts and taxes' })
  createInvoice(@Ctx() ctx: Ctx, @Arg('input', () => CreateInvoiceInput) input: CreateInvoiceInput): Promise<Invoice> {
    return invoices.createInvoice(ctx, input);
  }

  @Authorized('finance:invoice:write')
  @Mutation(() => Invoice, { description: 'Changes a draft invoice (lines, discount, tax settings); CONFLICT once issued' })
  updateInvoice(
    @Ctx() ctx: Ctx,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateInvoiceInput) input: UpdateInvoiceInput,
  ): Promise<Invoice> {
    return invoices.updateInvoice(ctx, id, input);
  }

  @Authorized('finance:invoice:write')
  @Mutation(() => Invoice, { description: "Issues a draft with the next number of the tenant's gap-free series; CONFLICT from any other state" })
  issueInvoice(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Invoice> {
    return invoices.issueInvoice(ctx, id);
  }

  @Authorized('finance:invoice:write')
  @Mutation(() => Invoice, { description: 'Voids a draft, issued or uncollectible invoice; CONFLICT once paid or void' })
  voidInvoice(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Invoice> {
    return invoices.voidInvoice(ctx, id);
  }

  @Authorized('finance:invoice:write')
  @Mutation(() => Invoice, { description: 'Writes off an issued invoice; a later payment still settles it. CONFLICT from other states' })
  markInvoiceUncollectible(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Invoice> {
    return invoices.markInvoiceUncollectible(ctx, id);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() invoice: Invoice, @Ctx() ctx: Ctx): Promise<Customer | null> | null {
    return invoice.customerId ? ctx.loaders.customerById.load(invoice.customerId) : null;
  }

  @FieldResolver(() => UserReference, { nullable: true, description: 'Null when the owner is not visible to the caller' })
  owner(@Root() invoice: Invoice): UserReference | null {
    return userReference(invoice.ownerId);
  }
}
