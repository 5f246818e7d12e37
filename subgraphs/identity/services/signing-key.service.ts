import type { EntityManager } from '@mikro-orm/postgresql';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { webcrypto } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { getConfig } from '../../../shared/config/config.js';
import { SigningKey } from '../entities/signing-key.entity.js';
import { decrypt, encrypt } from '../../../shared/auth/secrets.js';

export const TOKEN_ISSUER = 'supergraph-identity';
export const TOKEN_AUDIENCE = 'supergraph';
const ALG = 'ES256';

const privateKeys = new Map<string, webcrypto.CryptoKey>();

async function createKey(em: EntityManager): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = randomUUID();
  const key = em.create(SigningKey, {
    kid,
    alg: ALG,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' },
    privateJwkEncrypted: encrypt(JSON.stringify(await exportJWK(privateKey)), getConfig().keyEncryptionSecret),
  });
  await em.flush();
  return key;
}

/** The key that signs now: the newest unretired one, made on first use. */
async function activeKey(em: EntityManager): Promise<SigningKey> {
  const [key] = await em.find(SigningKey, { retiredAt: null }, { orderBy: { id: 'desc' }, limit: 1 });
  return key ?? createKey(em);
}

/**
 * Starts signing with a new key. The old one is retired but stays published until the
 * tokens it signed have expired, so nobody is logged out by a rotation.
 */
export async function rotateSigningKey(em: EntityManager): Promise<string> {
  const previous = await em.find(SigningKey, { retiredAt: null });
  for (const key of previous) key.retiredAt = new Date();
  const key = await createKey(em);
  return key.kid;
}

/** The public keys a verifier needs: every unretired key, and retired ones still in use. */
export async function publicJwks(em: EntityManager): Promise<{ keys: JWK[] }> {
  await activeKey(em);
  const horizon = new Date(Date.now() - getConfig().accessTokenTtlSeconds * 1000);
  const keys = await em.find(SigningKey, { $or: [{ retiredAt: null }, { retiredAt: { $gt: horizon } }] }, { orderBy: { id: 'desc' } });
  return { keys: keys.map((k) => k.publicJwk as JWK) };
}

export interface AccessClaims {
  subject: string;
  kind: 'user' | 'service';
  tenantId: string | null;
  scopes: string[];
  plan: string | null;
}

/** Signs a short-lived access token with the active key (`kid` in the header). */
export async function signAccessToken(em: EntityManager, claims: AccessClaims, ttlSeconds = getConfig().accessTokenTtlSeconds): Promise<string> {
  const key = await activeKey(em);
  let privateKey = privateKeys.get(key.kid);
  if (!privateKey) {
    const jwk = JSON.parse(decrypt(key.privateJwkEncrypted, getConfig().keyEncryptionSecret)) as JWK;
    privateKey = (await importJWK(jwk, ALG)) as webcrypto.CryptoKey;
    privateKeys.set(key.kid, privateKey);
  }
  return new SignJWT({ typ: 'access', knd: claims.kind, tid: claims.tenantId, scp: claims.scopes, pln: claims.plan })
    .setProtectedHeader({ alg: ALG, kid: key.kid })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(claims.subject)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(privateKey);
}
