import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { EntityFieldInput, entityFieldRules, typeName } from './entity-field.input.js';

/** Enough for any form; a bound so one definition cannot make every record write slow. */
export const MAX_FIELDS_PER_TYPE = 200;

@InputType({ description: 'A new entity type and its first fields' })
export class CreateEntityTypeInput {
  static rules = z.object({
    name: typeName,
    plural: typeName.nullish(),
    description: z.string().max(1000).nullish(),
    fields: z
      .array(entityFieldRules)
      .max(MAX_FIELDS_PER_TYPE)
      .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, 'must not repeat a field name')
      .nullish(),
  });

  @Field(() => String, { description: 'Lower-case identifier, e.g. contact; the `type` of its records' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the name with an s' })
  plural?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [EntityFieldInput], { nullable: true })
  fields?: EntityFieldInput[] | null;
}
