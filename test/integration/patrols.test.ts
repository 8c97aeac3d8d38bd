/**
 * 点长巡查打卡: the check-in rules (the 点长 alone, photos of today, once a day, resend by clientId, a problem through the
 * report flow), scope (out of scope answers 404), the month grid's numbers against a hand-counted month (working days by
 * the holiday calendar), the missed days per lead, the indicator and the export.
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

/** Beijing wall-clock time as an instant. */
const bj = (local: string) => new Date(`${local}+08:00`);

let t: Tenant;
let o: Tenant;
const c = {} as Record<'office' | 'leader' | 'unit' | 'unit2' | 'unithead' | 'sitelead' | 'admin' | 'grid' | 'inspector', Client>;
let otherOffice: Client;
let otherLead: Client;
const ids: Record<string, string> = {};

async function jpeg(exifTime?: string): Promise<Buffer> {
  const img = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 140, b: 200 } } }).jpeg();
  return (exifTime ? img.withExif({ IFD2: { DateTimeOriginal: exifTime, OffsetTimeOriginal: '+08:00' } }) : img).toBuffer();
}

async function photo(client: Client, exifTime?: string): Promise<string> {
  const res = await client.upload('/api/files', await jpeg(exifTime), 'patrol.jpg');
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** Sets the shared clock (every client here uses an API token, so moving it ends no session). */
async function at(local: string) {
  (await getHarness()).clock.set(bj(local));
}

async function checkIn(client: Client, siteId: string, over: Record<string, unknown> = {}) {
  return client.post('/api/patrols', {
    clientId: crypto.randomUUID(),
    siteId,
    photoIds: [await photo(client)],
    result: 'ok',
    location: { lat: 39.2001, lng: 116.3001, accuracy: 12 },
    ...over,
  });
}

async function site(office: Client, tenant: Tenant, name: string, over: Record<string, unknown> = {}) {
  const res = await office.post('/api/sites', {
    name: `${name}${tenant.tag}`,
    siteTypeCode: 'back_street',
    regionId: tenant.townAId,
    unitId: tenant.unitAId,
    location: { lat: 39.2, lng: 116.3 },
    ...over,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  const { database } = await getHarness();
  t = await createTenant();
  o = await createTenant();
  for (const k of Object.keys({ office: 1, leader: 1, unit: 1, unit2: 1, unithead: 1, sitelead: 1, admin: 1, grid: 1, inspector: 1 }))
    c[k as keyof typeof c] = await t.asScript(k);
  otherOffice = await o.asScript('office');
  otherLead = await o.asScript('sitelead');
  // A: town A, 包保 unit A, led by the tenant's 点长. B: town B, 包保 unit B, same 点长, no coordinates. C: no 点长 account.
  ids.a = await site(c.office, t, '幸福里背街');
  ids.b = await site(c.office, t, '河西菜市场', { regionId: t.townBId, unitId: t.unitBId, siteTypeCode: 'farmers_market', location: null });
  ids.c = await site(c.office, t, '无账号背街', { leadName: '张三', leadPhone: '13900001234' });
  ids.inactive = await site(c.office, t, '停用背街');
  ids.other = await site(otherOffice, o, '外县背街', { regionId: o.townAId, unitId: o.unitAId });
  const db = database.db;
  await db.updateTable('sites').set({ lead_user_id: t.users.sitelead.id }).where('id', 'in', [ids.a, ids.b, ids.inactive]).execute();
  await db.updateTable('sites').set({ active: false }).where('id', '=', ids.inactive).execute();
  await db.updateTable('sites').set({ lead_user_id: o.users.sitelead.id }).where('id', '=', ids.other).execute();
  // Registered in September, so October and December are whole months of duty.
  await db
    .updateTable('sites')
    .set({ created_at: bj('2026-09-01T09:00:00') })
    .where('id', 'in', [ids.a, ids.b, ids.c, ids.other])
    .execute();
}, 120_000);

afterAll(async () => {
  (await getHarness()).clock.set(new Date());
});

describe(`点长巡查打卡 (${engineName})`, () => {
  it('December: the 点长 checks in on the 1st, 2nd and 4th at A, on Sunday the 6th at B; the office, the unit and another 点长 cannot', async () => {
    for (const day of ['2026-12-01', '2026-12-02', '2026-12-04']) {
      await at(`${day}T08:40:00`);
      const res = await checkIn(c.sitelead, ids.a);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ siteId: ids.a, day, result: 'ok', leadUserId: t.users.sitelead.id, locationSource: 'device' });
      expect(res.body.distanceM).toBeGreaterThan(5);
      expect(res.body.distanceM).toBeLessThan(30);
      expect(res.body.far).toBe(false);
      expect(res.body.photos).toHaveLength(1);
    }
    await at('2026-12-06T16:00:00');
    const sunday = await checkIn(c.sitelead, ids.b, { location: null });
    expect(sunday.status, JSON.stringify(sunday.body)).toBe(201);
    expect(sunday.body).toMatchObject({ day: '2026-12-06', distanceM: null, location: null, locationSource: null });

    await at('2026-12-09T10:00:00');
    // In scope but not the 点长: 403. Out of scope (another county, another unit's site): 404, as a made-up site.
    for (const who of ['office', 'unit', 'unithead', 'leader'] as const) {
      const res = await checkIn(c[who], ids.a);
      expect(res.status, `${who} ${JSON.stringify(res.body)}`).toBe(403);
    }
    expect((await checkIn(c.unit2, ids.a)).status).toBe(404);
    expect((await checkIn(c.grid, ids.a)).status).toBe(403);
    expect((await checkIn(otherLead, ids.a)).status).toBe(404);
    expect((await checkIn(otherOffice, ids.a)).status).toBe(404);
    expect((await checkIn(c.sitelead, ids.other)).status).toBe(404);
    expect((await checkIn(c.sitelead, crypto.randomUUID())).status).toBe(404);
    // A site without him as 点长 is not his to see; an inactive one is refused in words.
    expect((await checkIn(c.sitelead, ids.c)).status).toBe(404);
    const inactive = await checkIn(c.sitelead, ids.inactive);
    expect(inactive.status).toBe(400);
    expect(inactive.body.error.message).toContain('已停用');
  });

  it('today at A: one check-in, a resend is the same one, a second one answers 409 and changes nothing', async () => {
    await at('2026-12-09T10:00:00');
    const clientId = crypto.randomUUID();
    const photoId = await photo(c.sitelead);
    const body = { clientId, siteId: ids.a, photoIds: [photoId], result: 'ok', note: '环境整洁', location: { lat: 39.21, lng: 116.3 } };
    const first = await c.sitelead.post('/api/patrols', body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ day: '2026-12-09', note: '环境整洁', far: true });
    expect(first.body.distanceM).toBeGreaterThan(1000);
    ids.today = first.body.id;
    const again = await c.sitelead.post('/api/patrols', body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    const { database } = await getHarness();
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom('site_patrols')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('site_id', '=', ids.a)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const second = await checkIn(c.sitelead, ids.a, { note: '再打一次' });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/^“幸福里背街.+”今天已打卡（10:00），每个点位每天打卡一次$/);
    expect(await count()).toBe(before);

    const audit = await database.db.selectFrom('audit_events').select(['action', 'actor_id']).where('subject_id', '=', ids.today).execute();
    expect(audit).toEqual([{ action: 'patrol.checked_in', actor_id: t.users.sitelead.id }]);
  });

  it('photos must be his own, of today, and prove one check-in only', async () => {
    await at('2026-12-09T11:00:00');
    const used = (await c.sitelead.get(`/api/patrols/${ids.today}`)).body.photos[0].fileId;
    const reuse = await checkIn(c.sitelead, ids.b, { photoIds: [used] });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error.message).toContain('已用于另一次打卡');
    const someoneElses = await checkIn(c.sitelead, ids.b, { photoIds: [await photo(c.office)] });
    expect(someoneElses.status).toBe(400);
    expect(someoneElses.body.error.message).toContain('不是您本人上传');
    const none = await checkIn(c.sitelead, ids.b, { photoIds: [] });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('请至少拍一张现场照片');
    // Shot yesterday (EXIF), uploaded today.
    const oldShot = await checkIn(c.sitelead, ids.b, { photoIds: [await photo(c.sitelead, '2026:12:08 17:30:00')] });
    expect(oldShot.status).toBe(400);
    expect(oldShot.body.error.message).toBe('有照片拍摄于12月8日，不是今天拍摄的，请现场重新拍照');
    // Uploaded yesterday.
    await at('2026-12-08T18:00:00');
    const yesterday = await photo(c.sitelead);
    await at('2026-12-09T11:00:00');
    const stale = await checkIn(c.sitelead, ids.b, { photoIds: [yesterday] });
    expect(stale.status).toBe(400);
    expect(stale.body.error.message).toContain('今天现场拍摄上传');
    // Shot today with an EXIF time: fine (B is still open today; it is done in the next test).
    const badResult = await checkIn(c.sitelead, ids.b, { result: 'problem' });
    expect(badResult.status).toBe(400);
    expect(badResult.body.error.message).toContain('发现问题时请选择问题类别');
  });

  it('a problem found is filed through the report flow at the site and linked; who may see it sees it', async () => {
    await at('2026-12-09T11:30:00');
    const res = await checkIn(c.sitelead, ids.b, {
      result: 'problem',
      photoIds: [await photo(c.sitelead, '2026:12:09 11:20:00')],
      problem: { categoryCode: 'E0102', description: '菜市场门口暴露垃圾' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.result).toBe('problem');
    expect(res.body.problem).toMatchObject({ code: expect.stringMatching(/^WT/), state: 'pending' });
    expect(res.body.photos[0].takenAt).toBe(bj('2026-12-09T11:20:00').toISOString());
    ids.problemPatrol = res.body.id;
    const problem = await c.office.get(`/api/problems/${res.body.problem.id}`);
    expect(problem.status).toBe(200);
    expect(problem.body).toMatchObject({ siteId: ids.b, description: '菜市场门口暴露垃圾', regionId: t.townBId });
    expect(problem.body.photos).toHaveLength(1);
    // The office reads the check-in with its problem; the unit of B (unit2) too; unit A does not see B at all.
    expect((await c.office.get(`/api/patrols/${ids.problemPatrol}`)).body.problem.id).toBe(res.body.problem.id);
    expect((await c.unit2.get(`/api/patrols/${ids.problemPatrol}`)).status).toBe(200);
    expect((await c.unit.get(`/api/patrols/${ids.problemPatrol}`)).status).toBe(404);
  });

  it('scope: a check-in and its photos are read by the 点长, the office, the leader and the 包保单位 only; others get 404', async () => {
    const url = `/api/patrols/${ids.today}`;
    for (const who of ['sitelead', 'office', 'leader', 'unit', 'unithead'] as const) expect((await c[who].get(url)).status, who).toBe(200);
    for (const who of ['unit2'] as const) expect((await c[who].get(url)).status, who).toBe(404);
    for (const who of ['admin', 'grid', 'inspector'] as const) expect((await c[who].get(url)).status, who).toBe(403);
    expect((await otherOffice.get(url)).status).toBe(404);
    expect((await otherLead.get(url)).status).toBe(404);
    expect((await c.office.get(`/api/patrols/${crypto.randomUUID()}`)).status).toBe(404);
    const fileId = (await c.office.get(url)).body.photos[0].fileId;
    expect((await c.unit.get(`/api/files/${fileId}/thumbnail`)).status).toBe(200);
    expect((await c.unit2.get(`/api/files/${fileId}/thumbnail`)).status).toBe(404);
    expect((await otherOffice.get(`/api/files/${fileId}/thumbnail`)).status).toBe(404);
    // Lists: another county's office sees none of these sites, even when it filters by this county's region.
    const theirs = await otherOffice.get(`/api/patrols/grid?month=2026-12&regionId=${t.countyId}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    expect(JSON.stringify((await otherOffice.get('/api/patrols/grid?month=2026-12')).body)).not.toContain(t.tag);
    // The unit sees the sites it 包保; the 点长 only his own.
    const unitGrid = await c.unit.get('/api/patrols/grid?month=2026-12');
    expect(unitGrid.body.items.map((s: { siteId: string }) => s.siteId).sort()).toEqual([ids.a, ids.c].sort());
    const leadGrid = await c.sitelead.get('/api/patrols/grid?month=2026-12');
    expect(leadGrid.body.items.map((s: { siteId: string }) => s.siteId).sort()).toEqual([ids.a, ids.b].sort());
    expect((await c.admin.get('/api/patrols/grid')).status).toBe(403);
  });

  it("the 点长's today list: A done, B done with a problem; the office has no such list", async () => {
    await at('2026-12-09T12:00:00');
    const today = await c.sitelead.get('/api/patrols/today');
    expect(today.status).toBe(200);
    expect(today.body).toMatchObject({ day: '2026-12-09', weekday: 3, working: true, dayName: null, total: 2, doneToday: 2 });
    const a = today.body.items.find((i: { siteId: string }) => i.siteId === ids.a);
    expect(a).toMatchObject({ state: 'done', patrol: { id: ids.today, result: 'ok', far: true, photoCount: 1 } });
    // Dec 1–8: six working days (1, 2, 3, 4, 7, 8), done 1, 2, 4; today done too.
    expect(a.month).toEqual({ required: 7, done: 4, missed: 3, rate: 0.5714 });
    expect((await c.office.get('/api/patrols/today')).status).toBe(403);
  });

  it('the month grid: cells, tallies and totals as counted by hand; the missed days per lead', async () => {
    await at('2026-12-09T12:00:00');
    const res = await c.office.get(`/api/patrols/grid?month=2026-12&regionId=${t.countyId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const g = res.body;
    expect(g).toMatchObject({ month: '2026-12', label: '2026年12月', today: '2026-12-09', total: 3 });
    expect(g.days).toHaveLength(31);
    expect(g.days[0]).toEqual({ day: '2026-12-01', dayOfMonth: 1, weekday: 2, working: true, name: null });
    expect(g.days[5]).toMatchObject({ day: '2026-12-06', weekday: 7, working: false });
    const row = (id: string) => g.items.find((s: { siteId: string }) => s.siteId === id);
    const marks = (id: string) =>
      row(id)
        .cells.slice(0, 10)
        .map((x: { state: string }) => x.state);
    expect(marks(ids.a)).toEqual(['done', 'done', 'missed', 'done', 'rest', 'rest', 'missed', 'missed', 'done', 'future']);
    expect(row(ids.a)).toMatchObject({
      required: 7,
      done: 4,
      missed: 3,
      rate: 0.5714,
      leadUserId: t.users.sitelead.id,
      leadName: 'sitelead用户',
    });
    expect(row(ids.a).cells[0].patrolId).toEqual(expect.any(String));
    // B: a Sunday check-in is shown but not required; today is done (with a problem).
    expect(marks(ids.b)).toEqual(['missed', 'missed', 'missed', 'missed', 'rest', 'done', 'missed', 'missed', 'done', 'future']);
    expect(row(ids.b)).toMatchObject({ required: 7, done: 1, missed: 6, rate: 0.1429, townName: `河西镇${t.tag}` });
    // C: nobody can check in.
    expect(
      new Set(
        row(ids.c)
          .cells.slice(0, 9)
          .map((x: { state: string }) => x.state),
      ),
    ).toEqual(new Set(['none']));
    expect(row(ids.c)).toMatchObject({ required: 0, done: 0, missed: 0, rate: null, leadUserId: null, leadName: '张三' });
    expect(g.summary).toEqual({
      sites: 3,
      sitesWithoutLead: 1,
      required: 14,
      done: 5,
      missed: 9,
      rate: 0.3571,
      todayDone: 2,
      todayRequired: 2,
    });
    // Filters: by town, by type, by lead; worst first.
    expect(
      (await c.office.get(`/api/patrols/grid?month=2026-12&regionId=${t.townBId}`)).body.items.map((s: { siteId: string }) => s.siteId),
    ).toEqual([ids.b]);
    expect(
      (await c.office.get(`/api/patrols/grid?month=2026-12&regionId=${t.countyId}&siteTypeCode=farmers_market`)).body.items.map(
        (s: { siteId: string }) => s.siteId,
      ),
    ).toEqual([ids.b]);
    const byLead = await c.office.get(`/api/patrols/grid?month=2026-12&leadUserId=${t.users.sitelead.id}&sort=rate`);
    expect(byLead.body.items.map((s: { siteId: string }) => s.siteId)).toEqual([ids.b, ids.a]);

    const missed = await c.office.get(`/api/patrols/missed?month=2026-12&regionId=${t.countyId}`);
    expect(missed.status).toBe(200);
    expect(missed.body.items).toHaveLength(1);
    const lead = missed.body.items[0];
    expect(lead).toMatchObject({ leadUserId: t.users.sitelead.id, sites: 2, required: 14, done: 5, missed: 9, rate: 0.3571 });
    expect(lead.missedDays.map((d: { day: string; siteId: string }) => `${d.day.slice(8)}${d.siteId === ids.a ? 'A' : 'B'}`)).toEqual([
      '01B',
      '02B',
      '03A',
      '03B',
      '04B',
      '07A',
      '07B',
      '08A',
      '08B',
    ]);
  });

  it('October: the 国庆 days off are not required, the 调休 Saturday is', async () => {
    await at('2026-12-09T12:00:00');
    const g = (await c.office.get(`/api/patrols/grid?month=2026-10&regionId=${t.townAId}`)).body;
    expect(g.days[0]).toMatchObject({ day: '2026-10-01', working: false, name: '国庆节' });
    expect(g.days[9]).toMatchObject({ day: '2026-10-10', weekday: 6, working: true, name: '国庆节调休上班' });
    const a = g.items.find((s: { siteId: string }) => s.siteId === ids.a);
    // 22 weekdays − 5 weekdays off (1, 2, 5, 6, 7) + Saturday the 10th.
    expect(a).toMatchObject({ required: 18, done: 0, missed: 18, rate: 0 });
    expect(a.cells[0].state).toBe('rest');
    expect(a.cells[9].state).toBe('missed');
  });

  it('the indicator 点长巡查打卡率 ranks sites, units and towns by the same counts', async () => {
    await at('2026-12-09T12:00:00');
    const meta = await c.office.get('/api/indicators');
    expect(meta.body.items).toContainEqual(
      expect.objectContaining({ code: 'patrols.check_in_rate', name: '点长巡查打卡率', unit: '%', direction: 'higher', module: 'patrols' }),
    );
    const sites = await c.office.get(`/api/indicators/patrols.check_in_rate?subjectType=site&period=2026-12&regionId=${t.countyId}`);
    expect(sites.status, JSON.stringify(sites.body)).toBe(200);
    const v = (id: string) => sites.body.items.find((i: { subjectId: string }) => i.subjectId === id);
    expect(v(ids.a)).toMatchObject({ value: 0.5714, numerator: 4, denominator: 7 });
    expect(v(ids.b)).toMatchObject({ value: 0.1429, numerator: 1, denominator: 7 });
    expect(v(ids.c)).toMatchObject({ value: null });
    const towns = await c.office.get(`/api/indicators/patrols.check_in_rate?subjectType=town&period=2026-12&regionId=${t.countyId}`);
    expect(towns.body.items.find((i: { subjectId: string }) => i.subjectId === t.townAId)).toMatchObject({ numerator: 4, denominator: 7 });
    const units = await c.office.get(`/api/indicators/patrols.check_in_rate?subjectType=unit&period=2026-12&regionId=${t.countyId}`);
    expect(units.body.items.find((i: { subjectId: string }) => i.subjectId === t.unitBId)).toMatchObject({ numerator: 1, denominator: 7 });
  });

  it('overview for the homes, and the .xlsx export: the grid with marks and % rates, the missed days per lead', async () => {
    await at('2026-12-09T12:00:00');
    const ov = await c.unit2.get('/api/patrols/overview');
    expect(ov.status).toBe(200);
    expect(ov.body).toMatchObject({ day: '2026-12-09', working: true, month: '2026-12' });
    expect(ov.body.summary).toMatchObject({ sites: 1, required: 7, done: 1, missed: 6, todayDone: 1, todayRequired: 1 });
    expect(ov.body.worstLeads).toEqual([{ leadUserId: t.users.sitelead.id, leadName: 'sitelead用户', missed: 6, rate: 0.1429 }]);

    const res = await c.office.get(`/api/patrols/export?month=2026-12&regionId=${t.countyId}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('点长巡查打卡-2026年12月.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['月度打卡表', '漏打卡名单', '说明']);
    const ws = wb.getWorksheet('月度打卡表')!;
    const header = ws.getRow(3).values as unknown[];
    expect(header.slice(1, 7)).toEqual(['序号', '点位', '点位类型', '乡镇（街道）', '包保单位', '点长']);
    const rowOf = (name: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((r) => {
        if (String(r.getCell(2).value).startsWith(name)) found = r;
      });
      return found!;
    };
    const a = rowOf('幸福里背街');
    const firstDay = 7;
    expect([0, 1, 2, 3, 4, 5, 8, 9].map((i) => a.getCell(firstDay + i).value ?? '')).toEqual(['✓', '✓', '✗', '✓', '休', '休', '✓', '']);
    const rateCell = a.getCell(firstDay + 31 + 3);
    expect(rateCell.value).toBeCloseTo(0.5714, 4);
    expect(rateCell.numFmt).toBe('0.0%');
    expect(a.getCell(firstDay + 31).value).toBe(7);
    const leads = wb.getWorksheet('漏打卡名单')!;
    const lead = leads.getRow(4).values as unknown[];
    expect(lead.slice(1, 8)).toEqual([1, 'sitelead用户', 2, 14, 5, 9, expect.closeTo(0.3571, 4)]);
    expect(String(lead[8])).toContain('12月3日 幸福里背街');
    expect((await c.grid.get('/api/patrols/export')).status).toBe(403);
  });
});
