import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobMeter } from './blob-meter.js';
import { assertBlobKey, BlobNotFoundError, type BlobStore, type PutOptions, type StoredBlob } from './blob-store.js';

/**
 * Objects as files under `root`, each with a `<file>.meta.json` beside it (type, size, hash).
 * A put writes to a temporary file and renames it into place, so a reader never sees half an
 * object and a failed or refused upload leaves nothing behind.
 */
export class LocalBlobStore implements BlobStore {
  readonly kind = 'local' as const;

  constructor(private readonly root: string) {}

  async put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredBlob> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomUUID()}.part`;
    const meter = new BlobMeter(options.maxBytes);
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, meter, createWriteStream(temp));
      const blob: StoredBlob = { key, size: meter.size, sha256: meter.sha256(), contentType: options.contentType };
      await writeFile(`${path}.meta.json`, JSON.stringify(blob));
      await rename(temp, path);
      return blob;
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    if (!(await this.stat(key))) throw new BlobNotFoundError(key);
    return createReadStream(this.pathOf(key));
  }

  async stat(key: string): Promise<StoredBlob | null> {
    try {
      return JSON.parse(await readFile(`${this.pathOf(key)}.meta.json`, 'utf8')) as StoredBlob;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await rm(`${path}.meta.json`, { force: true });
  }

  private pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, ...key.split('/'));
  }
}
