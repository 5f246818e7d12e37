import type { RequestContext } from '../../../shared/context/context.js';
import { ConflictError, UnauthenticatedError } from '../../../shared/errors/errors.js';
import { Tenant } from '../entities/tenant.entity.js';
import { User } from '../entities/user.entity.js';
import type { CreateTenantInput } from '../inputs/create-tenant.input.js';
import { foundTenant } from './auth.service.js';

/** A signed-in user founds another tenant and becomes its owner. */
export async function createTenant(ctx: RequestContext, input: CreateTenantInput): Promise<Tenant> {
  if (!ctx.caller.userId || ctx.caller.kind !== 'user') throw new UnauthenticatedError('sign in to create a tenant');
  const slug = input.slug.toLowerCase();
  if (await ctx.em.count(Tenant, { slug })) throw new ConflictError(`the slug "${slug}" is taken`);
  const user = await ctx.em.findOneOrFail(User, ctx.caller.userId);
  const tenant = foundTenant(ctx, user, input.name.trim(), slug);
  await ctx.em.flush();
  return tenant;
}
