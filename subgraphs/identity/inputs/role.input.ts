import { Field, InputType } from 'type-graphql';
import { z } from 'zod';

const permissions = z.array(z.string().min(1).max(100)).max(200);

@InputType()
export class CreateRoleInput {
  static rules = z.object({
    name: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and -, at most 64'),
    description: z.string().max(500).nullish(),
    permissions,
  });

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String])
  permissions!: string[];
}

@InputType({ description: 'Fields to change; omitted fields stay as they are' })
export class UpdateRoleInput {
  static rules = z.object({ description: z.string().max(500).nullish(), permissions: permissions.nullish() });

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  permissions?: string[] | null;
}
