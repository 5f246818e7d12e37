import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { z } from 'zod';

/** Shared with the update input: totals are whole minor units; credit notes will carry negatives. */
export const totalMinor = z.number().int('must be whole minor units').min(0, 'must not be negative');
export const customerName = z.string().trim().min(1, 'must not be empty').max(500);

@InputType()
export class CreateInvoiceInput {
  static rules = z.object({
    customerName,
    currency: z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 4217 code like EUR'),
    totalMinor,
    dueDate: z.date().nullish(),
    ownerId: z.string().uuid('is not an id').nullish(),
  });

  @Field(() => String)
  customerName!: string;

  @Field(() => String, { description: 'ISO 4217 code, e.g. EUR' })
  currency!: string;

  @Field(() => GraphQLSafeInt, { description: 'In minor units of the currency (cents for EUR)' })
  totalMinor!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  dueDate?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Defaults to the calling user' })
  ownerId?: string | null;
}
