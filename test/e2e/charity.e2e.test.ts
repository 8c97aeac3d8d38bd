/**
 * 慈善之家 end to end (issue 14, "Charity"): the office registers 示范县慈善总会 on a desktop (a wrong 统一社会信用代码 is
 * refused in the form first) and names 郑海涛 (`unit`) its admin; he sets up a 助学 project, then records a donation
 * and a spending with a receipt photo through the ledger's dialogs; the public page on a 390×844 phone shows the
 * ledger — raised, spent, balance, the donor, what the money went on and the receipt link. Screenshots: charity-*.png.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../common/charity';
import { PHONE, SHOTS, signIn, startE2E, type E2E } from './server';

let e2e: E2E;
let orgId = '';
let projectId = '';
const FIRST17 = '51139901MJ5Q2R8T4';
const CODE = FIRST17 + usccCheckChar(FIRST17)!;
const WRONG = FIRST17 + (CODE.endsWith('0') ? '1' : '0');

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `charity-${name}.png`), fullPage: true });
const visible = (locator: Locator, timeout = 15_000) => locator.first().waitFor({ state: 'visible', timeout });

async function call<T>(page: Page, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<T> {
  const { csrfToken } = (await (await page.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
  const res = await page.request.fetch(`${e2e.baseUrl}${url}`, {
    method,
    headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${url} → ${res.status()} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

beforeAll(async () => {
  e2e = await startE2E();
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

describe('慈善之家', { timeout: 120_000 }, () => {
  it('the office registers an organisation (a wrong code refused) and names its admin', async () => {
    const office = await signIn(e2e, 'office');
    await office.goto(`${e2e.baseUrl}/charity/organisations`);
    await visible(office.getByText('还没有登记的慈善组织'));
    await shot(office, 'organisations-empty');
    await office.getByRole('button', { name: '登记组织' }).click();
    const drawer = office.getByRole('dialog');
    const region = drawer.getByLabel('登记区划（区县或乡镇）');
    await region.click();
    await region.fill('示范县');
    await office
      .locator('.ant-select-dropdown:visible .ant-select-tree-title')
      .filter({ hasText: /^示范县$/ })
      .first()
      .click();
    await drawer.getByLabel('组织名称').fill('示范县慈善总会');
    await drawer.getByLabel('统一社会信用代码').fill(WRONG);
    await drawer.getByLabel('组织类型').click();
    await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '社会团体' }).click();
    await drawer.getByLabel('联系人').fill('邹国庆');
    await drawer.getByRole('button', { name: '保存' }).click();
    await visible(drawer.getByText('统一社会信用代码不正确'));
    await drawer.getByLabel('统一社会信用代码').fill(CODE);
    await drawer.getByRole('button', { name: '保存' }).click();
    await office.waitForURL(/\/charity\/organisations\/[0-9a-f-]{36}$/);
    orgId = office.url().split('/').pop()!;
    await visible(office.getByText(CODE));
    const unit = await call<{ items: Array<{ id: string; username: string }> }>(
      office,
      'GET',
      `/api/users?search=${encodeURIComponent('郑海涛')}&pageSize=50`,
    );
    const admin = unit.items.find((u) => u.username === 'unit')!;
    await call(office, 'PUT', `/api/charity/organisations/${orgId}/admins`, { userIds: [admin.id] });
    await office.reload();
    await visible(office.getByText('郑海涛'));
    await shot(office, 'organisation');
    await office.context().close();
  });

  it('the admin sets up a project and records a donation and a spending with its receipt', async () => {
    const admin = await signIn(e2e, 'unit');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const project = await call<{ id: string }>(admin, 'POST', '/api/charity/projects', {
      orgId,
      regionId: (await call<{ regionId: string }>(admin, 'GET', `/api/charity/organisations/${orgId}`)).regionId,
      name: '春蕾助学·圆梦行动',
      category: 'education',
      goalFen: 30_000_000,
      beneficiaries: '家庭经济困难的在校中小学生',
      startsOn: today,
    });
    projectId = project.id;
    await admin.goto(`${e2e.baseUrl}/charity/projects/${projectId}`);
    await visible(admin.getByText('台账还没有条目'));

    await admin.getByRole('button', { name: '记录捐赠' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('金额（元）').fill('10000');
    await dialog.getByLabel('捐赠人（个人或单位）').fill('中国建设银行示范县支行');
    await dialog.getByLabel('捐赠用途').fill('资助困难学生学费');
    await dialog.getByRole('button', { name: '记入台账' }).click();
    await visible(admin.getByRole('cell', { name: /中国建设银行示范县支行/ }));

    await admin.getByRole('button', { name: '记录支出' }).click();
    const spend = admin.getByRole('dialog');
    await spend.getByLabel('支出金额（元）').fill('3600');
    await spend.getByLabel('支出用途（用在了什么地方）').fill('采购书包文具 40 套');
    const jpeg = await sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 250, g: 248, b: 240 } } })
      .jpeg()
      .toBuffer();
    await spend.locator('input[type=file]').setInputFiles({ name: '书包采购发票.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await visible(spend.locator('.ant-upload-list-item-done'));
    await spend.getByRole('button', { name: '记入台账' }).click();
    await visible(admin.getByRole('link', { name: '书包采购发票.jpg' }));
    await expect.poll(async () => admin.getByText('完整').count()).toBeGreaterThan(0);
    await shot(admin, 'project');
    await admin.context().close();
    // The same ledger on the admin's phone: the table scrolls inside its card, the page itself does not.
    const phone = await signIn(e2e, 'unit', PHONE);
    await phone.goto(`${e2e.baseUrl}/charity/projects/${projectId}`);
    await visible(phone.getByText('采购书包文具 40 套'));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(phone, 'project-phone');
    await phone.goto(`${e2e.baseUrl}/charity/organisations`);
    await visible(phone.getByText('示范县慈善总会'));
    await shot(phone, 'organisations-phone');
    await phone.context().close();
  });

  it('anyone reads the public ledger on a phone: sums, donor, what it was spent on, the receipt', async () => {
    const context = await e2e.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/p/charity`);
    await page.getByText('春蕾助学·圆梦行动').click();
    await page.waitForURL(/\/p\/charity\/projects\//);
    const sums = page.getByTestId('charity-sums');
    await visible(sums);
    await expect.poll(() => sums.innerText()).toContain('¥10,000.00');
    expect(await sums.innerText()).toContain('¥3,600.00');
    expect(await sums.innerText()).toContain('¥6,400.00');
    const ledger = page.getByTestId('charity-ledger');
    expect(await ledger.innerText()).toContain('中国建设银行示范县支行');
    expect(await ledger.innerText()).toContain('采购书包文具 40 套');
    const href = await ledger.getByRole('link', { name: '书包采购发票.jpg' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/public\/charity\/receipts\//);
    expect((await page.request.get(`${e2e.baseUrl}${href}`)).status()).toBe(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(page, 'public-phone');
    await context.close();
  });
});
