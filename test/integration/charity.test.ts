/**
 * 慈善之家 through HTTP on a set clock (both engines). Today is 2026-12-10 10:00 (Beijing). The county's office
 * registers 某县慈善总会 (a valid 统一社会信用代码; a wrong check character is refused 422) and names unit A's liaison
 * its admin; the admin sets up a 助学 project, uploads a receipt photo (its EXIF stripped), records two donations (one
 * anonymous, with a contact that is never public) and a spending with the receipt, then corrects the second donation
 * (5 000 → 500 元) with a reason. The ledger cannot be changed: no route does it and the database refuses UPDATE and
 * DELETE. The public page shows raised / spent / balance summed right, donors as given or 匿名, no contact; a receipt
 * opens publicly only once an entry names it. Another county's office sees none of it (404).
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerSums } from '../../common/charity';
import { Client } from '../support/client';
import { makeUscc, RECEIPT_PDF, receiptJpeg } from '../support/charity';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness, type Harness } from '../support/harness';
import { randomIp } from '../support/public-reports';
import { multipartForm } from '../support/xlsx';

let h: Harness;
let t: Tenant;
let other: Tenant;
let office: Client;
let leader: Client;
let orgAdmin: Client;
let grid: Client;
let otherOffice: Client;
const ids: Record<string, string> = {};
const NOW = new Date('2026-12-10T02:00:00Z');
const CONTACT = '13812345678';

const ok = <T = any>(res: { status: number; body: T }, status: number): T => {
  expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(status);
  return res.body;
};

async function upload(c: Client, projectId: string, name: string, bytes: Buffer) {
  const form = multipartForm({}, [[name, bytes]]);
  return c.request('POST', `/api/charity/projects/${projectId}/receipts`, form.body, { headers: form.headers });
}

const anon = (url: string) => h.app.inject({ method: 'GET', url, remoteAddress: randomIp() });

beforeAll(async () => {
  h = await getHarness();
  h.clock.set(NOW);
  t = await createTenant();
  other = await createTenant();
  office = await t.as('office');
  leader = await t.as('leader');
  orgAdmin = await t.as('unit');
  grid = await t.as('grid');
  otherOffice = await other.as('office');
}, 120_000);

describe(`慈善之家 (${engineName})`, () => {
  it('the office registers an organisation; a wrong 统一社会信用代码 is refused 422 and nothing is written', async () => {
    const code = makeUscc('51');
    const bad = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const before = await h.database.db
      .selectFrom('charity_organisations')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const refused = await office.post('/api/charity/organisations', {
      regionId: t.countyId,
      name: `县慈善总会${t.tag}`,
      creditCode: bad,
      kind: 'association',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('统一社会信用代码');
    expect(
      (await office.post('/api/charity/organisations', { regionId: t.countyId, name: '短码', creditCode: '5113', kind: 'association' }))
        .status,
    ).toBe(422);
    const after = await h.database.db
      .selectFrom('charity_organisations')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);

    const org = ok(
      await office.post('/api/charity/organisations', {
        regionId: t.countyId,
        name: `县慈善总会${t.tag}`,
        creditCode: code.toLowerCase(),
        kind: 'association',
        registeredOn: '2015-06-18',
        contactName: '刘建华',
        contactPhone: '0311-85123456',
        address: '人民路 88 号',
      }),
      201,
    );
    expect(org).toMatchObject({ creditCode: code, status: 'active', abilities: { update: true, manageAdmins: true } });
    ids.org = org.id;
    // The same code twice: 422.
    const dup = await office.post('/api/charity/organisations', {
      regionId: t.townAId,
      name: '另一个组织',
      creditCode: code,
      kind: 'foundation',
    });
    expect(dup.status).toBe(422);
    // Only the office registers.
    expect(
      (await leader.post('/api/charity/organisations', { regionId: t.countyId, name: '领导登记', creditCode: makeUscc(), kind: 'other' }))
        .status,
    ).toBe(403);

    const withAdmin = ok(await office.request('PUT', `/api/charity/organisations/${ids.org}/admins`, { userIds: [t.users.unit.id] }), 200);
    expect(withAdmin.admins.map((a: { userId: string }) => a.userId)).toEqual([t.users.unit.id]);
    // A user of another county cannot be named.
    expect((await office.request('PUT', `/api/charity/organisations/${ids.org}/admins`, { userIds: [other.users.unit.id] })).status).toBe(
      422,
    );
    // Refused means unchanged; each change is one audit event with the list before and after (duplicates dropped).
    const two = ok(
      await office.request('PUT', `/api/charity/organisations/${ids.org}/admins`, {
        userIds: [t.users.unit2.id, t.users.unit.id, t.users.unit2.id],
      }),
      200,
    );
    expect(two.admins.map((a: { userId: string }) => a.userId).sort()).toEqual([t.users.unit2.id, t.users.unit.id].sort());
    ok(await office.request('PUT', `/api/charity/organisations/${ids.org}/admins`, { userIds: [t.users.unit.id] }), 200);
    const setEvents = await h.database.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('subject_id', '=', ids.org)
      .where('action', '=', 'charity_org.admins_set')
      .orderBy('id')
      .execute();
    expect(setEvents.map((e) => (e.after as { admins: string[] }).admins.length)).toEqual([1, 2, 1]);
    expect((setEvents[1]!.before as { admins: string[] }).admins).toEqual([t.users.unit.id]);
    expect((setEvents[2]!.after as { admins: string[] }).admins).toEqual([t.users.unit.id]);
  });

  it('lists are paged, sorted and filtered; edits carry the version (409); the registry exports as .xlsx', async () => {
    const second = ok(
      await office.post('/api/charity/organisations', {
        regionId: t.townAId,
        name: `城关镇红十字会${t.tag}`,
        creditCode: makeUscc('53'),
        kind: 'foundation',
      }),
      201,
    );
    ids.org2 = second.id;
    const page = ok(await office.get('/api/charity/organisations?sort=name&order=asc&pageSize=1'), 200);
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    const town = ok(await office.get(`/api/charity/organisations?regionId=${t.townAId}`), 200);
    expect(town.items.map((o: { id: string }) => o.id)).toEqual([ids.org2]);
    const search = ok(await leader.get(`/api/charity/organisations?search=${encodeURIComponent('红十字')}`), 200);
    expect(search.items.map((o: { id: string }) => o.id)).toEqual([ids.org2]);

    const v = second.version;
    const edited = ok(
      await office.request('PUT', `/api/charity/organisations/${ids.org2}`, {
        name: second.name,
        creditCode: second.creditCode,
        kind: 'foundation',
        status: 'inactive',
        version: v,
      }),
      200,
    );
    expect(edited.status).toBe('inactive');
    const stale = await office.request('PUT', `/api/charity/organisations/${ids.org2}`, {
      name: second.name,
      creditCode: second.creditCode,
      kind: 'foundation',
      status: 'active',
      version: v,
    });
    expect(stale.status).toBe(409);
    // An organisation 停止活动 takes no new project.
    expect(
      (
        await office.post('/api/charity/projects', {
          orgId: ids.org2,
          regionId: t.townAId,
          name: '停止活动后的项目',
          category: 'elderly',
          goalFen: 100,
          beneficiaries: '老人',
          startsOn: '2026-12-01',
        })
      ).status,
    ).toBe(422);

    const xlsx = await office.get('/api/charity/organisations/export.xlsx');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as never);
    const text: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => text.push(String(c.text))));
    expect(text).toEqual(expect.arrayContaining(['统一社会信用代码', `县慈善总会${t.tag}`, `城关镇红十字会${t.tag}`, '停止活动']));
  });

  it("another county's office, and roles without charity, get 404 for the organisation; their lists are empty", async () => {
    expect((await otherOffice.get(`/api/charity/organisations/${ids.org}`)).status).toBe(404);
    expect((await grid.get(`/api/charity/organisations/${ids.org}`)).status).toBe(404);
    expect((await otherOffice.request('PUT', `/api/charity/organisations/${ids.org}/admins`, { userIds: [] })).status).toBe(404);
    const theirs = ok(await otherOffice.get('/api/charity/organisations'), 200);
    expect(JSON.stringify(theirs)).not.toContain(ids.org);
    expect(ok(await grid.get('/api/charity/organisations'), 200).total).toBe(0);
  });

  it('the organisation admin sets up a project and records donations and a spending with a receipt; the office only reads', async () => {
    const project = ok(
      await orgAdmin.post('/api/charity/projects', {
        orgId: ids.org,
        regionId: t.townAId,
        name: `春蕾助学计划${t.tag}`,
        category: 'education',
        goalFen: 20_000_000,
        beneficiaries: '城关镇家庭经济困难的在校中小学生',
        startsOn: '2026-09-01',
        endsOn: '2027-08-31',
      }),
      201,
    );
    ids.project = project.id;
    expect(project.abilities).toMatchObject({ record: true, update: true });
    expect(ok(await office.get(`/api/charity/projects/${ids.project}`), 200).abilities.record).toBe(false);
    const activate = await orgAdmin.request('PUT', `/api/charity/projects/${ids.project}`, {
      regionId: t.townAId,
      name: project.name,
      category: 'education',
      goalFen: 20_000_000,
      beneficiaries: project.beneficiaries,
      startsOn: '2026-09-01',
      endsOn: '2027-08-31',
      status: 'active',
      version: project.version,
    });
    expect(ok(activate, 200).status).toBe('active');

    // Receipts are typed by their bytes: a text file named .jpg is refused 415; a photo's EXIF is dropped.
    expect((await upload(orgAdmin, ids.project, '发票.jpg', Buffer.from('not a picture at all'))).status).toBe(415);
    expect((await upload(office, ids.project, '发票.pdf', RECEIPT_PDF)).status).toBe(403);
    const photo = ok(await upload(orgAdmin, ids.project, '书包采购发票.jpg', await receiptJpeg()), 201);
    ids.receipt = photo.id;
    const pdf = ok(await upload(orgAdmin, ids.project, '收据', RECEIPT_PDF), 201);
    ids.unattached = pdf.id;
    expect(pdf.name).toBe('收据.pdf');
    const stored = await orgAdmin.get(photo.url);
    expect(stored.status).toBe(200);
    expect((await sharp(stored.raw).metadata()).exif).toBeUndefined();

    const donation = {
      kind: 'donation',
      donationType: 'money',
      amountFen: 1_000_000,
      donorName: '县建设银行支行',
      occurredOn: '2026-11-20',
      purpose: '资助困难学生学费',
    };
    // The office reads the ledger but does not write it (谁募捐、谁记账).
    expect((await office.post(`/api/charity/projects/${ids.project}/entries`, donation)).status).toBe(403);
    ok(await orgAdmin.post(`/api/charity/projects/${ids.project}/entries`, donation), 201);
    const second = ok(
      await orgAdmin.post(`/api/charity/projects/${ids.project}/entries`, {
        ...donation,
        amountFen: 500_000,
        donorName: '',
        donorContact: CONTACT,
        occurredOn: '2026-11-25',
      }),
      201,
    );
    ids.wrong = second.entries.at(-1).id;
    expect(second.entries.at(-1).donorName).toBe('匿名');
    ok(
      await orgAdmin.post(`/api/charity/projects/${ids.project}/entries`, {
        kind: 'donation',
        donationType: 'goods',
        amountFen: 120_000,
        goodsDescription: '书包',
        goodsQuantity: '40 个',
        donorName: '王秀兰',
        occurredOn: '2026-11-26',
        purpose: '发放给受助学生',
      }),
      201,
    );
    const spent = ok(
      await orgAdmin.post(`/api/charity/projects/${ids.project}/entries`, {
        kind: 'spending',
        amountFen: 300_000,
        purpose: '采购书包文具 40 套',
        occurredOn: '2026-12-01',
        receiptIds: [ids.receipt],
      }),
      201,
    );
    ids.spending = spent.entries.at(-1).id;
    expect(spent.entries.at(-1).receipts.map((r: { id: string }) => r.id)).toEqual([ids.receipt]);
    // A receipt goes on one entry only; a goods donation needs its name; amounts are whole fen above 0.
    expect(
      (
        await orgAdmin.post(`/api/charity/projects/${ids.project}/entries`, {
          kind: 'spending',
          amountFen: 100,
          purpose: '重复附票据',
          occurredOn: '2026-12-02',
          receiptIds: [ids.receipt],
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await orgAdmin.post(`/api/charity/projects/${ids.project}/entries`, {
          kind: 'donation',
          donationType: 'goods',
          amountFen: 100,
          occurredOn: '2026-12-02',
          purpose: '没有物资名称',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await orgAdmin.post(`/api/charity/projects/${ids.project}/entries`, {
          kind: 'spending',
          amountFen: 12.5,
          purpose: '小数金额',
          occurredOn: '2026-12-02',
        })
      ).status,
    ).toBe(400);
    expect(spent).toMatchObject({ raisedFen: 1_620_000, spentFen: 300_000, balanceFen: 1_320_000, isLedgerComplete: true });
  });

  it('the ledger is append-only: no route changes or deletes an entry, and the database refuses UPDATE and DELETE', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await orgAdmin.request(method, `/api/charity/projects/${ids.project}/entries/${ids.wrong}`, { amountFen: 1 });
      expect(res.status, method).toBe(404);
    }
    const db = h.database.db;
    await expect(sql`update charity_ledger_entries set amount_fen = 1 where id = ${ids.wrong}`.execute(db)).rejects.toThrow(/只能追加/);
    await expect(sql`delete from charity_ledger_entries where id = ${ids.wrong}`.execute(db)).rejects.toThrow(/只能追加/);
    await expect(sql`delete from charity_entry_receipts where receipt_id = ${ids.receipt}`.execute(db)).rejects.toThrow(/只能追加/);
    const row = await db.selectFrom('charity_ledger_entries').select('amount_fen').where('id', '=', ids.wrong).executeTakeFirstOrThrow();
    expect(row.amount_fen).toBe(500_000);
  });

  it('a correction is a new entry naming the one it corrects, with the reason, audited; the corrected one counts no more', async () => {
    const body = {
      kind: 'donation',
      donationType: 'money',
      amountFen: 50_000,
      donorName: '',
      donorContact: CONTACT,
      occurredOn: '2026-11-25',
      purpose: '资助困难学生学费',
    };
    expect((await orgAdmin.post(`/api/charity/projects/${ids.project}/entries/${ids.wrong}/corrections`, body)).status).toBe(400);
    expect(
      (
        await orgAdmin.post(`/api/charity/projects/${ids.project}/entries/${ids.wrong}/corrections`, {
          ...body,
          kind: 'spending',
          reason: '类型不符的更正',
        })
      ).status,
    ).toBe(422);
    expect(
      (await office.post(`/api/charity/projects/${ids.project}/entries/${ids.wrong}/corrections`, { ...body, reason: '文明办代为更正' }))
        .status,
    ).toBe(403);
    const corrected = ok(
      await orgAdmin.post(`/api/charity/projects/${ids.project}/entries/${ids.wrong}/corrections`, {
        ...body,
        reason: '录入时多写一个零，应为 500 元',
      }),
      201,
    );
    const correction = corrected.entries.at(-1);
    expect(correction).toMatchObject({ correctsId: ids.wrong, reason: '录入时多写一个零，应为 500 元', amountFen: 50_000 });
    ids.correction = correction.id;
    const old = corrected.entries.find((e: { id: string }) => e.id === ids.wrong);
    expect(old).toMatchObject({ correctedById: correction.id, amountFen: 500_000, abilities: { correct: false } });
    expect(corrected).toMatchObject({ raisedFen: 1_170_000, spentFen: 300_000, balanceFen: 870_000 });
    // The same entry cannot be corrected twice (correct the latest instead).
    expect(
      (await orgAdmin.post(`/api/charity/projects/${ids.project}/entries/${ids.wrong}/corrections`, { ...body, reason: '再次更正同一条' }))
        .status,
    ).toBe(422);
    const events = await h.database.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('subject_id', '=', ids.correction)
      .execute();
    expect(events.map((e) => e.action)).toEqual(['charity_entry.corrected']);
    expect(JSON.stringify(events[0]!.after)).toContain('录入时多写一个零');
    // The donor's contact is in no audit event.
    const trail = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where after::text like ${'%' + CONTACT + '%'}`.execute(h.database.db);
    expect(trail.rows[0]!.n).toBe(0);
    // The pure sums agree with the server's SQL.
    const sums = ledgerSums(
      corrected.entries.map((e: { kind: 'donation' | 'spending'; amountFen: number; correctedById: string | null }) => ({
        kind: e.kind,
        amountFen: e.amountFen,
        isSuperseded: !!e.correctedById,
      })),
    );
    expect(sums).toEqual({ raisedFen: corrected.raisedFen, spentFen: corrected.spentFen, balanceFen: corrected.balanceFen });
  });

  it('the public ledger sums right, shows donors as given or 匿名 and never a contact; receipts open only when attached', async () => {
    const list = await anon(`/api/public/charity/projects?countyCode=${t.countyCode}`);
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items.find((p: { id: string }) => p.id === ids.project);
    expect(item).toMatchObject({ raisedFen: 1_170_000, spentFen: 300_000, balanceFen: 870_000, orgName: `县慈善总会${t.tag}` });
    expect((await anon('/api/public/charity/projects')).statusCode).toBe(400);

    const res = await anon(`/api/public/charity/projects/${ids.project}`);
    expect(res.statusCode).toBe(200);
    const pub = res.json();
    expect(pub).toMatchObject({ raisedFen: 1_170_000, spentFen: 300_000, balanceFen: 870_000 });
    expect(pub.entries.map((e: { donorName: string | null }) => e.donorName)).toEqual(['县建设银行支行', '匿名', '王秀兰', null, '匿名']);
    expect(pub.entries.find((e: { id: string }) => e.id === ids.spending).purpose).toBe('采购书包文具 40 套');
    for (const secret of [CONTACT, '刘建华', '0311-85123456', 'donorContact', 'recordedBy', t.users.unit.username]) {
      expect(res.body, secret).not.toContain(secret);
    }
    const receipt = pub.entries.find((e: { id: string }) => e.id === ids.spending).receipts[0];
    const opened = await anon(receipt.url);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toBe('image/jpeg');
    // Uploaded but named by no entry: not public (staff of the project still open it).
    expect((await anon(`/api/public/charity/receipts/${ids.unattached}`)).statusCode).toBe(404);
    expect((await office.get(`/api/charity/projects/${ids.project}/receipts/${ids.unattached}`)).status).toBe(200);
    expect((await otherOffice.get(`/api/charity/projects/${ids.project}/receipts/${ids.receipt}`)).status).toBe(404);
    // Nobody edits through the public door.
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
      const r = await h.app.inject({ method, url: `/api/public/charity/projects/${ids.project}`, payload: {}, remoteAddress: randomIp() });
      // Not a route of the public door: a signed-out caller is asked to sign in (401) or told there is no such route.
      expect([401, 404, 405]).toContain(r.statusCode);
    }
  });

  it("a project links the county's volunteer activities and shows them; another county's activity is refused", async () => {
    const team = ok(
      await office.post('/api/volunteers/teams', { regionId: t.townAId, kind: 'detachment', name: `助学志愿服务队${t.tag}` }),
      201,
    );
    const startsAt = new Date(NOW.getTime() + 2 * 24 * 3600_000);
    const activity = ok(
      await office.post('/api/volunteers/activities', {
        teamId: team.id,
        title: '春蕾助学物资发放',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
        place: '城关镇中心小学',
        location: { lat: 39.2, lng: 116.3 },
        capacity: 10,
      }),
      201,
    );
    // The organisation's admin does not see the office's activity (activity-access.ts), so cannot name it; the office can.
    expect((await orgAdmin.request('PUT', `/api/charity/projects/${ids.project}/activities`, { activityIds: [activity.id] })).status).toBe(
      422,
    );
    const linked = ok(await office.request('PUT', `/api/charity/projects/${ids.project}/activities`, { activityIds: [activity.id] }), 200);
    expect(linked.activities.map((a: { title: string }) => a.title)).toEqual(['春蕾助学物资发放']);
    const pub = (await anon(`/api/public/charity/projects/${ids.project}`)).json();
    expect(pub.activities.map((a: { title: string }) => a.title)).toEqual(['春蕾助学物资发放']);
    const otherTeam = ok(
      await otherOffice.post('/api/volunteers/teams', { regionId: other.townAId, kind: 'detachment', name: `外县队伍${other.tag}` }),
      201,
    );
    const foreign = ok(
      await otherOffice.post('/api/volunteers/activities', {
        teamId: otherTeam.id,
        title: '外县活动',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
        place: '外县广场',
        location: { lat: 39.2, lng: 116.3 },
        capacity: 5,
      }),
      201,
    );
    expect((await office.request('PUT', `/api/charity/projects/${ids.project}/activities`, { activityIds: [foreign.id] })).status).toBe(
      422,
    );
  });

  it('indicators: active projects, donations per town (元) and the share of projects with a complete ledger', async () => {
    const value = async (code: string, subjectType = 'town') => {
      const res = ok(await office.get(`/api/indicators/${code}?period=2026-11&subjectType=${subjectType}&regionId=${t.countyId}`), 200);
      return res;
    };
    const active = await value('charity.active_projects');
    const donations = await value('charity.donations');
    const complete = await value('charity.complete_ledger_rate');
    const pick = (r: any) => (r.values ?? r.items ?? []).find((v: { subjectId: string }) => v.subjectId === t.townAId);
    expect(pick(active)?.value).toBe(1);
    // November: 10 000 + 500 (corrected) + 1 200 (goods) 元.
    expect(pick(donations)?.value).toBeCloseTo(11_700, 2);
    // The spending (dated December) carries its receipt and November has entries: complete.
    expect(pick(complete)?.value).toBe(1);
  });
});
