/**
 * 测评预测 in Chromium (issue 10): the office has a routine round of the demo county's civilized-city campaign with
 * checklists saved at a dozen sites (some standards failed, so open problems exist); it opens 测评预测 from the menu,
 * sees the expected score with its band and grade, reads 估算方法, follows a priority row to the problem list filtered by
 * that standard and site type; on a phone (390 × 844) the page renders as cards without sideways scrolling.
 * Screenshots: /tmp/shots/prediction-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E, signIn, PHONE } from './server';

const SHOTS = '/tmp/shots';

let e2e: E2E;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** A routine round over 12 sites with saved checklists (every fifth standard failed, with a photo), as the office. */
async function seedRound(office: Page) {
  const { csrfToken } = (await (await office.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  const get = async (url: string) => {
    const res = await office.request.get(`${e2e.baseUrl}${url}`);
    expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
    return res.json();
  };
  const post = async (url: string, data: unknown) => {
    const res = await office.request.post(`${e2e.baseUrl}${url}`, { headers, data });
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
    return res.json();
  };
  const campaign = ((await get('/api/campaigns?pageSize=50')).items as Array<{ id: string; name: string }>).find((c) =>
    c.name.includes('文明城市'),
  )!;
  const version = (await get(`/api/standards/versions?campaignId=${campaign.id}`)).items[0] as { id: string };
  const sites = (await get('/api/sites?pageSize=100')).items as Array<{ id: string; siteTypeCode: string }>;
  // Two of each of the first six site types that have sites.
  const byType = new Map<string, string[]>();
  for (const s of sites) byType.set(s.siteTypeCode, [...(byType.get(s.siteTypeCode) ?? []), s.id]);
  const chosen = [...byType.values()].slice(0, 6).flatMap((ids) => ids.slice(0, 2));
  const round = await post('/api/inspection-rounds', {
    name: '十一月模拟测评',
    kind: 'mock',
    campaignId: campaign.id,
    standardVersionId: version.id,
    startDate: '2026-11-20',
    endDate: '2026-11-25',
    siteIds: chosen,
    inspectorIds: [],
  });
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 120, g: 110, b: 90 } } })
    .jpeg()
    .toBuffer();
  const upload = await office.request.post(`${e2e.baseUrl}/api/files`, {
    headers,
    multipart: { file: { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const photoId = ((await upload.json()) as { id: string }).id;
  let n = 0;
  for (const siteId of chosen) {
    const checklist = (await get(`/api/inspection-rounds/${round.id}/checklist?siteId=${siteId}`)) as {
      items: Array<{ standardId: string; negative: boolean }>;
    };
    const results = checklist.items
      .filter((i) => !i.negative)
      .map((i) => {
        const fail = n++ % 5 === 1;
        return {
          standardId: i.standardId,
          verdict: fail ? 'fail' : 'pass',
          photoIds: fail ? [photoId] : [],
          note: fail ? '不符合' : undefined,
        };
      });
    if (results.length) await post(`/api/inspection-rounds/${round.id}/visits`, { siteId, results });
  }
  return campaign;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

describe('测评预测 in Chromium', () => {
  it('the office opens 测评预测: the expected score with its band, the method, the priority list and its links', async () => {
    const office = await signIn(e2e, 'office');
    await seedRound(office);
    await office.getByRole('menuitem', { name: '测评预测' }).click();
    await office.waitForURL(/\/prediction/);
    await office.getByText('预计实地考察得分').waitFor();
    await office.getByRole('img', { name: /预计得分 [\d.]+ 分，80% 区间/ }).waitFor();
    await expect.poll(() => office.getByText(/\b[ABCD] 级/).count()).toBeGreaterThan(0);
    const rows = office.locator('.ant-card', { hasText: '对标补短清单' }).locator('tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(3);
    await office.getByText('十一月模拟测评').waitFor();
    await shot(office, 'prediction-desktop');

    // The 对标补短 workbook as the page's 导出 downloads it (kept for a look: /tmp/shots/prediction.xlsx).
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('button', { name: '导出' }).click()]);
    expect(download.suggestedFilename()).toMatch(/对标补短清单\.xlsx$/);
    await download.saveAs(path.join(SHOTS, 'prediction.xlsx'));

    await office.getByRole('button', { name: '估算方法' }).click();
    await office.getByText('预测区间').first().waitFor();
    await shot(office, 'prediction-method');
    await office.keyboard.press('Escape');

    // The first row with open problems leads to them.
    const withProblems = rows.filter({ hasText: /\d+ 件/ }).first();
    const code = (await withProblems.locator('td').nth(1).locator('b').first().innerText()).trim();
    await withProblems.getByRole('link', { name: '查看问题' }).click();
    await office.waitForURL(/\/problems\?/);
    expect(new URL(office.url()).searchParams.get('standardCode')).toBe(code);
    await office.getByText(`测评标准 ${code}`).waitFor();
    await office.locator('tr.ant-table-row').first().waitFor();
    await shot(office, 'prediction-problems-link');
  }, 180_000);

  it('on a phone (390 × 844) the page shows the score and the list as cards, without sideways scrolling', async () => {
    const phone = await signIn(e2e, 'office', PHONE);
    await phone.goto(`${e2e.baseUrl}/prediction`);
    await phone.getByText('预计实地考察得分').waitFor();
    await phone.locator('.cc-card').first().waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, 'prediction-phone');
  }, 120_000);
});
