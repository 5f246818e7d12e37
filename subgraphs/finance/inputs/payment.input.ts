import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { id } from './money.rules.js';

const positive = z.number().int('must be whole minor units').min(1, 'must be at least 1');
const reason = z.string().trim().min(1).max(1000).nullish();

@InputType()
export class RecordPaymentInput {
  static rules = z.object({ invoiceId: id, amountMinor: positive, provider: z.enum(['manual', 'stripe']).nullish(), reference: z.string().trim().max(200).nullish() });

  @Field(() => ID)
  invoiceId!: string;

  @Field(() => GraphQLSafeInt, { description: 'Part or all of what is still due' })
  amountMinor!: number;

  @Field(() => String, {
    nullable: true,
    description: 'manual (default): money that arrived by bank transfer, cash…; stripe: a card payment the payer completes with `clientSecret` (pending until Stripe confirms)',
  })
  provider?: string | null;

  @Field(() => String, { nullable: true, description: 'The bank reference, for a manual payment' })
  reference?: string | null;
}

@InputType()
export class RefundPaymentInput {
  static rules = z.object({ paymentId: id, amountMinor: positive, reason });

  @Field(() => ID)
  paymentId!: string;

  @Field(() => GraphQLSafeInt)
  amountMinor!: number;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType()
export class CreateCreditNoteInput {
  static rules = z.object({ invoiceId: id, amountMinor: positive, reason });

  @Field(() => ID)
  invoiceId!: string;

  @Field(() => GraphQLSafeInt, { description: 'Tax included; at most what is still due' })
  amountMinor!: number;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}
