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

/** A new P-256 key pair, its private half sealed at rest. */
function newKey(em: EntityManager, tenantId: string | null): DocumentSigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return em.create(DocumentSigningKey, {
    tenantId,
    kid: randomUUID(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyEncrypted: encrypt(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), getConfig().keyEncryptionSecret),
  });
}

/** The key that signs for a tenant: its own newest key, else the platform's (made on first use). */
async function signingKey(em: EntityManager, tenantId: string): Promise<DocumentSigningKey> {
  const newest = (where: { tenantId: string | null }) => em.findOne(DocumentSigningKey, where, { orderBy: { createdAt: 'desc', id: 'desc' }, filters: false });
  // Two first platform signatures at once may each make a key: both stay valid, the newer one signs on.
  const existing = (await newest({ tenantId })) ?? (await newest({ tenantId: null }));
  if (existing) return existing;
  const key = newKey(em, null);
  await em.flush();
  return key;
}

/** Gives the caller's tenant a key of its own, which signs its documents from now on. */
export async function rotateTenantSigningKey(ctx: Ctx): Promise<DocumentSigningKey> {
  const key = newKey(ctx.em, requireTenant(ctx));
  await ctx.em.flush();
  return key;
}

/** The public keys that may have signed the caller tenant's documents: the platform's and its own. */
export function signingKeysOf(ctx: Ctx): Promise<DocumentSigningKey[]> {
  const tenantId = requireTenant(ctx);
  return ctx.em.find(DocumentSigningKey, { $or: [{ tenantId: null }, { tenantId }] }, { orderBy: { createdAt: 'asc', id: 'asc' }, filters: false });
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
  const key = await signingKey(ctx.em, tenantId);
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
      // Another tenant's key is not a key of this tenant's documents, whatever it verifies.
      if (!key || (key.tenantId != null && key.tenantId !== signature.tenantId)) return { signature, status: SignatureStatus.UNKNOWN_KEY };
      const signed = signature.version != null ? versions.get(signature.version)?.fileKey : document.fileKey;
      const intact =
        (await digestOf(signed)) === signature.sha256 &&
        verify('sha256', payload(documentId, signature.sha256), createPublicKey(key.publicKeyPem), Buffer.from(signature.signature, 'base64'));
      return { signature, status: intact ? SignatureStatus.VALID : SignatureStatus.TAMPERED };
    }),
  );
}
