import { jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Caller } from '../context/caller.js';

/** The header that carries the gateway's signed statement of who is calling. */
export const CALLER_TOKEN_HEADER = 'x-caller-token';

const ISSUER = 'supergraph-gateway';
const AUDIENCE = 'supergraph-subgraph';
/** Long enough for one request's subgraph fetches, short enough to be useless if leaked. */
const LIFETIME_SECONDS = 60;

const claims = z.object({
  knd: z.enum(['anonymous', 'user', 'api-key', 'service']),
  sub: z.string().optional(),
  tid: z.string().nullable(),
  scp: z.array(z.string()),
  pid: z.string().nullable().optional(),
  ip: z.string().optional(),
});

const key = (secret: string) => new TextEncoder().encode(secret);

/**
 * Signs the caller for subgraphs (HS256 with the shared internal secret). Subgraphs trust
 * only this, so a request that bypasses the gateway cannot claim to be anyone.
 */
export async function signCallerToken(caller: Caller, secret: string): Promise<string> {
  const jwt = new SignJWT({
    knd: caller.kind,
    tid: caller.tenantId,
    scp: [...caller.scopes],
    pid: caller.principalId,
    ...(caller.clientIp ? { ip: caller.clientIp } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`);
  if (caller.userId) jwt.setSubject(caller.userId);
  return jwt.sign(key(secret));
}

/** Verifies a caller token; throws when it is forged, expired or malformed. */
export async function verifyCallerToken(token: string, secret: string): Promise<Caller> {
  const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
  const c = claims.parse(payload);
  return {
    kind: c.knd,
    userId: c.sub ?? null,
    tenantId: c.tid,
    scopes: c.scp,
    principalId: c.pid ?? null,
    clientIp: c.ip ?? null,
  };
}

/**
 * Hands out a caller token for one caller, signing it when first asked and again once it has
 * used half its life: every fetch leaves with a token that is valid on arrival (a connection or
 * subscription outlives any one token), and thousands of fetches for one caller share a
 * signature instead of each paying for its own.
 */
export function callerTokenSigner(caller: Caller, secret: string, now: () => number = Date.now): () => Promise<string> {
  let current: { token: Promise<string>; renewAt: number } | undefined;
  return () => {
    if (!current || now() >= current.renewAt) {
      const token = signCallerToken(caller, secret);
      current = { token, renewAt: now() + (LIFETIME_SECONDS * 1000) / 2 };
      // A failed signature is not kept: the next fetch tries again.
      token.catch(() => {
        if (current?.token === token) current = undefined;
      });
    }
    return current.token;
  };
}

/**
 * The signers of every caller seen lately, one per distinct caller: a client's requests (each
 * with its own context) share one caller token until it is renewed, rather than each request
 * signing its own.
 */
export function callerTokenSigners(secret: string, capacity = 20_000): (caller: Caller) => () => Promise<string> {
  const signers = new LRUCache<string, () => Promise<string>>({ max: capacity });
  return (caller) => {
    // Everything the token says about the caller: two callers alike in all of it get the same token.
    const key = JSON.stringify([caller.kind, caller.userId, caller.tenantId, caller.scopes, caller.principalId, caller.clientIp]);
    let signer = signers.get(key);
    if (!signer) signers.set(key, (signer = callerTokenSigner(caller, secret)));
    return signer;
  };
}
