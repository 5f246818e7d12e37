import type { IncomingHttpHeaders } from 'node:http';

export type CallerKind = 'anonymous' | 'user' | 'api-key' | 'service';

/**
 * Who is calling: a user, an API key or a service account acting in a tenant with some
 * permissions (`scopes`), or nobody. Established once by the gateway.
 */
export interface Caller {
  kind: CallerKind;
  userId: string | null;
  tenantId: string | null;
  /** Permissions this request may use (see shared/auth/permissions.ts). */
  scopes: readonly string[];
  /** The API key or service account behind the request, when it is one. */
  principalId: string | null;
  /** The client's address as the gateway saw it (for throttling), when known. */
  clientIp: string | null;
}

export const ANONYMOUS: Caller = Object.freeze({
  kind: 'anonymous',
  userId: null,
  tenantId: null,
  scopes: Object.freeze([]),
  principalId: null,
  clientIp: null,
});

/**
 * Plain headers for the correlation id and, only where ACCEPT_UNSIGNED_CALLER is set for
 * development, an unsigned caller. Normally the caller travels signed (auth/caller-token.ts).
 */
export const FORWARDED_HEADERS = {
  requestId: 'x-request-id',
  userId: 'x-caller-user-id',
  tenantId: 'x-caller-tenant-id',
  scopes: 'x-caller-scopes',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A uuid from a header, or null when absent or malformed (never trusted as free text). */
export function uuidHeader(headers: IncomingHttpHeaders, name: string): string | null {
  const value = single(headers, name)?.trim();
  return value && UUID.test(value) ? value.toLowerCase() : null;
}

/** The unsigned development caller; never used unless ACCEPT_UNSIGNED_CALLER is set. */
export function callerFromHeaders(headers: IncomingHttpHeaders): Caller {
  const scopes = single(headers, FORWARDED_HEADERS.scopes)?.split(/\s+/).filter(Boolean) ?? [];
  const userId = uuidHeader(headers, FORWARDED_HEADERS.userId);
  const tenantId = uuidHeader(headers, FORWARDED_HEADERS.tenantId);
  if (!userId && !tenantId) return ANONYMOUS;
  return { kind: 'user', userId, tenantId, scopes, principalId: null, clientIp: null };
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The correlation id a caller sent, when it is a sane token; otherwise undefined. */
export function requestIdFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const value = single(headers, FORWARDED_HEADERS.requestId);
  return value && REQUEST_ID.test(value) ? value : undefined;
}
