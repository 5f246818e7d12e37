import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Config } from '../config/config.js';

export interface LocalS3 {
  config: S3Config;
  stop(): Promise<void>;
}

/**
 * A real S3 HTTP API on 127.0.0.1 (s3rver, objects kept in a temporary directory), so the S3
 * blob store is tested over the wire with the AWS SDK exactly as it talks to AWS or MinIO.
 */
export async function startLocalS3(bucket = 'test-blobs'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'bb-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    config: {
      bucket,
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      // s3rver's fixed development credentials.
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    },
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
