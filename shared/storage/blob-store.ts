import type { Readable } from 'node:stream';

/** What the store knows of a stored object. */
export interface StoredBlob {
  key: string;
  size: number;
  /** Hex SHA-256 of the bytes, computed while they were written. */
  sha256: string;
  contentType: string;
}

export interface PutOptions {
  contentType: string;
  /** Refuse (BlobTooLargeError) and keep nothing once the body passes this many bytes. */
  maxBytes?: number;
}

/**
 * Where files live (uploads, generated documents, import and export files): the local file
 * system by default, an S3-compatible store when configured. Keys are paths chosen by the
 * caller (`<tenant>/<area>/<id>`); objects are written once and never changed in place, so a
 * key always names the same bytes. Bodies stream in and out; nothing is held whole in memory.
 */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredBlob>;
  /** The bytes; BlobNotFoundError when there is no such key. */
  get(key: string): Promise<Readable>;
  stat(key: string): Promise<StoredBlob | null>;
  /** Removes the object; nothing happens when there is none. */
  delete(key: string): Promise<void>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object ${key}`);
  }
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the body is larger than ${maxBytes} bytes`);
  }
}

/** Keys are relative paths of safe segments: no traversal out of the store, no surprises in S3. */
const SEGMENT = /^[\w][\w.-]{0,199}$/;

export function assertBlobKey(key: string): void {
  const segments = key.split('/');
  if (!segments.length || segments.length > 8 || !segments.every((s) => SEGMENT.test(s) && s !== '..' && !s.endsWith('.meta.json'))) {
    throw new Error(`invalid blob key ${JSON.stringify(key)}`);
  }
}
