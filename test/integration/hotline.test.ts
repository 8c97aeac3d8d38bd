/**
 * 12345 热线工单 (issue 11): the key-authenticated intake API, the all-or-nothing .xlsx import with its template, the
 * 工单号 kept and searchable, and the 办结回复 when the problem closes — the JSON callback (an after-commit job,
 * retried, its state visible) and the .xlsx export read back with ExcelJS as the 12345 operator would. Both engines.
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
import { multipartForm, workbook } from '../support/xlsx';

let t: Tenant;
let office: Client;
let key: string;
let received: Array<{ status: number; body: any }> = [];
let answer = 200;
let server: http.Server;
let callbackUrl: string;

const HEADERS = ['工单号', '诉求内容', '地址', '来电时间', '诉求人', '转办单位', '办理时限', '问题类别'];

async function intake(body: Record<string, unknown>, apiKey: string | null = key) {
  const { app } = await getHarness();
  const res = await app.inject({
    method: 'POST',
    url: '/api/hotline/orders',
    payload: body,
    headers: apiKey === null ? {} : { 'x-api-key': apiKey },
  });
  return { status: res.statusCode, body: res.json() };
}

const order = (no: string, over: Record<string, unknown> = {}) => ({
  orderNo: no,
  content: '幸福小区南门外垃圾堆放多日无人清运，气味难闻',
  address: '示范县幸福路 12 号幸福小区南门',
  calledAt: '2026-12-02T09:15:00+08:00',
  caller: '王建国 13903190058',
  transferUnit: '县城市管理局',
  dueAt: '2026-12-09T18:00:00+08:00',
  ...over,
});

beforeAll(async () => {
  t = await createTenant();
  office = await t.as('office');
  const security = await t.as('security');
  key = (await security.post('/api/integrations/keys', { integrator: `12345平台${t.tag}`, regionId: t.countyId })).body.key;
  server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ status: answer, body: JSON.parse(data) });
      res.statusCode = answer;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/12345/reply`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe(`12345 热线工单 (${engineName})`, () => {
  it('intake API: a key files the order as a pending hotline problem; a resend answers the same; errors', async () => {
    const no = `GD${t.tag}-001`;
    const first = await intake(order(no));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ orderNo: no, created: true });
    const again = await intake(order(no));
    expect(again).toEqual({ status: 200, body: { ...first.body, created: false } });
    const { database } = await getHarness();
    const p = await database.db.selectFrom('problems').selectAll().where('code', '=', first.body.problemCode).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ state: 'pending', source: 'hotline', region_id: t.countyId, category_code: 'E0601' });
    expect(p.description).toContain(`【12345 工单 ${no}】`);
    expect(p.description).not.toContain('王建国');
    expect(p.description).not.toContain('13903190058');
    const row = await database.db.selectFrom('hotline_orders').selectAll().where('problem_id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.caller_masked).toBe('王** 139****0058');
    expect(row.transfer_unit).toBe('县城市管理局');
    // The 工单号 is searchable on the problem list (it is in the problem's text).
    const found = await office.get(`/api/problems?search=${encodeURIComponent(no)}`);
    expect(found.body.items.map((x: { code: string }) => x.code)).toEqual([first.body.problemCode]);

    expect((await intake(order(`GD${t.tag}-x`), null)).status).toBe(403);
    expect((await intake(order(`GD${t.tag}-x`), 'ck_nope')).status).toBe(403);
    const bad = await intake({ orderNo: '', content: 'x', calledAt: '昨天' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('工单号');
    expect((await intake(order(`GD${t.tag}-y`, { categoryCode: 'Z0000' }))).status).toBe(400);
    expect((await intake(order(`GD${t.tag}-z`, { dueAt: '2026-12-01T09:00:00+08:00' }))).body.error.message).toContain('办理时限');
  });

  it('.xlsx import: template, every bad row reported with row and column, nothing written; then all rows filed', async () => {
    const tpl = await office.get('/api/hotline/import-template');
    expect(tpl.status).toBe(200);
    const wbTpl = new ExcelJS.Workbook();
    await wbTpl.xlsx.load(tpl.raw as never);
    expect((wbTpl.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);

    const rows = [
      [
        `DR${t.tag}-01`,
        '建设街人行道砖块松动，雨天溅水',
        '建设街 88 号',
        '2026-12-01 10:20',
        '李女士 13812345678',
        '县住建局',
        '2026-12-06 18:00',
        '',
      ],
      [`DR${t.tag}-02`, '', '朝阳路', '2026/12/01 25:00', '', '', '', 'Z0000'],
      [`DR${t.tag}-01`, '朝阳路路灯不亮', '朝阳路 3 号', '2026-12-01', '', '', '2026-11-30', ''],
    ];
    const badFile = multipartForm({}, [['12345.xlsx', await workbook(HEADERS, rows)]]);
    const bad = await office.request('POST', '/api/hotline/import', badFile.body, { headers: badFile.headers });
    expect(bad.status).toBe(422);
    const errs = bad.body.error.rows.map((r: { row: number; column: string }) => `${r.row}:${r.column}`);
    expect(errs).toEqual(['3:诉求内容', '3:来电时间', '3:问题类别', '4:工单号', '4:办理时限']);
    const { database } = await getHarness();
    const none = await database.db.selectFrom('hotline_orders').select('order_no').where('order_no', 'like', `DR${t.tag}%`).execute();
    expect(none).toEqual([]);

    const good = multipartForm({ regionId: t.countyId }, [
      [
        '12345.xlsx',
        await workbook(HEADERS, [
          rows[0],
          [
            `DR${t.tag}-02`,
            '朝阳路路灯不亮，夜间行人不便',
            '朝阳路 3 号',
            '2026-12-01 20:05',
            '赵先生',
            '县城市管理局',
            '2026-12-04 18:00',
            'C0106',
          ],
        ]),
      ],
    ]);
    const ok = await office.request('POST', '/api/hotline/import', good.body, { headers: good.headers });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toEqual({ created: 2, updated: 0 });
    const again = await office.request('POST', '/api/hotline/import', good.body, { headers: good.headers });
    expect(again.status).toBe(422);
    expect(again.body.error.rows[0].message).toContain('已导入');
    const lamp = await office.get(`/api/hotline/orders?orderNo=DR${t.tag}-02`);
    expect(lamp.body.total).toBe(1);
    expect(lamp.body.items[0]).toMatchObject({
      callerMasked: '赵**',
      problemState: 'pending',
      callback: 'none',
      content: '朝阳路路灯不亮，夜间行人不便',
    });
    expect(lamp.body.items[0].calledAt).toBe('2026-12-01T12:05:00.000Z');
    // The unit and other roles: no import, no list.
    const unit = await t.as('unit');
    expect((await unit.get('/api/hotline/orders')).status).toBe(403);
    expect((await unit.upload('/api/hotline/import', Buffer.from('x'))).status).toBe(403);
  });

  it('closing the problem sends the 办结回复 to the callback URL (retried until accepted) and into the .xlsx', async () => {
    const saved = await office.request('PUT', `/api/integrations/settings/regions/${t.countyId}`, {
      publicSources: ['citizen', 'open311', 'hotline'],
      hotlineCallbackUrl: callbackUrl,
      version: null,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const no = `GD${t.tag}-close`;
    const code = (await intake(order(no))).body.problemCode;
    const { database, app } = await getHarness();
    const p = await database.db.selectFrom('problems').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    const unit = await t.as('unit');
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    await act(unit, p.id, 'acknowledge');
    const photo = await uploadPhoto(unit);
    await act(unit, p.id, 'submit_rectification', { measures: '已联系环卫所清运垃圾并增设两个分类垃圾桶', photoIds: [photo] });
    answer = 503; // the 12345 platform is down at first
    received = [];
    await act(office, p.id, 'verify', { passed: true });
    // The request woke this node's drain loop, which may be sending the callback: let it finish first.
    await afterCommitSettled(app);
    // On PostgreSQL the jobs table is shared with the other test files' workers, whose drains may claim this job:
    // drain until the attempt is recorded, whoever made it.
    await vi.waitFor(
      async () => {
        await drainJobs(database.db);
        const failing = (await office.get(`/api/hotline/orders?orderNo=${no}`)).body.items[0];
        expect(failing.callback).toBe('retrying');
        expect(failing.callbackAttempts).toBeGreaterThanOrEqual(1);
        expect(failing.callbackError).toContain('503');
        expect(received.length).toBeGreaterThanOrEqual(1);
      },
      { timeout: 15_000, interval: 200 },
    );

    answer = 200;
    received = [];
    await afterCommitSettled(app);
    await vi.waitFor(
      async () => {
        await drainJobs(database.db);
        expect(received).toHaveLength(1);
      },
      { timeout: 15_000, interval: 200 },
    );
    expect(received[0].body).toMatchObject({ orderNo: no, problemCode: code });
    expect(received[0].body.replyText).toContain('已联系环卫所清运垃圾并增设两个分类垃圾桶');
    expect(received[0].body.photoUrls[0]).toMatch(new RegExp(`/open311/v2/media/${photo}\\.jpg$`));
    expect(new Date(received[0].body.closedAt).getTime()).toBeGreaterThan(0);
    const sent = (await office.get(`/api/hotline/orders?orderNo=${no}&replied=true`)).body.items[0];
    expect(sent).toMatchObject({ callback: 'sent', problemState: 'closed' });
    expect(sent.replyText).toContain('经核查问题已整改到位');
    await drainJobs(database.db);
    expect(received).toHaveLength(1); // sent once

    // The export, read as the 12345 operator would.
    const x = await office.get(`/api/hotline/replies.xlsx?replied=true&orderNo=${no}`);
    expect(x.status).toBe(200);
    expect(String(x.headers['content-disposition'])).toContain(encodeURIComponent('12345工单办结回复'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as never);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toContain('12345 工单办结回复');
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '序号') header = n;
    });
    const names = (ws.getRow(header).values as unknown[]).slice(1);
    expect(names).toEqual([
      '序号',
      '工单号',
      '诉求内容',
      '地址',
      '来电时间',
      '诉求人',
      '转办单位',
      '办理时限',
      '问题编号',
      '办理状态',
      '办理单位',
      '办结时间',
      '办结回复',
      '办结照片',
      '回调状态',
    ]);
    const row = ws.getRow(header + 1);
    const cell = (name: string) => row.getCell(names.indexOf(name) + 1).value;
    expect(cell('工单号')).toBe(no);
    expect(cell('诉求人')).toBe('王** 139****0058');
    expect(cell('办理状态')).toBe('已结案');
    expect(cell('回调状态')).toBe('已回调');
    expect(String(cell('办结回复'))).toContain('已联系环卫所清运垃圾');
    expect(cell('来电时间')).toBeInstanceOf(Date);
    expect(String(cell('办结照片'))).toContain(`${photo}.jpg`);
    void app;
  });
});
