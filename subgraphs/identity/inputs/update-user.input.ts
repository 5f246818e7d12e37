import { Field, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType({ description: 'Fields to change; omitted fields stay as they are' })
export class UpdateUserInput {
  static rules = z.object({
    displayName: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  });

  @Field({ nullable: true })
  displayName?: string;
}
