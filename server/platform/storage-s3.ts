/**
 * Files in an S3-compatible object store (MinIO or Ceph RGW on the intranet, or S3 itself), so that every app node
 * behind a load balancer reads the same bytes. Selected with STORAGE=s3 (platform/config.ts); loaded only then.
 *
 * - put: one PutObject with Content-MD5, which the store checks before it accepts the object; an object store
 *   replaces an object whole, so a reader sees the old bytes or the new, never a part (the same promise as the
 *   local disk's temp file + rename).
 * - stream: GetObject answers with the size before any byte is sent, so a missing key is a 404 before headers.
 * - keys: validated by assertStorageKey exactly as on disk, then placed under the optional S3_PREFIX.
 */
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3StorageSettings } from './config';
import { assertStorageKey, missingObject, type FileStorage, type StoredObject } from './storage';

/** Whether an SDK error means "no object under this key" (a missing bucket is a configuration error, not a 404). */
function isMissingKey(error: unknown): boolean {
  const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name === 'NoSuchBucket' || e?.Code === 'NoSuchBucket') return false;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

export class S3Storage implements FileStorage {
  readonly client: S3Client;
  readonly bucket: string;
  private readonly prefix: string;
  private readonly where: string;

  constructor(settings: S3StorageSettings) {
    this.bucket = settings.bucket;
    this.prefix = settings.prefix ? `${settings.prefix}/` : '';
    this.where = `${settings.endpoint ?? 'AWS S3'} 的存储桶 ${settings.bucket}`;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      // MinIO and Ceph releases in the field differ in which of the SDK's newer default checksums they accept; the
      // classic Content-MD5 on put is understood by every S3-compatible store.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // No socket idle timeout: a download streamed to a slow phone may pause the store's socket for a while.
      requestHandler: {
        connectionTimeout: 5_000,
        httpAgent: { keepAlive: true, maxSockets: 256 },
        httpsAgent: { keepAlive: true, maxSockets: 256 },
      },
    });
  }

  private keyOf(key: string): string {
    assertStorageKey(key);
    return this.prefix + key;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const Key = this.keyOf(key);
    const ContentMD5 = crypto.createHash('md5').update(data).digest('base64');
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key,
        Body: data,
        ContentLength: data.length,
        ContentMD5,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    const { body } = await this.open(key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  stream(key: string): Promise<StoredObject> {
    return this.open(key);
  }

  private async open(key: string): Promise<StoredObject> {
    const Key = this.keyOf(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      if (!out.Body || out.ContentLength === undefined) throw new Error(`对象存储未返回 ${Key} 的内容或长度`);
      return { body: out.Body as Readable, size: out.ContentLength };
    } catch (error) {
      if (isMissingKey(error)) throw missingObject();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const Key = this.keyOf(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
    } catch (error) {
      if (!isMissingKey(error)) throw error;
    }
  }

  /** Fails with a clear message unless the bucket answers (called once at start-up, so a wrong setting stops the server). */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      const status = e.$metadata?.httpStatusCode;
      const why =
        status === 404
          ? '存储桶不存在'
          : status === 403
            ? '无权访问（检查 S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY）'
            : `${e.name ?? 'Error'}: ${e.message ?? ''}`;
      throw new Error(`对象存储不可用：${this.where} — ${why}`, { cause: error });
    }
  }

  close(): void {
    this.client.destroy();
  }
}
