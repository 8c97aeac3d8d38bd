/**
 * 志愿之城 end to end (issue 14, "Volunteers"): a resident registers on a 390×844 phone at /p/volunteer (SMS code
 * read from the outbox, ID number with its check digit), the team's admin approves on a desktop (审核 → 通过), the
 * volunteer signs up for an activity that is under way, the organiser's phone shows the rotating QR code (its text
 * read from the page's data attribute), the volunteer types the code in: first a wrong one (a plain Chinese refusal),
 * then the real one from far away (422 outside_geofence → 仍要签到（需组织者确认）), the organiser confirms the outside
 * scan; the server's clock moves on 100 minutes (both sessions kept alive), the volunteer checks out inside the range
 * with the new code, the organiser certifies (认证时长) and corrects with a reason (更正), and the volunteer's
 * 我的志愿 shows the hours and the star progress; the certificate's code checks out on the public page. Screenshots of
 * every 志愿服务 page on a desktop and a phone: volunteers-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import type { Clock } from '../../server/platform/clock';
import type { Database } from '../../server/platform/db';
import { launchChromium, openDemoCopy, DESKTOP, PHONE, SHOTS, signIn, type E2E } from './server';

/** The server's clock: the real time moved on by `offsetMs` (the test moves it between check-in and check-out). */
let offsetMs = 0;
const shiftedClock: Clock = { now: () => new Date(Date.now() + offsetMs) };

let e2e: E2E;
let database: Database;
let countyId = '';
let teamId = '';
let activityId = '';
let place = { lat: 0, lng: 0 };
let dataDir = '';

const TEAM = '示范县文明实践志愿服务总队';
const ACTIVITY = '城东农贸市场文明劝导';
const RESIDENT = { name: '陈晓雯', phone: '13812345678', password: 'Zhiyuan#2026' };

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SHOTS, `volunteers-${name}.png`), fullPage });
const sideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Waits until the first match is visible. */
const visible = (locator: Locator, timeout = 15_000) => locator.first().waitFor({ state: 'visible', timeout });
/** Waits until the first match's text contains `text`. */
async function contains(locator: Locator, text: string | RegExp, timeout = 15_000) {
  const read = async () => ((await locator.count()) ? await locator.first().innerText() : '');
  if (typeof text === 'string') await expect.poll(read, { timeout }).toContain(text);
  else await expect.poll(read, { timeout }).toMatch(text);
}

/** A valid 18-digit ID number (GB 11643 check character) from 17 digits. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A JSON call with the page's session (CSRF token from the session). */
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

/** Moves the server's clock on in steps under the 30-minute idle limit, each signed-in page touching its session. */
async function advanceMinutes(minutes: number, pages: Page[]) {
  for (let done = 0; done < minutes; done += 20) {
    offsetMs += Math.min(20, minutes - done) * 60_000;
    for (const p of pages) expect((await p.request.get(`${e2e.baseUrl}/api/auth/session`)).ok()).toBe(true);
  }
}

