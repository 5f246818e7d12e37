import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { decrypt, encrypt } from '../../../shared/auth/secrets.js';
import { getConfig } from '../../../shared/config/config.js';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { BadUserInputError, ConflictError } from '../../../shared/errors/errors.js';
import { blobStore } from '../../../shared/storage/blob-backend.js';
import { GenerationStatus } from '../entities/document.entity.js';
import { DocumentSignature } from '../entities/document-signature.entity.js';
import { DocumentSigningKey } from '../entities/document-signing-key.entity.js';
import type { DocumentLoaders } from '../loaders/document.loaders.js';
import { getDocument } from './document.service.js';
import { getDocumentVersion, versionsOf } from './document-version.service.js';

type Ctx = RequestContext<DocumentLoaders>;

export enum SignatureStatus {
  VALID = 'VALID',
  TAMPERED = 'TAMPERED',
  UNKNOWN_KEY = 'UNKNOWN_KEY',
}

/** What is signed: the document and its bytes' digest, so a signature cannot move to another document. */
const payload = (documentId: string, sha256: string) => Buffer.from(`document:${documentId}:${sha256}`);

/** The signing key, made (and sealed) on first use. */
async function signingKey(em: EntityManager): Promise<DocumentSigningKey> {
  // Two first signatures at once may each make a key: both stay valid, the newer one signs on.
  const [existing] = await em.find(DocumentSigningKey, {}, { orderBy: { createdAt: 'desc' }, limit: 1, filters: false });
  if (existing) return existing;
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = em.create(DocumentSigningKey, {
    kid: randomUUID(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyEncrypted: encrypt(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), getConfig().keyEncryptionSecret),
  });
  await em.flush();
  return key;
}

/** Hex SHA-256 of the document's stored bytes, read now (not the digest recorded on write). */
async function digestOfStored(fileKey: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await blobStore().get(fileKey)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Signs a version of a document (its current one unless named) as the calling user, with a
 * reason. The digest is taken from the stored bytes at signing time, so what is signed is what is stored.
 */
export async function signDocument(ctx: Ctx, documentId: string, reason: string, versionNumber?: number | null): Promise<DocumentSignature> {
  const tenantId = requireTenant(ctx);
  const signerId = ctx.caller.userId;
  if (!signerId) throw new BadUserInputError('only a signed-in user can sign', [{ field: 'caller', message: 'must be a user' }]);
  const document = await getDocument(ctx, documentId);
  if (!document.currentVersion || document.generationStatus === GenerationStatus.PENDING) throw new ConflictError(`document ${documentId} has no file to sign yet`);
  const version = await getDocumentVersion(ctx, documentId, versionNumber ?? document.currentVersion);
  const key = await signingKey(ctx.em);
  const sha256 = await digestOfStored(version.fileKey);
  const privateKey = createPrivateKey(decrypt(key.privateKeyEncrypted, getConfig().keyEncryptionSecret));
  const signature = ctx.em.create(DocumentSignature, {
    tenantId,
    documentId,
    version: version.version,
    signerId,
    reason: reason.trim(),
    keyId: key.kid,
    sha256,
    signature: sign('sha256', payload(documentId, sha256), privateKey).toString('base64'),
  });
  await ctx.em.flush();
  return signature;
}

export function signaturesOf(ctx: Ctx, documentId: string): Promise<DocumentSignature[]> {
  return ctx.loaders.signaturesByDocument.load(documentId);
}

export interface SignatureCheck {
  signature: DocumentSignature;
  status: SignatureStatus;
}

/**
 * Checks every signature of a document against the bytes of the version it signed, as stored
 * now: VALID when they hash to what was signed and the signature verifies with its key; TAMPERED
 * when either fails; UNKNOWN_KEY when the key that signed is not one of ours.
 */
export async function verifyDocument(ctx: Ctx, documentId: string): Promise<SignatureCheck[]> {
  const document = await getDocument(ctx, documentId);
  const signatures = await signaturesOf(ctx, documentId);
  if (!signatures.length) return [];
  const versions = new Map((await versionsOf(ctx, documentId)).map((v) => [v.version, v]));
  const digests = new Map<string, Promise<string | null>>();
  const digestOf = (fileKey: string | null | undefined) => {
    if (!fileKey) return Promise.resolve(null);
    if (!digests.has(fileKey)) digests.set(fileKey, digestOfStored(fileKey));
    return digests.get(fileKey)!;
  };
  const keys = new Map(
    (await ctx.em.find(DocumentSigningKey, { kid: { $in: [...new Set(signatures.map((s) => s.keyId))] } }, { filters: false })).map((k) => [k.kid, k]),
  );
  return Promise.all(
    signatures.map(async (signature) => {
      const key = keys.get(signature.keyId);
      if (!key) return { signature, status: SignatureStatus.UNKNOWN_KEY };
      const signed = signature.version != null ? versions.get(signature.version)?.fileKey : document.fileKey;
      const intact =
        (await digestOf(signed)) === signature.sha256 &&
        verify('sha256', payload(documentId, signature.sha256), createPublicKey(key.publicKeyPem), Buffer.from(signature.signature, 'base64'));
      return { signature, status: intact ? SignatureStatus.VALID : SignatureStatus.TAMPERED };
    }),
  );
}
