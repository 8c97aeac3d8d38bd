/**
 * 项目作战图 in Chromium (issue 13, "Projects"): the office registers a project through the drawer (Chinese messages
 * for an empty form, the place picked by a click on the map, money in 万元), and it stands on the battle map — drawn
 * with no tile server, no tile asked for — with a card that opens it, and on the 交账倒计时 board in order of days to
 * hand-over; its page shows the milestones 立项 → 交账 as steps and a timeline. The owner unit's liaison (城管局, `unit`)
 * on a 390×844 phone records 立项 reached and uploads a 施工前 photo, and the page shows both, without sideways
 * scrolling. Screenshots: projects-*.png.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP as DESKTOP_UTC, PHONE as PHONE_UTC, SHOTS, signIn, startE2E, type E2E } from './server';

// The people who record milestones are in Beijing: their browser's today is the server's calendar day (a UTC browser
// after 16:00 UTC would date a milestone the day before).
const DESKTOP = { ...DESKTOP_UTC, timezoneId: 'Asia/Shanghai' };
const PHONE = { ...PHONE_UTC, timezoneId: 'Asia/Shanghai' };

let e2e: E2E;
let photo: Buffer;
let projectId = '';

const NAME = '南关街道滨河口袋公园';
const UNIT = '示范县城市管理综合行政执法局';

beforeAll(async () => {
  e2e = await startE2E();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#a6c8e0"/>
    <rect y="330" width="800" height="270" fill="#8a6b45"/><rect x="60" y="250" width="220" height="120" fill="#5b8c3a"/>
    <rect x="420" y="280" width="300" height="70" fill="#c0c0c0"/><text x="40" y="90" font-size="52" font-family="sans-serif" fill="#fff">滨河口袋公园 施工前</text></svg>`;
  photo = await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
});
afterAll(async () => {
  await e2e?.close();
});

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
const sideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Today in Beijing, and a day so many days on (YYYY-MM-DD). */
function beijingDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function pickOption(page: Page, text: string) {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

async function pickTreeNode(page: Page, combobox: Locator, text: string) {
  await combobox.click();
  await combobox.fill(text);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title')
    .filter({ hasText: new RegExp(`^${text}$`) })
    .first()
    .click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** The countdown board's numbers (open projects: days to hand-over), top to bottom. */
async function boardDays(page: Page): Promise<number[]> {
  const raw = await page.locator('.cc-countdown-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-days') ?? ''));
  return raw.filter((d) => d !== '').map(Number);
}

/**
 * Two projects beside the one the test registers (the demo's own may or may not be there): a 花海 with its outline,
 * 12 days from 交账 (orange), and a market 6 days past it (逾期, red).
 */
