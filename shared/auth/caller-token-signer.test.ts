import type { Caller } from '../context/caller.js';
import { callerTokenSigner, callerTokenSigners, verifyCallerToken } from './caller-token.js';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const caller: Caller = { kind: 'user', userId: 'u1', tenantId: 't1', scopes: ['entity:record:read'], principalId: null, clientIp: null };

describe('caller token signer', () => {
  it('signs once, reuses the token for half its life, then signs a fresh one', async () => {
    let now = 1_000_000;
    const sign = callerTokenSigner(caller, secret, () => now);
    const first = await sign();
    expect(await sign()).toBe(first);
    now += 29_000;
    expect(await sign()).toBe(first);
    now += 1_000;
    // jose stamps iat in whole seconds of the real clock: wait past one so the token differs.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await sign();
    expect(second).not.toBe(first);
    expect(await verifyCallerToken(second, secret)).toEqual(caller);
  });

  it('shares one signer between requests of the same caller, and only theirs', async () => {
    const signerFor = callerTokenSigners(secret, 2);
    const same = signerFor({ ...caller, scopes: [...caller.scopes] });
    expect(signerFor(caller)).toBe(same);
    const fromElsewhere = signerFor({ ...caller, clientIp: '10.0.0.9' });
    const otherTenant = signerFor({ ...caller, tenantId: 't2' });
    expect(new Set([same, fromElsewhere, otherTenant]).size).toBe(3);
    expect(await verifyCallerToken(await fromElsewhere(), secret)).toEqual({ ...caller, clientIp: '10.0.0.9' });
    expect(await verifyCallerToken(await otherTenant(), secret)).toEqual({ ...caller, tenantId: 't2' });
    // Capacity 2: the least recently used caller's signer was let go, and a new one is made.
    expect(signerFor(caller)).not.toBe(same);
  });
});
