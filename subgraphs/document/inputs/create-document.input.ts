import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType()
export class CreateDocumentInput {
  static rules = z.object({
    title: z.string().trim().min(1, 'must not be empty').max(500),
    content: z.string().max(5_000_000, 'must be at most 5 MB of text'),
    mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'is not a media type like text/plain'),
    ownerId: z.string().uuid('is not an id').nullish(),
  });

  @Field()
  title!: string;

  @Field()
  content!: string;

  @Field({ defaultValue: 'text/plain' })
  mimeType: string = 'text/plain';

  @Field(() => ID, { nullable: true, description: 'Defaults to the calling user' })
  ownerId?: string | null;
}
