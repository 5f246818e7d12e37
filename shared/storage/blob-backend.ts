import { join } from 'node:path';
import { getConfig } from '../config/config.js';
import type { BlobStore } from './blob-store.js';
import { LocalBlobStore } from './local-blob-store.js';

let store: BlobStore | undefined;

/** This process's blob store, from config: files under BLOB_DIR (default `<DATA_DIR>/blobs`). */
export function blobStore(): BlobStore {
  if (!store) {
    const config = getConfig();
    store = new LocalBlobStore(config.blobDir ?? join(config.dataDir, 'blobs'));
  }
  return store;
}
