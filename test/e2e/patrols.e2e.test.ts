/**
 * 点长巡查打卡 in Chromium: the demo 点长 (sitelead) opens /patrol on a 390 px phone, checks in at 城东农贸市场 with a
 * photo and 巡查无问题; the office opens 点长打卡 on a desktop and sees ✓ for today at that site, opens the check-in
 * with its photo, and reads the missed-days list. Screenshots: test-results/screenshots/patrol-*.png.
 */
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startE2E, type E2E } from './server';

const PASSWORD = 'Demo@2026';
const SITE = '城东农贸市场';
const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } };
const PHONE: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
/** About 30 m from 城东农贸市场 (39.12185, 116.50132). */
const AT_THE_MARKET = { latitude: 39.1221, longitude: 116.5014, accuracy: 10 };
const PHOTO = '/tmp/cc-e2e-patrol.jpg';

let e2e: E2E;
const opened: BrowserContext[] = [];

/** Today's Beijing day as the grid labels it (12月3日). */
function todayLabel(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

async function open(options: BrowserContextOptions, username: string, geo = false): Promise<Page> {
  const context = await e2e.browser.newContext(geo ? { ...options, geolocation: AT_THE_MARKET, permissions: ['geolocation'] } : options);
  opened.push(context);
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

async function shot(page: Page, name: string, fullPage = true) {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/** Buttons (and labelled controls) in `scope` smaller than 44 × 44 px. */
async function smallTargets(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || r.width < 44)
      .map(
        ({ el, r }) => `${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim()} ${Math.round(r.width)}×${Math.round(r.height)}`,
      ),
  );
}

beforeAll(async () => {
  e2e = await startE2E();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#8cc4e8"/>
    <rect y="360" width="800" height="240" fill="#b7a58a"/><rect x="120" y="220" width="560" height="160" fill="#e8d9b5"/>
    <text x="160" y="320" font-size="64" font-family="sans-serif" fill="#5b4a2f">农贸市场</text></svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toFile(PHOTO);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await e2e?.close();
});

describe('点长巡查打卡 in Chromium', () => {
  it('the 点长 checks in on a 390 px phone with a photo', async () => {
    const page = await open(PHONE, 'sitelead', true);
    await page.goto(`${e2e.baseUrl}/patrol`);
    await page.getByText('今日已打卡 0/7 个点位').waitFor();
    const button = page.getByRole('button', { name: `${SITE} 打卡` });
    await button.waitFor();
    await shot(page, 'patrol-phone-list');
    // No sideways scrolling; the 打卡 buttons are thumb-sized.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThan(300);

    await button.click();
    const form = page.getByRole('form', { name: `${SITE} 打卡` });
    await form.waitFor();
    // Submitting without a photo says what is missing.
    await form.getByRole('button', { name: '提交打卡' }).click();
    await form.getByRole('alert').filter({ hasText: '请至少拍一张现场照片' }).waitFor();
    await form.getByLabel('拍照/选图').setInputFiles(PHOTO);
    await form.getByRole('img', { name: '照片 1' }).waitFor();
    await form.getByRole('button', { name: '巡查无问题' }).click();
    await form.getByRole('textbox', { name: '备注' }).fill('市场内外整洁，摊位有序');
    await form.getByText(/距点位约/).waitFor();
    expect(await smallTargets(page, '[role=form] button:not([aria-label^="移除照片"])')).toEqual([]);
    await shot(page, 'patrol-phone-form');
    await form.getByRole('button', { name: '提交打卡' }).click();
    await page.getByText(`“${SITE}”打卡成功`).waitFor();
    await page.getByText('今日已打卡 1/7 个点位').waitFor();
    await page.getByText(/打卡 · 巡查无问题 · 照片 1 张/).waitFor();
    expect(await page.getByRole('button', { name: `${SITE} 打卡` }).count()).toBe(0);
    await shot(page, 'patrol-phone-done');
  });

  it('the office sees ✓ for today at that site, opens it, and reads the missed days', async () => {
    const page = await open(DESKTOP, 'office');
    await page.getByRole('menuitem', { name: '点长打卡' }).click();
    await page.waitForURL((url) => url.pathname === '/sites/patrols');
    const row = page.getByRole('row').filter({ hasText: SITE });
    const today = row.getByRole('button', { name: `${todayLabel()} 已打卡，查看打卡` });
    await today.waitFor();
    await shot(page, 'patrol-office-grid');
    await today.click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('市场内外整洁，摊位有序').waitFor();
    await drawer.getByText('巡查无问题').waitFor();
    const img = drawer.getByRole('img', { name: '现场照片 1' });
    await img.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('img[alt="现场照片 1"]') as HTMLImageElement | null;
      return !!el && el.complete && el.naturalWidth > 0;
    });
    await shot(page, 'patrol-office-detail', false);
    await drawer
      .getByRole('button', { name: 'Close' })
      .or(drawer.getByRole('button', { name: '关闭' }))
      .first()
      .click();
    await page.getByRole('tab', { name: '漏打卡名单' }).click();
    await page.getByRole('tabpanel', { name: '漏打卡名单' }).getByRole('row').filter({ hasText: '陈晓东' }).waitFor();
    await shot(page, 'patrol-office-missed');
  });
});
