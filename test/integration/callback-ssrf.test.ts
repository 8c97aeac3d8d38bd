/**
 * The 12345 办结回复 callback cannot be pointed into the server's own network (SSRF): the office's save is refused
 * with a 422 in Chinese for loopback, private, link-local, ULA and metadata addresses in any spelling (nothing saved,
 * nothing audited), and the send checks again — a callback whose address is no longer allowed when the problem
 * closes fails (its error recorded, retried) without a byte reaching the address. The deployment allow-list
 * (OUTBOUND_ALLOWED_HOSTS; the test run sets it to 127.0.0.1 for the other files' fake 12345 platform) lets an
 * intranet platform through; this file clears it while it saves, and its listener sits on 127.0.0.2, outside the list,
 * so every worker's drain refuses the send. Both engines.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { drainJobs } from '../../server/platform/jobs-after-commit';
import { afterCommitSettled, type Client } from '../support/client';
import { createTenant, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';
import { act, uploadPhoto } from '../support/problems';

let t: Tenant;
let office: Client;
let key: string;
let server: http.Server;
let port = 0;
const received: string[] = [];
const allowList = process.env.OUTBOUND_ALLOWED_HOSTS;

const settingsUrl = () => `/api/integrations/settings/regions/${t.countyId}`;

beforeAll(async () => {
  t = await createTenant();
  office = await t.as('office');
  key = (await (await t.as('security')).post('/api/integrations/keys', { integrator: `12345平台${t.tag}`, regionId: t.countyId })).body.key;
  server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push(data);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.2', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  if (allowList === undefined) delete process.env.OUTBOUND_ALLOWED_HOSTS;
  else process.env.OUTBOUND_ALLOWED_HOSTS = allowList;
  await new Promise<void>((r) => server.close(() => r()));
});

describe(`12345 callback address restriction (${engineName})`, () => {
  it('the office cannot save a callback into the server’s own network; a public address is saved', async () => {
    delete process.env.OUTBOUND_ALLOWED_HOSTS;
    const { database } = await getHarness();
    const audits = async () =>
      (
        await database.db
          .selectFrom('audit_events')
          .select('id')
          .where('action', '=', 'public_interface_settings.saved')
          .where('subject_id', '=', t.countyId)
          .execute()
      ).length;
    const before = await audits();
    for (const [url, words] of [
      [`http://127.0.0.1:${port}/12345/reply`, '本机回环地址'],
      [`http://2130706433:${port}/reply`, '本机回环地址'],
      ['http://0x7f.1/reply', '本机回环地址'],
      ['http://[::1]/reply', '本机回环地址'],
      ['http://[::ffff:127.0.0.1]/reply', '本机回环地址'],
      ['http://localhost/reply', '本机回环地址'],
      ['http://169.254.169.254/latest/meta-data/', '元数据'],
      ['http://100.100.100.200/latest/meta-data/', '元数据'],
      ['http://10.0.0.8/reply', '内网私有地址'],
      ['http://192.168.1.20:8080/reply', '内网私有地址'],
      ['http://[fe80::1]/reply', '链路本地地址'],
      ['http://[fd00:1234::5]/reply', 'IPv6 内网地址'],
      ['https://user:secret@202.96.64.68/reply', '用户名或密码'],
    ] as const) {
      const res = await office.request('PUT', settingsUrl(), { publicSources: ['citizen'], hotlineCallbackUrl: url, version: null });
      expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error.message).toContain('回调地址不可用');
      expect(res.body.error.message).toContain(words);
    }
    expect(
      (await office.request('PUT', settingsUrl(), { publicSources: [], hotlineCallbackUrl: 'ftp://202.96.64.68/x', version: null })).status,
    ).toBe(400);
    // Nothing saved, nothing audited.
    const now = await office.get(settingsUrl());
    expect(now.body).toMatchObject({ hotlineCallbackUrl: null, version: null, inherited: true });
    expect(await audits()).toBe(before);
    // A public address (an address literal: no DNS needed) is saved.
    const ok = await office.request('PUT', settingsUrl(), {
      publicSources: ['citizen', 'open311', 'hotline'],
      hotlineCallbackUrl: 'https://202.96.64.68/12345/reply',
      version: null,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.hotlineCallbackUrl).toBe('https://202.96.64.68/12345/reply');
    // With the deployment allow-list, the intranet 12345 platform is accepted.
    process.env.OUTBOUND_ALLOWED_HOSTS = '127.0.0.0/8';
    const intranet = await office.request('PUT', settingsUrl(), {
      publicSources: ['citizen', 'open311', 'hotline'],
      hotlineCallbackUrl: `http://127.0.0.2:${port}/12345/reply`,
      version: ok.body.version,
    });
    expect(intranet.status, JSON.stringify(intranet.body)).toBe(200);
    expect(intranet.body.hotlineCallbackUrl).toBe(`http://127.0.0.2:${port}/12345/reply`);
  });

  it('the send checks again: an address no longer allowed gets nothing and the error is kept for the office', async () => {
    const { app, database } = await getHarness();
    // The deployment took the intranet range off its list again (only the test run's 127.0.0.1 remains).
    process.env.OUTBOUND_ALLOWED_HOSTS = allowList ?? '';
    const no = `SSRF${t.tag}`;
    const intake = await app.inject({
      method: 'POST',
      url: '/api/hotline/orders',
      headers: { 'x-api-key': key },
      payload: { orderNo: no, content: '人民路路灯不亮', calledAt: '2026-12-02T09:15:00+08:00', caller: '李秀兰 13903190058' },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const code = intake.json().problemCode as string;
    const p = await database.db.selectFrom('problems').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    const unit = await t.as('unit');
    await act(office, p.id, 'accept');
    await act(office, p.id, 'dispatch', { unitId: t.unitAId });
    await act(unit, p.id, 'acknowledge');
    await act(unit, p.id, 'submit_rectification', { measures: '已更换灯具', photoIds: [await uploadPhoto(unit)] });
    received.length = 0;
    await act(office, p.id, 'verify', { passed: true });
    await afterCommitSettled(app);
    await vi.waitFor(
      async () => {
        await drainJobs(database.db);
        const row = (await office.get(`/api/hotline/orders?orderNo=${no}`)).body.items[0];
        expect(row.callback).toBe('retrying');
        expect(row.callbackError).toContain('不能指向内网或本机');
        expect(row.callbackError).toContain('127.0.0.2');
      },
      { timeout: 15_000, interval: 200 },
    );
    // Not a byte reached the listener; the reply itself is kept (the .xlsx export still carries it).
    expect(received).toEqual([]);
    const row = (await office.get(`/api/hotline/orders?orderNo=${no}&replied=true`)).body.items[0];
    expect(row.replyText).toContain('已更换灯具');
  });
});
