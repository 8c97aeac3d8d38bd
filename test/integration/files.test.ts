/** Photo uploads: type by content, EXIF time and GPS, orientation, thumbnail, watermarked evidence, original kept. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '../../server/platform/storage';
import type { Client, Res } from '../support/client';
import { anonymous, createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
let grid: Client;
beforeAll(async () => {
  t = await createTenant();
  grid = await t.as('grid');
});

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** A multipart body with the photo and optional text fields (some before the file, some after). */
async function uploadWith(client: Client, file: Buffer, fileName: string, fields: Record<string, string> = {}): Promise<Res> {
  const boundary = '----cctest' + crypto.randomBytes(8).toString('hex');
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const entries = Object.entries(fields);
  const before = entries.slice(0, 1).map(([k, v]) => field(k, v));
  const after = entries.slice(1).map(([k, v]) => field(k, v));
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const body = Buffer.concat([...before, head, file, Buffer.from('\r\n'), ...after, Buffer.from(`--${boundary}--\r\n`)]);
  return client.request('POST', '/api/files', body, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

/**
 * 1600×800 pixels, left half red and right half blue, EXIF orientation 6 (shown turned 90° clockwise:
 * 800×1600, red on top), taken 2024-05-01 10:30 Beijing time at 31°12'34.56"N 121°28'12"E.
 */
async function orientedJpegWithExif(): Promise<Buffer> {
  const red = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 1600, height: 800, channels: 3, background: '#0000ff' } })
    .composite([{ input: red, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD2: { DateTimeOriginal: '2024:05:01 10:30:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 12/1 3456/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 1200/100' },
    })
    .toBuffer();
}

async function plainPng(width = 900, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 40, g: 160, b: 90, alpha: 1 } } })
    .png()
    .toBuffer();
}

