import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { BlobNotFoundError, BlobTooLargeError } from './blob-store.js';
import { LocalBlobStore } from './local-blob-store.js';

describe('local blob store', () => {
  let root: string;
  let store: LocalBlobStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'blobs-'));
    store = new LocalBlobStore(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('streams an object in and out with its size, hash and type', async () => {
    const chunks = ['a'.repeat(70_000), 'b'.repeat(70_000)];
    const blob = await store.put('t1/exports/x.csv', Readable.from(chunks), { contentType: 'text/csv' });
    const sha256 = createHash('sha256').update(chunks.join('')).digest('hex');
    expect(blob).toEqual({ key: 't1/exports/x.csv', size: 140_000, sha256, contentType: 'text/csv' });
    expect(await store.stat('t1/exports/x.csv')).toEqual(blob);
    expect(await text(await store.get('t1/exports/x.csv'))).toBe(chunks.join(''));
  });

  it('refuses a body over the limit and keeps nothing of it', async () => {
    await expect(store.put('t1/up/big', Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { contentType: 'application/pdf', maxBytes: 1000 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    expect(await store.stat('t1/up/big')).toBeNull();
    expect(await readdir(join(root, 't1', 'up'))).toEqual([]);
  });

  it('answers a missing key with null or BlobNotFoundError, and deletes idempotently', async () => {
    expect(await store.stat('t1/none')).toBeNull();
    await expect(store.get('t1/none')).rejects.toBeInstanceOf(BlobNotFoundError);
    await store.put('t1/gone', Buffer.from('x'), { contentType: 'text/plain' });
    await store.delete('t1/gone');
    await store.delete('t1/gone');
    expect(await store.stat('t1/gone')).toBeNull();
  });

  it('refuses keys that could leave the store', async () => {
    for (const key of ['../x', 't1/../../x', '/abs', 't1//x', '', 't1/x.meta.json']) {
      await expect(store.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow('invalid blob key');
    }
  });
});
