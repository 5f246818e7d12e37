import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';

export const passwordRule = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');

const slugRule = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and inner dashes, at most 63');

@InputType({ description: 'A new account; with tenantName and tenantSlug it also founds a tenant it owns' })
export class SignUpInput {
  static rules = z
    .object({
      email: z.string().trim().email('is not an email address').max(320),
      password: passwordRule,
      displayName: z.string().trim().min(1, 'must not be empty').max(200),
      tenantName: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
      tenantSlug: slugRule.nullish(),
    })
    .refine((i) => Boolean(i.tenantName) === Boolean(i.tenantSlug), {
      message: 'give both tenantName and tenantSlug, or neither',
      path: ['tenantSlug'],
    });

  @Field()
  email!: string;

  @Field()
  password!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  tenantName?: string | null;

  @Field(() => String, { nullable: true })
  tenantSlug?: string | null;
}

@InputType()
export class LoginInput {
  static rules = z.object({
    email: z.string().trim().min(1, 'must not be empty'),
    password: z.string().min(1, 'must not be empty'),
    tenantId: z.string().uuid('is not an id').nullish(),
  });

  @Field()
  email!: string;

  @Field()
  password!: string;

  @Field(() => ID, { nullable: true, description: "Which tenant to act in; default the user's first" })
  tenantId?: string | null;
}
