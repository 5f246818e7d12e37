import { Field, GraphQLISODateTime, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType()
export class CreateApiKeyInput {
  static rules = z.object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    scopes: z.array(z.string().min(1)).min(1, 'give at least one scope').max(100),
    expiresAt: z.date().refine((d) => d > new Date(), 'must be in the future').nullish(),
  });

  @Field()
  name!: string;

  @Field(() => [String], { description: 'Permissions the key may use; at most those the creator holds' })
  scopes!: string[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  expiresAt?: Date | null;
}
