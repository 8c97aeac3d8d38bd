/**
 * 入户调查 on the interviewer's phone, with no signal: the office (through the API) builds a questionnaire with skip
 * logic and opens a wave for the demo volunteer in two towns (one interview per town × group); the volunteer opens
 * /interview online, the network goes away, two interviews are taken — one eligible whose answer skips a question,
 * one ineligible that ends politely — and a third respondent in the cell the first filled is refused (配额已满,
 * counting the phone's own waiting interview). 待同步 2 goes out by itself once online; the wave then holds exactly
 * the eligible one (no duplicate), and the cell reads 已满 from the server too.
 * Screenshots (phone): test-results/screenshots/interview-*.png and /tmp/shots/h4/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DESKTOP, PHONE, SHOTS, signIn, startE2E, type E2E } from './server';

const WAVE = '示范县创城群众满意度入户调查（测试）';
const MY_SHOTS = '/tmp/shots/h4';
const PLACE = { latitude: 39.121, longitude: 116.482, accuracy: 12 };

let e2e: E2E;
let office: BrowserContext;
let csrf: string;
let waveId: string;
let officeId: string;
let townIds: Record<'城关街道' | '城东街道', string>;

const DEFINITION = {
  title: '示范县创建全国文明城市群众满意度调查',
  intro: '您好！我们正在开展创建全国文明城市群众满意度调查，耽误您几分钟时间，谢谢！',
  groups: [
    { code: 'citizen', label: '市民' },
    { code: 'merchant', label: '个体工商户' },
  ],
  sections: [
    {
      code: 'S1',
      title: '城市环境',
      questions: [
        {
          code: 'A1',
          type: 'scale',
          scale: 'satisfaction',
          rate: 'satisfaction',
          text: '您对本地市容市貌是否满意？',
          choices: [
            { code: 'A', label: '满意', counts: true },
            { code: 'B', label: '基本满意', counts: true },
            { code: 'C', label: '不满意', counts: false },
            { code: 'D', label: '不清楚', counts: false, valid: false },
          ],
        },
        { code: 'A2', type: 'text', text: '您觉得哪些方面最需要改进？', showIf: { question: 'A1', anyOf: ['C'] } },
      ],
    },
    {
      code: 'S2',
      title: '创建知晓',
      questions: [
        {
          code: 'B1',
          type: 'single',
          rate: 'support',
          text: '您是否支持本地创建全国文明城市？',
          choices: [
            { code: 'A', label: '支持', counts: true },
            { code: 'B', label: '不支持', counts: false },
          ],
        },
        {
          code: 'B2',
          type: 'multiple',
          required: false,
          text: '您通过哪些渠道了解创建活动？',
          choices: [
            { code: 'A', label: '电视广播' },
            { code: 'B', label: '社区宣传' },
            { code: 'C', label: '微信公众号' },
          ],
        },
      ],
    },
  ],
};

async function json<T>(res: Awaited<ReturnType<APIRequestContext['get']>>, status: number | number[] = [200, 201]): Promise<T> {
  const ok = Array.isArray(status) ? status : [status];
  const text = await res.text();
  expect(ok, `${res.url()} → ${res.status()} ${text}`).toContain(res.status());
  return JSON.parse(text) as T;
}

const get = <T>(url: string) => office.request.get(`${e2e.baseUrl}${url}`).then((r) => json<T>(r, 200));
const post = <T>(url: string, data: unknown) =>
  office.request.post(`${e2e.baseUrl}${url}`, { data, headers: { 'x-csrf-token': csrf } }).then((r) => json<T>(r));

interface Quota {
  townName: string;
  groupCode: string;
  target: number;
  done: number;
}
const wave = () => get<{ done: number; quotas: Quota[]; version: number; state: string }>(`/api/surveys/waves/${waveId}`);

/** As the office, through the API: the questionnaire, a wave of 4 in two towns × two groups, opened for the volunteer. */
async function openWaveForVolunteer() {
  office = await e2e.browser.newContext();
  const login = await office.request.post(`${e2e.baseUrl}/api/auth/login`, { data: { username: 'office', password: DEMO_PASSWORD } });
  csrf = (await json<{ csrfToken: string }>(login, 200)).csrfToken;
  const counties = await get<{ items: Array<{ id: string; name: string }> }>(
    `/api/regions?level=county&search=${encodeURIComponent('示范县')}`,
  );
  const county = counties.items.find((r) => r.name === '示范县')!;
  const towns = await get<{ items: Array<{ id: string; name: string }> }>('/api/regions?level=town&pageSize=100');
  const town = (name: string) => towns.items.find((t) => t.name === name)!.id;
  const users = await get<{ items: Array<{ id: string; username: string }> }>('/api/users?search=volunteer&pageSize=100');
  const volunteer = users.items.find((u) => u.username === 'volunteer')!;
  const offices = await get<{ items: Array<{ id: string; username: string }> }>('/api/users?search=office&pageSize=100');
  officeId = offices.items.find((u) => u.username === 'office')!.id;
  townIds = { 城关街道: town('城关街道'), 城东街道: town('城东街道') };

  const q = await post<{ id: string }>('/api/surveys/questionnaires', {
    regionId: county.id,
    name: '群众满意度（入户测试）',
    definition: DEFINITION,
  });
  const today = new Date().toISOString().slice(0, 10);
  const ends = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const population = ['城关街道', '城东街道'].flatMap((t) =>
    ['citizen', 'merchant'].map((g) => ({ townId: town(t), groupCode: g, population: 5000 })),
  );
  const created = await post<{ id: string; version: number }>('/api/surveys/waves', {
    questionnaireId: q.id,
    regionId: county.id,
    name: WAVE,
    startsOn: today,
    endsOn: ends,
    targetSize: 4,
    quotaByGender: false,
    minDurationSeconds: 0,
    publicLink: false,
    population,
    interviewers: [
      { userId: volunteer.id, townIds: [town('城关街道'), town('城东街道')] },
      // A second interviewer in 城东街道 (the office itself), who fills a cell while the volunteer is offline.
      { userId: officeId, townIds: [town('城东街道')] },
    ],
  });
  waveId = created.id;
  await post(`/api/surveys/waves/${waveId}/transitions`, { action: 'open', version: created.version });
  const opened = await wave();
  expect(opened.state).toBe('open');
  expect(opened.quotas.map((c) => c.target)).toEqual([1, 1, 1, 1]);
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(250);
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  fs.copyFileSync(file, path.join(MY_SHOTS, `${name}.png`));
}

