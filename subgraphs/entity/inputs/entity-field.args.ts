import { ArgsType, Field } from 'type-graphql';
import { z } from 'zod';
import { fieldName, typeName } from './entity-field.input.js';

/** Names one field of one entity type. */
@ArgsType()
export class EntityFieldArgs {
  static rules = z.object({ type: typeName, name: z.string() });

  @Field(() => String, { description: 'The entity type, e.g. contact' })
  type!: string;

  @Field(() => String, { description: 'The field' })
  name!: string;
}

@ArgsType()
export class RenameEntityFieldArgs extends EntityFieldArgs {
  static override rules = EntityFieldArgs.rules.extend({ newName: fieldName });

  @Field(() => String, { description: "The field's new name; existing records' values move to it" })
  newName!: string;
}

@ArgsType()
export class DeprecateEntityFieldArgs extends EntityFieldArgs {
  static override rules = EntityFieldArgs.rules.extend({ reason: z.string().max(1000).nullish() });

  @Field(() => String, { nullable: true, description: 'Shown to writers who still send the field' })
  reason?: string | null;
}
