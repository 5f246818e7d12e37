import { BUILT_IN_ROLES, grants, isKnownPermission } from './permissions.js';

describe('grants', () => {
  it('matches exact permissions and trailing wildcards only', () => {
    expect(grants(['finance:invoice:write'], 'finance:invoice:write')).toBe(true);
    expect(grants(['finance:invoice:read'], 'finance:invoice:write')).toBe(false);
    expect(grants(['finance:*'], 'finance:invoice:write')).toBe(true);
    expect(grants(['finance:invoice:*'], 'finance:audit:read')).toBe(false);
    expect(grants(['fin*'], 'finance:invoice:write')).toBe(false);
    expect(grants(['*'], 'identity:role:write')).toBe(true);
    expect(grants([], 'identity:role:write')).toBe(false);
  });

  it('knows real permissions and wildcards over them', () => {
    expect(isKnownPermission('document:document:read')).toBe(true);
    expect(isKnownPermission('document:*')).toBe(true);
    expect(isKnownPermission('nothing:*')).toBe(false);
    expect(isKnownPermission('finance:invoice:delete')).toBe(false);
  });
});

describe('built-in roles', () => {
  it('gives the owner everything and narrows down from there', () => {
    expect(BUILT_IN_ROLES.owner).toEqual(['*']);
    expect(grants(BUILT_IN_ROLES.admin, 'identity:role:write')).toBe(true);
    expect(grants(BUILT_IN_ROLES.member, 'finance:invoice:write')).toBe(true);
    expect(grants(BUILT_IN_ROLES.member, 'identity:role:write')).toBe(false);
    expect(grants(BUILT_IN_ROLES.member, 'finance:audit:read')).toBe(false);
    expect(BUILT_IN_ROLES.viewer.every((p) => p.endsWith(':read'))).toBe(true);
  });
});
