/**
 * 12345 办结回复 for orders the loop answers other than by closing their own problem (issue 11): an order merged into
 * another problem gets its reply when the SURVIVING problem closes (with the survivor's measures and after-photos),
 * and a 不予受理 gets its reply at once, carrying the reason. Both go to the callback URL and into the order list.
 * Both engines.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { drainJobs } from '../../server/platform/jobs-after-commit';
import { afterCommitSettled, type Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, uploadPhoto } from '../support/problems';

let t: Tenant;
let office: Client;
let key: string;
const received: Array<{ body: any }> = [];
let server: http.Server;

async function intake(orderNo: string, content: string) {
  const { app } = await getHarness();
  const res = await app.inject({
    method: 'POST',
    url: '/api/hotline/orders',
    headers: { 'x-api-key': key },
    payload: {
      orderNo,
      content,
      address: '示范县幸福路 12 号幸福小区南门',
      calledAt: '2026-12-02T09:15:00+08:00',
      caller: '王建国 13903190058',
      transferUnit: '县城市管理局',
      dueAt: '2026-12-09T18:00:00+08:00',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const { database } = await getHarness();
  return database.db.selectFrom('problems').selectAll().where('code', '=', res.json().problemCode).executeTakeFirstOrThrow();
}

/** Waits until the callbacks for these orders arrived (another worker's drain may send them). */
async function callbacksFor(orderNos: string[]) {
  const { app, database } = await getHarness();
  await afterCommitSettled(app);
  await vi.waitFor(
    async () => {
      await drainJobs(database.db);
      for (const no of orderNos) expect(received.map((r) => r.body.orderNo)).toContain(no);
    },
    { timeout: 15_000, interval: 200 },
  );
  return orderNos.map((no) => received.find((r) => r.body.orderNo === no)!.body);
}

