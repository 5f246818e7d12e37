import type { EntityManager } from '@mikro-orm/postgresql';
import { BUILT_IN_ROLES, isKnownPermission } from '../../../shared/auth/permissions.js';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors/errors.js';
import { Membership } from '../entities/membership.entity.js';
import { Role } from '../entities/role.entity.js';
import type { CreateRoleInput, UpdateRoleInput } from '../inputs/role.input.js';

/** Creates owner, admin, member and viewer in a new tenant (flushed by the caller). */
export function seedBuiltInRoles(em: EntityManager, tenantId: string): Record<keyof typeof BUILT_IN_ROLES, Role> {
  const entries = Object.entries(BUILT_IN_ROLES).map(([name, permissions]) => [
    name,
    em.create(Role, { tenantId, name, permissions, builtIn: true, description: `Built-in ${name} role` }),
  ]);
  return Object.fromEntries(entries) as Record<keyof typeof BUILT_IN_ROLES, Role>;
}

function assertKnown(permissions: string[]): void {
  const unknown = permissions.filter((p) => !isKnownPermission(p));
  if (unknown.length) {
    throw new BadUserInputError(`unknown permissions: ${unknown.join(', ')}`, [
      { field: 'permissions', message: `unknown: ${unknown.join(', ')}` },
    ]);
  }
}

export async function findRole(em: EntityManager, tenantId: string, name: string): Promise<Role> {
  const role = await em.findOne(Role, { name }, { filters: { tenant: { tenantId } } });
  if (!role) throw new NotFoundError('Role', name);
  return role;
}

export function listRoles(ctx: RequestContext): Promise<Role[]> {
  requireTenant(ctx);
  return ctx.em.find(Role, {}, { orderBy: { name: 'asc' } });
}

export async function createRole(ctx: RequestContext, input: CreateRoleInput): Promise<Role> {
  const tenantId = requireTenant(ctx);
  assertKnown(input.permissions);
  if (await ctx.em.count(Role, { name: input.name })) throw new ConflictError(`a role named ${input.name} exists`);
  const role = ctx.em.create(Role, { tenantId, name: input.name, description: input.description ?? '', permissions: input.permissions });
  await ctx.em.flush();
  return role;
}

export async function updateRole(ctx: RequestContext, name: string, input: UpdateRoleInput): Promise<Role> {
  const role = await findRole(ctx.em, requireTenant(ctx), name);
  if (role.name === 'owner') throw new ConflictError('the owner role cannot be changed');
  if (input.permissions) {
    assertKnown(input.permissions);
    role.permissions = input.permissions;
  }
  if (input.description != null) role.description = input.description;
  await ctx.em.flush();
  return role;
}

export async function deleteRole(ctx: RequestContext, name: string): Promise<boolean> {
  const role = await findRole(ctx.em, requireTenant(ctx), name);
  if (role.builtIn) throw new ConflictError(`the built-in role ${name} cannot be deleted`);
  if (await ctx.em.count(Membership, { role })) throw new ConflictError(`role ${name} is still assigned`);
  ctx.em.remove(role);
  await ctx.em.flush();
  return true;
}

export async function assignRole(ctx: RequestContext, userId: string, name: string): Promise<Membership> {
  const tenantId = requireTenant(ctx);
  const role = await findRole(ctx.em, tenantId, name);
  const membership = await ctx.em.findOne(Membership, { user: userId }, { populate: ['user', 'role'] });
  if (!membership) throw new NotFoundError('User', userId);
  if (membership.role.name === 'owner' && name !== 'owner') {
    const owners = await ctx.em.count(Membership, { role: membership.role, deactivatedAt: null });
    if (owners <= 1) throw new ConflictError('a tenant keeps at least one owner');
  }
  membership.role = role;
  await ctx.em.flush();
  return membership;
}
