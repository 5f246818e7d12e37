import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { DocumentStatus } from '../entities/document.entity.js';

@InputType({ description: 'Fields to change; omitted fields stay as they are' })
export class UpdateDocumentInput {
  static rules = z.object({
    title: z.string().trim().min(1, 'must not be empty').max(500).optional(),
    content: z.string().max(5_000_000, 'must be at most 5 MB of text').optional(),
  });

  @Field({ nullable: true })
  title?: string;

  @Field({ nullable: true })
  content?: string;

  @Field(() => DocumentStatus, { nullable: true })
  status?: DocumentStatus;
}
