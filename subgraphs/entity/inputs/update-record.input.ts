import { GraphQLJSON } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { recordData } from './create-record.input.js';

@InputType({ description: "A record's new data" })
export class UpdateRecordInput {
  static rules = z.object({ data: recordData, merge: z.boolean().nullish() });

  @Field(() => GraphQLJSON, { description: 'A JSON object' })
  data!: Record<string, unknown>;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: "Shallow-merge data into the record's top-level keys instead of replacing it",
  })
  merge?: boolean | null;
}
