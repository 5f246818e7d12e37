import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import { DocumentTemplate } from '../entities/document-template.entity.js';
import { TemplateVersion } from '../entities/template-version.entity.js';
import type { CreateTemplateInput, PreviewTemplateInput } from '../inputs/template.input.js';
import { checkInputSchema, checkTemplateData } from './template-input-schema.js';
import { checkTemplate, renderTemplate } from './template-render.js';

export async function createTemplate(ctx: RequestContext, input: CreateTemplateInput): Promise<DocumentTemplate> {
  const tenantId = requireTenant(ctx);
  checkTemplate(input.body);
  checkInputSchema(input.inputSchema);
  const name = input.name.trim();
  if (await ctx.em.count(DocumentTemplate, { name })) throw new ConflictError(`a template named "${name}" already exists`);
  const template = ctx.em.create(DocumentTemplate, { tenantId, name, latestVersion: 1 });
  ctx.em.create(TemplateVersion, { tenantId, templateId: template.id, version: 1, body: input.body, inputSchema: input.inputSchema ?? null });
  await ctx.em.flush();
  return template;
}

export async function getTemplate(ctx: RequestContext, id: string): Promise<DocumentTemplate> {
  requireTenant(ctx);
  const template = await ctx.em.findOne(DocumentTemplate, id);
  if (!template) throw new NotFoundError('DocumentTemplate', id);
  return template;
}

export function listTemplates(ctx: RequestContext): Promise<DocumentTemplate[]> {
  requireTenant(ctx);
  return ctx.em.find(DocumentTemplate, {}, { orderBy: { name: 'asc' } });
}

/**
 * Publishes a new body as the next version. Earlier versions stay as they were: documents made
 * from them keep pointing at them. The template row is locked so two publishes cannot take the
 * same number.
 */
export async function publishTemplateVersion(
  ctx: RequestContext,
  templateId: string,
  body: string,
  inputSchema: Record<string, unknown> | null = null,
): Promise<TemplateVersion> {
  const tenantId = requireTenant(ctx);
  checkTemplate(body);
  checkInputSchema(inputSchema);
  return ctx.em.transactional(async (em) => {
    const template = await em.findOne(DocumentTemplate, templateId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!template) throw new NotFoundError('DocumentTemplate', templateId);
    template.latestVersion += 1;
    return em.create(TemplateVersion, { tenantId, templateId, version: template.latestVersion, body, inputSchema });
  });
}

export async function getVersion(ctx: RequestContext, templateId: string, version?: number | null): Promise<TemplateVersion> {
  const template = await getTemplate(ctx, templateId);
  const wanted = version ?? template.latestVersion;
  const found = await ctx.em.findOne(TemplateVersion, { templateId, version: wanted });
  if (!found) throw new NotFoundError('TemplateVersion', `${templateId}@${wanted}`);
  return found;
}

export function listVersions(ctx: RequestContext, templateId: string): Promise<TemplateVersion[]> {
  requireTenant(ctx);
  return ctx.em.find(TemplateVersion, { templateId }, { orderBy: { version: 'desc' } });
}

/** The HTML a body (or a template's newest version) renders to with `data`; nothing is stored. */
export async function previewTemplate(ctx: RequestContext, input: PreviewTemplateInput): Promise<string> {
  const version = input.templateId ? await getVersion(ctx, input.templateId) : null;
  checkTemplateData(version?.inputSchema, input.data);
  return renderTemplate(input.body ?? version!.body, input.data);
}
