import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';

const fileName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((name) => !/[/\\\0]/.test(name), 'must be a name, not a path');
const target = {
  documentId: z.uuid('is not an id').nullish(),
  title: z.string().trim().min(1, 'must not be empty').max(500).nullish(),
  fileName,
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, 'is not a media type like application/pdf'),
};

@InputType({ description: 'A file to come: the next version of a document, or a new document' })
export class CreateDocumentUploadInput {
  static rules = z.object(target);

  @Field(() => ID, { nullable: true, description: 'The document that gets the file as its next version; a new document when absent' })
  documentId?: string | null;

  @Field(() => String, { nullable: true, description: "The new document's title (required without documentId)" })
  title?: string | null;

  @Field(() => String, { description: 'The name a download of this version gets' })
  fileName!: string;

  @Field(() => String, { description: 'Media type of the file (application/pdf, image/png, text/csv…); its bytes must match it' })
  contentType!: string;
}

/** 10 MB of bytes is 13,981,016 base64 characters. */
const MAX_INLINE_BASE64 = Math.ceil((10 * 1024 * 1024) / 3) * 4;

@InputType({ description: 'A small file given inline, stored at once as a new document or the next version of one' })
export class StoreDocumentFileInput extends CreateDocumentUploadInput {
  static override rules = z.object({
    ...target,
    contentBase64: z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_INLINE_BASE64, 'must be at most 10 MB (larger files go through createDocumentUpload)')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64'),
  });

  @Field(() => String, { description: 'The bytes, base64; at most 10 MB (use createDocumentUpload beyond)' })
  contentBase64!: string;
}
