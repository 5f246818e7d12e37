import { GraphQLJSON } from 'graphql-scalars';
import { Field, GraphQLISODateTime, InputType } from 'type-graphql';
import { z } from 'zod';

/** An event name: lower-case, starting with a letter, dots, colons and dashes for namespaces. */
export const eventNameRule = z
  .string()
  .regex(/^[a-z][a-z0-9_.:-]{0,99}$/, 'lower-case letters, digits and _ . : -, starting with a letter, at most 100');

/** Serialized JSON an event's properties may take: details, not documents. */
export const MAX_PROPERTIES_BYTES = 32_768;

@InputType({ description: 'An event to record' })
export class TrackEventInput {
  static rules = z.object({
    name: eventNameRule,
    occurredAt: z.date().nullish(),
    properties: z
      .record(z.string(), z.unknown(), 'must be a JSON object')
      .refine((p) => Buffer.byteLength(JSON.stringify(p)) <= MAX_PROPERTIES_BYTES, 'must be at most 32 KB of JSON')
      .nullish(),
  });

  @Field(() => String)
  name!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Defaults to now' })
  occurredAt?: Date | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'A JSON object; defaults to {}' })
  properties?: Record<string, unknown> | null;
}
