import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { BlobTooLargeError } from './blob-store.js';

/**
 * A pass-through stream that counts and hashes the bytes of a body on its way into a store, and
 * fails with BlobTooLargeError the moment the body passes `maxBytes`: every store records size
 * and SHA-256 the same way and enforces the limit before the whole body has arrived.
 */
export class BlobMeter extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes: number | undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    if (this.maxBytes !== undefined && this.size > this.maxBytes) return done(new BlobTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    done(null, chunk);
  }

  /** Hex SHA-256 of everything that passed; call once, after the stream has finished. */
  sha256(): string {
    return this.hash.digest('hex');
  }
}
