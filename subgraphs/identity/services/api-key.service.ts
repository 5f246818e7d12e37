import type { EntityManager } from '@mikro-orm/postgresql';
import { grants } from '../../../shared/auth/permissions.js';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, NotFoundError } from '../../../shared/errors/errors.js';
import { ApiKey } from '../entities/api-key.entity.js';
import { Tenant } from '../entities/tenant.entity.js';
import type { CreateApiKeyInput } from '../inputs/api-key.input.js';
import { randomToken, sha256 } from '../../../shared/auth/secrets.js';

const KEY_PATTERN = /^bbk_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/;
/** Last-used times are written at most this often per key, to keep verification read-mostly. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** A caller may only hand out permissions it holds itself (API keys, service accounts). */
export function assertGrantable(held: readonly string[], wanted: string[]): void {
  const excess = wanted.filter((p) => !grants(held, p));
  if (excess.length) {
    throw new BadUserInputError(`you cannot grant permissions you do not hold: ${excess.join(', ')}`, [
      { field: 'scopes', message: `not held: ${excess.join(', ')}` },
    ]);
  }
}

export async function createApiKey(ctx: RequestContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
  const tenantId = requireTenant(ctx);
  assertGrantable(ctx.caller.scopes, input.scopes);
  const prefix = randomToken(9);
  const secret = `bbk_${prefix}_${randomToken(32)}`;
  const apiKey = ctx.em.create(ApiKey, {
    tenantId,
    name: input.name.trim(),
    prefix,
    secretHash: sha256(secret),
    scopes: input.scopes,
    expiresAt: input.expiresAt ?? null,
    createdById: ctx.caller.userId,
  });
  await ctx.em.flush();
  return { apiKey, secret };
}

export function listApiKeys(ctx: RequestContext): Promise<ApiKey[]> {
  requireTenant(ctx);
  return ctx.em.find(ApiKey, {}, { orderBy: { id: 'desc' } });
}

export async function revokeApiKey(ctx: RequestContext, id: string): Promise<ApiKey> {
  requireTenant(ctx);
  const apiKey = await ctx.em.findOne(ApiKey, { id });
  if (!apiKey) throw new NotFoundError('ApiKey', id);
  apiKey.revokedAt ??= new Date();
  await ctx.em.flush();
  return apiKey;
}

export interface VerifiedApiKey {
  apiKeyId: string;
  tenantId: string;
  scopes: string[];
  plan: string;
}

/**
 * Checks a presented key for the gateway. The lookup is by the key's own prefix across all
 * tenants (the key says which tenant it belongs to), hence no tenant filter here.
 */
export async function verifyApiKey(em: EntityManager, presented: string): Promise<VerifiedApiKey | null> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  const apiKey = await em.findOne(ApiKey, { prefix: match[1] }, { filters: false });
  const now = new Date();
  if (!apiKey || apiKey.secretHash !== sha256(presented) || apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt <= now)) {
    return null;
  }
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await em.nativeUpdate(ApiKey, { id: apiKey.id }, { lastUsedAt: now }, { filters: false });
  }
  const tenant = await em.findOneOrFail(Tenant, apiKey.tenantId);
  return { apiKeyId: apiKey.id, tenantId: apiKey.tenantId, scopes: apiKey.scopes, plan: tenant.plan };
}
