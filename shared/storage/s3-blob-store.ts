import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Config } from '../config/config.js';
import { serviceLogger } from '../logger/logger.js';
import { BlobMeter } from './blob-meter.js';
import { assertBlobKey, BlobNotFoundError, type BlobStore, type PutOptions, type StoredBlob } from './blob-store.js';

const log = serviceLogger('s3-blob-store');
/**
 * The SDK logs every command (with its input) at info and every failure at error; the failures
 * reach our callers as exceptions anyway, so all of it is debug detail here. Only its warnings
 * (misconfiguration) stay warnings, in our structured log rather than on the console.
 */
const sdkLogger = {
  trace: (...args: unknown[]) => log.trace({ sdk: args }),
  debug: (...args: unknown[]) => log.debug({ sdk: args }),
  info: (...args: unknown[]) => log.debug({ sdk: args }),
  warn: (...args: unknown[]) => log.warn({ sdk: args }),
  error: (...args: unknown[]) => log.debug({ sdk: args }),
};

/** Object metadata key holding the SHA-256 computed on the way in (S3 keeps only its own checksums). */
const SHA256_META = 'sha256';

/**
 * Objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2...). A put first streams the body
 * to a temporary file, counting, hashing and enforcing the size limit, and only then uploads it
 * with a known length: an over-limit body never reaches the bucket, and memory stays flat
 * whatever the size.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      // The SDK's default extra CRC checksums are not understood by every S3-compatible store;
      // integrity is ours anyway (SHA-256 recorded with the object).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      logger: sdkLogger,
    });
  }

  async put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredBlob> {
    assertBlobKey(key);
    const spool = join(tmpdir(), `bb-s3-${randomUUID()}.part`);
    const meter = new BlobMeter(options.maxBytes);
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, meter, createWriteStream(spool));
      const blob: StoredBlob = { key, size: meter.size, sha256: meter.sha256(), contentType: options.contentType };
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.config.bucket,
          Key: key,
          Body: createReadStream(spool),
          ContentLength: blob.size,
          ContentType: blob.contentType,
          Metadata: { [SHA256_META]: blob.sha256 },
        }),
      );
      return blob;
    } finally {
      await rm(spool, { force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    assertBlobKey(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return object.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async stat(key: string): Promise<StoredBlob | null> {
    assertBlobKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return {
        key,
        size: head.ContentLength ?? 0,
        sha256: head.Metadata?.[SHA256_META] ?? '',
        contentType: head.ContentType ?? 'application/octet-stream',
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }

  /** Closes the client's connection pool (tests and shutdown). */
  close(): void {
    this.client.destroy();
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);
}
