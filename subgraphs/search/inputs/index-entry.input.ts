import { Field, Float, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { SEARCH_LANGUAGES } from '../entities/search-entry.entity.js';
import { SearchLanguage } from '../entities/search-language.enum.js';

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
    language: z.enum(SearchLanguage, `must be one of ${SEARCH_LANGUAGES.join(', ')}`).nullish(),
    status: z.string().min(1).max(100).nullish(),
    tags: z.array(z.string().trim().min(1).max(100)).max(50).nullish(),
    occurredAt: z.date().nullish(),
    amount: z.number().finite().nullish(),
  });

  @Field(() => String)
  kind!: string;

  @Field(() => ID)
  refId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { defaultValue: '' })
  body: string = '';

  @Field(() => String, {
    nullable: true,
    deprecationReason: "Entries are parsed in the tenant's search language (setSearchLanguage); a value here is checked but not used",
  })
  language?: string | null;

  @Field(() => String, { nullable: true, description: 'Its status, for the status facet' })
  status?: string | null;

  @Field(() => [String], { nullable: true, description: 'Its tags: weighted between title and body, and a facet' })
  tags?: string[] | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the thing happened (default: when first indexed): recency and date facets' })
  occurredAt?: Date | null;

  @Field(() => Float, { nullable: true, description: 'A number to range over, e.g. an amount' })
  amount?: number | null;
}
