import { GraphQLJSON } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { z } from 'zod';

/** An event name: lower-case, starting with a letter, dots, colons and dashes for namespaces. */
export const eventNameRule = z
  .string()
  .regex(/^[a-z][a-z0-9_.:-]{0,99}$/, 'lower-case letters, digits and _ . : -, starting with a letter, at most 100');

/** Serialized JSON an event's properties may take: details, not documents. */
export const MAX_PROPERTIES_BYTES = 32_768;

/** A dimension or measure name (the same shape metric definitions use to name them). */
export const attributeName = /^[A-Za-z_][\w.-]{0,63}$/;
const MAX_ATTRIBUTES = 20;

const names = (record: Record<string, unknown>) => Object.keys(record).every((key) => attributeName.test(key));

export const trackEventRules = z.object({
  id: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters').nullish(),
  name: eventNameRule,
  occurredAt: z.date().nullish(),
  dimensions: z
    .record(z.string(), z.string().max(200, 'values must be at most 200 characters'), 'must be a JSON object of text values')
    .refine((d) => Object.keys(d).length <= MAX_ATTRIBUTES, `must have at most ${MAX_ATTRIBUTES} dimensions`)
    .refine(names, 'has a name that is not a dimension name (letters, digits, _ . -)')
    .nullish(),
  measures: z
    .record(z.string(), z.number().finite('values must be finite numbers'), 'must be a JSON object of numbers')
    .refine((m) => Object.keys(m).length <= MAX_ATTRIBUTES, `must have at most ${MAX_ATTRIBUTES} measures`)
    .refine(names, 'has a name that is not a measure name (letters, digits, _ . -)')
    .nullish(),
  properties: z
    .record(z.string(), z.unknown(), 'must be a JSON object')
    .refine((p) => Buffer.byteLength(JSON.stringify(p)) <= MAX_PROPERTIES_BYTES, 'must be at most 32 KB of JSON')
    .nullish(),
});

@InputType({ description: 'A fact to record' })
export class TrackEventInput {
  static rules = trackEventRules;

  @Field(() => ID, { nullable: true, description: "The client's id for it: tracking the same id again is a no-op (safe to retry)" })
  id?: string | null;

  @Field(() => String, { description: 'The fact type' })
  name!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Defaults to now; may be in the past (late facts are rolled up again)' })
  occurredAt?: Date | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Text values to filter and group by ({ "plan": "pro" }); keep them few and low-cardinality' })
  dimensions?: Record<string, string> | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Numbers to aggregate ({ "amount": 120.5 })' })
  measures?: Record<string, number> | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Free-form details (a JSON object); its text and boolean values also become dimensions and its numbers measures, unless given explicitly',
  })
  properties?: Record<string, unknown> | null;
}
