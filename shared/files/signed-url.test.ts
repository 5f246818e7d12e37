import { signPath, verifySignedPath } from './signed-url.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const query = (signed: string) => Object.fromEntries(new URL(signed, 'http://x').searchParams);

describe('signed file paths', () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);
  const signed = signPath(SECRET, 'GET', '/files/entity/exports/abc', 900, now);

  it('accepts the signed method and path until the expiry', () => {
    expect(signed).toMatch(/^\/files\/entity\/exports\/abc\?expires=\d+&signature=[\w-]+$/);
    expect(verifySignedPath(SECRET, 'GET', '/files/entity/exports/abc', query(signed), now + 899_000)).toEqual({ ok: true });
    expect(verifySignedPath(SECRET, 'get', '/files/entity/exports/abc', query(signed), now)).toEqual({ ok: true });
  });

  it('refuses it once expired', () => {
    expect(verifySignedPath(SECRET, 'GET', '/files/entity/exports/abc', query(signed), now + 901_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another path, another method, another secret, a moved expiry, or no signature', () => {
    expect(verifySignedPath(SECRET, 'GET', '/files/entity/exports/abd', query(signed), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifySignedPath(SECRET, 'PUT', '/files/entity/exports/abc', query(signed), now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifySignedPath(`${SECRET}!`, 'GET', '/files/entity/exports/abc', query(signed), now)).toEqual({ ok: false, reason: 'invalid' });
    const moved = { ...query(signed), expires: String(Number(query(signed).expires) + 3600) };
    expect(verifySignedPath(SECRET, 'GET', '/files/entity/exports/abc', moved, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifySignedPath(SECRET, 'GET', '/files/entity/exports/abc', {}, now)).toEqual({ ok: false, reason: 'missing' });
  });
});
