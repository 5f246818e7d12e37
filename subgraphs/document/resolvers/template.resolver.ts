import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../shared/context/context.js';
import { Document } from '../entities/document.entity.js';
import { DocumentTemplate } from '../entities/document-template.entity.js';
import { TemplateVersion } from '../entities/template-version.entity.js';
import { CreateTemplateInput, GenerateDocumentInput, PreviewTemplateInput } from '../inputs/template.input.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import { mergeDocuments } from '../services/document-merge.service.js';
import * as generation from '../services/generation.service.js';
import * as templates from '../services/template.service.js';

@Resolver(() => DocumentTemplate)
export class TemplateResolver {
  @Authorized('document:template:read')
  @Query(() => [DocumentTemplate], { description: "The caller tenant's templates, by name" })
  documentTemplates(@Ctx() ctx: RequestContext): Promise<DocumentTemplate[]> {
    return templates.listTemplates(ctx);
  }

  @Authorized('document:template:read')
  @Query(() => DocumentTemplate)
  documentTemplate(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<DocumentTemplate> {
    return templates.getTemplate(ctx, id);
  }

  @Authorized('document:template:read')
  @Query(() => String, { description: 'The HTML a template renders to with the data; BAD_USER_INPUT names the line and variable of an error' })
  previewTemplate(@Ctx() ctx: RequestContext, @Arg('input', () => PreviewTemplateInput) input: PreviewTemplateInput): Promise<string> {
    return templates.previewTemplate(ctx, input);
  }

  @Authorized('document:template:write')
  @Mutation(() => DocumentTemplate)
  createTemplate(@Ctx() ctx: RequestContext, @Arg('input', () => CreateTemplateInput) input: CreateTemplateInput): Promise<DocumentTemplate> {
    return templates.createTemplate(ctx, input);
  }

  @Authorized('document:template:write')
  @Mutation(() => TemplateVersion, { description: 'Publishes a new version; documents made from older versions are unchanged' })
  publishTemplateVersion(
    @Ctx() ctx: RequestContext,
    @Arg('templateId', () => ID) templateId: string,
    @Arg('body', () => String) body: string,
    @Arg('inputSchema', () => GraphQLJSON, { nullable: true, description: 'A JSON Schema for the data this version reads' }) inputSchema?: Record<string, unknown> | null,
  ): Promise<TemplateVersion> {
    return templates.publishTemplateVersion(ctx, templateId, body, inputSchema ?? null);
  }

  @Authorized('document:document:write')
  @Mutation(() => Document, { description: 'Queues a PDF generated from a template; `documentGenerated` says when it is ready' })
  generateDocument(@Ctx() ctx: RequestContext, @Arg('input', () => GenerateDocumentInput) input: GenerateDocumentInput): Promise<Document> {
    return generation.generateDocument(ctx, input);
  }

  @Authorized('document:document:write')
  @Mutation(() => Document, { description: "Queues one PDF made of the documents' PDFs, in order; `documentGenerated` says when it is ready" })
  mergeDocuments(@Ctx() ctx: RequestContext<DocumentLoaders>, @Arg('documentIds', () => [ID]) documentIds: string[], @Arg('title', () => String) title: string): Promise<Document> {
    return mergeDocuments(ctx, documentIds, title);
  }

  @FieldResolver(() => [TemplateVersion], { description: 'Every published version, newest first' })
  versions(@Root() template: DocumentTemplate, @Ctx() ctx: RequestContext): Promise<TemplateVersion[]> {
    return templates.listVersions(ctx, template.id);
  }
}
