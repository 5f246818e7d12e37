import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { attributeChanges } from '../../../shared/audit/attribute-changes.js';
import { ConflictError, UnauthenticatedError } from '../../../shared/errors/errors.js';
import { Invitation } from '../entities/invitation.entity.js';
import { Membership } from '../entities/membership.entity.js';
import { Tenant } from '../entities/tenant.entity.js';
import { User } from '../entities/user.entity.js';
import type { AcceptInvitationInput, InviteUserInput } from '../inputs/invitation.input.js';
import { hashPassword, verifyPassword } from './password.service.js';
import { findRole } from './role.service.js';
import { randomToken, sha256 } from '../../../shared/auth/secrets.js';
import { issueSession, type Session } from './session.service.js';

const INVITATION_DAYS = 7;

export async function inviteUser(ctx: RequestContext, input: InviteUserInput): Promise<{ invitation: Invitation; token: string }> {
  const tenantId = requireTenant(ctx);
  const email = input.email.trim().toLowerCase();
  await findRole(ctx.em, tenantId, input.role);
  const member = await ctx.em.findOne(Membership, { user: { email } });
  if (member) throw new ConflictError(`${email} is already a member of this tenant`);
  const token = randomToken();
  const invitation = ctx.em.create(Invitation, {
    tenantId,
    email,
    roleName: input.role,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    invitedById: ctx.caller.userId,
  });
  await ctx.em.flush();
  return { invitation, token };
}

/**
 * Joins the inviting tenant: creates the account (a password is required then) or, for an
 * existing account, checks its password. The invitation is looked up by its token, which
 * carries the tenant, hence the explicit tenant on every read here.
 */
export async function acceptInvitation(ctx: RequestContext, input: AcceptInvitationInput): Promise<Session> {
  const invitation = await ctx.em.findOne(Invitation, { tokenHash: sha256(input.token) }, { filters: false });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt < new Date()) {
    throw new UnauthenticatedError('invalid or expired invitation');
  }
  const tenantId = invitation.tenantId;
  let user = await ctx.em.findOne(User, { email: invitation.email }, { populate: ['passwordHash'] });
  if (user) {
    if (!(await verifyPassword(user.passwordHash ?? null, input.password))) throw new UnauthenticatedError('wrong password for this account');
  } else {
    user = ctx.em.create(User, {
      email: invitation.email,
      displayName: input.displayName?.trim() || invitation.email,
      passwordHash: await hashPassword(input.password),
    });
  }
  attributeChanges(ctx.em, { tenantId, actorId: user.id });
  const role = await findRole(ctx.em, tenantId, invitation.roleName);
  ctx.em.create(Membership, { tenantId, user, role });
  invitation.acceptedAt = new Date();
  await ctx.em.flush();
  return issueSession(ctx.em, user, await ctx.em.findOneOrFail(Tenant, tenantId));
}
