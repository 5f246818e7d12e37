import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { BlobNotFoundError, BlobTooLargeError, type BlobStore } from './blob-store.js';

/**
 * What every BlobStore must do, run against each implementation (local files, S3 over HTTP), so
 * the code above the interface cannot tell which one it has.
 */
export function blobStoreContract(store: () => BlobStore): void {
  it('streams an object in and out with its size, hash and type', async () => {
    const chunks = ['a'.repeat(70_000), 'b'.repeat(70_000)];
    const blob = await store().put('t1/exports/x.csv', Readable.from(chunks), { contentType: 'text/csv' });
    const sha256 = createHash('sha256').update(chunks.join('')).digest('hex');
    expect(blob).toEqual({ key: 't1/exports/x.csv', size: 140_000, sha256, contentType: 'text/csv' });
    expect(await store().stat('t1/exports/x.csv')).toEqual(blob);
    expect(await text(await store().get('t1/exports/x.csv'))).toBe(chunks.join(''));
  });

  it('takes a Buffer body as well as a stream', async () => {
    const blob = await store().put('t1/docs/a.pdf', Buffer.from('%PDF-1.7'), { contentType: 'application/pdf' });
    expect(blob.size).toBe(8);
    expect(await text(await store().get('t1/docs/a.pdf'))).toBe('%PDF-1.7');
  });

  it('refuses a body over the limit and keeps nothing of it', async () => {
    const body = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(store().put('t1/up/big', body, { contentType: 'application/pdf', maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await store().stat('t1/up/big')).toBeNull();
  });

  it('answers a missing key with null or BlobNotFoundError, and deletes idempotently', async () => {
    expect(await store().stat('t1/none')).toBeNull();
    await expect(store().get('t1/none')).rejects.toBeInstanceOf(BlobNotFoundError);
    await store().put('t1/gone', Buffer.from('x'), { contentType: 'text/plain' });
    await store().delete('t1/gone');
    await store().delete('t1/gone');
    expect(await store().stat('t1/gone')).toBeNull();
    await expect(store().get('t1/gone')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('refuses keys that could leave the store', async () => {
    for (const key of ['../x', 't1/../../x', '/abs', 't1//x', '', 't1/x.meta.json']) {
      await expect(store().put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow('invalid blob key');
    }
  });
}
