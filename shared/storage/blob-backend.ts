import { join } from 'node:path';
import { getConfig } from '../config/config.js';
import type { BlobStore } from './blob-store.js';
import { LocalBlobStore } from './local-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

let store: BlobStore | undefined;

/**
 * This process's blob store, from config: the S3-compatible bucket S3_BUCKET when set, else
 * files under BLOB_DIR (default `<DATA_DIR>/blobs`).
 */
export function blobStore(): BlobStore {
  if (!store) {
    const config = getConfig();
    store = config.s3 ? new S3BlobStore(config.s3) : new LocalBlobStore(config.blobDir ?? join(config.dataDir, 'blobs'));
  }
  return store;
}
