import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived links to files (a download, an upload slot) that carry their own permission: an
 * HMAC over the method, the path and the expiry, with a secret only our processes hold. Anyone
 * holding the link may use it until it expires, so links are handed only to callers already
 * authorised for the file, and live minutes, not days.
 */

export const DEFAULT_URL_TTL_SECONDS = 15 * 60;

function signature(secret: string, method: string, path: string, expires: number): string {
  return createHmac('sha256', secret).update(`${method.toUpperCase()}\n${path}\n${expires}`).digest('base64url');
}

/** `path?expires=…&signature=…` for `method` on `path`, valid for `ttlSeconds`. */
export function signPath(secret: string, method: string, path: string, ttlSeconds = DEFAULT_URL_TTL_SECONDS, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  return `${path}?expires=${expires}&signature=${signature(secret, method, path, expires)}`;
}

export type SignedPathCheck = { ok: true } | { ok: false; reason: 'missing' | 'expired' | 'invalid' };

/** Whether `method` on `path` with the link's query parameters is what was signed, and unexpired. */
export function verifySignedPath(
  secret: string,
  method: string,
  path: string,
  query: { expires?: unknown; signature?: unknown },
  now = Date.now(),
): SignedPathCheck {
  if (typeof query.expires !== 'string' || typeof query.signature !== 'string') return { ok: false, reason: 'missing' };
  const expires = Number(query.expires);
  if (!Number.isInteger(expires)) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(signature(secret, method, path, expires));
  const given = Buffer.from(query.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  // Checked after the signature, so an expired link is told apart from a forged one only when it is genuine.
  if (expires * 1000 < now) return { ok: false, reason: 'expired' };
  return { ok: true };
}