/** Nothing wider than the phone (no sideways scrolling at 390 px). */
async function fitsPhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

async function profile(page: Page, p: { town: string; group: string; gender: string; age: number; residence: string }) {
  await page.getByRole('radiogroup', { name: '乡镇（街道）' }).getByRole('radio', { name: p.town }).click();
  await page.getByRole('radiogroup', { name: '调查对象' }).getByRole('radio', { name: p.group }).click();
  await page.getByRole('radiogroup', { name: '性别' }).getByRole('radio', { name: p.gender }).click();
  await page.getByLabel('年龄（周岁）').fill(String(p.age));
  await page.getByRole('radiogroup', { name: '在本地居住年限' }).getByRole('radio', { name: p.residence }).click();
}

beforeAll(async () => {
  fs.mkdirSync(MY_SHOTS, { recursive: true });
  e2e = await startE2E();
  await openWaveForVolunteer();
});
afterAll(async () => {
  await office?.close().catch(() => undefined);
  await e2e?.close();
});

describe('入户调查 on a phone', () => {
  it('two interviews with no signal (one skipping a question, one ineligible), a full cell refused, synced exactly once', async () => {
    const page = await signIn(e2e, 'volunteer', { ...PHONE, geolocation: PLACE, permissions: ['geolocation'], serviceWorkers: 'allow' });
    const context = page.context();
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('dialog').getByRole('menuitem', { name: '入户调查' }).click();
    await page.waitForURL((url) => url.pathname === '/interview');
    const card = page.getByRole('region', { name: WAVE });
    await card.getByRole('listitem', { name: '城关街道 市民 还差 1' }).waitFor();
    await page.getByLabel('待同步 0').waitFor();
    // What a person leaves behind online: the app shell installed, the questionnaire page's code fetched.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForLoadState('networkidle');
    await fitsPhone(page);
    await shot(page, 'interview-home-phone');

    await context.setOffline(true);
    await card.getByRole('button', { name: '开始访问' }).click();
    await page.waitForURL((url) => url.pathname === `/interview/${waveId}`);
    await page.getByText('网络已断开').first().waitFor();

    // 1. Eligible: 满意 skips 「哪些方面最需要改进」.
    await page.getByRole('radiogroup', { name: '访问方式' }).getByRole('radio', { name: '入户' }).click();
    await profile(page, { town: '城关街道', group: '市民', gender: '女', age: 34, residence: '3年以上' });
    await page.getByText('该类受访者还差 1 份').waitFor();
    await fitsPhone(page);
    await shot(page, 'interview-profile-phone');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('第 1 / 3 题').waitFor();
    await page.getByRole('button', { name: '下一题' }).click();
    await page.getByText('本题为必答题，请作答后继续').waitFor();
    await page.getByRole('radio', { name: '满意', exact: true }).click();
    await fitsPhone(page);
    await shot(page, 'interview-question-phone');
    await page.getByRole('button', { name: '下一题' }).click();
    await page.getByText('您是否支持本地创建全国文明城市？').waitFor();
    await page.getByText('第 2 / 3 题').waitFor();

    // The draft survives a reload with no signal.
    await page.reload();
    await page.getByText('有一份未完成的访问').waitFor();
    await shot(page, 'interview-resume-phone');
    await page.getByRole('button', { name: '继续上次访问' }).click();
    await page.getByText('第 2 / 3 题').waitFor();
    await page.getByRole('radio', { name: '支持', exact: true }).click();
    await page.getByRole('button', { name: '下一题' }).click();
    await page.getByRole('checkbox', { name: '电视广播' }).click();
    await page.getByRole('checkbox', { name: '社区宣传' }).click();
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByText('问卷已保存').waitFor();
    expect(await page.getByText('您觉得哪些方面最需要改进？').count()).toBe(0);
    await shot(page, 'interview-done-phone');

    // 2. The same cell again: full, counting the interview waiting on the phone.
    await page.getByRole('button', { name: '访问下一位' }).click();
    await profile(page, { town: '城关街道', group: '市民', gender: '男', age: 45, residence: '1至3年' });
    await page.getByRole('alert').filter({ hasText: '配额已满' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: '下一步' }).isDisabled()).toBe(true);
    await fitsPhone(page);
    await shot(page, 'interview-quota-full-phone');

    // 3. Ineligible (70 years old): ends politely, recorded without answers.
    await page.getByRole('radiogroup', { name: '乡镇（街道）' }).getByRole('radio', { name: '城东街道' }).click();
    await page.getByLabel('年龄（周岁）').fill('70');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('访问结束').waitFor();
    await page.getByText('您无需继续作答').waitFor();
    await shot(page, 'interview-ineligible-phone');

    await page.getByRole('button', { name: '返回调查任务' }).click();
    await page.getByLabel('待同步 2').waitFor();
    await card.getByRole('listitem', { name: '城关街道 市民 还差 0' }).getByText('已满').waitFor();
    await card.getByRole('listitem', { name: '城东街道 市民 还差 1' }).waitFor();
    expect((await wave()).done).toBe(0);
    await fitsPhone(page);
    await shot(page, 'interview-offline-home-phone');

    // Online again: both go out by themselves, once.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByLabel('待同步 0').waitFor();
    // The cell's figures come back from the server: 1 of 1 done, nothing waiting.
    await card.getByRole('listitem', { name: '城关街道 市民 还差 0' }).getByText('1/1', { exact: true }).waitFor();
    const after = await wave();
    expect(after.done).toBe(1);
    expect(after.quotas.find((c) => c.townName === '城关街道' && c.groupCode === 'citizen')!.done).toBe(1);
    expect(after.quotas.reduce((s, c) => s + c.done, 0)).toBe(1);
    await card.getByRole('listitem', { name: '城关街道 市民 还差 0' }).getByText('已满').waitFor();
    await shot(page, 'interview-synced-phone');

    // The full cell is refused from the server's figure too, online.
    await card.getByRole('button', { name: '开始访问' }).click();
    await profile(page, { town: '城关街道', group: '市民', gender: '女', age: 28, residence: '3年以上' });
    await page.getByRole('alert').filter({ hasText: '配额已满' }).waitFor();
    expect((await wave()).done).toBe(1);
  }, 180_000);

  it('an interview the server refuses as 配额已满 (another interviewer filled the cell meanwhile) stays visible until discarded', async () => {
    const page = await signIn(e2e, 'volunteer', PHONE);
    const context = page.context();
    await page.goto(`${e2e.baseUrl}/interview`);
    const card = page.getByRole('region', { name: WAVE });
    await card.getByRole('listitem', { name: '城东街道 个体工商户 还差 1' }).waitFor();
    await page.waitForLoadState('networkidle');

    await context.setOffline(true);
    await card.getByRole('button', { name: '开始访问' }).click();
    await page.getByRole('radiogroup', { name: '访问方式' }).getByRole('radio', { name: '拦截' }).click();
    await profile(page, { town: '城东街道', group: '个体工商户', gender: '男', age: 52, residence: '6个月至1年' });
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('radio', { name: '基本满意' }).click();
    await page.getByRole('button', { name: '下一题' }).click();
    await page.getByRole('radio', { name: '支持', exact: true }).click();
    await page.getByRole('button', { name: '下一题' }).click();
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByText('问卷已保存').waitFor();

    // Meanwhile the other interviewer of 城东街道 fills the cell.
    const now = new Date();
    await post(`/api/surveys/waves/${waveId}/responses`, {
      clientId: crypto.randomUUID(),
      method: 'door',
      profile: { townId: townIds['城东街道'], group: 'merchant', gender: 'female', age: 41, residence: 'gt3y' },
      answers: { A1: 'A', B1: 'A' },
      startedAt: new Date(now.getTime() - 600_000).toISOString(),
      finishedAt: now.toISOString(),
    });
    expect((await wave()).done).toBe(2);

    await page.getByRole('button', { name: '返回调查任务' }).click();
    await page.getByLabel('待同步 1').waitFor();
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const refused = page.getByRole('list', { name: '未被收录的问卷' });
    await refused.getByText('配额已满').first().waitFor();
    await page.getByLabel('待同步 0').waitFor();
    expect((await wave()).done).toBe(2);
    // The server's figures are read again after the refusal: the cell now reads 已满.
    await card.getByRole('listitem', { name: '城东街道 个体工商户 还差 0' }).getByText('1/1', { exact: true }).waitFor();
    await fitsPhone(page);
    await shot(page, 'interview-refused-phone');

    // Still there after a reload; 放弃 asks first.
    await page.reload();
    await refused.getByText('配额已满').first().waitFor();
    await refused.getByRole('button', { name: '放弃' }).click();
    await page.getByRole('button', { name: '放弃', exact: true }).last().click();
    await refused.waitFor({ state: 'detached' });
    expect((await wave()).done).toBe(2);

    // On a desktop (the office, assigned to 城东街道 as well) the page reads the same.
    const desk = await signIn(e2e, 'office', DESKTOP);
    await desk.goto(`${e2e.baseUrl}/interview`);
    await desk.getByRole('region', { name: WAVE }).getByRole('listitem', { name: '城东街道 个体工商户 还差 0' }).waitFor();
    await shot(desk, 'interview-home-desktop');
    await desk.context().close();
  }, 120_000);
});
