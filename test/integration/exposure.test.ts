/**
 * 曝光台 (both engines): the workflow (who may do what; a wrong state or version changes nothing), redaction (the
 * blurred box differs from the original, the rest does not, and the public copy carries no EXIF), covert findings
 * (not proposable before their round is released), take-down (gone from every public answer), the public answers
 * (no reporter, assignee, internal text or unpublished item) and the public 红黑榜 (published runs only).
 */
import crypto from 'node:crypto';
import sharp, { type OutputInfo } from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod, periodOf } from '../../common/period';
import { Client, type Res } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act } from '../support/problems';

let t: Tenant;
let other: Tenant;
let office: Client;
let leader: Client;
let taskforce: Client;
let unit: Client;
let volunteer: Client;
let anon: Client;
let otherOffice: Client;
let problemId = '';
let exposureId = '';
const REPORTER_DESC = `内部描述-举报人王秀英说的-${crypto.randomUUID().slice(0, 6)}`;

const must = (res: Res, status: number, what = '') => {
  expect(res.status, `${what} ${JSON.stringify(res.body).slice(0, 400)}`).toBe(status);
  return res.body;
};

/** A 400×300 photo with detail everywhere (a blur shows) and EXIF with a camera and GPS position. */
async function detailedJpeg(): Promise<Buffer> {
  const w = 400;
  const h = 300;
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      const on = (Math.floor(x / 20) + Math.floor(y / 20)) % 2 === 0;
      px[i] = on ? 240 : 20;
      px[i + 1] = Math.round((x / w) * 255);
      px[i + 2] = on ? 30 : 220;
    }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 95 })
    .withExif({
      IFD0: { Make: 'HUAWEI', Model: 'ANA-AN00', Artist: '王秀英' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 0/1' },
    })
    .toBuffer();
}

async function uploadDetailed(c: Client): Promise<string> {
  return must(await c.upload('/api/files', await detailedJpeg(), 'street.jpg'), 201, 'upload').id;
}

async function reportProblem(c: Client, over: Record<string, unknown> = {}) {
  return must(
    await c.post('/api/problems', {
      clientId: crypto.randomUUID(),
      description: REPORTER_DESC,
      categoryCode: 'E0102',
      severity: 'normal',
      regionId: t.townAId,
      location: { lat: 39.1, lng: 116.5 },
      address: '示范县人民路 18 号',
      photoIds: [await uploadDetailed(c)],
      ...over,
    }),
    201,
    'report',
  );
}

async function transition(c: Client, id: string, action: string, body: Record<string, unknown> = {}) {
  const cur = must(await office.get(`/api/exposures/${id}`), 200, 'load');
  return c.post(`/api/exposures/${id}/transitions`, { action, version: cur.version, ...body });
}

async function rawPixels(buf: Buffer) {
  return sharp(buf).raw().toBuffer({ resolveWithObject: true });
}

/** Mean absolute difference of two same-sized raw images within a box of fractions. */
function meanDiff(
  a: { data: Buffer; info: OutputInfo },
  b: { data: Buffer; info: OutputInfo },
  box: { x: number; y: number; w: number; h: number },
) {
  const { width, height, channels } = a.info;
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(box.y * height); y < Math.floor((box.y + box.h) * height); y++)
    for (let x = Math.floor(box.x * width); x < Math.floor((box.x + box.w) * width); x++)
      for (let c = 0; c < 3; c++) {
        const i = (y * width + x) * channels + c;
        sum += Math.abs(a.data[i] - b.data[i]);
        n++;
      }
  return sum / n;
}

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  [office, leader, taskforce, unit, volunteer, otherOffice] = await Promise.all([
    t.as('office'),
    t.as('leader'),
    t.as('taskforce'),
    t.as('unit'),
    t.as('volunteer'),
    other.as('office'),
  ]);
  anon = new Client((await getHarness()).app);
  const p = await reportProblem(office);
  problemId = p.id;
  await act(office, problemId, 'accept');
  await act(office, problemId, 'dispatch', { unitId: t.unitAId });
}, 60_000);

