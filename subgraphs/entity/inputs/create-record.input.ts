import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';

/** Bytes of serialized JSON a record may hold: large enough for forms, small enough for a row. */
export const MAX_RECORD_DATA_BYTES = 1_048_576;

export function recordDataBytes(data: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify(data));
}

/** A record's data: a JSON object (not an array or a scalar) of at most MAX_RECORD_DATA_BYTES. */
export const recordData = z
  .record(z.string(), z.unknown(), 'must be a JSON object')
  .refine((data) => recordDataBytes(data) <= MAX_RECORD_DATA_BYTES, 'must be at most 1 MB of JSON');

@InputType()
export class CreateRecordInput {
  static rules = z.object({
    type: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _, starting with a letter, at most 63'),
    data: recordData,
    ownerId: z.string().uuid('is not an id').nullish(),
  });

  @Field(() => String)
  type!: string;

  @Field(() => GraphQLJSON, { description: 'A JSON object' })
  data!: Record<string, unknown>;

  @Field(() => ID, { nullable: true, description: 'Defaults to the calling user; null for a record nobody owns' })
  ownerId?: string | null;
}
