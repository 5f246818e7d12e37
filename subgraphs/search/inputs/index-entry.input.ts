import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { SEARCH_LANGUAGES } from '../entities/search-entry.entity.js';

/** An entry's kind: a lower-case name like document or invoice. */
export const kindRule = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _, starting with a letter, at most 63');

/** A tsvector holds at most 1 MB; this much text stays well below that. */
export const MAX_BODY_LENGTH = 200_000;

@InputType({ description: 'The text of one thing; indexing the same kind and refId again replaces it' })
export class IndexEntryInput {
  static rules = z.object({
    kind: kindRule,
    refId: z.string().uuid('is not an id'),
    title: z.string().trim().min(1, 'must not be empty').max(500),
    body: z.string().max(MAX_BODY_LENGTH, `must be at most ${MAX_BODY_LENGTH} characters`),
    language: z.enum(SEARCH_LANGUAGES, `must be one of ${SEARCH_LANGUAGES.join(', ')}`),
  });

  @Field(() => String)
  kind!: string;

  @Field(() => ID)
  refId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { defaultValue: '' })
  body: string = '';

  @Field(() => String, { defaultValue: 'simple', description: SEARCH_LANGUAGES.join(', ') })
  language: string = 'simple';
}
