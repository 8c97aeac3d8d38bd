/**
 * The file storage contract, run against the local disk and against the S3-compatible store (a fake S3 server in
 * this process: s3rver over a temp directory, spoken to by the real AWS SDK over HTTP), plus the S3 settings and the
 * app serving photos out of the object store.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { parseStorage, type S3StorageSettings } from '../../server/platform/config';
import { LocalDiskStorage, openStorage, type FileStorage } from '../../server/platform/storage';
import { S3Storage } from '../../server/platform/storage-s3';
import { Client } from '../support/client';
import { createTenant, PASSWORD } from '../support/factories';
import { startFakeS3, type FakeS3 } from '../support/fake-s3';
import { engineName, getHarness } from '../support/harness';

let fake: FakeS3;
const opened: S3Storage[] = [];
beforeAll(async () => {
  fake = await startFakeS3();
});
afterAll(async () => {
  for (const s of opened) s.close();
  await fake?.close();
});

function s3(over: Partial<S3StorageSettings> = {}): S3Storage {
  const storage = new S3Storage({ ...fake.settings, ...over });
  opened.push(storage);
  return storage;
}

async function readAll(body: NodeJS.ReadableStream): Promise<{ data: Buffer; chunks: number }> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return { data: Buffer.concat(chunks), chunks: chunks.length };
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

const kinds: Array<[string, () => FileStorage]> = [
  ['LocalDiskStorage', () => new LocalDiskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'cc-storage-')))],
  ['S3Storage (fake S3 server)', () => s3({ prefix: `contract-${crypto.randomBytes(3).toString('hex')}` })],
];

describe.each(kinds)('file storage contract: %s', (_name, make) => {
  it('puts (replacing whole), gets, streams with the size, deletes (twice is fine); a missing key is not_found', async () => {
    const storage = make();
    const key = 'photos/2026/11/abc/original.jpg';
    await storage.put(key, Buffer.from('one'));
    await storage.put(key, Buffer.from('two'));
    expect((await storage.get(key)).toString()).toBe('two');
    const { body, size } = await storage.stream(key);
    expect([(await readAll(body)).data.toString(), size]).toEqual(['two', 3]);
    await storage.delete(key);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toMatchObject({ code: 'not_found' });
    await expect(storage.stream(key)).rejects.toMatchObject({ code: 'not_found' });
    await expect(storage.stream('photos/never/written.jpg')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses keys that leave the root or are not server-made names, before touching the store', async () => {
    const storage = make();
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '.tmp/x', 'A/B', 'a/./b', 'a\\b', '', 'x'.repeat(301)]) {
      await expect(storage.put(key, Buffer.from('x')), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.stream(key), key).rejects.toThrow(/invalid storage key/);
      await expect(storage.delete(key), key).rejects.toThrow(/invalid storage key/);
    }
  });

  it('keeps binary content exactly and streams a large object in pieces', async () => {
    const storage = make();
    const big = crypto.randomBytes(3 * 1024 * 1024 + 17);
    await storage.put('materials/big.bin', big);
    const { body, size } = await storage.stream('materials/big.bin');
    expect(size).toBe(big.length);
    const { data, chunks } = await readAll(body);
    expect(sha256(data)).toBe(sha256(big));
    expect(chunks).toBeGreaterThan(1); // read as a stream, not one buffer
    expect(sha256(await storage.get('materials/big.bin'))).toBe(sha256(big));
  });

  // Whole-object replacement is our code on the local disk (temp file + rename) and the store's own guarantee on S3;
  // the fake S3 server (s3rver) writes its files in place, so under load it can itself mix two puts: checked on the disk.
  it.runIf(_name === 'LocalDiskStorage')('concurrent puts to one key leave one whole version, never a mix', async () => {
    const storage = make();
    const versions = Array.from({ length: 6 }, (_, i) => Buffer.alloc(256 * 1024, 65 + i));
    await Promise.all(versions.map((v) => storage.put('photos/race/original.jpg', v)));
    const got = await storage.get('photos/race/original.jpg');
    expect(versions.some((v) => v.equals(got))).toBe(true);
  });
});

describe('S3Storage specifics', () => {
  it('writes the object into the bucket under S3_PREFIX (nothing on the local disk)', async () => {
    const storage = s3({ prefix: 'tenant-a/files' });
    await storage.put('photos/2026/12/x/original.jpg', Buffer.from('in the bucket'));
    const out = await storage.client.send(
      new GetObjectCommand({ Bucket: fake.settings.bucket, Key: 'tenant-a/files/photos/2026/12/x/original.jpg' }),
    );
    expect(Buffer.from(await out.Body!.transformToByteArray()).toString()).toBe('in the bucket');
    // Another prefix on the same bucket does not see it.
    await expect(s3({ prefix: 'tenant-b' }).get('photos/2026/12/x/original.jpg')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sends no request at all for a refused key', async () => {
    const storage = s3();
    let sent = 0;
    storage.client.middlewareStack.add(
      (next) => async (args) => {
        sent += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    await storage.put('photos/ok.jpg', Buffer.from('x'));
    expect(sent).toBe(1);
    for (const key of ['../secret', 'photos/../../x', '/abs']) {
      await expect(storage.get(key)).rejects.toThrow(/invalid storage key/);
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    }
    expect(sent).toBe(1);
  });

  it('says clearly at start-up when the bucket is missing or the store is unreachable; a missing bucket is never a 404 of a file', async () => {
    await expect(s3().check()).resolves.toBeUndefined();
    const noBucket = s3({ bucket: 'no-such-bucket' });
    await expect(noBucket.check()).rejects.toThrow(/对象存储不可用.*no-such-bucket.*存储桶不存在/);
    const err = await noBucket.stream('photos/a.jpg').catch((e: unknown) => e);
    expect(err).not.toMatchObject({ code: 'not_found' });
    const down = s3({ endpoint: 'http://127.0.0.1:9' }); // discard port: nothing listens
    await expect(down.check()).rejects.toThrow(/对象存储不可用/);
  });

  it('openStorage builds the configured kind and checks the bucket', async () => {
    expect(await openStorage({ kind: 'local', dir: fs.mkdtempSync(path.join(os.tmpdir(), 'cc-storage-')) })).toBeInstanceOf(
      LocalDiskStorage,
    );
    const built = await openStorage(fake.settings);
    expect(built).toBeInstanceOf(S3Storage);
    (built as S3Storage).close();
    await expect(openStorage({ ...fake.settings, bucket: 'missing-bucket' })).rejects.toThrow(/存储桶不存在/);
  });
});

describe('storage settings (STORAGE, S3_*)', () => {
  const files = '/srv/cc/files';
  it('defaults to the local disk under FILES_DIR', () => {
    expect(parseStorage({}, files)).toEqual({ kind: 'local', dir: files });
    expect(parseStorage({ STORAGE: 'local' }, files)).toEqual({ kind: 'local', dir: files });
  });
  it('reads the S3 settings; path-style on by default with an endpoint (MinIO, Ceph), off for AWS', () => {
    expect(
      parseStorage(
        { STORAGE: 's3', S3_ENDPOINT: 'http://minio.internal:9000', S3_BUCKET: 'cc', S3_ACCESS_KEY_ID: 'ak', S3_SECRET_ACCESS_KEY: 'sk' },
        files,
      ),
    ).toEqual({
      kind: 's3',
      endpoint: 'http://minio.internal:9000',
      bucket: 'cc',
      region: 'us-east-1',
      forcePathStyle: true,
      accessKeyId: 'ak',
      secretAccessKey: 'sk',
      prefix: '',
    });
    expect(parseStorage({ STORAGE: 'S3', S3_BUCKET: 'cc', S3_REGION: 'cn-north-1', S3_PREFIX: '/prod/files/' }, files)).toMatchObject({
      endpoint: undefined,
      region: 'cn-north-1',
      forcePathStyle: false,
      accessKeyId: undefined,
      prefix: 'prod/files',
    });
    expect(
      parseStorage({ STORAGE: 's3', S3_ENDPOINT: 'https://rgw.internal', S3_BUCKET: 'cc', S3_FORCE_PATH_STYLE: 'false' }, files),
    ).toMatchObject({ forcePathStyle: false });
  });
  it('stops the start naming the setting that is missing or wrong', () => {
    expect(() => parseStorage({ STORAGE: 'nfs' }, files)).toThrow(/STORAGE=nfs 无效/);
    expect(() => parseStorage({ STORAGE: 's3' }, files)).toThrow(/S3_BUCKET/);
    expect(() => parseStorage({ STORAGE: 's3', S3_BUCKET: 'cc', S3_ACCESS_KEY_ID: 'ak' }, files)).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => parseStorage({ STORAGE: 's3', S3_BUCKET: 'cc', S3_ENDPOINT: 'minio:9000' }, files)).toThrow(/S3_ENDPOINT/);
    expect(() => parseStorage({ STORAGE: 's3', S3_BUCKET: 'cc', S3_FORCE_PATH_STYLE: 'maybe' }, files)).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => parseStorage({ STORAGE: 's3', S3_BUCKET: 'cc', S3_PREFIX: '../up' }, files)).toThrow(/S3_PREFIX/);
  });
});

describe(`the app on S3 storage (${engineName})`, () => {
  let app: FastifyInstance;
  let storage: S3Storage;
  let filesDir: string;
  beforeAll(async () => {
    const { database, clock } = await getHarness();
    storage = s3({ prefix: `app-${crypto.randomBytes(3).toString('hex')}` });
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-files-unused-'));
    app = await buildApp({ database, clock, logLevel: 'silent', serveWeb: false, filesDir, storage });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('stores an uploaded photo (original, thumbnail, evidence) in the bucket and serves it back from there', async () => {
    const t = await createTenant();
    const grid = await new Client(app).login(t.users.grid.username, PASSWORD);
    const sharp = (await import('sharp')).default;
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 30, g: 120, b: 60 } } })
      .jpeg()
      .toBuffer();
    const up = await grid.upload('/api/files', jpeg, 'photo.jpg');
    expect(up.status).toBe(201);
    const listed = await storage.client.send(new ListObjectsV2Command({ Bucket: fake.settings.bucket }));
    const ours = (listed.Contents ?? []).map((o) => o.Key!).filter((k) => k.includes(up.body.id));
    expect(ours.map((k) => k.split('/').pop()).sort()).toEqual(['evidence.jpg', 'original.jpg', 'thumbnail.webp']);
    expect(fs.readdirSync(filesDir)).toEqual([]); // nothing on this node's disk
    const original = await grid.get(up.body.url);
    expect(original.status).toBe(200);
    expect(original.headers['content-length']).toBe(String(jpeg.length));
    expect(original.raw.equals(jpeg)).toBe(true);
    expect((await grid.get(up.body.thumbnailUrl)).headers['content-type']).toBe('image/webp');
    expect((await grid.get(up.body.evidenceUrl)).status).toBe(200);
  });

  it('streams a download from the store over real HTTP, and a client that hangs up releases the store connection', async () => {
    const { database, clock } = await getHarness();
    // The same bucket and prefix, with every stream the app opens kept for inspection.
    const opened: NodeJS.ReadableStream[] = [];
    const watched: FileStorage = {
      put: (k, d) => storage.put(k, d),
      get: (k) => storage.get(k),
      delete: (k) => storage.delete(k),
      stream: async (k) => {
        const o = await storage.stream(k);
        opened.push(o.body);
        return o;
      },
    };
    const live = await buildApp({ database, clock, logLevel: 'silent', serveWeb: false, filesDir, storage: watched });
    await live.listen({ port: 0, host: '127.0.0.1' });
    try {
      const t = await createTenant();
      const grid = await new Client(live).login(t.users.grid.username, PASSWORD);
      const sharp = (await import('sharp')).default;
      const up = await grid.upload(
        '/api/files',
        await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
          .jpeg()
          .toBuffer(),
        'p.jpg',
      );
      expect(up.status).toBe(201);
      // Make the stored original large (24 MB), far more than socket buffers hold, so the answer must be streamed.
      const row = await database.db.selectFrom('files').select('original_key').where('id', '=', up.body.id).executeTakeFirstOrThrow();
      const big = crypto.randomBytes(24 * 1024 * 1024);
      await storage.put(row.original_key, big);
      const { port } = live.server.address() as { port: number };
      const http = await import('node:http');
      const firstChunk = await new Promise<{ status: number; length: string | undefined; got: number }>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: up.body.url, headers: { cookie: grid.cookie! } }, (res) => {
          res.once('data', (chunk: Buffer) => {
            resolve({ status: res.statusCode!, length: res.headers['content-length'], got: chunk.length });
            req.destroy(); // the phone loses its signal after the first bytes
          });
        });
        req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      });
      expect(firstChunk).toMatchObject({ status: 200, length: String(big.length) });
      expect(opened).toHaveLength(1);
      expect(opened[0].constructor.name, "the app streams the store's own HTTP response").toBe('IncomingMessage');
      const body = opened[0] as NodeJS.ReadableStream & { destroyed: boolean; readableEnded: boolean };
      for (let i = 0; i < 50 && !body.destroyed; i++) await new Promise((r) => setTimeout(r, 100));
      expect(body.destroyed, 'the S3 response stream is closed, not left holding a connection').toBe(true);
      expect(body.readableEnded, 'closed early: the object was streamed, not read whole first').toBe(false);
      // A complete download still works afterwards, byte for byte.
      const full = await grid.get(up.body.url);
      expect(full.status).toBe(200);
      expect(sha256(full.raw)).toBe(sha256(big));
    } finally {
      await live.close();
    }
  });
});
