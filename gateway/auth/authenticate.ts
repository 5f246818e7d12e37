import type { IncomingHttpHeaders } from 'node:http';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { signCallerToken } from '../../shared/auth/caller-token.js';
import { ANONYMOUS, type Caller } from '../../shared/context/caller.js';
import { rejectRequest, UnauthenticatedError } from '../../shared/errors/errors.js';

/** Issuer and audience the identity subgraph puts in access tokens. */
const ISSUER = 'supergraph-identity';
const AUDIENCE = 'supergraph';

const accessClaims = z.object({
  sub: z.string(),
  typ: z.literal('access'),
  knd: z.enum(['user', 'service']),
  tid: z.string().nullable(),
  scp: z.array(z.string()),
  pln: z.string().nullable().optional(),
});

const verifiedKey = z.object({ apiKeyId: z.string(), tenantId: z.string(), scopes: z.array(z.string()), plan: z.string() });

/** The caller and what the gateway alone needs to know about them. */
export interface Authenticated {
  caller: Caller;
  /** The tenant's plan, which picks its rate-limit budgets. */
  plan: string | null;
  /** When the credential stops being valid (an access token's `exp`); live connections close then. */
  expiresAt: Date | null;
}

export interface AuthenticatorOptions {
  /** Where the identity subgraph serves its plain HTTP endpoints, e.g. http://localhost:4001 */
  identityBaseUrl: string;
  internalTokenSecret: string;
}

/**
 * How long a verified access token is taken on its word before its signature is checked again.
 * Verifying an ES256 signature costs more than the rest of a small request's authentication; a
 * client sends the same token with every request until it expires. The bound is what a key
 * withdrawn from identity's JWKS could still admit, on top of the token's own expiry.
 */
const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;
const VERIFIED_TOKEN_CAPACITY = 20_000;

/** What an access token says, once verified: the caller but for where the request comes from. */
type Verified = Omit<Authenticated, 'caller'> & { caller: Omit<Caller, 'clientIp'> };

const unauthenticated = (message: string, error = 'invalid_token') =>
  rejectRequest(new UnauthenticatedError(message), 401, { 'www-authenticate': `Bearer error="${error}"` });

/**
 * Establishes who is calling, once per request: a Bearer JWT from identity (checked against
 * its JWKS, fetched and cached, refetched on an unknown `kid`), an `x-api-key` (checked by
 * identity), or nobody. Bad credentials reject the whole request with 401.
 */
export function createAuthenticator(options: AuthenticatorOptions) {
  // A short cooldown: after a key rotation the new `kid` is fetched within a second, while a
  // flood of made-up kids still costs identity at most one JWKS request a second.
  const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', options.identityBaseUrl), {
    cooldownDuration: 1_000,
    cacheMaxAge: 10 * 60_000,
  });

  // Tokens that verified, until they expire (or the TTL above passes); failures are never kept.
  const verified = new LRUCache<string, Verified>({ max: VERIFIED_TOKEN_CAPACITY, ttl: VERIFIED_TOKEN_TTL_MS, ttlAutopurge: false });

  async function verify(token: string): Promise<Verified> {
    const known = verified.get(token);
    if (known) {
      if (known.expiresAt && known.expiresAt.getTime() <= Date.now()) {
        verified.delete(token);
        throw unauthenticated('access token expired: refresh the session');
      }
      return known;
    }
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'] });
      const claims = accessClaims.parse(payload);
      const result: Verified = {
        caller: {
          kind: claims.knd,
          userId: claims.knd === 'user' ? claims.sub : null,
          tenantId: claims.tid,
          scopes: claims.scp,
          principalId: claims.knd === 'service' ? claims.sub : null,
        },
        plan: claims.pln ?? null,
        expiresAt: payload.exp ? new Date(payload.exp * 1000) : null,
      };
      const lifetime = result.expiresAt ? result.expiresAt.getTime() - Date.now() : VERIFIED_TOKEN_TTL_MS;
      if (lifetime > 0) verified.set(token, result, { ttl: Math.min(lifetime, VERIFIED_TOKEN_TTL_MS) });
      return result;
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('access token expired: refresh the session');
      throw unauthenticated('invalid access token');
    }
  }

  async function fromBearer(token: string, clientIp: string | null): Promise<Authenticated> {
    const { caller, plan, expiresAt } = await verify(token);
    return { caller: { ...caller, clientIp }, plan, expiresAt };
  }

  async function fromApiKey(key: string, clientIp: string | null): Promise<Authenticated> {
    const res = await fetch(new URL('/internal/api-keys/verify', options.identityBaseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-caller-token': await signCallerToken(ANONYMOUS, options.internalTokenSecret) },
      body: JSON.stringify({ key }),
    });
    if (res.status === 401) throw unauthenticated('invalid, expired or revoked API key', 'invalid_api_key');
    if (!res.ok) throw new Error(`API key verification failed with HTTP ${res.status}`);
    const key_ = verifiedKey.parse(await res.json());
    return {
      caller: { kind: 'api-key', userId: null, tenantId: key_.tenantId, scopes: key_.scopes, principalId: key_.apiKeyId, clientIp },
      plan: key_.plan,
      // Revocation is checked per connection; a key's own expiry, if any, is not sent back.
      expiresAt: null,
    };
  }

  return async function authenticate(headers: IncomingHttpHeaders, clientIp: string | null): Promise<Authenticated> {
    const authorization = headers.authorization;
    if (authorization) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!bearer) throw unauthenticated('use `Authorization: Bearer <access token>`', 'invalid_request');
      return fromBearer(bearer[1], clientIp);
    }
    const apiKey = headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey) return fromApiKey(apiKey, clientIp);
    return { caller: { ...ANONYMOUS, clientIp }, plan: null, expiresAt: null };
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;
