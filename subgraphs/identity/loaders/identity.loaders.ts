import DataLoader from 'dataloader';
import type { RequestContext } from '../../../shared/context/context.js';
import { Membership } from '../entities/membership.entity.js';
import { Tenant } from '../entities/tenant.entity.js';
import type { User } from '../entities/user.entity.js';

export interface IdentityLoaders {
  /** Memberships in the caller's tenant by user id, user and role loaded. */
  membershipByUserId: DataLoader<string, Membership | null>;
  /** Users who are members of the caller's tenant; anyone else loads as null. */
  userById: DataLoader<string, User | null>;
  /** The caller's own tenant; any other id loads as null. */
  tenantById: DataLoader<string, Tenant | null>;
}

export function createIdentityLoaders(ctx: Omit<RequestContext, 'loaders'>): IdentityLoaders {
  const { em, caller } = ctx;
  const membershipByUserId = new DataLoader<string, Membership | null>(async (ids) => {
    const memberships = await em.find(Membership, { user: { $in: [...ids] } }, { populate: ['user', 'role'] });
    const byId = new Map(memberships.map((m) => [m.user.id, m]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  return {
    membershipByUserId,
    userById: new DataLoader(async (ids) => (await membershipByUserId.loadMany(ids)).map((m) => (m instanceof Membership ? m.user : null))),
    tenantById: new DataLoader(async (ids) => {
      const visible = ids.filter((id) => id === caller.tenantId);
      const tenants = visible.length ? await em.find(Tenant, { id: { $in: visible } }) : [];
      return ids.map((id) => tenants.find((t) => t.id === id) ?? null);
    }),
  };
}
