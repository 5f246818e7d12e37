import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import type { RequestContext } from '../../../shared/context/context.js';
import { CreditNote } from '../entities/credit-note.entity.js';
import { Invoice } from '../entities/invoice.entity.js';
import { LedgerEntry } from '../entities/ledger-entry.entity.js';
import { Payment } from '../entities/payment.entity.js';
import { Refund } from '../entities/refund.entity.js';
import { CreateCreditNoteInput, RecordPaymentInput, RefundPaymentInput } from '../inputs/payment.input.js';
import type { FinanceLoaders } from '../loaders/finance.loaders.js';
import { amountDue } from '../services/invoice.service.js';
import * as ledger from '../services/ledger.service.js';
import * as payments from '../services/payment.service.js';

type Ctx = RequestContext<FinanceLoaders>;
const KEY = { description: 'Unique per intended operation (8–200 characters): a retry with the same key and request returns the first result; with another request, CONFLICT' };

@ObjectType({ description: 'Debits and credits of one account in one currency' })
export class AccountBalance {
  @Field(() => String)
  account!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => GraphQLSafeInt)
  debitMinor!: number;

  @Field(() => GraphQLSafeInt)
  creditMinor!: number;
}

@Resolver(() => Invoice)
export class PaymentResolver {
  @Authorized('finance:payment:write')
  @Mutation(() => Payment, { description: 'Records part or all of what an issued invoice owes; the invoice becomes PAID when nothing is left' })
  recordPayment(@Ctx() ctx: Ctx, @Arg('input', () => RecordPaymentInput) input: RecordPaymentInput, @Arg('idempotencyKey', () => String, KEY) key: string): Promise<Payment> {
    return payments.recordPayment(ctx, input, key);
  }

  @Authorized('finance:payment:write')
  @Mutation(() => Refund, { description: 'Gives back part or all of a payment; the invoice stays as it is' })
  refundPayment(@Ctx() ctx: Ctx, @Arg('input', () => RefundPaymentInput) input: RefundPaymentInput, @Arg('idempotencyKey', () => String, KEY) key: string): Promise<Refund> {
    return payments.refundPayment(ctx, input, key);
  }

  @Authorized('finance:payment:write')
  @Mutation(() => CreditNote, { description: 'Lowers what an issued invoice asks (numbered CN-…); the invoice becomes PAID when nothing is left' })
  createCreditNote(@Ctx() ctx: Ctx, @Arg('input', () => CreateCreditNoteInput) input: CreateCreditNoteInput, @Arg('idempotencyKey', () => String, KEY) key: string): Promise<CreditNote> {
    return payments.createCreditNote(ctx, input, key);
  }

  @Authorized('finance:payment:read')
  @Query(() => [Payment])
  payments(@Ctx() ctx: Ctx, @Arg('invoiceId', () => ID) invoiceId: string): Promise<Payment[]> {
    return payments.listPayments(ctx, invoiceId);
  }

  @Authorized('finance:payment:read')
  @Query(() => [Refund])
  refunds(@Ctx() ctx: Ctx, @Arg('invoiceId', () => ID) invoiceId: string): Promise<Refund[]> {
    return payments.listRefunds(ctx, invoiceId);
  }

  @Authorized('finance:payment:read')
  @Query(() => [CreditNote])
  creditNotes(@Ctx() ctx: Ctx, @Arg('invoiceId', () => ID) invoiceId: string): Promise<CreditNote[]> {
    return payments.listCreditNotes(ctx, invoiceId);
  }

  @Authorized('finance:ledger:read')
  @Query(() => [AccountBalance], { description: 'The trial balance: debits and credits per account; the two columns always add up to the same' })
  trialBalance(@Ctx() ctx: Ctx): Promise<AccountBalance[]> {
    return ledger.trialBalance(ctx);
  }

  @Authorized('finance:ledger:read')
  @Query(() => [LedgerEntry], { description: 'The ledger entries an invoice, payment, refund or credit note posted' })
  ledgerEntries(@Ctx() ctx: Ctx, @Arg('sourceId', () => ID) sourceId: string): Promise<LedgerEntry[]> {
    return ledger.ledgerEntries(ctx, sourceId);
  }

  @FieldResolver(() => GraphQLSafeInt, { description: 'What is still owed: total less payments and credit notes' })
  amountDueMinor(@Root() invoice: Invoice): number {
    return amountDue(invoice);
  }
}

@Resolver(() => Payment)
export class PaymentFieldsResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: "A pending card payment's Stripe client secret, for Stripe.js to complete it in the payer's browser; null once settled or for manual payments",
  })
  async clientSecret(@Root() payment: Payment): Promise<string | null> {
    // Just made: the charge answered it. Otherwise asked of the provider (never stored).
    return payment.clientSecret !== undefined ? payment.clientSecret : await payments.clientSecretOf(payment);
  }
}
