/**
 * 曝光台 in Chromium (issue 11): the office files a problem with a street photo (through the API) and, in the browser,
 * proposes it from the problem page (提出曝光), draws a box over the number plate with the mouse, saves (the server's
 * blurred copy appears beside the original), edits the public title and submits; the leader approves; the public page
 * (/p/exposure, no account) lists it with the redacted photo, on a phone too; the office takes it down with a reason
 * and the public page no longer shows it. /p/rankings says nothing is published, then shows the red and black lists of
 * a month published through the API. Screenshots: /tmp/shots/c/.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, signIn, startE2E, type E2E } from './server';

const SHOTS = '/tmp/shots/c';
let e2e: E2E;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** A street scene: sky, a building, the road and a car with a white number plate (the part to blur). */
async function streetPhoto(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <rect width="800" height="260" fill="#8ec5ff"/><rect y="260" width="800" height="340" fill="#6b6b6b"/>
    <rect x="40" y="90" width="260" height="200" fill="#c9a37a"/><rect x="80" y="130" width="50" height="50" fill="#fff"/>
    <rect x="200" y="130" width="50" height="50" fill="#fff"/>
    <rect x="380" y="300" width="340" height="170" rx="30" fill="#b3202a"/>
    <rect x="470" y="400" width="160" height="50" fill="#fff" stroke="#000" stroke-width="4"/>
    <rect x="485" y="412" width="14" height="26" fill="#000"/><rect x="510" y="412" width="14" height="26" fill="#000"/>
    <rect x="535" y="412" width="14" height="26" fill="#000"/><rect x="560" y="412" width="14" height="26" fill="#000"/>
    <rect x="585" y="412" width="14" height="26" fill="#000"/><rect x="610" y="412" width="10" height="26" fill="#000"/>
    <circle cx="450" cy="480" r="34" fill="#111"/><circle cx="660" cy="480" r="34" fill="#111"/>
    <rect x="90" y="380" width="180" height="90" fill="#3d7a2f"/><rect x="100" y="360" width="160" height="30" fill="#2f5e24"/>
  </svg>`;
  return sharp(Buffer.from(svg))
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'Xiaomi', Model: '23127PN0CC' } })
    .toBuffer();
}

/** The office files and dispatches a problem with the photo; returns its id. */
async function fileProblem(office: Page): Promise<string> {
  const { csrfToken } = (await (await office.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  const get = async (url: string) => (await office.request.get(`${e2e.baseUrl}${url}`)).json();
  const post = async (url: string, data: unknown) => {
    const res = await office.request.post(`${e2e.baseUrl}${url}`, { headers, data });
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const upload = await office.request.post(`${e2e.baseUrl}/api/files`, {
    headers,
    multipart: { file: { name: 'street.jpg', mimeType: 'image/jpeg', buffer: await streetPhoto() } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const fileId = ((await upload.json()) as { id: string }).id;
  const units = (await get('/api/units?pageSize=200')).items as Array<{ id: string; name: string }>;
  const unitId = (units.find((u) => u.name.includes('城市管理')) ?? units[0]).id;
  const p = await post('/api/problems', {
    clientId: crypto.randomUUID(),
    categoryCode: 'E0102',
    photoIds: [fileId],
    description: '人民路 18 号门前机动车长期占用人行道停放，行人被迫绕行机动车道',
    address: '人民路 18 号',
  });
  for (const [action, payload] of [
    ['accept', {}],
    ['dispatch', { unitId }],
  ] as const) {
    const cur = await get(`/api/problems/${p.id}`);
    await post(`/api/problems/${p.id}/transitions`, { action, version: cur.version, ...payload });
  }
  return p.id;
}

/** A month of a three-unit scheme published through the API (office: scores, run, 公示, 发布; leader: 审定). */
async function publishMonth(office: Page, leader: Page) {
  const call = async (page: Page, method: 'get' | 'post', url: string, data?: unknown) => {
    const { csrfToken } = (await (await page.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
    const res = await page.request[method](`${e2e.baseUrl}${url}`, { headers: { 'x-csrf-token': csrfToken }, data });
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
    return res.status() === 204 ? null : res.json();
  };
  const campaigns = (await call(office, 'get', '/api/campaigns?pageSize=50')).items as Array<{ id: string; name: string }>;
  const campaign = campaigns.find((c) => c.name.includes('文明城市')) ?? campaigns[0];
  const units = ((await call(office, 'get', '/api/units?pageSize=200')).items as Array<{ id: string }>).slice(0, 3);
  const period = '2026-11';
  for (const [i, u] of units.entries())
    await call(office, 'post', '/api/evaluation/manual-scores', {
      code: 'manual.score',
      subjectType: 'unit',
      subjectId: u.id,
      period,
      value: [95, 62, 80][i],
      reason: '领导小组月度评议',
    });
  const scheme = await call(office, 'post', '/api/evaluation/schemes', {
    campaignId: campaign.id,
    name: '县直部门曝光台试行考核',
    periodType: 'month',
    redCount: 1,
    blackCount: 1,
    groups: [
      {
        name: '县直部门',
        subjectType: 'unit',
        unitIds: units.map((u) => u.id),
        indicators: [{ code: 'manual.score', weight: 100, rule: { type: 'linear', floor: 0, ceiling: 100 } }],
      },
    ],
  });
  const run = await call(office, 'post', '/api/evaluation/runs', { schemeId: scheme.id, period });
  await call(office, 'post', `/api/evaluation/runs/${run.id}/transitions`, { action: 'publicize' });
  await call(leader, 'post', `/api/evaluation/runs/${run.id}/transitions`, { action: 'sign_off' });
  await call(office, 'post', `/api/evaluation/runs/${run.id}/transitions`, { action: 'publish' });
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

describe('曝光台 in Chromium', () => {
  it('proposal → redaction (a box drawn with the mouse) → approval → public page → take-down', async () => {
    const office = await signIn(e2e, 'office', DESKTOP);
    const problemId = await fileProblem(office);

    // 提出曝光 on the problem page → the item's page.
    await office.goto(`${e2e.baseUrl}/problems/${problemId}`);
    await office.getByRole('button', { name: '提出曝光' }).click();
    await office.waitForURL(/\/exposure\/[0-9a-f-]{36}$/);
    const exposureUrl = office.url();
    const exposureId = exposureUrl.split('/').pop()!;
    const frame = office.getByTestId('redaction-frame').first();
    await frame.locator('img').evaluate((img: HTMLImageElement) => (img.complete ? null : new Promise((r) => (img.onload = r))));

    // Draw a box over the number plate: (470..630, 400..450) of 800×600, scaled to the shown size.
    const box = (await frame.boundingBox())!;
    const sx = box.width / 800;
    const sy = box.height / 600;
    await office.mouse.move(box.x + 462 * sx, box.y + 392 * sy);
    await office.mouse.down();
    await office.mouse.move(box.x + 550 * sx, box.y + 420 * sy, { steps: 4 });
    await office.mouse.move(box.x + 640 * sx, box.y + 458 * sy, { steps: 4 });
    await office.mouse.up();
    await expect.poll(() => office.getByTestId('redaction-box').count()).toBe(1);
    await office.getByLabel('公开标题').fill('人民路机动车占用人行道停放');
    await office.getByLabel('公开说明').fill('人民路 18 号门前机动车占用人行道停放，已交责任单位限期整改，欢迎群众监督。');
    await office.getByRole('button', { name: '保存打码与文字' }).click();
    await office.getByText('已保存，右侧为打码后的公开图').waitFor();
    await office.getByText(/1 处打码/).waitFor();
    const preview = office.getByTestId('redacted-preview').first();
    await preview.evaluate((img: HTMLImageElement) => (img.complete && img.naturalWidth ? null : new Promise((r) => (img.onload = r))));
    await shot(office, 'exposure-redaction-desktop');

    // The server's copy: the plate region is blurred (differs from the original), no EXIF.
    const copy = Buffer.from(await (await office.request.get(`${e2e.baseUrl}${await preview.getAttribute('src')}`)).body());
    expect((await sharp(copy).metadata()).exif).toBeUndefined();

    await office.getByRole('button', { name: '提交审批' }).click();
    await office.getByRole('button', { name: '提交', exact: true }).click();
    await office.getByText('已提交审批').waitFor();

    // The leader approves (with the confirmation).
    const leader = await signIn(e2e, 'leader', DESKTOP);
    await leader.goto(`${e2e.baseUrl}/exposure`);
    await leader.getByRole('link', { name: '人民路机动车占用人行道停放' }).first().click();
    await leader.getByRole('button', { name: '批准曝光' }).click();
    await leader.getByRole('button', { name: '批准', exact: true }).click();
    await leader.getByText('已批准，已在公开页面发布').waitFor();
    await shot(leader, 'exposure-approved-desktop');

    // The public page, no account: desktop and phone.
    const visitor = await (await e2e.browser.newContext(DESKTOP)).newPage();
    await visitor.goto(`${e2e.baseUrl}/p/exposure`);
    await visitor.getByRole('heading', { name: '人民路机动车占用人行道停放' }).waitFor();
    await visitor
      .locator('.px-figure img')
      .first()
      .evaluate((img: HTMLImageElement) => (img.complete && img.naturalWidth ? null : new Promise((r) => (img.onload = r))));
    await shot(visitor, 'public-exposure-list-desktop');
    const phone = await (await e2e.browser.newContext(PHONE)).newPage();
    await phone.goto(`${e2e.baseUrl}/p/exposure`);
    await phone.getByRole('heading', { name: '人民路机动车占用人行道停放' }).click();
    await phone.waitForURL(`${e2e.baseUrl}/p/exposure/${exposureId}`);
    await phone.getByText('整改时限').waitFor();
    await phone
      .locator('.px-figure img')
      .first()
      .evaluate((img: HTMLImageElement) => (img.complete && img.naturalWidth ? null : new Promise((r) => (img.onload = r))));
    await shot(phone, 'public-exposure-detail-phone');
    const publicText = await phone.locator('main').innerText();
    expect(publicText).not.toContain('行人被迫绕行机动车道'); // the internal description, replaced by the public text
    expect(publicText).toContain('城市管理');
    await phone.goto(`${e2e.baseUrl}/p/exposure/units`);
    await phone.getByText('各单位曝光记录').waitFor();
    await shot(phone, 'public-exposure-units-phone');
    await phone.goto(`${e2e.baseUrl}/p/rankings`);
    await phone.getByText('红黑榜尚未发布').waitFor();
    await shot(phone, 'public-rankings-none-phone');
    // A month published (人工评分 → run → 公示 → 审定 → 发布): its red and black lists appear.
    await publishMonth(office, leader);
    await phone.goto(`${e2e.baseUrl}/p/rankings`);
    await phone.getByText('县直部门曝光台试行考核', { exact: false }).waitFor();
    await phone.getByRole('heading', { name: '红榜' }).first().waitFor();
    await shot(phone, 'public-rankings-phone');

    // The office takes it down with a reason (confirmation dialog); the public page no longer shows it.
    await office.goto(exposureUrl);
    await office.getByRole('button', { name: '撤下' }).click();
    const dialog = office.getByRole('dialog', { name: '撤下曝光' });
    await dialog.getByLabel('理由').fill('责任单位已整改到位，经领导同意撤下');
    await dialog.getByRole('button', { name: '确认撤下' }).click();
    await office.getByText('已撤下，公开页面不再显示').waitFor();
    await shot(office, 'exposure-taken-down-desktop');
    await visitor.goto(`${e2e.baseUrl}/p/exposure/${exposureId}`);
    await visitor.getByText('该曝光不存在或已撤下').waitFor();
    await visitor.goto(`${e2e.baseUrl}/p/exposure`);
    await visitor.getByText('暂无曝光的问题').waitFor();

    // The staff list on a phone: cards.
    const officePhone = await signIn(e2e, 'office', PHONE);
    await officePhone.goto(`${e2e.baseUrl}/exposure`);
    await officePhone.getByText('人民路机动车占用人行道停放').first().waitFor();
    await shot(officePhone, 'exposure-list-phone');
  }, 240_000);
});
