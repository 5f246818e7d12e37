import type { EntityManager } from '@mikro-orm/postgresql';
import { getConfig } from '../../../shared/config/config.js';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { ServiceAccount } from '../entities/service-account.entity.js';
import { Tenant } from '../entities/tenant.entity.js';
import type { CreateServiceAccountInput } from '../inputs/service-account.input.js';
import { assertGrantable } from './api-key.service.js';
import { randomToken, sha256 } from '../../../shared/auth/secrets.js';
import { signAccessToken } from './signing-key.service.js';

export async function createServiceAccount(
  ctx: RequestContext,
  input: CreateServiceAccountInput,
): Promise<{ serviceAccount: ServiceAccount; clientSecret: string }> {
  const tenantId = requireTenant(ctx);
  assertGrantable(ctx.caller.scopes, input.scopes);
  const clientSecret = randomToken(32);
  const serviceAccount = ctx.em.create(ServiceAccount, {
    tenantId,
    name: input.name.trim(),
    clientId: `sa_${randomToken(12)}`,
    secretHash: sha256(clientSecret),
    scopes: input.scopes,
  });
  await ctx.em.flush();
  return { serviceAccount, clientSecret };
}

export interface ClientCredentialsToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/**
 * OAuth2 client credentials (RFC 6749 §4.4): a service account's id and secret for an access
 * token with its scopes. Looked up by client id across tenants (the id says whose it is).
 */
export async function exchangeClientCredentials(em: EntityManager, clientId: string, clientSecret: string): Promise<ClientCredentialsToken | null> {
  const account = await em.findOne(ServiceAccount, { clientId }, { filters: false });
  if (!account || account.disabledAt || account.secretHash !== sha256(clientSecret)) return null;
  const tenant = await em.findOneOrFail(Tenant, account.tenantId);
  const ttl = getConfig().accessTokenTtlSeconds;
  const accessToken = await signAccessToken(em, {
    subject: account.id,
    kind: 'service',
    tenantId: account.tenantId,
    scopes: account.scopes,
    plan: tenant.plan,
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: account.scopes.join(' ') };
}