describe(`曝光台 (${engineName})`, () => {
  it('only the office of the area proposes; another county, a unit and a leader cannot', async () => {
    expect((await unit.post('/api/exposures', { problemId })).status).toBe(403);
    expect((await leader.post('/api/exposures', { problemId })).status).toBe(403);
    expect((await volunteer.post('/api/exposures', { problemId })).status).toBe(404);
    expect((await otherOffice.post('/api/exposures', { problemId })).status).toBe(404);
    expect((await office.post('/api/exposures', { problemId: crypto.randomUUID() })).status).toBe(404);
    expect((await office.post('/api/exposures', { problemId: 'x' })).status).toBe(400);
    expect(must(await unit.get(`/api/exposures/eligibility/${problemId}`), 200).canPropose).toBe(false);
    expect(must(await office.get(`/api/exposures/eligibility/${problemId}`), 200).canPropose).toBe(true);

    const e = must(await office.post('/api/exposures', { problemId }), 201, 'propose');
    exposureId = e.id;
    expect(e.state).toBe('draft');
    expect(e.unitId).toBe(t.unitAId);
    expect(e.photos).toHaveLength(1);
    expect(e.photos[0]).toMatchObject({ stage: 'before', rendered: true, width: 400, height: 300, boxes: [] });
    expect(e.allowedActions).toEqual(['edit', 'submit']);
    // A second proposal of the same problem: 409.
    expect((await office.post('/api/exposures', { problemId })).status).toBe(409);
    expect(must(await office.get(`/api/exposures/eligibility/${problemId}`), 200)).toMatchObject({ canPropose: false, exposureId });

    // The unit was told (its bell), and the audit trail has the proposal.
    const notes = must(await unit.get('/api/notifications?pageSize=50'), 200).items as Array<{ kind: string; title: string }>;
    expect(notes.some((n) => n.kind === 'exposure' && n.title.includes('提出曝光'))).toBe(true);
    const { database } = await getHarness();
    const events = await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', exposureId).execute();
    expect(events.map((x) => x.action)).toContain('exposure.propose');

    // Reading: office, leader, task force of the area; the unit, a volunteer, another county: 404.
    for (const c of [office, leader, taskforce]) must(await c.get(`/api/exposures/${exposureId}`), 200);
    for (const c of [unit, volunteer, otherOffice]) expect((await c.get(`/api/exposures/${exposureId}`)).status).toBe(404);
    expect(must(await otherOffice.get('/api/exposures'), 200).items.some((x: { id: string }) => x.id === exposureId)).toBe(false);
    expect((await unit.get('/api/exposures')).status).toBe(403);
  });

  it('redaction: the box is blurred on the public copy, the rest is unchanged, and no EXIF is left', async () => {
    const cur = must(await office.get(`/api/exposures/${exposureId}`), 200);
    const photo = cur.photos[0];
    const box = { x: 0.25, y: 0.2, w: 0.3, h: 0.4 };
    // Bad boxes: 400, nothing changes.
    const bad = await transition(office, exposureId, 'edit', { photos: [{ id: photo.id, boxes: [{ x: 0.9, y: 0.1, w: 0.5, h: 0.1 }] }] });
    expect(bad.status).toBe(400);
    expect(must(await office.get(`/api/exposures/${exposureId}`), 200).version).toBe(cur.version);
    // A photo of another exposure: 422.
    expect((await transition(office, exposureId, 'edit', { photos: [{ id: crypto.randomUUID(), boxes: [] }] })).status).toBe(422);
    // The leader may not edit.
    expect((await transition(leader, exposureId, 'edit', { title: '人民路人行道垃圾堆放' })).status).toBe(403);

    const edited = must(
      await transition(office, exposureId, 'edit', {
        title: '人民路人行道垃圾长期堆放',
        description: '人民路 18 号门前人行道垃圾长期堆放，影响通行和市容，已交责任单位限期整改。',
        photos: [{ id: photo.id, boxes: [box] }],
      }),
      200,
      'edit',
    );
    expect(edited.title).toBe('人民路人行道垃圾长期堆放');
    expect(edited.photos[0].boxes).toEqual([box]);

    const preview = await office.get(`/api/exposures/${exposureId}/photos/${photo.id}`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(preview.raw).metadata();
    expect(meta.exif, 'no EXIF on the public copy').toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.width).toBe(400);

    // Compare with the original decoded the same way.
    const originalBytes = (await office.get(`/api/files/${photo.fileId}`)).raw;
    const original = await rawPixels(originalBytes);
    const redacted = await rawPixels(preview.raw);
    const inside = meanDiff(original, redacted, box);
    const outside = meanDiff(original, redacted, { x: 0.7, y: 0.7, w: 0.25, h: 0.25 });
    expect(inside, `inside the box the picture changes a lot (${inside.toFixed(1)})`).toBeGreaterThan(40);
    expect(outside, `outside it stays (JPEG noise only: ${outside.toFixed(1)})`).toBeLessThan(12);
    // The original itself still has its EXIF (it is never public).
    expect((await sharp(originalBytes).metadata()).exif).toBeDefined();
  });

  it('submit → return with a reason → submit → approve; wrong state or version changes nothing', async () => {
    // Approving a draft: 422 and no change.
    const before = must(await office.get(`/api/exposures/${exposureId}`), 200);
    expect((await transition(leader, exposureId, 'approve')).status).toBe(422);
    expect((await office.post(`/api/exposures/${exposureId}/transitions`, { action: 'submit', version: before.version + 5 })).status).toBe(
      409,
    );
    expect(must(await office.get(`/api/exposures/${exposureId}`), 200)).toMatchObject({ state: 'draft', version: before.version });

    must(await transition(office, exposureId, 'submit'), 200, 'submit');
    // Nothing is public yet.
    expect((await anon.get(`/api/public/exposures/${exposureId}`)).status).toBe(404);
    // The office cannot approve its own proposal; nor edit it while submitted.
    expect((await transition(office, exposureId, 'approve')).status).toBe(403);
    expect((await transition(office, exposureId, 'edit', { title: '改一下标题内容' })).status).toBe(422);
    expect((await transition(leader, exposureId, 'return', { reason: '' })).status).toBe(400);
    const returned = must(await transition(leader, exposureId, 'return', { reason: '车牌未打码，请补充' }), 200, 'return');
    expect(returned).toMatchObject({ state: 'draft', returnReason: '车牌未打码，请补充' });
    must(await transition(office, exposureId, 'submit'), 200, 'resubmit');
    const published = must(await transition(leader, exposureId, 'approve', { comment: '同意曝光' }), 200, 'approve');
    expect(published.state).toBe('published');
    expect(published.allowedActions).toEqual(['take_down']);
    const notes = must(await unit.get('/api/notifications?pageSize=50'), 200).items as Array<{ kind: string; title: string }>;
    expect(notes.some((n) => n.kind === 'exposure' && n.title.includes('已在曝光台公开'))).toBe(true);
    const { database } = await getHarness();
    const actions = (await database.db.selectFrom('audit_events').select('action').where('subject_id', '=', exposureId).execute()).map(
      (x) => x.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['exposure.edit', 'exposure.submit', 'exposure.return', 'exposure.approve']));
  });

  it('the public board shows the published item with nothing internal', async () => {
    const list = must(await anon.get('/api/public/exposures?pageSize=50'), 200);
    const item = list.items.find((x: { id: string }) => x.id === exposureId);
    expect(item).toMatchObject({ title: '人民路人行道垃圾长期堆放', fixed: false, daysTaken: null, afterPhoto: null });
    expect(item.unitName).toContain(t.tag);
    const one = must(await anon.get(`/api/public/exposures/${exposureId}`), 200);
    expect(one.beforePhotos).toHaveLength(1);
    const text = JSON.stringify([list, one]);
    for (const secret of [REPORTER_DESC, t.users.office.username, t.users.unit.username, '王秀英', problemId, '车牌未打码', '同意曝光'])
      expect(text, secret).not.toContain(secret);
    // The photo is the redacted copy, without EXIF.
    const photo = await anon.get(one.beforePhotos[0]);
    expect(photo.status).toBe(200);
    expect((await sharp(photo.raw).metadata()).exif).toBeUndefined();
    // Filters by month, town and unit.
    const month = formatPeriod(periodOf('month', (await getHarness()).clock.now()));
    expect(must(await anon.get(`/api/public/exposures?month=${month}&regionId=${t.townAId}&unitId=${t.unitAId}`), 200).total).toBe(1);
    expect(must(await anon.get(`/api/public/exposures?regionId=${t.townBId}`), 200).total).toBe(0);
    expect(must(await anon.get(`/api/public/exposures?month=2020-01`), 200).items.some((x: { id: string }) => x.id === exposureId)).toBe(
      false,
    );
    expect((await anon.get('/api/public/exposures?month=2026-13')).status).toBe(400);
    const filters = must(await anon.get(`/api/public/exposures/filters?regionId=${t.countyId}`), 200);
    expect(filters.towns.map((x: { id: string }) => x.id)).toEqual([t.townAId]);
    expect(filters.units.map((x: { id: string }) => x.id)).toEqual([t.unitAId]);
    expect(filters.months[0]).toMatchObject({ period: month, count: 1 });
    // The unit's public record.
    const record = must(await anon.get(`/api/public/units/${t.unitAId}/record`), 200);
    expect(record).toMatchObject({ exposed: 1, fixed: 0, overdue: 0 });
    expect(record.items).toHaveLength(1);
    const units = must(await anon.get(`/api/public/units?regionId=${t.countyId}`), 200);
    expect(units.items).toEqual([{ unitId: t.unitAId, unitName: expect.stringContaining(t.tag), exposed: 1, fixed: 0, overdue: 0 }]);
    expect((await anon.get(`/api/public/units/${t.unitBId}/record`)).status).toBe(404);
    // Past its deadline and still open: overdue on the item and in the record.
    const { database, clock } = await getHarness();
    const p = await database.db.selectFrom('problems').select('deadline').where('id', '=', problemId).executeTakeFirstOrThrow();
    await database.db
      .updateTable('problems')
      .set({ deadline: new Date(clock.now().getTime() - 86_400_000) })
      .where('id', '=', problemId)
      .execute();
    expect(must(await anon.get(`/api/public/units/${t.unitAId}/record`), 200)).toMatchObject({ exposed: 1, fixed: 0, overdue: 1 });
    expect(must(await anon.get(`/api/public/exposures/${exposureId}`), 200).overdue).toBe(true);
    await database.db.updateTable('problems').set({ deadline: p.deadline }).where('id', '=', problemId).execute();
  });

  it('once fixed, the public item shows the after-photo beside the before-photo and the days it took; overdue counts', async () => {
    const { clock } = await getHarness();
    // The unit fixes it (with a photo of its own), the office verifies.
    await act(unit, problemId, 'acknowledge');
    const after = await uploadDetailed(unit);
    await act(unit, problemId, 'submit_rectification', { measures: '已清理完毕', photoIds: [after] });
    await act(office, problemId, 'verify', { passed: true });
    // The after-photo of a fix after publication is not public until the office redacts it: propose-time photos only.
    const one = must(await anon.get(`/api/public/exposures/${exposureId}`), 200);
    expect(one.fixed).toBe(true);
    expect(one.daysTaken).not.toBeNull();
    expect(must(await anon.get(`/api/public/units/${t.unitAId}/record`), 200)).toMatchObject({ exposed: 1, fixed: 1 });
    void clock;
    expect(one.afterPhotos).toEqual([]);
    // 公开整改后照片: the office redacts the new rectification photo and adds it; only the office, only that photo.
    const staff = must(await office.get(`/api/exposures/${exposureId}`), 200);
    expect(staff.allowedActions).toEqual(['take_down', 'add_after']);
    expect(staff.pendingAfterPhotos).toEqual([{ fileId: after }]);
    const box = { x: 0.5, y: 0.5, w: 0.2, h: 0.2 };
    expect((await transition(unit, exposureId, 'add_after', { afterPhotos: [{ fileId: after, boxes: [box] }] })).status).toBe(404);
    expect((await transition(leader, exposureId, 'add_after', { afterPhotos: [{ fileId: after, boxes: [box] }] })).status).toBe(403);
    const foreign = await uploadDetailed(office);
    expect((await transition(office, exposureId, 'add_after', { afterPhotos: [{ fileId: foreign, boxes: [] }] })).status).toBe(422);
    expect((await transition(office, exposureId, 'add_after', { afterPhotos: [] })).status).toBe(400);
    const added = must(
      await transition(office, exposureId, 'add_after', { afterPhotos: [{ fileId: after, boxes: [box] }] }),
      200,
      'add after',
    );
    expect(added.photos.map((p: { stage: string }) => p.stage)).toEqual(['before', 'after']);
    expect(added.pendingAfterPhotos).toEqual([]);
    const withAfter = must(await anon.get(`/api/public/exposures/${exposureId}`), 200);
    expect(withAfter.afterPhotos).toHaveLength(1);
    expect(withAfter.afterPhoto).toBe(withAfter.afterPhotos[0]);
    const afterCopy = await anon.get(withAfter.afterPhotos[0]);
    expect(afterCopy.status).toBe(200);
    expect((await sharp(afterCopy.raw).metadata()).exif).toBeUndefined();

    // A second problem, fixed before it is proposed: both photos go on the board, the after one shown once published.
    const p2 = await reportProblem(office);
    await act(office, p2.id, 'accept');
    await act(office, p2.id, 'dispatch', { unitId: t.unitAId });
    await act(unit, p2.id, 'acknowledge');
    await act(unit, p2.id, 'submit_rectification', { measures: '已整改', photoIds: [await uploadDetailed(unit)] });
    await act(office, p2.id, 'verify', { passed: true });
    const e2 = must(await office.post('/api/exposures', { problemId: p2.id }), 201);
    expect(e2.photos.map((p: { stage: string }) => p.stage)).toEqual(['before', 'after']);
    must(await transition(office, e2.id, 'submit'), 200);
    must(await transition(leader, e2.id, 'approve'), 200);
    const pub = must(await anon.get(`/api/public/exposures/${e2.id}`), 200);
    expect(pub.afterPhotos).toHaveLength(1);
    expect(pub.afterPhoto).toBe(pub.afterPhotos[0]);
    expect((await anon.get(pub.afterPhotos[0])).status).toBe(200);
    expect(must(await anon.get(`/api/public/units/${t.unitAId}/record`), 200)).toMatchObject({ exposed: 2, fixed: 2 });
    await transition(leader, e2.id, 'take_down', { reason: '测试数据，撤下' });
  });

  it('a problem not yet dispatched (no unit to name) is refused with 422 and nothing written; dispatched, it may be', async () => {
    const { database } = await getHarness();
    const p = await reportProblem(office);
    await act(office, p.id, 'accept');
    const eligibility = must(await office.get(`/api/exposures/eligibility/${p.id}`), 200);
    expect(eligibility.canPropose).toBe(false);
    expect(eligibility.reason).toContain('尚未派遣');
    const refused = await office.post('/api/exposures', { problemId: p.id });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error.message).toContain('没有责任单位');
    expect(await database.db.selectFrom('exposures').select('id').where('problem_id', '=', p.id).execute()).toEqual([]);
    await act(office, p.id, 'dispatch', { unitId: t.unitBId });
    const e = must(await office.post('/api/exposures', { problemId: p.id }), 201, 'after dispatch');
    expect(e.unitId).toBe(t.unitBId);
    // A draft left without a unit (from before the rule) cannot be approved: the board would name nobody.
    await database.db.updateTable('exposures').set({ unit_id: null }).where('id', '=', e.id).execute();
    must(await transition(office, e.id, 'submit'), 200, 'submit');
    const approve = await transition(leader, e.id, 'approve');
    expect(approve.status, JSON.stringify(approve.body)).toBe(422);
    expect(approve.body.error.message).toContain('没有责任单位');
    expect((await database.db.selectFrom('exposures').select('state').where('id', '=', e.id).executeTakeFirstOrThrow()).state).toBe(
      'submitted',
    );
    must(await transition(leader, e.id, 'return', { reason: '责任单位缺失，退回核实' }), 200, 'return');
  });

  it('a covert finding cannot be proposed before its round is released', async () => {
    const { database } = await getHarness();
    const db = database.db;
    const round = await db
      .insertInto('inspection_rounds')
      .values({
        name: `第四轮暗访${t.tag}`,
        kind: 'covert',
        campaign_id: t.campaignId,
        standard_version_id: null,
        region_id: t.countyId,
        start_date: '2026-11-01',
        end_date: '2026-11-30',
        sample: JSON.stringify({}),
        is_covert: true,
        released_at: null,
        released_by: null,
        created_by: null,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const p = await reportProblem(office);
    await db.updateTable('problems').set({ round_id: round.id, state: 'dispatched', unit_id: t.unitAId }).where('id', '=', p.id).execute();
    // The office may know the round (inspections.covert), but the finding is not proposable yet: 422, nothing written.
    const refused = await office.post('/api/exposures', { problemId: p.id });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.error.message).toContain('暗访');
    expect(await db.selectFrom('exposures').select('id').where('problem_id', '=', p.id).execute()).toEqual([]);
    // Released: proposable, through the same approval.
    await db.updateTable('inspection_rounds').set({ released_at: new Date() }).where('id', '=', round.id).execute();
    const e = must(await office.post('/api/exposures', { problemId: p.id }), 201, 'after release');
    expect(e.isCovertFinding).toBe(true);
    expect(e.state).toBe('draft');
    expect((await anon.get(`/api/public/exposures/${e.id}`)).status).toBe(404);
  });

  it('take-down hides the item from every public answer; it needs a reason and is audited', async () => {
    const one = must(await anon.get(`/api/public/exposures/${exposureId}`), 200);
    expect((await transition(unit, exposureId, 'take_down', { reason: '已整改' })).status).toBe(404);
    expect((await transition(office, exposureId, 'take_down', {})).status).toBe(400);
    must(await transition(office, exposureId, 'take_down', { reason: '当事单位已整改到位，依申请撤下' }), 200, 'take down');
    expect((await anon.get(`/api/public/exposures/${exposureId}`)).status).toBe(404);
    expect((await anon.get(one.beforePhotos[0])).status).toBe(404);
    const list = must(await anon.get('/api/public/exposures?pageSize=50'), 200);
    expect(list.items.some((x: { id: string }) => x.id === exposureId)).toBe(false);
    expect((await anon.get(`/api/public/units/${t.unitAId}/record`)).status).toBe(404);
    const filters = must(await anon.get(`/api/public/exposures/filters?regionId=${t.countyId}`), 200);
    expect(filters.units).toEqual([]);
    // Taken down: a new proposal of the same problem is possible again.
    expect(must(await office.get(`/api/exposures/eligibility/${problemId}`), 200).canPropose).toBe(true);
    const { database } = await getHarness();
    const ev = await database.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('subject_id', '=', exposureId)
      .where('action', '=', 'exposure.take_down')
      .execute();
    expect(ev).toHaveLength(1);
    // The staff list still shows it, as 已撤下, with the reason.
    const staff = must(await office.get(`/api/exposures?state=taken_down&pageSize=50`), 200);
    expect(staff.items.some((x: { id: string }) => x.id === exposureId)).toBe(true);
    expect(must(await office.get(`/api/exposures/${exposureId}`), 200).takeDownReason).toBe('当事单位已整改到位，依申请撤下');
  });

  it('the public 红黑榜 lists published runs only, and says so when none is', async () => {
    // Only this tenant's region: nothing published yet.
    const none = must(await anon.get(`/api/public/rankings?regionId=${t.countyId}`), 200);
    expect(none).toMatchObject({ published: false, rankings: [] });
    expect(none.message).toContain('尚未发布');
    const month = formatPeriod(periodOf('month', (await getHarness()).clock.now()));
    const scheme = must(
      await office.post('/api/evaluation/schemes', {
        campaignId: t.campaignId,
        name: `月度考核${t.tag}`,
        periodType: 'month',
        redCount: 1,
        blackCount: 1,
        groups: [
          {
            name: '县直部门',
            subjectType: 'unit',
            unitIds: [t.unitAId, t.unitBId],
            indicators: [{ code: 'manual.score', weight: 100, rule: { type: 'linear', floor: 0, ceiling: 100 } }],
          },
        ],
      }),
      201,
      'scheme',
    );
    for (const [u, v] of [
      [t.unitAId, 92],
      [t.unitBId, 61],
    ] as const)
      must(
        await office.post('/api/evaluation/manual-scores', {
          code: 'manual.score',
          subjectType: 'unit',
          subjectId: u,
          period: month,
          value: v,
          reason: '领导小组评议',
        }),
        204,
      );
    const run = must(await office.post('/api/evaluation/runs', { schemeId: scheme.id, period: month }), 201, 'run');
    must(await office.post(`/api/evaluation/runs/${run.id}/transitions`, { action: 'publicize' }), 200);
    must(await leader.post(`/api/evaluation/runs/${run.id}/transitions`, { action: 'sign_off' }), 200);
    // 公示/审定 is not published: still nothing.
    expect(must(await anon.get(`/api/public/rankings?regionId=${t.countyId}`), 200).published).toBe(false);
    must(await office.post(`/api/evaluation/runs/${run.id}/transitions`, { action: 'publish' }), 200);
    const pub = must(await anon.get(`/api/public/rankings?regionId=${t.countyId}`), 200);
    expect(pub.published).toBe(true);
    expect(pub.rankings).toHaveLength(1);
    expect(pub.rankings[0]).toMatchObject({ period: month, schemeName: `月度考核${t.tag}` });
    expect(pub.rankings[0].groups[0].red.map((x: { name: string }) => x.name)).toEqual([expect.stringContaining('城管局')]);
    expect(pub.rankings[0].groups[0].black).toHaveLength(1);
    // Another county's region sees none of it.
    expect(must(await anon.get(`/api/public/rankings?regionId=${other.countyId}`), 200).published).toBe(false);
    expect((await anon.get('/api/public/rankings?period=2026-1')).status).toBe(400);
  });
});
