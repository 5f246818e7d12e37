import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';

const body = z.string().min(1, 'must not be empty').max(200_000, 'must be at most 200,000 characters');
const inputSchema = z.record(z.string(), z.unknown(), 'must be a JSON Schema object').refine((d) => JSON.stringify(d).length <= 100_000, 'must be at most 100 KB of JSON');
const data = z.record(z.string(), z.unknown(), 'must be a JSON object').refine((d) => JSON.stringify(d).length <= 1_000_000, 'must be at most 1 MB of JSON');

@InputType({ description: 'A new template and its first version' })
export class CreateTemplateInput {
  static rules = z.object({ name: z.string().trim().min(1, 'must not be empty').max(200), body, inputSchema: inputSchema.nullish() });

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Handlebars producing HTML; helpers: formatDate, formatMoney, join, upper, count' })
  body!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'A JSON Schema for the data the body reads; generation and preview check data against it' })
  inputSchema?: Record<string, unknown> | null;
}

@InputType({ description: 'Renders a body (or a published version) with data, storing nothing' })
export class PreviewTemplateInput {
  static rules = z.object({ body: body.nullish(), templateId: z.uuid().nullish(), data }).refine((p) => Boolean(p.body) !== Boolean(p.templateId), {
    message: 'give exactly one of body and templateId',
    path: ['body'],
  });

  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => ID, { nullable: true, description: "Preview the template's newest version" })
  templateId?: string | null;

  @Field(() => GraphQLJSON)
  data!: Record<string, unknown>;
}

@InputType({ description: 'A document to generate from a template version and data' })
export class GenerateDocumentInput {
  static rules = z
    .object({ templateId: z.uuid('is not an id'), version: z.number().int().min(1).nullish(), title: z.string().trim().min(1).max(500), data: data.nullish(), fromRecord: z.uuid('is not an id').nullish(), fromInvoice: z.uuid('is not an id').nullish() })
    .refine((input) => input.data != null || input.fromRecord != null || input.fromInvoice != null, { message: 'give data, fromRecord or fromInvoice (or several)', path: ['data'] });

  @Field(() => ID)
  templateId!: string;

  @Field(() => Int, { nullable: true, description: 'Defaults to the newest version' })
  version?: number | null;

  @Field(() => String)
  title!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The values the template reads (over those of fromRecord)' })
  data?: Record<string, unknown> | null;

  @Field(() => ID, {
    nullable: true,
    description: "An entity record whose values the template reads (its fields, and `record.id`/`record.type`), fetched as the caller; it becomes the document's subject",
  })
  fromRecord?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "An invoice of the finance subgraph the template reads as `invoice` (number, customerName, currency, status, dates, totals, lines and taxLines), fetched as the caller; it becomes the document's subject",
  })
  fromInvoice?: string | null;
}
