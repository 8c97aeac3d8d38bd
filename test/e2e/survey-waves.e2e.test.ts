/**
 * 问卷调查 waves in Chromium (issue 12): the office makes a questionnaire from a starter template (through the API — the
 * builder has its own test), then in the UI opens a wave: picks it, fills the population of two towns × two groups and
 * sees the quota preview add up to the target, assigns the inspector to both towns, saves and 开始调查; the progress
 * grid shows the cells. The inspector posts interviews through the API; the wave page counts them, the results page
 * shows rates with their 95 % intervals and the .docx report downloads (a zip: PK…). The wave and results pages on a
 * phone are cards without sideways scrolling. Screenshots: /tmp/shots/h6/ and test-results/screenshots/.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allQuestions, isShown, type Answers, type QuestionnaireDefinition } from '../../common/surveys';
import { DESKTOP, PHONE, SHOTS, signIn, startE2E, type E2E } from './server';

const OWN_SHOTS = '/tmp/shots/h6';
let e2e: E2E;

async function shot(page: Page, name: string) {
  fs.mkdirSync(OWN_SHOTS, { recursive: true });
  const buffer = await page.screenshot({ fullPage: true });
  fs.writeFileSync(path.join(OWN_SHOTS, `${name}.png`), buffer);
  fs.writeFileSync(path.join(SHOTS, `survey-waves-${name}.png`), buffer);
}

function apiOf(page: Page) {
  const headers = async () => ({
    'x-csrf-token': ((await (await page.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string }).csrfToken,
  });
  return {
    get: async <T>(url: string): Promise<T> => {
      const res = await page.request.get(`${e2e.baseUrl}${url}`);
      expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
      return (await res.json()) as T;
    },
    post: async <T>(url: string, data: unknown): Promise<T> => {
      const res = await page.request.post(`${e2e.baseUrl}${url}`, { headers: await headers(), data });
      expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
      return (await res.json()) as T;
    },
  };
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Answers every shown question: the n-th interview is satisfied unless n % 4 === 3 (a spread, not one pattern). */
function answersFor(def: QuestionnaireDefinition, n: number): Answers {
  const answers: Answers = {};
  for (const q of allQuestions(def)) {
    if (!isShown(q, answers)) continue;
    const choices = q.choices ?? [];
    if (q.type === 'knowledge') answers[q.code] = q.multi ? [...(q.correct ?? [])] : (q.correct ?? [choices[0].code])[0];
    else if (q.type === 'multiple') answers[q.code] = [choices[n % choices.length].code];
    else if (q.type === 'single' || q.type === 'scale') {
      const counting = choices.filter((c) => c.counts);
      const other = choices.filter((c) => !c.counts && c.valid !== false);
      const pick = n % 4 === 3 && other.length ? other[0] : (counting[n % Math.max(1, counting.length)] ?? choices[0]);
      answers[q.code] = pick.code;
    } else if (q.type === 'number') answers[q.code] = q.min ?? 1;
    else if (q.required) answers[q.code] = '环境整洁，希望继续保持';
  }
  return answers;
}

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());

