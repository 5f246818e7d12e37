import type { RequestContext } from '../../../shared/context/context.js';
import { ConflictError, UnauthenticatedError } from '../../../shared/errors/errors.js';
import { attributeChanges } from '../../../shared/audit/attribute-changes.js';
import { Membership } from '../entities/membership.entity.js';
import { Tenant } from '../entities/tenant.entity.js';
import { User, UserStatus } from '../entities/user.entity.js';
import type { LoginInput, SignUpInput } from '../inputs/auth.input.js';
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from './login-throttle.js';
import { hashPassword, verifyPassword } from './password.service.js';
import { seedBuiltInRoles } from './role.service.js';
import { issueSession, type Session } from './session.service.js';

/** A new tenant with its built-in roles and `user` as its owner (flushed by the caller). */
export function foundTenant(ctx: RequestContext, user: User, name: string, slug: string): Tenant {
  const tenant = ctx.em.create(Tenant, { name, slug });
  const roles = seedBuiltInRoles(ctx.em, tenant.id);
  ctx.em.create(Membership, { tenantId: tenant.id, user, role: roles.owner });
  attributeChanges(ctx.em, { tenantId: tenant.id, actorId: user.id });
  return tenant;
}

/** Creates an account, and a tenant it owns when a tenant name is given, and signs in. */
export async function signUp(ctx: RequestContext, input: SignUpInput): Promise<Session> {
  const email = input.email.trim().toLowerCase();
  if (await ctx.em.count(User, { email })) throw new ConflictError('an account with this email exists: sign in instead');
  if (input.tenantSlug && (await ctx.em.count(Tenant, { slug: input.tenantSlug }))) {
    throw new ConflictError(`the slug "${input.tenantSlug}" is taken`);
  }
  const user = ctx.em.create(User, {
    email,
    displayName: input.displayName.trim(),
    passwordHash: await hashPassword(input.password),
  });
  attributeChanges(ctx.em, { actorId: user.id });
  const tenant = input.tenantName && input.tenantSlug ? foundTenant(ctx, user, input.tenantName.trim(), input.tenantSlug) : null;
  await ctx.em.flush();
  return issueSession(ctx.em, user, tenant);
}

/**
 * Signs in with email and password, into the given tenant or the user's first one. Failures
 * all read the same and count towards the per-account and per-source throttles.
 */
export async function login(ctx: RequestContext, input: LoginInput): Promise<Session> {
  const email = input.email.trim().toLowerCase();
  const source = ctx.caller.clientIp;
  await assertLoginAllowed(email, source);
  const user = await ctx.em.findOne(User, { email }, { populate: ['passwordHash'] });
  if (!(await verifyPassword(user?.passwordHash ?? null, input.password)) || !user) {
    await recordLoginFailure(email, source);
    throw new UnauthenticatedError('wrong email or password');
  }
  if (user.status !== UserStatus.ACTIVE) throw new UnauthenticatedError('this account is deactivated');
  await recordLoginSuccess(email);
  const memberships = await ctx.em.find(
    Membership,
    { user, deactivatedAt: null, ...(input.tenantId ? { tenantId: input.tenantId } : {}) },
    { filters: false, orderBy: { id: 'asc' }, limit: 1 },
  );
  if (input.tenantId && !memberships.length) throw new UnauthenticatedError('not a member of this tenant');
  const tenant = memberships.length ? await ctx.em.findOneOrFail(Tenant, memberships[0].tenantId) : null;
  return issueSession(ctx.em, user, tenant);
}
