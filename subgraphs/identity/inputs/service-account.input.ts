import { Field, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType()
export class CreateServiceAccountInput {
  static rules = z.object({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    scopes: z.array(z.string().min(1)).min(1, 'give at least one scope').max(100),
  });

  @Field()
  name!: string;

  @Field(() => [String])
  scopes!: string[];
}
