/**
 * Standards and sites in Chromium: the office imports a 测评体系 workbook (first with bad rows — every one is listed
 * with row, column and reason and nothing is written — then a good one), opens the new version's tree, and finds
 * the county's sites on the map with their 包保单位 and 点长. Screenshots: standards-*.png, sites-map-*.png.
 */
import path from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workbook } from '../support/xlsx';
import { SHOTS, startE2E, type E2E } from './server';

const PASSWORD = 'Demo@2026';
const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } };
const PHONE: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const HEADERS = ['测评项目', '测评内容', '编码', '测评标准', '测评方法', '分值', '适用点位类型', '牵头单位', '责任单位', '负面清单'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

async function open(options: BrowserContextOptions, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return { context, page };
}
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

const GOOD: unknown[][] = [
  [
    '市容环境',
    '农贸市场',
    '农贸市场-01-01',
    '市场内地面干净，无积水、无暴露垃圾',
    '实地考察',
    1,
    '农贸市场',
    '示范县市场监督管理局',
    '示范县城市管理综合行政执法局',
    '否',
  ],
  ['市容环境', '农贸市场', '农贸市场-01-02', '垃圾桶加盖，摆放整齐，日产日清', '实地考察', 1, '农贸市场', '示范县市场监督管理局', '', '否'],
  [
    '市容环境',
    '背街小巷',
    '背街小巷-01-01',
    '路面平整，无坑洼、无积水',
    '实地考察',
    0.5,
    '背街小巷；小区',
    '示范县住房和城乡建设局',
    '城关街道办事处;城东街道办事处',
    '否',
  ],
  [
    '社会宣传',
    '公益广告',
    '2.1.1',
    '主要街道、公共场所公益广告刊播规范，占比达标',
    '材料审核',
    2,
    '',
    '示范县委宣传部',
    '示范县文明办',
    '否',
  ],
  ['安全稳定', '安全生产', '7.2.9', '创建周期内发生重大安全生产事故', '其他', 5, '', '示范县住房和城乡建设局', '', '是'],
];

describe('standards and sites in Chromium', () => {
  it('office imports a standards workbook: bad rows are all listed and nothing is written, then a good one lands', async () => {
    const { context, page } = await open(DESKTOP, 'office');
    const versions = async () =>
      (await (await page.request.get(`${e2e.baseUrl}/api/standards/versions?pageSize=100`)).json()).total as number;
    const before = await versions();
    await page.goto(`${e2e.baseUrl}/standards`);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '导入测评体系' });
    await dialog.getByRole('combobox', { name: '创建项目' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '创建全国文明城市' }).first().click();
    await dialog.getByLabel('版本名称').fill('示范县2027版（E2E导入）');

    const bad = [
      ...GOOD.slice(0, 2),
      ['市容环境', '农贸市场', '农贸市场-01-01', '编码重复', '实地考察', 1, '农贸市场', '', '', '否'],
      ['市容环境', '农贸市场', '农贸市场-09-01', '方法写错', '现场看看', 1, '农贸市场', '', '', '否'],
      ['市容环境', '农贸市场', '农贸市场-09-02', '单位不存在', '实地考察', 1, '农贸市场', '示范县不存在局', '', '否'],
      ['市容环境', '农贸市场', '农贸市场-09-03', '分值不是数', '实地考察', '一分', '火星基地', '', '', '也许'],
    ];
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '测评体系-有错.xlsx', mimeType: XLSX, buffer: await workbook(HEADERS, bad) });
    await dialog.getByRole('button', { name: '开始导入' }).click();
    const errors = page.getByRole('region', { name: '导入错误' });
    await errors.waitFor();
    const rows = await errors.locator('.ant-table-row').allInnerTexts();
    const flat = rows.map((r) => r.replace(/\s+/g, ' '));
    for (const [row, column] of [
      ['4', '编码'],
      ['5', '测评方法'],
      ['6', '牵头单位'],
      ['7', '分值'],
      ['7', '适用点位类型'],
      ['7', '负面清单'],
    ]) {
      expect(
        flat.some((r) => r.startsWith(`${row} ${column}`)),
        `${row} ${column} in ${JSON.stringify(flat)}`,
      ).toBe(true);
    }
    await shot(page, 'standards-import-errors-desktop', false);
    expect(await versions()).toBe(before);

    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: '测评体系.xlsx', mimeType: XLSX, buffer: await workbook(HEADERS, GOOD) });
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await dialog.getByText('导入成功：5 条测评标准').waitFor();
    expect(await versions()).toBe(before + 1);
    await dialog.getByRole('button', { name: '查看新版本' }).click();
    await page.waitForURL(/\/standards\/versions\/[0-9a-f-]{36}$/);
    await page.getByText('背街小巷-01-01').first().waitFor();
    // Only the first 测评项目 starts open; the others open on a click.
    await page
      .getByRole('button', { name: /安全稳定/ })
      .first()
      .click();
    await page.getByText('创建周期内发生重大安全生产事故').first().waitFor();
    await shot(page, 'standards-version-desktop');
    await context.close();
  }, 120_000);

  it('the county’s sites are on the map; a searched site names its 包保单位 and 点长 and opens', async () => {
    for (const [options, suffix] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { context, page } = await open(options, 'office');
      const sites = (await (await page.request.get(`${e2e.baseUrl}/api/sites?pageSize=100`)).json()) as {
        total: number;
        items: Array<{ location: unknown }>;
      };
      const located = sites.items.filter((s) => s.location).length;
      expect(located).toBeGreaterThanOrEqual(40);
      expect(sites.items).toHaveLength(sites.total);
      await page.goto(`${e2e.baseUrl}/sites/map`);
      await page.getByText(`共 ${sites.total} 个点位，${located} 个有坐标`).waitFor();
      const map = page.getByRole('region', { name: '点位分布地图' });
      await map.locator('canvas').first().waitFor(); // markers are drawn on one canvas (preferCanvas)
      expect(await page.locator('.leaflet-tile').count()).toBe(0);
      const legend = await page
        .getByRole('group', { name: '图例' })
        .getByRole('button')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      expect(legend.map((l) => Number(/(\d+) 个$/.exec(l)?.[1] ?? 0)).reduce((a, b) => a + b, 0)).toBe(located);
      await page.waitForTimeout(300);
      await shot(page, `sites-map-${suffix}`, false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

      // Search one site: the map centres on it; a tap on it opens its popup.
      await page.getByRole('searchbox', { name: '搜索点位' }).fill('城东农贸市场');
      await page.keyboard.press('Enter');
      await page.getByText(/^共 1 个点位，1 个有坐标/).waitFor();
      await page.waitForTimeout(400);
      const box = (await map.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const popup = page.locator('.leaflet-popup');
      await popup.getByText('城东农贸市场').waitFor();
      await popup.getByText(/^包保单位：\S+/).waitFor();
      await popup.getByText(/^点长：\S+/).waitFor();
      await page.waitForTimeout(500); // the popup's autoPan motion
      await shot(page, `sites-map-popup-${suffix}`, false);
      await popup.getByRole('link', { name: '查看点位城东农贸市场' }).click();
      await page.waitForURL(/\/sites\/[0-9a-f-]{36}$/);
      // The market's outline (a polygon of 4 vertices in the demo data) comes with it and is drawn under the marker.
      const market = (await (await page.request.get(`${e2e.baseUrl}/api/sites/${page.url().split('/').pop()}`)).json()) as {
        polygon: Array<[number, number]> | null;
      };
      expect(market.polygon).toHaveLength(4);
      await page.getByRole('region', { name: /地图/ }).locator('canvas').first().waitFor();
      await page.waitForTimeout(400);
      await shot(page, `sites-detail-${suffix}`);
      await context.close();
    }
  }, 120_000);
});
