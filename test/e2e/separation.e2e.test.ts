/**
 * 三员分立 in Chromium: the 安全管理员 asks to reset the 审计管理员's password and gets no password, only "submitted for
 * approval"; the 系统管理员 approves it in 个人中心 and is told only where the temporary password went (the owner's
 * phone, masked); the old password no longer signs in. Screenshots: separation-*.png.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2E, type E2E } from './server';

let e2e: E2E;

async function open(username: string): Promise<Page> {
  const context = await e2e.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

const popconfirmButton = (page: Page, name: string): Locator =>
  page.locator('.ant-popconfirm:visible').getByRole('button', { name, exact: true });

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe('三员分立 in Chromium', () => {
  it('a 三员 password reset waits for another 三员 and its temporary password reaches only the owner', async () => {
    const security = await open('security');
    await security.goto(`${e2e.baseUrl}/system/users`);
    await security.getByRole('button', { name: '重置孙立新的密码' }).click();
    await popconfirmButton(security, '重置').click();
    await security.getByText('三员账号的密码重置已提交审批；批准后临时密码发送到本人手机').waitFor();
    // No one-time password dialog for the requester.
    await expect(security.getByText('临时密码', { exact: true }).count()).resolves.toBe(0);
    await security.getByText('三员变更审批').first().waitFor();
    await security.screenshot({ path: path.join(SHOTS, 'separation-requested-desktop.png'), fullPage: true });

    const admin = await open('admin');
    await admin.goto(`${e2e.baseUrl}/me`);
    const approve = admin.getByRole('button', { name: /^批准：/ }).first();
    await approve.waitFor();
    await approve.click();
    await popconfirmButton(admin, '批准').click();
    await admin.getByText(/已批准，.*139\*{4}0103/).waitFor();
    await admin.screenshot({ path: path.join(SHOTS, 'separation-approved-desktop.png'), fullPage: true });

    // The reset took effect: the old password no longer signs the auditor in.
    const signedOut = await e2e.browser.newContext();
    const res = await signedOut.request.post(`${e2e.baseUrl}/api/auth/login`, { data: { username: 'auditor', password: 'Demo@2026' } });
    expect(res.status()).toBe(401);
    await signedOut.close();
  }, 120_000);
});
