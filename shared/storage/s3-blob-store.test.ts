import { startLocalS3, type LocalS3 } from '../testing/local-s3.js';
import { blobStoreContract } from './blob-store.contract.js';
import { S3BlobStore } from './s3-blob-store.js';

// The S3 adapter over a real S3 HTTP API (s3rver on 127.0.0.1), held to the same contract as the local store.
describe('S3 blob store', () => {
  let s3: LocalS3;
  let store: S3BlobStore;

  beforeAll(async () => {
    s3 = await startLocalS3();
    store = new S3BlobStore(s3.config);
  });
  afterAll(async () => {
    store?.close();
    await s3?.stop();
  });

  blobStoreContract(() => store);

  it('fails loudly when the bucket does not exist', async () => {
    const missing = new S3BlobStore({ ...s3.config, bucket: 'no-such-bucket' });
    await expect(missing.put('t1/x', Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow(/bucket/i);
    missing.close();
  });
});
