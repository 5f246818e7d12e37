import { Field, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType()
export class CreateTenantInput {
  static rules = z.object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    slug: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and inner dashes, at most 63'),
  });

  @Field()
  name!: string;

  @Field({ description: 'URL-safe unique handle, e.g. acme-corp' })
  slug!: string;
}
