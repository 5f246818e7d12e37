import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import { revokeUserSessions } from './session.service.js';
import { findPage } from '../../../shared/orm/find-page.js';
import type { Page, PageArgs } from '../../../shared/graphql/pagination.js';
import { Membership } from '../entities/membership.entity.js';
import { User } from '../entities/user.entity.js';
import type { UpdateUserInput } from '../inputs/update-user.input.js';
import type { IdentityLoaders } from '../loaders/identity.loaders.js';

type Ctx = RequestContext<IdentityLoaders>;

/** A user of the caller's tenant; others are NOT_FOUND, exactly like missing ones. */
export async function getUser(ctx: Ctx, id: string): Promise<User> {
  const user = await ctx.loaders.userById.load(id);
  if (!user) throw new NotFoundError('User', id);
  return user;
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<User> {
  requireTenant(ctx);
  const user = await getUser(ctx, id);
  if (input.displayName !== undefined) user.displayName = input.displayName.trim();
  await ctx.em.flush();
  return user;
}

/** The members of the caller's tenant, newest membership first. */
export async function listUsers(ctx: Ctx, page: PageArgs): Promise<Page<User>> {
  requireTenant(ctx);
  const memberships = await findPage(ctx.em, Membership, {}, page);
  await ctx.em.populate(memberships.items, ['user']);
  return { ...memberships, items: memberships.items.map((m) => m.user) };
}

/**
 * Deactivates a member of the caller's tenant: they can no longer sign in or refresh here
 * (their access tokens run out within their short lifetime). Other tenants are unaffected.
 */
export async function deactivateUser(ctx: Ctx, id: string): Promise<User> {
  const tenantId = requireTenant(ctx);
  if (id === ctx.caller.userId) throw new ConflictError('you cannot deactivate yourself');
  const membership = await ctx.em.findOne(Membership, { user: id }, { populate: ['user', 'role'] });
  if (!membership) throw new NotFoundError('User', id);
  if (membership.role.name === 'owner') throw new ConflictError('an owner cannot be deactivated; assign another role first');
  membership.deactivatedAt ??= new Date();
  await ctx.em.flush();
  await revokeUserSessions(ctx.em, id, tenantId);
  return membership.user;
}

/** The signed-in user, in any tenant or none. */
export async function me(ctx: Ctx): Promise<User | null> {
  return ctx.caller.kind === 'user' && ctx.caller.userId ? ctx.em.findOne(User, ctx.caller.userId) : null;
}