beforeAll(async () => {
  t = await createTenant();
  office = await t.as('office');
  const security = await t.as('security');
  key = (await security.post('/api/integrations/keys', { integrator: `12345平台${t.tag}`, regionId: t.countyId })).body.key;
  server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ body: JSON.parse(data) });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const saved = await office.request('PUT', `/api/integrations/settings/regions/${t.countyId}`, {
    publicSources: ['citizen', 'open311', 'hotline'],
    hotlineCallbackUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/12345/reply`,
    version: null,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe(`12345 replies for merged and rejected orders (${engineName})`, () => {
  it('an order merged into another problem gets its 办结回复 when the survivor closes; both orders are answered', async () => {
    const { database } = await getHarness();
    const first = `GD${t.tag}-m1`;
    const second = `GD${t.tag}-m2`;
    const survivor = await intake(first, '幸福小区南门外垃圾堆放多日无人清运，气味难闻');
    const dup = await intake(second, '幸福小区南门垃圾没人清，夏天臭');
    // 12345 orders come with an address only; the office pins both on the map before triage (as the triage screen
    // does for a merge), a few metres apart.
    await database.db.updateTable('problems').set({ lat: 39.10012, lng: 116.50031 }).where('id', '=', survivor.id).execute();
    await database.db.updateTable('problems').set({ lat: 39.10015, lng: 116.50034 }).where('id', '=', dup.id).execute();

    await act(office, survivor.id, 'accept');
    const candidates = await office.get(`/api/citizen-reports/triage/${dup.id}/merge-candidates`);
    expect(candidates.status).toBe(200);
    expect(candidates.body.items.map((c: { id: string }) => c.id)).toContain(survivor.id);
    const current = await office.get(`/api/problems/${dup.id}`);
    const merged = await office.post(`/api/citizen-reports/triage/${dup.id}/merge`, {
      version: current.body.version,
      targetId: survivor.id,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await afterCommitSettled((await getHarness()).app);
    // Merging is no answer yet: the order waits for the survivor.
    const waiting = (await office.get(`/api/hotline/orders?orderNo=${second}`)).body.items[0];
    expect(waiting).toMatchObject({ problemState: 'rejected', repliedAt: null, replyText: null, callback: 'none' });

    const unit = await t.as('unit');
    await act(office, survivor.id, 'dispatch', { unitId: t.unitAId });
    await act(unit, survivor.id, 'acknowledge');
    const photo = await uploadPhoto(unit);
    await act(unit, survivor.id, 'submit_rectification', { measures: '已组织环卫所清运垃圾并增设两个分类垃圾桶', photoIds: [photo] });
    await act(office, survivor.id, 'verify', { passed: true });

    const [own, follower] = await callbacksFor([first, second]);
    for (const [reply, code] of [
      [own, survivor.code],
      [follower, dup.code],
    ] as const) {
      expect(reply.problemCode).toBe(code);
      expect(reply.replyText).toContain('已组织环卫所清运垃圾并增设两个分类垃圾桶');
      expect(reply.replyText).toContain('现予办结');
      expect(reply.photoUrls[0]).toMatch(new RegExp(`/open311/v2/media/${photo}\\.jpg$`));
      expect(new Date(reply.closedAt).getTime()).toBeGreaterThan(0);
    }
    const listed = (await office.get(`/api/hotline/orders?orderNo=GD${t.tag}-m&replied=true`)).body.items;
    expect(listed.map((o: { orderNo: string }) => o.orderNo).sort()).toEqual([first, second]);
    for (const o of listed) expect(o.replyText).toContain('已组织环卫所清运垃圾');
    await vi.waitFor(
      async () => {
        await drainJobs(database.db);
        const sent = (await office.get(`/api/hotline/orders?orderNo=${second}`)).body.items[0];
        expect(sent.callback).toBe('sent');
      },
      { timeout: 15_000, interval: 200 },
    );
  });

  it('不予受理 answers the order at once with the reason; the export carries it with no photos', async () => {
    const no = `GD${t.tag}-r1`;
    const p = await intake(no, '邻居家装修噪音太大，周末也不停');
    const current = await office.get(`/api/problems/${p.id}`);
    const rejected = await office.post(`/api/citizen-reports/triage/${p.id}/reject`, {
      version: current.body.version,
      reasonCode: 'out_of_scope',
      note: '属于生态环境部门噪声投诉',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);

    const [reply] = await callbacksFor([no]);
    expect(reply.problemCode).toBe(p.code);
    expect(reply.replyText).toBe('经审核，该诉求不予受理（非职责范围）：反映的事项不属于城市创建管理范围，请通过 12345 热线反映。');
    // The office's internal note stays inside.
    expect(reply.replyText).not.toContain('生态环境部门');
    expect(reply.photoUrls).toEqual([]);
    expect(new Date(reply.closedAt).getTime()).toBeGreaterThan(0);
    const listed = (await office.get(`/api/hotline/orders?orderNo=${no}&replied=true`)).body.items[0];
    expect(listed).toMatchObject({ problemState: 'rejected', replyText: reply.replyText });

    // The loop's own 不予立案 (from the problem's page, not the triage queue) answers an order too, with its reason.
    const other = `GD${t.tag}-r2`;
    const q = await intake(other, '楼上住户空调外机滴水');
    await act(office, q.id, 'reject', { reason: '属于邻里纠纷，请向所在社区居委会反映' });
    const [declined] = await callbacksFor([other]);
    expect(declined.replyText).toBe('经审核，该诉求不予受理：属于邻里纠纷，请向所在社区居委会反映。');

    const x = await office.get(`/api/hotline/replies.xlsx?replied=true&orderNo=${no}`);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as never);
    const ws = wb.worksheets[0];
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '序号') header = n;
    });
    const names = (ws.getRow(header).values as unknown[]).slice(1);
    const cell = (name: string) => ws.getRow(header + 1).getCell(names.indexOf(name) + 1).value;
    expect(cell('工单号')).toBe(no);
    expect(cell('办理状态')).toBe('不予立案');
    expect(cell('办结回复')).toBe(reply.replyText);
    expect(cell('办结照片') ?? '').toBe('');
  });
});
