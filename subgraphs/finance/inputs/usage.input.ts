import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { MeterAggregation } from '../entities/meter.entity.js';
import { id } from './money.rules.js';

export const meterKey = z.string().regex(/^[a-z][a-z0-9_.-]{0,62}$/, 'lower-case letters, digits, _ . -, starting with a letter, at most 63');

/** How many usage events one call takes: one SQL statement of up to this many rows. */
export const MAX_USAGE_EVENTS = 5_000;

@InputType()
export class CreateMeterInput {
  static rules = z.object({ key: meterKey, name: z.string().trim().min(1, 'must not be empty').max(200), aggregation: z.enum(MeterAggregation) });

  @Field(() => String)
  key!: string;

  @Field(() => String)
  name!: string;

  @Field(() => MeterAggregation)
  aggregation!: MeterAggregation;
}

@InputType({ description: 'One metered event; sending the same eventId again is harmless (counted once)' })
export class UsageEventInput {
  static rules = z.object({
    eventId: z.string().min(1, 'must not be empty').max(200),
    meterKey,
    customerId: id,
    value: z.number().finite().min(0, 'must not be negative').max(1e12),
    uniqueKey: z.string().min(1).max(200).nullish(),
    occurredAt: z.date().nullish(),
  });

  @Field(() => String, { description: 'Your id of the event: the idempotency key' })
  eventId!: string;

  @Field(() => String)
  meterKey!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => Float, { defaultValue: 1, description: 'Summed by SUM meters, compared by MAX meters' })
  value: number = 1;

  @Field(() => String, { nullable: true, description: 'Counted once per period by UNIQUE_COUNT meters (a user id, a device)' })
  uniqueKey?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Default: when received' })
  occurredAt?: Date | null;
}

@ArgsType()
export class UsageSummaryArgs {
  static rules = z
    .object({ customerId: id, meterKey, from: z.date(), to: z.date() })
    .refine((args) => args.from < args.to, { message: 'must be after from', path: ['to'] });

  @Field(() => ID)
  customerId!: string;

  @Field(() => String)
  meterKey!: string;

  @Field(() => GraphQLISODateTime)
  from!: Date;

  @Field(() => GraphQLISODateTime)
  to!: Date;
}
