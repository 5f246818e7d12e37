import argon2 from 'argon2';

/** OWASP's argon2id baseline (19 MiB, 2 passes) keeps sign-in fast while costly to brute force. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  // Hash anyway when there is no account, so timing does not reveal which emails exist.
  if (!hash) {
    await argon2.hash(password, OPTIONS);
    return false;
  }
  return argon2.verify(hash, password);
}
