/**
 * The public door's scheduled clean-up (job `public-cleanup`) on a set clock: 随手拍 uploads no report claimed within
 * 24 h lose their rows and stored objects (through the storage), claimed and recent ones stay; phone codes used or
 * expired and created over 7 days ago are deleted, newer ones stay. Rows are written at set times in the past and the
 * run happens at the real "now", so other test files' fresh rows on a shared database are never stale. Both engines.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../server/jobs';
import { cleanUpPublicLeftovers } from '../../server/modules/public-reports/clean-up-leftovers';
import { systemActor } from '../../server/platform/actor';
import type { Ctx } from '../../server/platform/context';
import { LocalDiskStorage } from '../../server/platform/storage';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { fileCitizenReport, randomIp } from '../support/public-reports';

const HOUR = 3600_000;
let t: Tenant;
let now: Date;
let dir: string;

/** Uploads a photo through the public API as a device; answers the file id. */
async function uploadAsDevice(deviceId: string): Promise<string> {
  const { app } = await getHarness();
  const jpeg = await sharp({ create: { width: 48, height: 36, channels: 3, background: { r: 60, g: 120, b: 180 } } })
    .jpeg()
    .toBuffer();
  const boundary = '----cc' + crypto.randomBytes(6).toString('hex');
  const res = await app.inject({
    method: 'POST',
    url: `/api/public/files?deviceId=${deviceId}`,
    remoteAddress: randomIp(),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function keysOf(fileId: string): Promise<string[]> {
  const { database } = await getHarness();
  const f = await database.db
    .selectFrom('files')
    .select(['original_key', 'thumbnail_key', 'evidence_key'])
    .where('id', '=', fileId)
    .executeTakeFirstOrThrow();
  return [f.original_key, f.thumbnail_key, f.evidence_key];
}

async function exists(storage: LocalDiskStorage, key: string) {
  return storage.get(key).then(
    () => true,
    () => false,
  );
}

beforeAll(async () => {
  t = await createTenant();
  const { clock } = await getHarness();
  now = new Date();
  clock.set(now);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-cleanup-'));
});

afterAll(async () => {
  (await getHarness()).clock.set(new Date());
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`public clean-up (${engineName})`, () => {
  it('deletes unclaimed uploads older than 24 h (rows and stored objects) and old used/expired phone codes', async () => {
    const { database, clock } = await getHarness();
    const db = database.db;
    const at = (msAgo: number) => new Date(now.getTime() - msAgo);

    // 25 h ago: one upload never claimed, and one claimed by the report the citizen sent with it.
    clock.set(at(25 * HOUR));
    const stale = await uploadAsDevice(`dev-${t.tag}-stale`);
    const claimed = await fileCitizenReport(t, { description: '幸福路垃圾桶满溢，周边散落生活垃圾' });
    // 23 h ago: a fresh unclaimed upload (the citizen may still send the report).
    clock.set(at(23 * HOUR));
    const fresh = await uploadAsDevice(`dev-${t.tag}-fresh`);
    clock.set(now);

    // Phone codes (one per phone of this test): used 8 days ago, expired unused 8 days ago, used 2 days ago, live.
    const phone = (n: number) => `139${t.tag.replace(/\D/g, '').padStart(4, '0').slice(-4)}${String(n).padStart(4, '0')}`;
    const code = async (n: number, createdAgo: number, used: boolean) => {
      const created = at(createdAgo);
      await sql`insert into public_phone_codes (phone, code_hash, expires_at, used_at, created_at)
        values (${phone(n)}, ${crypto.randomBytes(32).toString('hex')}, ${new Date(created.getTime() + 600_000)},
          ${used ? new Date(created.getTime() + 60_000) : null}, ${created})`.execute(db);
    };
    await code(1, 8 * 24 * HOUR, true);
    await code(2, 8 * 24 * HOUR, false);
    await code(3, 2 * 24 * HOUR, true);
    await code(4, 60_000, false);

    // The objects, in a storage of the test's own (the same keys the app stored).
    const storage = new LocalDiskStorage(dir);
    const keys = { stale: await keysOf(stale), claimed: await keysOf(claimed.photoId), fresh: await keysOf(fresh) };
    for (const k of Object.values(keys).flat()) await storage.put(k, Buffer.from('jpeg'));

    const ctx: Ctx = { actor: systemActor, db, clock, meta: { ip: null, userAgent: 'test' } };
    const result = await cleanUpPublicLeftovers(ctx, storage);
    expect(result.uploads).toBeGreaterThanOrEqual(1);
    expect(result.phoneCodes).toBeGreaterThanOrEqual(2);
    expect(result.objectErrors).toBe(0);

    const uploadsLeft = async (ids: string[]) =>
      (await sql<{ file_id: string }>`select file_id from public_uploads where file_id = any(${ids}::uuid[])`.execute(db)).rows
        .map((u) => u.file_id)
        .sort();
    expect(await uploadsLeft([stale, fresh, claimed.photoId])).toEqual([fresh, claimed.photoId].sort());
    const files = await db.selectFrom('files').select('id').where('id', 'in', [stale, fresh, claimed.photoId]).execute();
    expect(files.map((f) => f.id).sort()).toEqual([fresh, claimed.photoId].sort());
    for (const k of keys.stale) expect(await exists(storage, k), k).toBe(false);
    for (const k of [...keys.claimed, ...keys.fresh]) expect(await exists(storage, k), k).toBe(true);

    const codes = await sql<{ phone: string }>`select phone from public_phone_codes
      where phone = any(${[1, 2, 3, 4].map(phone)}::text[])`.execute(db);
    expect(codes.rows.map((c) => c.phone).sort()).toEqual([phone(3), phone(4)].sort());
    // The claimed report still shows its photo.
    const tracked = await (
      await getHarness()
    ).app.inject({ method: 'GET', url: `/api/public/reports/${claimed.code}`, remoteAddress: randomIp() });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().photos).toHaveLength(1);

    // Two hours on, the fresh upload is past 24 h too; the scheduled job (with the app's own storage) takes it.
    clock.set(new Date(now.getTime() + 2 * HOUR));
    const job = JOBS.find((j) => j.name === 'public-cleanup')!;
    expect(job.cron).toBe('23 * * * *');
    const again = (await job.run(ctx)) as { uploads: number; objectErrors: number };
    expect(again.uploads).toBeGreaterThanOrEqual(1);
    expect(await uploadsLeft([fresh])).toEqual([]);
    expect(await db.selectFrom('files').select('id').where('id', '=', fresh).execute()).toEqual([]);
    expect(await db.selectFrom('files').select('id').where('id', '=', claimed.photoId).execute()).toHaveLength(1);
    clock.set(now);
  });
});