/** The machine is shared with other browser tests: a step may take a while. */
describe('问卷调查: a wave with quotas, progress and results', () => {
  let waveId = '';
  let definition: QuestionnaireDefinition;
  const towns: Array<{ id: string; name: string }> = [];

  it('the office opens a wave with quotas in the UI and starts it', async () => {
    const office = await signIn(e2e, 'office', DESKTOP);
    const api = apiOf(office);
    const tree = await api.get<{
      items: Array<{
        id: string;
        code: string;
        name: string;
        level: string;
        children?: Array<{ id: string; name: string; level: string }>;
      }>;
    }>('/api/regions/tree');
    const find = (nodes: typeof tree.items, code: string): (typeof tree.items)[number] | undefined =>
      nodes.map((n) => (n.code === code ? n : find((n.children ?? []) as typeof tree.items, code))).find(Boolean);
    const county = find(tree.items, '139901')!;
    expect(county, '示范县 in the office tree').toBeTruthy();
    towns.push(...(county.children ?? []).filter((c) => c.level === 'town').slice(0, 2));
    expect(towns).toHaveLength(2);

    const templates = await api.get<Array<{ code: string; name: string }>>('/api/surveys/questionnaire-templates');
    const template = templates.find((t) => t.code === 'wenming-manyidu') ?? templates[0];
    const q = await api.post<{ id: string; name: string; version: number; definition: QuestionnaireDefinition }>(
      '/api/surveys/questionnaires/from-template',
      { regionId: county.id, template: template.code },
    );
    definition = q.definition;
    const groups = definition.groups.slice(0, 2);

    await office.goto(`${e2e.baseUrl}/surveys/waves/new`);
    await office.getByLabel('问卷', { exact: true }).click();
    await office
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${q.name}（第 ${q.version} 版）` })
      .first()
      .click();
    await office.getByLabel('调查名称').fill('2026年第四季度创城群众满意度入户调查');
    const region = office.getByLabel('调查区域（县区）');
    await region.click();
    await region.fill(county.name);
    await office
      .locator('.ant-select-dropdown:visible .ant-select-tree-title')
      .filter({ hasText: new RegExp(`^${county.name}$`) })
      .first()
      .click();
    const range = office.locator('.ant-picker-range input');
    await range.first().click();
    await range.first().fill('2026-12-01');
    await range.first().press('Enter');
    await range.nth(1).fill('2026-12-31');
    await range.nth(1).press('Enter');
    await office.getByLabel('目标样本量').fill('40');

    // Population: town 1 has three times town 2's people; group 1 twice group 2 — the preview follows.
    const pops = [
      [6000, 3000],
      [2000, 1000],
    ];
    for (const [ti, t] of towns.entries())
      for (const [gi, g] of groups.entries()) await office.getByLabel(`${t.name}${g.label}人口`).fill(String(pops[ti][gi]));
    await office.getByText('样本 40 份 · 已分配 40').waitFor();
    // 40 × 6000/12000 = 20, × 3000/12000 = 10, 2000 → 6.67, 1000 → 3.33: 20 / 10 / 7 / 3 by largest remainder.
    await expect.poll(() => office.getByTestId(`quota-${towns[0].name}-${groups[0].code}`).textContent()).toBe('配额 20');
    await expect.poll(() => office.getByTestId(`quota-${towns[1].name}-${groups[0].code}`).textContent()).toBe('配额 7');
    await expect.poll(() => office.getByTestId(`quota-${towns[1].name}-${groups[1].code}`).textContent()).toBe('配额 3');
    await expect.poll(() => office.getByTestId('quota-total').textContent()).toBe('40');

    await office.getByRole('button', { name: '添加访问员' }).click();
    const who = office.getByLabel('第1位访问员', { exact: true });
    await who.click();
    await who.fill('冯建军');
    await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '冯建军' }).first().click();
    const where = office.getByLabel('第1位访问员的乡镇');
    await where.click();
    for (const t of towns)
      await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: t.name }).first().click();
    await office.keyboard.press('Escape');
    await shot(office, 'wave-editor-desktop');

    await office.getByRole('button', { name: '保存调查' }).click();
    await office.waitForURL(/\/surveys\/waves\/[0-9a-f-]{36}$/);
    waveId = office.url().split('/').pop()!;
    await expect.poll(() => office.getByTestId('wave-state').textContent()).toBe('筹备中');

    await office.getByRole('button', { name: '开始调查' }).click();
    await office.locator('.ant-popover:visible').getByRole('button', { name: '开始调查' }).click();
    await expect.poll(() => office.getByTestId('wave-state').textContent()).toBe('调查中');
    await office.getByTestId('progress-grid').waitFor();
    // The server's quotas are the preview's (the same allocateQuotas).
    await expect.poll(() => office.getByTestId(`cell-${towns[0].name}-${groups[0].code}`).textContent()).toContain('0/20');
    await expect.poll(() => office.getByTestId(`cell-${towns[1].name}-${groups[0].code}`).textContent()).toContain('0/7');
    await expect.poll(() => office.getByTestId(`cell-${towns[1].name}-${groups[1].code}`).textContent()).toContain('0/3');
    await office.getByText('公众链接').first().waitFor();
    await shot(office, 'wave-open-desktop');

    // The public link of a town, with its QR code drawn in the browser.
    const link = await office
      .getByTitle(/\/s\/[A-Za-z0-9_-]{16,64}\?town=/)
      .first()
      .textContent();
    expect(link).toContain(`?town=${towns[0].id}`);
    await office.getByRole('button', { name: `${towns[0].name}二维码` }).click();
    const qr = office.getByTestId('public-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await shot(office, 'wave-qr-desktop');
    await office.keyboard.press('Escape');
  }, 180_000);

  it('interviews posted by the inspector show on the wave page; results render with intervals; the report downloads', async () => {
    expect(waveId).not.toBe('');
    const inspector = await signIn(e2e, 'inspector', DESKTOP);
    const api = apiOf(inspector);
    const groups = definition.groups.slice(0, 2);
    const now = Date.now();
    let n = 0;
    for (const [ti, t] of towns.entries())
      for (const [gi, g] of groups.entries())
        for (let k = 0; k < (ti === 0 && gi === 0 ? 8 : 3); k++, n++) {
          const finished = new Date(now - n * 60_000);
          await api.post(`/api/surveys/waves/${waveId}/responses`, {
            clientId: crypto.randomUUID(),
            method: 'door',
            profile: { townId: t.id, group: g.code, gender: n % 2 ? 'female' : 'male', age: 25 + (n % 35), residence: 'gt3y' },
            answers: answersFor(definition, n),
            location: { lat: 39.9 + n * 0.01, lng: 116.3 + n * 0.01 },
            startedAt: new Date(finished.getTime() - 9 * 60_000).toISOString(),
            finishedAt: finished.toISOString(),
          });
        }
    expect(n).toBe(17);

    const office = await signIn(e2e, 'office', DESKTOP);
    await office.goto(`${e2e.baseUrl}/surveys/waves/${waveId}`);
    await expect.poll(() => office.getByTestId(`cell-${towns[0].name}-${groups[0].code}`).textContent()).toContain('8/20');
    await office.getByText('冯建军').first().waitFor();
    await shot(office, 'wave-progress-desktop');

    await office.getByRole('button', { name: '查看结果' }).click();
    await office.waitForURL(`**/surveys/waves/${waveId}/results`);
    const interval = /\d{1,3}\.\d%（\d{1,3}\.\d–\d{1,3}\.\d）/;
    await expect.poll(() => office.locator('.ant-table-tbody').first().innerText(), { timeout: 15_000 }).toMatch(interval);
    const table = await office.locator('.ant-table-tbody').first().innerText();
    for (const t of towns) expect(table).toContain(t.name);
    await office.getByTestId('results-chart').waitFor();
    await office.getByTestId('costly-questions').waitFor();
    await office.getByText('总体', { exact: true }).click();
    await expect.poll(() => office.locator('.ant-table-tbody').first().innerText()).toMatch(/17/);
    await office.getByText('乡镇', { exact: true }).click();
    await office.waitForTimeout(600); // the chart's first frame
    await shot(office, 'results-desktop');

    const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('button', { name: '导出报告' }).click()]);
    const file = await download.path();
    const bytes = fs.readFileSync(file!);
    expect(bytes.length).toBeGreaterThan(2000);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/\.docx$/);

    // A flagged interview (if the checks flagged any) is voided with a note after a confirmation.
    await office.goto(`${e2e.baseUrl}/surveys/waves/${waveId}`);
    await office.getByTestId('progress-grid').waitFor();
    const flagged = await apiOf(office).get<{ total: number }>(`/api/surveys/waves/${waveId}/responses?flagged=true`);
    if (flagged.total > 0) {
      await office.getByRole('button', { name: /^作废/ }).first().click();
      const dialog = office.getByRole('dialog');
      await dialog.getByLabel('复核说明').fill('电话回访未能核实，作废');
      await dialog.getByRole('button', { name: '作废' }).click();
      await office.getByText('已作废，该答卷不再计入结果').waitFor();
      await expect.poll(() => office.getByText('已作废', { exact: true }).count()).toBeGreaterThan(0);
    }
  }, 180_000);

  it('on a phone the wave and results pages are cards without sideways scrolling', async () => {
    const phone = await signIn(e2e, 'office', PHONE);
    await phone.goto(`${e2e.baseUrl}/surveys/waves/${waveId}`);
    await phone.getByTestId('progress-grid').waitFor();
    expect(await noSideScroll(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'wave-phone');

    await phone.goto(`${e2e.baseUrl}/surveys/waves/${waveId}/results`);
    await phone.getByTestId('totals').waitFor();
    await expect.poll(() => phone.locator('.cc-card').first().innerText()).toMatch(/\d\.\d%（/);
    expect(await phone.locator('.ant-table').count()).toBe(0);
    await phone.waitForTimeout(600);
    expect(await noSideScroll(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'results-phone');

    // The editor on a phone: the population as a card per town, no sideways scrolling.
    await phone.goto(`${e2e.baseUrl}/surveys/waves/new`);
    await phone.getByLabel('调查名称').waitFor();
    expect(await noSideScroll(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'wave-editor-phone');
  }, 180_000);
});
