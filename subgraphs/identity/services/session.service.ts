import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { getConfig } from '../../../shared/config/config.js';
import { UnauthenticatedError } from '../../../shared/errors/errors.js';
import { Membership } from '../entities/membership.entity.js';
import { RefreshToken } from '../entities/refresh-token.entity.js';
import { Tenant } from '../entities/tenant.entity.js';
import { User, UserStatus } from '../entities/user.entity.js';
import { randomToken, sha256 } from '../../../shared/auth/secrets.js';
import { signAccessToken } from './signing-key.service.js';

/** What sign-up, sign-in and refresh return. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
  tenant: Tenant | null;
}

/** The active membership of a user in a tenant, role loaded; null when none. */
export function activeMembership(em: EntityManager, userId: string, tenantId: string): Promise<Membership | null> {
  return em.findOne(Membership, { user: userId, deactivatedAt: null }, { populate: ['role'], filters: { tenant: { tenantId } } });
}

/**
 * Issues an access token for `user` in `tenant` (permissions from the membership's role, as
 * they are now) and a refresh token in `familyId` (a new family for a new sign-in).
 */
export async function issueSession(em: EntityManager, user: User, tenant: Tenant | null, familyId = uuidv7()): Promise<Session> {
  const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = getConfig();
  const membership = tenant ? await activeMembership(em, user.id, tenant.id) : null;
  if (tenant && !membership) throw new UnauthenticatedError('not a member of this tenant');
  const refreshToken = randomToken();
  em.create(RefreshToken, {
    tokenHash: sha256(refreshToken),
    familyId,
    userId: user.id,
    tenantId: tenant?.id ?? user.id,
    expiresAt: new Date(Date.now() + refreshTokenTtlSeconds * 1000),
  });
  await em.flush();
  const accessToken = await signAccessToken(em, {
    subject: user.id,
    kind: 'user',
    tenantId: tenant?.id ?? null,
    scopes: membership?.role.permissions ?? [],
    plan: tenant?.plan ?? null,
  });
  return { accessToken, refreshToken, expiresIn: accessTokenTtlSeconds, user, tenant };
}

async function revokeFamily(em: EntityManager, familyId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
}

/**
 * Trades a refresh token for a new session. Each token works once: presenting one that was
 * already used means it leaked, so the whole family is revoked and the caller must sign in.
 */
export async function refreshSession(em: EntityManager, token: string): Promise<Session> {
  const row = await em.findOne(RefreshToken, { tokenHash: sha256(token) });
  if (!row || row.revokedAt || row.expiresAt < new Date()) throw new UnauthenticatedError('invalid or expired refresh token');
  if (row.usedAt) {
    await revokeFamily(em, row.familyId);
    throw new UnauthenticatedError('refresh token reused: every session of this sign-in is revoked');
  }
  row.usedAt = new Date();
  const user = await em.findOneOrFail(User, row.userId);
  if (user.status !== UserStatus.ACTIVE) throw new UnauthenticatedError('this account is deactivated');
  const tenant = row.tenantId === row.userId ? null : await em.findOneOrFail(Tenant, row.tenantId);
  return issueSession(em, user, tenant, row.familyId);
}

/** Ends the sign-in the refresh token belongs to. Unknown tokens are ignored (idempotent). */
export async function endSession(em: EntityManager, token: string): Promise<boolean> {
  const row = await em.findOne(RefreshToken, { tokenHash: sha256(token) });
  if (row) await revokeFamily(em, row.familyId);
  return true;
}

/** Revokes a user's refresh tokens in one tenant (deactivation). */
export async function revokeUserSessions(em: EntityManager, userId: string, tenantId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { userId, tenantId, revokedAt: null }, { revokedAt: new Date() });
}
