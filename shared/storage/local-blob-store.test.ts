import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { blobStoreContract } from './blob-store.contract.js';
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

  blobStoreContract(() => store);

  it('leaves no temporary file behind when it refuses a body', async () => {
    await expect(store.put('t1/up/big', Readable.from([Buffer.alloc(2000)]), { contentType: 'text/plain', maxBytes: 1000 })).rejects.toThrow();
    expect(await readdir(join(root, 't1', 'up'))).toEqual([]);
  });
});