async function registerNeighbours(page: Page) {
  const { csrfToken } = (await (await page.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
  const get = async (url: string) => (await page.request.get(`${e2e.baseUrl}${url}`)).json();
  const units = (await get('/api/units?pageSize=200')).items as Array<{ id: string; name: string }>;
  const unitId = (name: string) => units.find((u) => u.name === name)!.id;
  const site = (await get(`/api/sites?pageSize=5&search=${encodeURIComponent('城东农贸市场')}`)).items[0] as {
    regionId: string;
    location: { lat: number; lng: number };
  };
  const { lat, lng } = site.location;
  const box = (x: number, y: number, w: number, h: number) => [
    [x, y],
    [x + w, y],
    [x + w, y - h],
    [x, y - h],
  ];
  for (const body of [
    {
      name: '东湖多彩花海二期',
      type: 'flower_sea',
      ownerUnitId: unitId('示范县园林绿化服务中心'),
      lat: lat + 0.012,
      lng: lng + 0.018,
      outline: box(lng + 0.014, lat + 0.016, 0.008, 0.007),
      investmentPlanned: 12_800_000,
      investmentSpent: 9_650_000,
      handoverDate: beijingDay(12),
      address: '示范县城东街道东湖南岸',
    },
    {
      name: '城西农贸市场提升改造',
      type: 'market',
      ownerUnitId: unitId('示范县商务局'),
      lat: lat - 0.006,
      lng: lng - 0.03,
      investmentPlanned: 4_200_000,
      investmentSpent: 3_980_000,
      handoverDate: beijingDay(-6),
      address: '示范县城西街道西苑路 18 号',
    },
  ]) {
    const res = await page.request.post(`${e2e.baseUrl}/api/projects`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { ...body, regionId: site.regionId },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
}

describe('项目作战图', () => {
  it('the office registers a project; it is on the battle map (no tiles) and on the countdown board in order; its page shows the timeline', async () => {
    const office = await signIn(e2e, 'office', DESKTOP);
    const tiles: string[] = [];
    office.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(e2e.baseUrl) || /tile/i.test(new URL(url).pathname)) tiles.push(url);
    });

    await registerNeighbours(office);
    await office.goto(`${e2e.baseUrl}/projects`);
    await office.getByRole('heading', { name: '项目作战图' }).waitFor();
    await office.getByRole('button', { name: '新建项目' }).first().click();
    const drawer = office.getByRole('dialog').filter({ hasText: '新建项目' });
    await drawer.getByText('新建项目', { exact: true }).waitFor();

    // An empty form says what is missing, in Chinese, and sends nothing.
    await drawer.getByRole('button', { name: '保存' }).click();
    for (const text of ['请填写项目名称', '请选择项目类型', '请选择所在区域', '请选择责任单位', '请选择交账日期']) {
      await drawer.getByText(text).first().waitFor();
    }
    await drawer.getByLabel('项目名称').fill('园');
    await drawer.getByText('项目名称至少 2 个字').waitFor();

    await drawer.getByLabel('项目名称').fill(NAME);
    await drawer.getByLabel('项目类型').click();
    await pickOption(office, '公园游园');
    await pickTreeNode(office, drawer.getByLabel('所在区域'), '南关街道');
    const unit = drawer.getByLabel('责任单位');
    await unit.click();
    await unit.fill('城市管理');
    await pickOption(office, UNIT);
    await drawer.getByLabel('地址').fill('示范县南关街道滨河路与建设街交叉口东南角');

    // The place: a click on the form's map fills the lat/lng inputs.
    const picker = drawer.getByRole('region', { name: '在地图上点选项目位置' });
    await picker.scrollIntoViewIfNeeded();
    await picker.click({ position: { x: 140, y: 150 } });
    await expect.poll(async () => (await drawer.getByLabel('纬度').inputValue()) !== '').toBe(true);
    const lat = Number(await drawer.getByLabel('纬度').inputValue());
    const lng = Number(await drawer.getByLabel('经度').inputValue());
    expect(lat).toBeGreaterThan(-90);
    expect(lng).toBeGreaterThan(-180);

    await drawer.getByLabel('计划投资（万元）').fill('860');
    await drawer.getByLabel('已完成投资（万元）').fill('215.5');
    const handover = beijingDay(45);
    const date = drawer.getByLabel('交账日期');
    await date.click();
    await date.fill(handover);
    await date.press('Enter');
    // The milestones' planned dates: one alone is refused (all five or none) …
    const approval = drawer.getByLabel('立项', { exact: true });
    await approval.click();
    await approval.fill(beijingDay(-20));
    await approval.press('Enter');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.getByText('节点计划日期须全部填写或全部留空').first().waitFor();
    // … so it is cleared again: the server plans them back from 交账.
    const approvalPicker = drawer.locator('.ant-picker', { has: office.locator('#project_milestones_approval') });
    await approvalPicker.hover();
    await approvalPicker.locator('.ant-picker-clear').click();
    await expect.poll(() => approval.inputValue()).toBe('');
    await expect.poll(() => drawer.getByText('节点计划日期须全部填写或全部留空').count()).toBe(0);

    // The outline (项目范围): 绘制范围, then a click per corner; a stray fifth corner is taken back; unclosed it is
    // refused; a click on the first corner closes it.
    await drawer.getByText('绘制范围', { exact: true }).click();
    const drawing = drawer.getByRole('region', { name: '在地图上依次点击项目范围的角点' });
    await drawing.scrollIntoViewIfNeeded();
    // Closer in first (a pocket park is a few thousand square metres).
    for (let i = 0; i < 4; i += 1) {
      await drawing.locator('.leaflet-control-zoom-in').click();
      await office.waitForTimeout(350);
    }
    const summary = drawer.getByTestId('outline-summary');
    const corners = [
      { x: 100, y: 70 },
      { x: 220, y: 80 },
      { x: 230, y: 190 },
      { x: 90, y: 180 },
      { x: 160, y: 235 },
    ];
    for (const [i, position] of corners.entries()) {
      await drawing.click({ position });
      await expect.poll(() => drawing.getAttribute('data-outline-points')).toBe(String(i + 1));
    }
    await summary.getByText('绘制中，已点 5 个角点').waitFor();
    await drawer.getByRole('button', { name: '撤销上一点' }).click();
    await summary.getByText('绘制中，已点 4 个角点').waitFor();
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.getByText('项目范围尚未闭合').first().waitFor();
    await drawing.click({ position: corners[0] });
    await expect.poll(() => drawing.getAttribute('data-outline-closed')).toBe('true');
    await summary.getByText(/已闭合，4 个角点，约 [\d.,]+ (平方米|公顷)/).waitFor();
    await expect.poll(() => drawer.getByText('项目范围尚未闭合').count()).toBe(0);
    // Clicks on a closed outline add nothing.
    await drawing.click({ position: { x: 300, y: 120 } });
    expect(await drawing.getAttribute('data-outline-points')).toBe('4');
    await office.waitForTimeout(300);
    await shot(office, 'projects-form-desktop');

    const created = office.waitForResponse((r) => r.url().endsWith('/api/projects') && r.request().method() === 'POST');
    await drawer.getByRole('button', { name: '保存' }).click();
    const res = await created;
    expect(res.status(), await res.text()).toBe(201);
    const body = (await res.json()) as {
      id: string;
      daysToHandover: number;
      investmentPlanned: number;
      milestones: unknown[];
      outline: Array<[number, number]> | null;
    };
    projectId = body.id;
    // Four corners, stored as a closed ring, inside the county (near the clicked place).
    expect(body.outline).toHaveLength(5);
    expect(body.outline![4]).toEqual(body.outline![0]);
    for (const [x, y] of body.outline!) {
      expect(Math.abs(x - lng)).toBeLessThan(0.5);
      expect(Math.abs(y - lat)).toBeLessThan(0.5);
    }
    expect(body.daysToHandover).toBe(45);
    expect(body.investmentPlanned).toBe(8_600_000);
    expect(body.milestones).toHaveLength(6);
    await office.getByText(`已新建项目「${NAME}」`).waitFor();

    // The battle map: drawn without a base map (no tile asked for), markers coloured by status, a legend.
    const map = office.getByRole('region', { name: '项目作战图' });
    await map.waitFor();
    await map.locator('.cc-project-marker, .cc-cluster').first().waitFor();
    await office.getByRole('group', { name: '图例' }).getByText('逾期未交账').waitFor();
    expect(await office.locator('.leaflet-tile').count()).toBe(0);
    expect(tiles).toEqual([]);

    // The countdown board: the soonest hand-over first; the new project is on it with its 45 days.
    const item = office.locator('.cc-countdown-item', { hasText: NAME });
    await expect.poll(() => item.getAttribute('data-days')).toBe('45');
    const days = await boardDays(office);
    expect(days.length).toBeGreaterThanOrEqual(3);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    const names = await office.locator('.cc-countdown-item a').allInnerTexts();
    const at = (name: string) => names.indexOf(name);
    expect(at('城西农贸市场提升改造')).toBeGreaterThanOrEqual(0);
    expect(at('城西农贸市场提升改造')).toBeLessThan(at('东湖多彩花海二期'));
    expect(at('东湖多彩花海二期')).toBeLessThan(at(NAME));
    // Overdue in red, within 30 days orange.
    const overdue = office.locator('.cc-countdown-item', { hasText: '城西农贸市场提升改造' });
    await overdue.getByText('天 已逾期').waitFor();
    expect(await overdue.getByLabel('已逾期 6 天').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(207, 19, 34)');
    const soon = office.locator('.cc-countdown-item', { hasText: '东湖多彩花海二期' });
    expect(await soon.getByLabel('距交账还有 12 天').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(212, 107, 8)');
    await office.waitForTimeout(400);
    await shot(office, 'projects-battle-map-desktop');

    // 导出项目台账: an .xlsx of the projects shown.
    const download = office.waitForEvent('download');
    await office.getByRole('button', { name: '导出项目台账' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await file.path());
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    expect(cells).toEqual(expect.arrayContaining([NAME, '城西农贸市场提升改造', '东湖多彩花海二期']));

    // Searched, it is one marker; a click opens its card, and the card opens the project.
    await office.getByLabel('搜索项目').fill('滨河口袋');
    await office.getByLabel('搜索项目').press('Enter');
    await office.waitForURL((url) => url.searchParams.get('q') === '滨河口袋');
    // The searched list must have arrived: a marker clicked on the list before it would be redrawn away with its card.
    await office.getByText('共 1 个项目').waitFor();
    await office.waitForLoadState('networkidle');
    const marker = map.locator(`.cc-project-marker[aria-label^="${NAME}"]`);
    await marker.waitFor();
    await marker.click();
    const card = office.locator('.cc-project-card');
    await card.getByText(NAME).waitFor();
    await card.getByText('公园游园').waitFor();
    await card.getByText(`责任单位：${UNIT}`).waitFor();
    await card.getByText('距交账还有 45 天').waitFor();
    await office.waitForTimeout(300);
    await shot(office, 'projects-card-desktop');
    await card.getByRole('link', { name: `查看项目${NAME}` }).click();
    await office.waitForURL(`**/projects/${projectId}`);

    // The project: countdown, investment, and the six milestones as steps and a timeline.
    await office.getByRole('heading', { name: NAME }).waitFor();
    await office.getByRole('group', { name: '交账倒计时：距交账还有 45 天' }).waitFor();
    await office.getByText('860 万元').waitFor();
    await office.getByLabel('投资完成 25%').waitFor();
    // The outline drawn in the form, on the project's own map and in words.
    await office
      .getByTestId('project-outline')
      .getByText(/项目范围：4 个角点，约/)
      .waitFor();
    await office.getByRole('region', { name: '项目位置' }).locator('canvas').first().waitFor();
    for (const kind of ['立项', '设计', '开工', '主体完工', '验收', '交账'])
      await office.getByRole('region', { name: `节点${kind}` }).waitFor();
    expect(await office.locator('.cc-milestone').count()).toBe(6);
    expect(await office.locator('.ant-steps-item-title').allInnerTexts()).toEqual(
      expect.arrayContaining(['立项', '设计', '开工', '主体完工', '验收', '交账']),
    );
    await office.waitForTimeout(400);
    await shot(office, 'projects-detail-desktop', true);

    // 编辑项目 at a stale version: someone saved first, so the drawer says so, shows the newer record, and saves then.
    await office.getByRole('button', { name: '编辑项目' }).click();
    const edit = office.getByRole('dialog').filter({ hasText: `编辑项目「${NAME}」` });
    await expect.poll(() => edit.getByLabel('项目名称').inputValue()).toBe(NAME);
    const { csrfToken } = (await (await office.request.get(`${e2e.baseUrl}/api/auth/session`)).json()) as { csrfToken: string };
    const current = (await (await office.request.get(`${e2e.baseUrl}/api/projects/${projectId}`)).json()) as Record<string, any>;
    const put = await office.request.put(`${e2e.baseUrl}/api/projects/${projectId}`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        campaignId: current.campaignId,
        regionId: current.regionId,
        name: current.name,
        type: current.type,
        address: current.address,
        lat: current.lat,
        lng: current.lng,
        outline: current.outline,
        ownerUnitId: current.ownerUnit.id,
        investmentPlanned: current.investmentPlanned,
        investmentSpent: 3_000_000,
        handoverDate: current.handoverDate,
        description: current.description,
        taskId: current.taskId,
        version: current.version,
      },
    });
    expect(put.status(), await put.text()).toBe(200);
    await edit.getByLabel('已完成投资（万元）').fill('320');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.getByText('项目已被他人修改').waitFor();
    await expect.poll(() => edit.getByLabel('已完成投资（万元）').inputValue()).toBe('300.00');
    await edit.getByText('项目已被他人修改').scrollIntoViewIfNeeded();
    await office.waitForTimeout(300);
    await shot(office, 'projects-edit-conflict-desktop');
    await edit.getByLabel('已完成投资（万元）').fill('320');
    await edit.getByRole('button', { name: '保存' }).click();
    await office.getByText('项目已保存').waitFor();
    await office.getByText('320 万元').waitFor();
    await office.context().close();
  }, 240_000);

  it('the owner unit on a phone records 立项 reached and uploads a 施工前 photo; the page shows both without sideways scrolling', async () => {
    expect(projectId).not.toBe('');
    const phone = await signIn(e2e, 'unit', PHONE);
    // Its own projects on the battle map (the office's filters are not there).
    await phone.goto(`${e2e.baseUrl}/projects`);
    await phone.locator('.cc-countdown-item', { hasText: NAME }).waitFor();
    expect(await phone.getByRole('button', { name: '新建项目' }).count()).toBe(0);
    expect(await sideScroll(phone)).toBeLessThanOrEqual(0);
    await phone.waitForTimeout(400);
    await shot(phone, 'projects-battle-map-phone', true);

    await phone.locator('.cc-countdown-item', { hasText: NAME }).getByRole('link', { name: NAME }).click();
    await phone.waitForURL(`**/projects/${projectId}`);
    const approval = phone.getByRole('region', { name: '节点立项' });
    await approval.waitFor();
    expect(await phone.getByRole('button', { name: '编辑项目' }).count()).toBe(0);

    // 记录节点完成: today by default, with a note.
    await approval.getByRole('button', { name: '记录节点完成' }).click();
    const modal = phone.getByRole('dialog').filter({ hasText: '记录节点：立项' });
    await modal.waitFor();
    await modal.getByLabel('说明').fill('县发改局已批复立项，批复文号 示发改投资〔2026〕58号');
    await modal.getByRole('button', { name: '保存' }).click();
    await phone.getByText('已记录「立项」完成').waitFor();
    await approval.getByText('已完成').waitFor();
    await approval.getByText(`实际 ${beijingDay()}`).waitFor();
    await approval.getByText('示发改投资〔2026〕58号', { exact: false }).waitFor();

    // 上传照片 under 立项, 施工前 (camera allowed: the 拍照 input asks for the camera).
    await approval.getByRole('button', { name: '上传照片' }).click();
    const upload = phone.getByRole('dialog').filter({ hasText: '阶段' });
    await upload.waitFor();
    expect(await upload.getByLabel('拍照', { exact: true }).getAttribute('capture')).toBe('environment');
    await upload.getByText('施工前', { exact: true }).click();
    await upload.getByLabel('说明').fill('滨河路东南角现状');
    await upload.getByLabel('从相册选择照片').setInputFiles({ name: 'binhe.jpg', mimeType: 'image/jpeg', buffer: photo });
    await upload.getByText('已选 1 张，最多 9 张').waitFor();
    await upload.getByRole('button', { name: '上传' }).click();
    await phone.getByText('已上传 1 张照片').waitFor();
    const stage = approval.getByRole('region', { name: '施工前' });
    await stage.locator('img').first().waitFor();
    await expect
      .poll(() =>
        stage
          .locator('img')
          .first()
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    await stage.getByText('滨河路东南角现状').waitFor();

    // The server has both.
    const detail = (await (await phone.request.get(`${e2e.baseUrl}/api/projects/${projectId}`)).json()) as {
      milestones: { kind: string; actualDate: string | null }[];
      photos: { stage: string; caption: string }[];
      currentMilestone: string | null;
    };
    expect(detail.milestones.find((m) => m.kind === 'approval')?.actualDate).toBe(beijingDay());
    expect(detail.photos).toEqual([expect.objectContaining({ stage: 'before', caption: '滨河路东南角现状' })]);
    expect(detail.currentMilestone).toBe('approval');
    await phone
      .getByTestId('project-outline')
      .getByText(/4 个角点/)
      .waitFor();

    expect(await sideScroll(phone)).toBeLessThanOrEqual(0);
    await phone.waitForTimeout(400);
    await shot(phone, 'projects-detail-phone', true);
    // The preview opens the photo large.
    await stage.locator('img').first().click();
    await phone.locator('.ant-image-preview').first().waitFor();
    await phone.waitForTimeout(400);
    await shot(phone, 'projects-photo-preview-phone');
    await phone.context().close();
  }, 240_000);

  it('the office on a phone redraws the outline by taps (清除, three corners, 闭合范围) and the page shows it', async () => {
    expect(projectId).not.toBe('');
    const phone = await signIn(e2e, 'office', PHONE);
    await phone.goto(`${e2e.baseUrl}/projects/${projectId}`);
    await phone.getByRole('heading', { name: NAME }).waitFor();
    await phone.getByRole('button', { name: '编辑项目' }).click();
    const edit = phone.getByRole('dialog').filter({ hasText: `编辑项目「${NAME}」` });
    await expect.poll(() => edit.getByLabel('项目名称').inputValue()).toBe(NAME);
    await edit.getByText('绘制范围', { exact: true }).click();
    const drawing = edit.getByRole('region', { name: '在地图上依次点击项目范围的角点' });
    await drawing.scrollIntoViewIfNeeded();
    // The saved outline is there, closed; clicks add nothing until it is cleared.
    await expect.poll(() => drawing.getAttribute('data-outline-points')).toBe('4');
    await edit
      .getByTestId('outline-summary')
      .getByText(/已闭合，4 个角点/)
      .waitFor();
    await edit.getByRole('button', { name: '清除范围' }).click();
    await edit
      .getByTestId('outline-summary')
      .getByText(/未绘制/)
      .waitFor();
    const box = (await drawing.boundingBox())!;
    const taps = [
      { x: box.width * 0.3, y: 60 },
      { x: box.width * 0.7, y: 70 },
      { x: box.width * 0.5, y: 200 },
    ];
    for (const [i, position] of taps.entries()) {
      await drawing.click({ position });
      await expect.poll(() => drawing.getAttribute('data-outline-points')).toBe(String(i + 1));
    }
    await edit.getByRole('button', { name: '闭合范围' }).click();
    await edit
      .getByTestId('outline-summary')
      .getByText(/已闭合，3 个角点/)
      .waitFor();
    expect(await sideScroll(phone)).toBeLessThanOrEqual(0);
    await phone.waitForTimeout(300);
    await shot(phone, 'projects-outline-phone');
    const saved = phone.waitForResponse((r) => r.url().endsWith(`/api/projects/${projectId}`) && r.request().method() === 'PUT');
    await edit.getByRole('button', { name: '保存' }).click();
    const res = await saved;
    expect(res.status(), await res.text()).toBe(200);
    expect(((await res.json()) as { outline: unknown[] }).outline).toHaveLength(4);
    await phone.getByText('项目已保存').waitFor();
    await phone
      .getByTestId('project-outline')
      .getByText(/3 个角点/)
      .waitFor();
    await phone.getByTestId('project-outline').scrollIntoViewIfNeeded();
    await phone.waitForTimeout(400);
    await shot(phone, 'projects-outline-detail-phone');
    await phone.context().close();
  }, 240_000);
});
