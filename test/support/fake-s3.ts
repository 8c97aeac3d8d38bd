/**
 * An S3-compatible server in the test process (s3rver: the S3 REST protocol over a temp directory, offline), so
 * the S3 storage adapter and the two-node test run against real HTTP requests signed by the AWS SDK.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3StorageSettings } from '../../server/platform/config';

export interface FakeS3 {
  settings: S3StorageSettings;
  /** Removes the server's files and stops it. */
  close(): Promise<void>;
}

/** Starts a fake S3 on a free loopback port with one bucket. */
export async function startFakeS3(bucket = 'cc-files'): Promise<FakeS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    // s3rver's own account (it accepts any signature; a real store checks it).
    settings: {
      kind: 's3',
      endpoint: `http://127.0.0.1:${port}`,
      bucket,
      region: 'us-east-1',
      forcePathStyle: true,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      prefix: '',
    },
    close: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
