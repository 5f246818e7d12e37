import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createAuthenticator } from './authenticate.js';

/** A stand-in for identity's JWKS endpoint whose keys the test swaps (a key rotation). */
let keys: JWK[] = [];
let server: Server;
let baseUrl: string;

async function keyPair(kid: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

function accessToken(privateKey: CryptoKey, kid: string, lifetime: string, subject = 'u1'): Promise<string> {
  return new SignJWT({ typ: 'access', knd: 'user', tid: 't1', scp: ['entity:record:read'], pln: 'pro' })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setSubject(subject)
    .setIssuer('supergraph-identity')
    .setAudience('supergraph')
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(privateKey);
}

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('authenticating a bearer token', () => {
  it('takes a verified token on its word until it expires, with each request’s own client address', async () => {
    const old = await keyPair('k1');
    keys = [old.jwk];
    const authenticate = createAuthenticator({ identityBaseUrl: baseUrl, internalTokenSecret: 'x'.repeat(40) });
    const token = await accessToken(old.privateKey, 'k1', '3s');
    const first = await authenticate({ authorization: `Bearer ${token}` }, '10.0.0.1');
    expect(first).toMatchObject({ caller: { kind: 'user', userId: 'u1', tenantId: 't1', clientIp: '10.0.0.1' }, plan: 'pro' });
    // identity rotates its keys; a token of the new key makes the gateway refetch the JWKS (after
    // a one-second cooldown), so the old key is gone from it too.
    const rotated = await keyPair('k2');
    keys = [rotated.jwk];
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(authenticate({ authorization: `Bearer ${await accessToken(rotated.privateKey, 'k2', '1h')}` }, null)).resolves.toBeDefined();
    // A token of the old key never seen before is refused; the one already verified is still
    // taken (within the bound documented in authenticate.ts), with this request's own address.
    const unseen = await accessToken(old.privateKey, 'k1', '1h', 'u2');
    await expect(authenticate({ authorization: `Bearer ${unseen}` }, null)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const again = await authenticate({ authorization: `Bearer ${token}` }, '10.0.0.2');
    expect(again.caller.clientIp).toBe('10.0.0.2');
    expect(again.caller.userId).toBe('u1');
    // Its expiry holds however it was verified. jose stamps `exp` in whole seconds: wait past it.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(Date.now()).toBeGreaterThan(first.expiresAt!.getTime());
    await expect(authenticate({ authorization: `Bearer ${token}` }, null)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('never keeps a failure: a token refused for an unknown key passes once the key is published', async () => {
    const later = await keyPair('k3');
    keys = [];
    const authenticate = createAuthenticator({ identityBaseUrl: baseUrl, internalTokenSecret: 'x'.repeat(40) });
    const token = await accessToken(later.privateKey, 'k3', '1h');
    await expect(authenticate({ authorization: `Bearer ${token}` }, null)).rejects.toThrow('invalid access token');
    keys = [later.jwk];
    // The JWKS is refetched for an unknown kid after a one-second cooldown.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect(authenticate({ authorization: `Bearer ${token}` }, null)).resolves.toMatchObject({ caller: { userId: 'u1' } });
  });
});