/** The code the organiser's page shows now (waits for one different from `previous`). */
async function codeOn(page: Page, previous = ''): Promise<string> {
  const holder = page.getByTestId('checkin-code');
  await expect.poll(async () => (await holder.getAttribute('data-code')) ?? '', { timeout: 15_000 }).not.toBe(previous);
  const code = (await holder.getAttribute('data-code')) ?? '';
  expect(code.length).toBeGreaterThanOrEqual(10);
  await contains(page.getByTestId('checkin-code-text'), code);
  return code;
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-vol-'));
  dataDir = dir;
  database = await openDemoCopy();
  const app = await buildApp({ database, clock: shiftedClock, logLevel: 'silent', filesDir: path.join(dir, 'files') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const browser: Browser = await launchChromium();
  e2e = {
    baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  const county = (await sql<{ id: string }>`select id from regions where code = '139901'`.execute(database.db)).rows[0]!;
  countyId = county.id;
  const site = (
    await sql<{ lat: number; lng: number }>`select lat, lng from sites where name = '城东农贸市场' and lat is not null limit 1`.execute(
      database.db,
    )
  ).rows[0];
  place = site ? { lat: Number(site.lat), lng: Number(site.lng) } : { lat: 38.0428, lng: 114.5149 };
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

// Each step is a whole flow on a real browser; a loaded CI machine needs more than the default minute.
describe('志愿之城 on a phone', { timeout: 120_000 }, () => {
  it('the office sets up a team (admin 卫思琪), a station and an activity under way', async () => {
    const office = await signIn(e2e, 'office');
    const admin = (await sql<{ id: string }>`select id from users where username = 'volunteer'`.execute(database.db)).rows[0]!;
    const team = await call<{ id: string }>(office, 'POST', '/api/volunteers/teams', {
      regionId: countyId,
      kind: 'corps',
      name: TEAM,
      contactName: '卫思琪',
      contactPhone: '13903192004',
      description: '示范县新时代文明实践志愿服务总队，下设文明劝导、环境清洁、关爱帮扶等支队。',
    });
    teamId = team.id;
    await call(office, 'PUT', `/api/volunteers/teams/${teamId}/admins`, { userIds: [admin.id] });
    await call(office, 'POST', '/api/volunteers/teams', {
      regionId: countyId,
      parentId: teamId,
      kind: 'detachment',
      name: '文明劝导志愿服务支队',
    });
    await call(office, 'POST', '/api/volunteers/stations', {
      regionId: countyId,
      level: 'center',
      name: '示范县新时代文明实践中心',
      address: '人民路 88 号',
      location: { lat: place.lat + 0.004, lng: place.lng - 0.003 },
      contactName: '周建国',
      contactPhone: '0311-86012345',
    });
    const now = Date.now();
    const activity = await call<{ id: string }>(office, 'POST', '/api/volunteers/activities', {
      teamId,
      title: ACTIVITY,
      description: '劝导乱停乱放、占道经营，发放文明倡议书。请穿志愿者马甲，8:50 在市场南门集合。',
      startsAt: new Date(now - 10 * 60_000).toISOString(),
      endsAt: new Date(now + 4 * 3_600_000).toISOString(),
      place: '城东农贸市场南门',
      location: place,
      geofenceM: 200,
      capacity: 10,
      skills: ['文明劝导', '宣传讲解'],
    });
    activityId = activity.id;
    await office.context().close();
  });

  it('a resident registers on the phone', async () => {
    const context = await e2e.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/p/volunteer`);
    await page.locator('select[aria-label="志愿队伍"] option', { hasText: TEAM }).waitFor({ state: 'attached' });
    // Before joining, the resident sees what the county is recruiting for (the activity under way, its places).
    const recruiting = page.getByTestId('recruiting');
    await visible(recruiting.getByText(ACTIVITY));
    await expect.poll(() => recruiting.textContent()).toMatch(/还剩 \d+ 个名额（共 10 个）/);
    await shot(page, 'register-recruiting-phone', false);
    await page.getByLabel('姓名').fill(RESIDENT.name);
    await page.getByLabel('手机号码（登录账号）').fill(RESIDENT.phone);
    // A wrong check digit is said at once.
    const id = idNumber('13990119920315102');
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    await page.getByLabel('身份证号码').fill(wrong);
    await page.getByLabel('姓名').click();
    await expect.poll(() => page.getByText('身份证号码校验位不正确，请核对').count()).toBeGreaterThan(0);
    await page.getByLabel('身份证号码').fill(id);
    await page.getByRole('button', { name: '女' }).click();
    await page.getByRole('button', { name: '文明劝导' }).click();
    await page.getByRole('button', { name: '关爱帮扶' }).click();
    await page.getByLabel('可服务时间').fill('周末全天');
    await page
      .locator('select[aria-label="志愿队伍"]')
      .selectOption({ label: `${TEAM}（示范县）` })
      .catch(async () => {
        const value = await page.locator('select[aria-label="志愿队伍"] option', { hasText: TEAM }).first().getAttribute('value');
        await page.locator('select[aria-label="志愿队伍"]').selectOption(value!);
      });
    await page.getByRole('button', { name: '获取验证码' }).click();
    await visible(page.getByText(/验证码已发送至/));
    // The SMS goes to the outbox file (server/platform/outbox.ts); the database keeps no text.
    const lastSms = async () =>
      fs
        .readFileSync(path.join(dataDir, 'outbox', 'sms.log'), { encoding: 'utf8', flag: 'a+' })
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { to: string; text: string })
        .filter((m) => m.to === RESIDENT.phone)
        .at(-1)?.text ?? '';
    await expect.poll(lastSms).toMatch(/\d{6}/);
    const sms = await lastSms();
    await page.getByLabel('短信验证码').fill(/(\d{6})/.exec(sms)![1]!);
    await page.getByLabel('密码（至少 8 位）').fill(RESIDENT.password);
    await page.getByLabel('再次输入密码').fill(RESIDENT.password);
    await shot(page, 'register-phone');
    expect(await sideScroll(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '注册志愿者' }).click();
    await visible(page.getByTestId('register-done'), 30_000);
    await contains(page.getByTestId('register-done'), RESIDENT.phone);
    await shot(page, 'register-done-phone');
    await context.close();
    // Signed in while waiting for approval: 我的志愿 says so and shows what the county is recruiting for.
    const waiting = await signIn(e2e, RESIDENT.phone, PHONE, RESIDENT.password);
    await waiting.goto(`${e2e.baseUrl}/volunteers/me`);
    await visible(waiting.getByText('您的注册正在等待队伍管理员审核，审核通过后即可报名活动'));
    await contains(waiting.getByTestId('recruiting'), ACTIVITY);
    await contains(waiting.getByTestId('recruiting'), '还剩 10 个名额');
    await shot(waiting, 'me-pending-phone');
    expect(await sideScroll(waiting)).toBeLessThanOrEqual(0);
    await waiting.context().close();
  });

  it('the team admin approves the application on a desktop', async () => {
    const page = await signIn(e2e, 'volunteer', DESKTOP);
    await page.goto(`${e2e.baseUrl}/volunteers/teams`);
    await visible(page.getByText(TEAM));
    await visible(page.getByText('待审 1'));
    await visible(page.getByRole('button', { name: '待审核 1 人' }));
    await shot(page, 'teams-desktop');
    await page.getByRole('link', { name: /0 人\s*待审 1/ }).click();
    await page.waitForURL(/\/volunteers\/people\?teamId=/);
    const row = page.locator('tr', { hasText: RESIDENT.name });
    // The team's admin sees the phone (to call the applicant); the ID number is masked for everyone.
    await contains(row, RESIDENT.phone);
    await contains(row, '1399**********');
    await contains(row, '待审核');
    expect(await row.innerText()).not.toContain(idNumber('13990119920315102'));
    await row.getByRole('button', { name: '审核' }).click();
    const drawer = page.getByRole('dialog');
    await contains(drawer, '文明劝导');
    await page.waitForTimeout(500); // the drawer's slide-in
    await shot(page, 'review-desktop', false);
    // 不通过 without a reason is refused before anything is sent.
    await drawer.getByRole('button', { name: /^不\s?通\s?过$/ }).click();
    await visible(drawer.getByText('请填写未通过的原因'));
    await drawer.getByRole('button', { name: /^通\s?过$/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /^通\s?过$/ })
      .click();
    await contains(row, '已通过');
    await shot(page, 'people-desktop');
    await page.context().close();
  });

  let volunteer: Page;
  let organiser: Page;
  let firstCode = '';

  it('the volunteer signs up on the phone and the organiser’s phone shows the QR code', async () => {
    volunteer = await signIn(
      e2e,
      RESIDENT.phone,
      { ...PHONE, geolocation: { latitude: place.lat + 0.05, longitude: place.lng }, permissions: ['geolocation'] },
      RESIDENT.password,
    );
    await volunteer.goto(`${e2e.baseUrl}/volunteers/activities`);
    await volunteer.getByText(ACTIVITY).first().click();
    await volunteer.waitForURL(/\/volunteers\/activities\/[0-9a-f-]{36}$/);
    await volunteer.getByRole('button', { name: '我要报名' }).click();
    await volunteer.locator('.ant-modal-confirm').getByRole('button', { name: '确认报名' }).click();
    await contains(volunteer.getByTestId('my-signup'), '已报名');
    await visible(volunteer.getByText('已报名 1/10'));
    await shot(volunteer, 'activity-phone');
    expect(await sideScroll(volunteer)).toBeLessThanOrEqual(0);

    organiser = await signIn(e2e, 'office', PHONE);
    await organiser.goto(`${e2e.baseUrl}/volunteers/activities/${activityId}/organise`);
    firstCode = await codeOn(organiser);
    await visible(organiser.getByRole('img', { name: '签到二维码' }));
    await visible(organiser.getByText(/秒后自动更换/));
    await contains(organiser.getByTestId('roster-card').filter({ hasText: RESIDENT.name }), '未签到');
    await shot(organiser, 'organise-phone');
    expect(await sideScroll(organiser)).toBeLessThanOrEqual(0);
  });

  it('checks in from far away: refused with 仍要签到, recorded as outside and confirmed by the organiser', async () => {
    await volunteer.goto(`${e2e.baseUrl}/volunteers/checkin`);
    await visible(volunteer.getByText(/已获取位置/));
    await volunteer.getByLabel('签到码').fill('ZZZZZZZZZZZZZZZZ');
    await volunteer.getByRole('button', { name: '提交' }).click();
    await contains(volunteer.getByRole('alert'), '签到码无效');
    // The code the organiser's phone shows now (a code lives 30–60 s).
    firstCode = await codeOn(organiser);
    await volunteer.getByLabel('签到码').fill(firstCode);
    await volunteer.getByRole('button', { name: '提交' }).click();
    await contains(volunteer.getByRole('alert'), '仍要签到');
    await shot(volunteer, 'checkin-outside-phone');
    await volunteer.getByRole('button', { name: '仍要签到（需组织者确认）' }).click();
    await visible(volunteer.getByText('签到成功'));
    await visible(volunteer.getByText(/需组织者确认/));
    await shot(volunteer, 'checkin-done-phone');

    const card = organiser.getByTestId('roster-card').filter({ hasText: RESIDENT.name });
    await organiser.reload();
    await contains(card, '已签到');
    await contains(card, '范围外待确认');
    await organiser.getByRole('button', { name: '确认场外签到' }).click();
    await organiser.locator('.ant-modal-confirm').getByRole('button', { name: '确认' }).click();
    await contains(card, '范围外已确认');
  });

  it('100 minutes later checks out inside the range with the new code; the organiser certifies and corrects', async () => {
    await advanceMinutes(100, [volunteer, organiser]);
    await organiser.getByRole('button', { name: '立即更换' }).click();
    await volunteer.context().setGeolocation({ latitude: place.lat + 0.0005, longitude: place.lng });
    await volunteer.goto(`${e2e.baseUrl}/volunteers/checkin`);
    await visible(volunteer.getByText(/已获取位置/));
    // The code is read once the volunteer's page is ready: a code lives 30–60 s, and on a loaded machine the page
    // load alone has taken longer than that.
    const code = await codeOn(organiser, firstCode);
    await volunteer.getByLabel('签到码').fill(code);
    await volunteer.getByRole('button', { name: '提交' }).click();
    await visible(volunteer.getByText('签退成功'));
    await visible(volunteer.getByText(/本次服务 1\.\d 小时/));

    const card = organiser.getByTestId('roster-card').filter({ hasText: RESIDENT.name });
    await organiser.reload();
    await contains(card, '已签退');
    await organiser.getByRole('button', { name: '认证时长' }).click();
    await organiser.locator('.ant-modal-confirm').getByRole('button', { name: '认证时长' }).click();
    // The answer as a toast: 已认证 N 人 (or the server's refusal, shown in the failure).
    await contains(organiser.locator('.ant-message'), /已认证 1 人|.+/);
    expect(await organiser.locator('.ant-message').innerText()).toContain('已认证 1 人');
    await contains(card, '已认证');
    await shot(organiser, 'organise-certified-phone');

    // 更正: a reason is required; the history shows on the card.
    await card.locator('..').locator('..').getByRole('button', { name: '更正' }).click();
    const modal = organiser.locator('.ant-modal', { hasText: '更正' });
    await modal.getByLabel('更正后的时长（分钟）').fill('120');
    await modal.getByRole('button', { name: '更正' }).click();
    await visible(modal.getByText('请填写更正原因'));
    await modal.getByLabel('更正原因').fill('提前到场布置宣传展板，按现场签到表补计');
    await modal.getByRole('button', { name: '更正' }).click();
    await contains(card, '2 小时');
    await contains(card, '提前到场布置宣传展板');
  });

  it('the volunteer sees the hours, the star progress and a certificate anyone can check', async () => {
    await volunteer.goto(`${e2e.baseUrl}/volunteers/me`);
    await contains(volunteer.getByTestId('hours-total'), '2');
    await contains(volunteer.getByTestId('hours-year'), '2');
    await contains(volunteer.getByTestId('star-card'), '还未评星');
    await contains(volunteer.getByTestId('star-card'), '再服务 98 小时升为 1 星');
    await visible(volunteer.getByText(ACTIVITY));
    const download = volunteer.waitForEvent('download');
    await volunteer.getByRole('button', { name: '下载证明（Word）' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.docx$/);
    // Kept for a look (rendered to PDF by hand: libreoffice --headless --convert-to pdf).
    await (await download).saveAs(path.join(SHOTS, 'volunteers-certificate.docx'));
    await visible(volunteer.getByTestId('certificate-code'));
    const code = (await volunteer.getByTestId('certificate-code').innerText()).trim();
    await shot(volunteer, 'me-phone');
    expect(await sideScroll(volunteer)).toBeLessThanOrEqual(0);

    await volunteer.goto(`${e2e.baseUrl}/p/volunteer-certificates/${code}`);
    const cert = volunteer.getByTestId('certificate');
    await contains(cert, '证明真实有效');
    await contains(cert, '陈*');
    await contains(cert, TEAM);
    await contains(cert, '2 小时');
    await shot(volunteer, 'certificate-phone');
  });

  it('the office enters 常住人口 for two towns and they are kept', async () => {
    const page = await signIn(e2e, 'office');
    await page.goto(`${e2e.baseUrl}/volunteers/population`);
    await visible(page.getByText('城关街道'));
    await page.getByLabel('城关街道常住人口').fill('86500');
    await page.getByLabel('城东街道常住人口').fill('54230');
    await contains(page.locator('.ant-table-summary'), '140,730 人');
    await page.getByRole('button', { name: /^保\s?存$/ }).click();
    await visible(page.getByText(/年常住人口已保存/));
    await page.reload();
    await expect
      .poll(() =>
        page
          .getByLabel('城关街道常住人口')
          .inputValue()
          .then((v) => v.replace(/,/g, '')),
      )
      .toBe('86500');
    await expect
      .poll(() =>
        page
          .getByLabel('城东街道常住人口')
          .inputValue()
          .then((v) => v.replace(/,/g, '')),
      )
      .toBe('54230');
    await page.context().close();
  });

  it('every 志愿服务 page on a desktop and a phone (screenshots)', async () => {
    for (const [name, options] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as Array<[string, BrowserContextOptions]>) {
      const page = await signIn(e2e, 'office', options);
      for (const [slug, url, text] of [
        ['activities', '/volunteers/activities?tab=past', '志愿活动'],
        ['activities-upcoming', '/volunteers/activities', ACTIVITY],
        ['activity', `/volunteers/activities/${activityId}`, '活动信息'],
        ['teams', '/volunteers/teams', TEAM],
        ['stations', '/volunteers/stations', '示范县新时代文明实践中心'],
        ['people', '/volunteers/people', RESIDENT.name],
        ['population', '/volunteers/population', '合计'],
        ['organise', `/volunteers/activities/${activityId}/organise`, '签到名单'],
        ['checkin', '/volunteers/checkin', '输入签到码'],
      ] as const) {
        await page.goto(`${e2e.baseUrl}${url}`);
        await visible(page.getByText(text).first());
        await page.waitForTimeout(400);
        await shot(page, `${slug}-${name}`);
        if (name === 'phone') expect(await sideScroll(page), slug).toBeLessThanOrEqual(0);
      }
      if (name === 'desktop') {
        await page.goto(`${e2e.baseUrl}/volunteers/activities`);
        await page.getByRole('button', { name: '发布活动' }).click();
        await contains(page.getByRole('dialog'), '签到范围');
        await page.waitForTimeout(400);
        await shot(page, 'activity-form-desktop', false);
      }
      await page.context().close();
    }
  }, 240_000);
});
