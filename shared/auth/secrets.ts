/** Secrets at rest: random tokens, their SHA-256 for storage, and AES-256-GCM sealing of private keys. Shared by every subgraph that keeps one. */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A random token of `bytes` bytes, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex: how high-entropy secrets (refresh tokens, API keys, invitations) are stored. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const keyFrom = (secret: string) => createHash('sha256').update(secret).digest();

/** AES-256-GCM with a key derived from `secret`; output is iv.tag.ciphertext, base64url. */
export function encrypt(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

export function decrypt(sealed: string, secret: string): string {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
