/**
 * 任务进度设置 in Chromium: the office opens 问题设置 → 任务进度, sees the platform defaults, is stopped by an out-of-range
 * due day (Chinese message, nothing saved), sets 每月 20 日 after confirming the old → new list, and the unit's 我的任务
 * on the phone then says 每月 20 日. Screenshots (desktop 1366×860, phone 390×844): test-results/screenshots/task-settings-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SHOTS, signIn, startE2E, type E2E } from './server';

let e2e: E2E;

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  await page.screenshot({ path: path.join(SHOTS, `task-settings-${name}.png`), fullPage: true });
}

beforeAll(async () => {
  e2e = await startE2E();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

describe('任务进度设置 (browser)', () => {
  it('office sets the due day to the 20th after confirming; the unit sees it on the phone', async () => {
    const office = await signIn(e2e, 'office', DESKTOP);
    await office.goto(`${e2e.baseUrl}/problem-settings?tab=tasks`);
    const card = office.locator('.ant-card').filter({ hasText: '任务进度' }).last();
    const due = card.getByLabel('每月报送日');
    await expect.poll(() => due.inputValue()).toBe('25');
    await expect.poll(() => card.getByText('平台默认').count()).toBe(1);
    await shot(office, 'office-defaults');

    await due.fill('29');
    await card.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => card.getByText('每月报送日须为 1–28 之间的整数').count()).toBe(1);
    await shot(office, 'office-invalid');
    expect(await office.locator('.ant-modal-confirm').count()).toBe(0);

    await due.fill('20');
    await card.getByLabel('报送前提醒天数').fill('2');
    await card.getByRole('button', { name: '保存' }).click();
    const confirm = office.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('每月报送日：每月 25 日 → 每月 20 日');
    expect(await confirm.innerText()).toContain('报送前提醒天数：提前 3 天 → 提前 2 天');
    await shot(office, 'office-confirm');
    await confirm.getByRole('button', { name: '确认保存' }).click();
    await expect.poll(() => card.getByText('本级设置').count()).toBe(1);
    await expect.poll(() => card.getByRole('button', { name: '恢复继承' }).count()).toBe(1);
    await shot(office, 'office-saved');

    const phoneOffice = await signIn(e2e, 'office', PHONE);
    await phoneOffice.goto(`${e2e.baseUrl}/problem-settings?tab=tasks`);
    await expect.poll(() => phoneOffice.getByLabel('每月报送日').inputValue()).toBe('20');
    await shot(phoneOffice, 'office-phone');

    const unit = await signIn(e2e, 'unit', PHONE);
    const mine = await unit.evaluate(async () => (await fetch('/api/task-settings')).json());
    expect(mine.settings.progressDueDay, JSON.stringify(mine)).toBe(20);
    await unit.goto(`${e2e.baseUrl}/my-tasks`);
    await unit.getByRole('heading', { name: '我的任务' }).waitFor();
    await shot(unit, 'unit-my-tasks-phone');
    await expect.poll(() => unit.getByText('（每月 20 日）').count()).toBeGreaterThan(0);
  }, 120_000);
});
