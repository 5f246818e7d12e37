/**
 * Permissions are strings `<subgraph>:<resource>:<action>`. A held permission may end in `*`
 * to grant everything below it (`finance:*`, `finance:invoice:*`, or `*` for all).
 */
export const PERMISSIONS = [
  'identity:tenant:write',
  'identity:user:read',
  'identity:user:write',
  'identity:role:read',
  'identity:role:write',
  'identity:api-key:read',
  'identity:api-key:write',
  'identity:service-account:write',
  'identity:audit:read',
  'identity:jobs:admin',
  'entity:record:read',
  'entity:record:write',
  'entity:record:purge',
  'entity:type:read',
  'entity:type:write',
  'entity:audit:read',
  'entity:jobs:admin',
  'document:document:read',
  'document:document:write',
  'document:document:sign',
  'document:template:read',
  'document:template:write',
  'document:key:write',
  'document:audit:read',
  'document:jobs:admin',
  'finance:invoice:read',
  'finance:invoice:write',
  'finance:customer:read',
  'finance:customer:write',
  'finance:catalog:read',
  'finance:catalog:write',
  'finance:quote:read',
  'finance:quote:write',
  'finance:payment:read',
  'finance:payment:write',
  'finance:ledger:read',
  'finance:report:read',
  'finance:subscription:read',
  'finance:subscription:write',
  'finance:usage:read',
  'finance:usage:write',
  'finance:billing:run',
  'finance:audit:read',
  'finance:jobs:admin',
  'search:entry:read',
  'search:entry:write',
  'search:settings:write',
  'search:index:admin',
  'search:analytics:read',
  'search:audit:read',
  'search:jobs:admin',
  'analytics:event:read',
  'analytics:event:write',
  'analytics:dashboard:read',
  'analytics:dashboard:write',
  'analytics:dashboard:admin',
  'analytics:report:read',
  'analytics:report:write',
  'analytics:audit:read',
  'analytics:jobs:admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Not a permission but a requirement for `@Authorized`: a signed-in user, in a tenant or not
 * (founding a tenant, for one, needs no tenant yet).
 */
export const SIGNED_IN_USER = 'auth:signed-in-user';

/** Whether `held` grants `required`, honouring trailing wildcards. */
export function grants(held: readonly string[], required: string): boolean {
  return held.some((p) => p === required || p === '*' || (p.endsWith(':*') && required.startsWith(p.slice(0, -1))));
}

/** Whether a permission string a user typed names something real (exactly or by wildcard). */
export function isKnownPermission(permission: string): boolean {
  if (permission === '*') return true;
  if (permission.endsWith(':*')) return PERMISSIONS.some((p) => p.startsWith(permission.slice(0, -1)));
  return (PERMISSIONS as readonly string[]).includes(permission);
}

const ADMIN_ONLY = new Set<string>(['identity:tenant:write']);
const MANAGE = new Set<string>([
  'identity:user:write',
  'identity:role:write',
  'identity:api-key:read',
  'identity:api-key:write',
  'identity:service-account:write',
  // Changing a type's definition migrates every record of the type: a tenant administrator's call.
  'entity:type:write',
  // Purging skips the bin: nothing can bring the record back.
  'entity:record:purge',
  // A tenant signing key signs every later signature of the tenant's documents.
  'document:key:write',
  // Sees and changes every dashboard of the tenant, shared or not.
  'analytics:dashboard:admin',
  // The language every entry is parsed in, and rebuilding the whole index: tenant-wide.
  'search:settings:write',
  'search:index:admin',
  // Bills every due subscription of the tenant at once, as of any time given.
  'finance:billing:run',
  // What everyone searched for: a tenant administrator's view.
  'search:analytics:read',
]);

/** Inspecting and replaying a subgraph's failed background jobs: operations work, for owners and admins. */
const isJobsAdmin = (permission: string) => permission.endsWith(':jobs:admin');

/** The roles every tenant starts with. Their permissions are data like any role's. */
export const BUILT_IN_ROLES: Record<'owner' | 'admin' | 'member' | 'viewer', string[]> = {
  owner: ['*'],
  admin: PERMISSIONS.filter((p) => !ADMIN_ONLY.has(p)),
  member: PERMISSIONS.filter((p) => !ADMIN_ONLY.has(p) && !MANAGE.has(p) && !p.endsWith(':audit:read') && !isJobsAdmin(p)),
  viewer: PERMISSIONS.filter((p) => p.endsWith(':read') && !MANAGE.has(p) && !p.endsWith(':audit:read')),
};