async function rgb(buf: Buffer) {
  const { data, info } = await sharp(buf).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Mean absolute difference per channel between two same-sized images over rows [from, to). */
function meanDiff(a: Awaited<ReturnType<typeof rgb>>, b: Awaited<ReturnType<typeof rgb>>, fromRow: number, toRow: number): number {
  let sum = 0;
  const start = fromRow * a.width * 3;
  const end = toRow * a.width * 3;
  for (let i = start; i < end; i++) sum += Math.abs(a.data[i] - b.data[i]);
  return sum / (end - start);
}

function pixel(img: Awaited<ReturnType<typeof rgb>>, x: number, y: number): number[] {
  const at = (y * img.width + x) * img.channels;
  return [img.data[at], img.data[at + 1], img.data[at + 2]];
}

describe(`files (${engineName})`, () => {
  it('takes a JPEG: reads EXIF time and GPS, fixes orientation, keeps the original and watermarks the evidence copy', async () => {
    const photo = await orientedJpegWithExif();
    const res = await uploadWith(grid, photo, 'IMG_0001.jpg');
    expect(res.status).toBe(201);
    const f = res.body;
    expect(f.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(f).toMatchObject({
      mime: 'image/jpeg',
      size: photo.length,
      sha256: sha256(photo),
      width: 800,
      height: 1600,
      takenAt: '2024-05-01T02:30:00.000Z',
      location: { lat: 31.2096, lng: 121.47 },
      locationSource: 'exif',
      originalName: 'IMG_0001.jpg',
      uploadedBy: { id: t.users.grid.id, name: 'grid用户' },
      url: `/api/files/${f.id}`,
      thumbnailUrl: `/api/files/${f.id}/thumbnail`,
      evidenceUrl: `/api/files/${f.id}/evidence`,
    });

    const original = await grid.get(f.url);
    expect(original.status).toBe(200);
    expect(original.headers['content-type']).toBe('image/jpeg');
    expect(String(original.headers['cache-control'])).toContain('private');
    expect(sha256(original.raw)).toBe(sha256(photo));
    expect(original.raw.equals(photo)).toBe(true);

    const thumb = await grid.get(f.thumbnailUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(String(thumb.headers['cache-control'])).toContain('private');
    const tm = await sharp(thumb.raw).metadata();
    expect(tm.format).toBe('webp');
    // 1600×800 stored sideways → shown 800×1600 → 320 wide thumbnail is 320×640 (not 320×160).
    expect([tm.width, tm.height]).toEqual([320, 640]);
    expect(tm.orientation ?? 1).toBe(1);
    const tp = await rgb(thumb.raw);
    const [top, bottom] = [pixel(tp, 160, 20), pixel(tp, 160, 620)];
    expect(top[0]).toBeGreaterThan(200); // red half ends up on top after turning clockwise
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);

    const evidence = await grid.get(f.evidenceUrl);
    expect(evidence.status).toBe(200);
    expect(evidence.headers['content-type']).toBe('image/jpeg');
    expect(String(evidence.headers['cache-control'])).toContain('private');
    const em = await sharp(evidence.raw).metadata();
    expect(em.format).toBe('jpeg');
    expect([em.width, em.height]).toEqual([800, 1600]);
    expect(Math.max(em.width!, em.height!)).toBeLessThanOrEqual(1920);
    // Against a plain oriented copy: the top matches, the bottom band (the watermark) does not.
    const plain = await rgb(await sharp(photo).autoOrient().jpeg({ quality: 90 }).toBuffer());
    const marked = await rgb(evidence.raw);
    expect(meanDiff(marked, plain, 0, 1200)).toBeLessThan(6);
    expect(meanDiff(marked, plain, 1500, 1600)).toBeGreaterThan(40);
    // Text, not only a dark band: the band has bright (white glyph) pixels.
    let bright = 0;
    for (let y = 1500; y < 1600; y++) for (let x = 0; x < 800; x++) if (pixel(marked, x, y).every((c) => c > 200)) bright++;
    expect(bright).toBeGreaterThan(200);

    const meta = await grid.get(`/api/files/${f.id}/meta`);
    expect(meta.status).toBe(200);
    expect(meta.body).toEqual(f);
  });

  it('records file.uploaded in the audit trail with the hash and position', async () => {
    const { database } = await getHarness();
    const res = await uploadWith(grid, await plainPng(), 'a.png');
    expect(res.status).toBe(201);
    const rows = await sql<{ action: string; actor_id: string; after: Record<string, unknown> }>`
      select action, actor_id, after from audit_events where subject_type = 'file' and subject_id = ${res.body.id}`.execute(database.db);
    expect(rows.rows).toHaveLength(1);
    const event = rows.rows[0];
    expect(event.action).toBe('file.uploaded');
    expect(event.actor_id).toBe(t.users.grid.id);
    const after = typeof event.after === 'string' ? JSON.parse(event.after) : event.after;
    expect(after).toMatchObject({ sha256: res.body.sha256, mime: 'image/png', size: res.body.size });
    expect(after.original_key).toBeUndefined();
  });

  it('takes a PNG without EXIF and uses the device position and address from the form', async () => {
    const png = await plainPng();
    const res = await uploadWith(grid, png, '现场照片.png', { address: '城关镇人民路 12 号', lat: '30.5', lng: '114.25' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      originalName: '现场照片.png',
      mime: 'image/png',
      width: 900,
      height: 600,
      takenAt: null,
      location: { lat: 30.5, lng: 114.25 },
      locationSource: 'device',
      address: '城关镇人民路 12 号',
      sha256: sha256(png),
    });
    const original = await grid.get(res.body.url);
    expect(original.headers['content-type']).toBe('image/png');
    expect(original.raw.equals(png)).toBe(true);
    const thumb = await sharp((await grid.get(res.body.thumbnailUrl)).raw).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 213]);
    const evidence = await grid.get(res.body.evidenceUrl);
    const marked = await rgb(evidence.raw);
    expect([marked.width, marked.height]).toEqual([900, 600]);
    const plain = await rgb(await sharp(png).jpeg().toBuffer());
    expect(meanDiff(marked, plain, 0, 400)).toBeLessThan(6);
    expect(meanDiff(marked, plain, 560, 600)).toBeGreaterThan(30);
  });

  it('takes a WebP with EXIF, and a photo larger than the 2 MB JSON body limit', async () => {
    const webp = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#996633' } })
      .webp()
      .withExif({ IFD2: { DateTimeOriginal: '2025:12:31 23:59:00', OffsetTimeOriginal: '+08:00' } })
      .toBuffer();
    const w = await uploadWith(grid, webp, 'a.bin');
    expect(w.status).toBe(201);
    expect(w.body).toMatchObject({ mime: 'image/webp', width: 600, height: 400, takenAt: '2025-12-31T15:59:00.000Z', location: null });
    const noisy = await sharp({
      create: { width: 2400, height: 1800, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .jpeg({ quality: 98 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(3 * 1024 * 1024);
    const big = await uploadWith(grid, noisy, 'big.jpg');
    expect(big.status).toBe(201);
    expect(big.body.size).toBe(noisy.length);
    expect((await grid.get(big.body.url)).raw.equals(noisy)).toBe(true);
    const evidence = await sharp((await grid.get(big.body.evidenceUrl)).raw).metadata();
    expect([evidence.width, evidence.height]).toEqual([1920, 1440]);
  });

  it('prefers the photo GPS over the device position', async () => {
    const res = await uploadWith(grid, await orientedJpegWithExif(), 'x.jpg', { lat: '1', lng: '2' });
    expect(res.status).toBe(201);
    expect(res.body.location).toEqual({ lat: 31.2096, lng: 121.47 });
    expect(res.body.locationSource).toBe('exif');
  });

  it('judges the type by content: a text file named .jpg is 415 with a Chinese message', async () => {
    const res = await uploadWith(grid, Buffer.from('这不是图片，只是一段文字。\nnot an image'), 'photo.jpg');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect(res.body.error.message).toMatch(/JPEG/);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    // and a real PNG named .txt is accepted as a PNG
    const png = await uploadWith(grid, await plainPng(64, 64), 'notes.txt');
    expect(png.status).toBe(201);
    expect(png.body.mime).toBe('image/png');
  });

  it('refuses other image types (GIF, SVG) with 415', async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    expect((await uploadWith(grid, gif, 'a.jpg')).status).toBe(415);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect((await uploadWith(grid, svg, 'a.png')).status).toBe(415);
  });

  it('refuses an upload over 15 MB with 413 payload_too_large', async () => {
    const big = Buffer.alloc(15 * 1024 * 1024 + 1024, 0x20);
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(big);
    const res = await uploadWith(grid, big, 'huge.jpg');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(res.body.error.message).toContain('15 MB');
  });

  it('answers a truncated JPEG with a 4xx and a Chinese message, and stores nothing', async () => {
    const { database } = await getHarness();
    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from files where uploaded_by = ${t.users.grid.id}`.execute(database.db)).rows[0]
        .n;
    const before = await count();
    const noisy = await sharp({
      create: { width: 800, height: 600, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
    })
      .jpeg()
      .toBuffer();
    const res = await uploadWith(grid, noisy.subarray(0, Math.floor(noisy.length / 2)), 'cut.jpg');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.message).toMatch(/损坏|不完整/);
    // only a header
    const stub = await uploadWith(grid, noisy.subarray(0, 20), 'stub.jpg');
    expect([415, 422]).toContain(stub.status);
    expect(await count()).toBe(before);
  });

  it('says plainly when HEIC cannot be decoded on this server', async () => {
    // An ISO-BMFF header with HEIC brands and nothing decodable after it.
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic'),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from('mif1heic'),
      crypto.randomBytes(2000),
    ]);
    const res = await uploadWith(grid, heic, 'IMG_1234.HEIC');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('不支持 HEIC');
    expect(res.body.error.message).toContain('JPEG');
  });

  it('validates the form fields', async () => {
    const png = await plainPng(64, 64);
    const bad = await uploadWith(grid, png, 'a.png', { lat: '95', lng: '100' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('纬度');
    const half = await uploadWith(grid, png, 'a.png', { lat: '30' });
    expect(half.status).toBe(400);
    // A NUL in the address used to break the watermark with a 500.
    const nul = await uploadWith(grid, png, 'a.png', { address: '人民路\u0000 18 号' });
    expect(nul.status, JSON.stringify(nul.body)).toBe(400);
    expect(nul.body.error.message).toContain('控制字符');
    const missing = await grid.request(
      'POST',
      '/api/files',
      Buffer.from('--b\r\nContent-Disposition: form-data; name="address"\r\n\r\nx\r\n--b--\r\n'),
      {
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      },
    );
    expect(missing.status).toBe(400);
    const json = await grid.post('/api/files', { file: 'x' });
    expect(json.status).toBe(400);
  });

  it('needs a signed-in user to upload or read', async () => {
    const png = await plainPng(64, 64);
    const res = await uploadWith(await anonymous(), png, 'a.png');
    expect(res.status).toBe(401);
    const ok = await uploadWith(grid, png, 'a.png');
    const anon = await anonymous();
    for (const url of [ok.body.url, ok.body.thumbnailUrl, ok.body.evidenceUrl, `${ok.body.url}/meta`]) {
      expect((await anon.get(url)).status).toBe(401);
    }
  });

  it('opens a file only for its uploader or for those who may read a record holding it; 404 otherwise', async () => {
    const ok = await uploadWith(grid, await plainPng(64, 64), 'a.png');
    // Unattached: only the uploader.
    expect((await grid.get(`${ok.body.url}/meta`)).status).toBe(200);
    for (const key of ['office', 'unit2', 'volunteer', 'auditor', 'admin']) {
      const client = await t.as(key);
      for (const url of [`${ok.body.url}/meta`, ok.body.url, ok.body.thumbnailUrl, ok.body.evidenceUrl])
        expect((await client.get(url)).status, `${key} ${url}`).toBe(404);
    }
    // Someone else's upload cannot be attached to one's own report (that would make it readable there).
    const volunteer = await t.as('volunteer');
    const stolen = await volunteer.post('/api/problems', {
      clientId: crypto.randomUUID(),
      description: '路边垃圾未清运',
      categoryCode: 'E0102',
      regionId: t.townAId,
      photoIds: [ok.body.id],
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.message).toContain('本人上传');
    // Attached to the grid worker's report: the office in scope opens it; other units, volunteers and 三员 do not.
    const reported = await grid.post('/api/problems', {
      clientId: crypto.randomUUID(),
      description: '路边垃圾未清运',
      categoryCode: 'E0102',
      regionId: t.townAId,
      photoIds: [ok.body.id],
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    const office = await t.as('office');
    expect((await office.get(ok.body.evidenceUrl)).status).toBe(200);
    for (const key of ['unit2', 'volunteer', 'auditor', 'admin']) {
      const client = await t.as(key);
      expect((await client.get(ok.body.evidenceUrl)).status, key).toBe(404);
    }
    expect((await grid.get(`/api/files/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await grid.get(`/api/files/${crypto.randomUUID()}/thumbnail`)).status).toBe(404);
    expect((await grid.get('/api/files/not-a-uuid/meta')).status).toBe(400);
  });
});

describe('LocalDiskStorage', () => {
  it('puts, gets, streams and deletes by key, and rejects keys that leave the root', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-storage-'));
    const storage = new LocalDiskStorage(root);
    await storage.put('photos/2026/11/abc/original.jpg', Buffer.from('one'));
    await storage.put('photos/2026/11/abc/original.jpg', Buffer.from('two'));
    expect((await storage.get('photos/2026/11/abc/original.jpg')).toString()).toBe('two');
    const { body, size } = await storage.stream('photos/2026/11/abc/original.jpg');
    const chunks: Buffer[] = [];
    for await (const c of body) chunks.push(c as Buffer);
    expect([Buffer.concat(chunks).toString(), size]).toEqual(['two', 3]);
    // no temp files left behind
    expect(fs.readdirSync(path.join(root, '.tmp'))).toEqual([]);
    await storage.delete('photos/2026/11/abc/original.jpg');
    await storage.delete('photos/2026/11/abc/original.jpg');
    await expect(storage.get('photos/2026/11/abc/original.jpg')).rejects.toMatchObject({ code: 'not_found' });
    await expect(storage.stream('photos/2026/11/abc/original.jpg')).rejects.toMatchObject({ code: 'not_found' });
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '.tmp/x', 'A/B']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    }
    fs.rmSync(root, { recursive: true, force: true });
  });
});
