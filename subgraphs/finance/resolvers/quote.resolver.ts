import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { ListOf, PageArgs } from '../../../shared/graphql/pagination.js';
import { Customer } from '../entities/customer.entity.js';
import { Invoice } from '../entities/invoice.entity.js';
import { Quote, QuoteStatus } from '../entities/quote.entity.js';
import { CreateQuoteInput } from '../inputs/create-quote.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import * as quotes from '../services/quote.service.js';

type Ctx = RequestContext<FinanceLoaders>;

@ObjectType({ description: 'A page of quotes' })
export class QuoteList extends ListOf(Quote) {}

@Resolver(() => Quote)
export class QuoteResolver {
  @Authorized('finance:quote:read')
  @Query(() => Quote)
  quote(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Quote> {
    return quotes.getQuote(ctx, id);
  }

  @Authorized('finance:quote:read')
  @Query(() => QuoteList, { description: "The caller tenant's quotes, newest first" })
  quotes(@Ctx() ctx: Ctx, @Args(() => PageArgs) page: PageArgs, @Arg('status', () => QuoteStatus, { nullable: true }) status?: QuoteStatus | null): Promise<QuoteList> {
    return quotes.listQuotes(ctx, status, page);
  }

  @Authorized('finance:quote:write')
  @Mutation(() => Quote, { description: "A draft quote in the customer's currency, numbered Q-…" })
  createQuote(@Ctx() ctx: Ctx, @Arg('input', () => CreateQuoteInput) input: CreateQuoteInput): Promise<Quote> {
    return quotes.createQuote(ctx, input);
  }

  @Authorized('finance:quote:write')
  @Mutation(() => Quote, { description: 'draft → sent; CONFLICT from any other state' })
  sendQuote(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Quote> {
    return quotes.changeQuoteStatus(ctx, id, QuoteStatus.SENT);
  }

  @Authorized('finance:quote:write')
  @Mutation(() => Quote, { description: 'sent → accepted; CONFLICT from any other state' })
  acceptQuote(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Quote> {
    return quotes.changeQuoteStatus(ctx, id, QuoteStatus.ACCEPTED);
  }

  @Authorized('finance:invoice:write')
  @Mutation(() => Invoice, { description: 'An accepted quote becomes a draft invoice with its lines (accepted → invoiced, once); CONFLICT otherwise' })
  invoiceQuote(@Ctx() ctx: Ctx, @Arg('id', () => ID) id: string): Promise<Invoice> {
    return quotes.invoiceQuote(ctx, id);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() quote: Quote, @Ctx() ctx: Ctx): Promise<Customer | null> | null {
    return quote.customerId ? ctx.loaders.customerById.load(quote.customerId) : null;
  }
}
