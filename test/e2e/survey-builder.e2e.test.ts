/**
 * 问卷设计 in Chromium (issue 12): the demo office builds a questionnaire from blank — a 满意度 scale question, an
 * 应知应会 question with its correct answer, a 参与率 single choice, and a short answer shown only when that choice was
 * answered 是 (skip logic) — after the browser refused the first attempt with validateDefinition's own message; saves
 * it (v1), finds it in the 问卷 list, opens it again (the builder shows the definition and the preview follows the skip
 * logic), and saves it as v2: both versions read back through the API with the same definition. On a phone
 * (390×844) the list and the builder fit the width. Screenshots: /tmp/shots/h3/ and test-results/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SHOTS, signIn, startE2E, type E2E } from './server';

const H3_SHOTS = '/tmp/shots/h3';
const NAME = '城关镇群众满意度问卷（第四季度）';

let e2e: E2E;
let firstId = '';

async function shot(page: Page, name: string, fullPage = true) {
  fs.mkdirSync(H3_SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(H3_SHOTS, `${name}.png`), fullPage });
  fs.copyFileSync(path.join(H3_SHOTS, `${name}.png`), path.join(SHOTS, `survey-builder-${name}.png`));
}

/**
 * Picks an option of an antd select and waits until the select shows it. Under load a click can land while the
 * dropdown is still opening and be lost; the pick is then tried again (at most three times) instead of failing later on
 * whatever the choice should have shown.
 */
async function choose(page: Page, select: Locator, text: string) {
  const box = select.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const open = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt++) {
    try {
      // A dropdown still closing from the last pick would swallow the click.
      await expect.poll(() => open.count(), { timeout: 5_000 }).toBe(0);
      await select.click();
      await open.locator('.ant-select-item-option', { hasText: text }).first().click({ timeout: 5_000 });
      await expect.poll(() => box.innerText(), { timeout: 5_000 }).toContain(text);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

const question = (page: Page, code: string) => page.locator(`[data-question="${code}"]`);

async function addQuestion(page: Page, typeLabel: string) {
  await page.getByRole('button', { name: '添加题目' }).last().click();
  await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: typeLabel }).click();
}

async function readQuestionnaire(page: Page, id: string) {
  const res = await page.request.get(`${e2e.baseUrl}/api/surveys/questionnaires/${id}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as {
    id: string;
    name: string;
    version: number;
    latest: boolean;
    definition: {
      title: string;
      sections: Array<{ title: string; questions: Array<Record<string, unknown> & { code: string }> }>;
    };
  };
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
}

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e?.close();
});

describe('问卷设计', () => {
  it('the office builds a questionnaire with a scale, a knowledge question and skip logic; it round-trips through the API', async () => {
    const office = await signIn(e2e, 'office', DESKTOP);
    await office.goto(`${e2e.baseUrl}/surveys?tab=questionnaires`);
    await office.getByRole('button', { name: /新建问卷/ }).click();
    await office.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: '空白问卷' }).click();
    await office.waitForURL((url) => url.pathname === '/surveys/questionnaires/new');

    await office.getByLabel('问卷名称', { exact: true }).fill(NAME);
    // The title follows the name until it is edited.
    await expect.poll(() => office.getByLabel('问卷标题', { exact: true }).inputValue()).toBe(NAME);
    await office.getByLabel('开场白', { exact: true }).fill('您好！我们正在开展创建全国文明城市群众满意度调查，耽误您几分钟时间。');
    await office.getByLabel('部分标题', { exact: true }).first().fill('群众满意度');

    // Q1: the blank questionnaire starts with a scale question; the 满意度 preset fills its choices and rate.
    const q1 = question(office, 'Q1');
    await q1.getByLabel('题目', { exact: true }).fill('您对本县创建全国文明城市工作是否满意？');
    await choose(office, q1.getByLabel('标准量表', { exact: true }), '支持 / 比较支持');
    await expect.poll(() => q1.getByLabel('选项E', { exact: true }).inputValue()).toBe('不清楚');
    await choose(office, q1.getByLabel('标准量表', { exact: true }), '满意 / 基本满意');
    await expect.poll(() => q1.getByLabel('选项A', { exact: true }).inputValue()).toBe('满意');
    await expect.poll(() => q1.getByLabel('选项D', { exact: true }).inputValue()).toBe('不清楚');
    await expect.poll(() => q1.getByLabel('选项E', { exact: true }).count()).toBe(0);
    await expect.poll(() => q1.getByLabel('选项D有效', { exact: true }).isChecked()).toBe(false);
    await expect.poll(() => q1.getByLabel('选项B计入', { exact: true }).isChecked()).toBe(true);

    // Q2: 应知应会 with three choices; its correct answer is left out at first.
    await addQuestion(office, '应知应会题');
    const q2 = question(office, 'Q2');
    await q2.getByLabel('题目', { exact: true }).fill('本县正在创建的是下列哪一项？');
    await q2.getByLabel('选项A', { exact: true }).fill('全国文明城市');
    await q2.getByLabel('选项B', { exact: true }).fill('国家卫生城市');
    await q2.getByRole('button', { name: '添加选项' }).click();
    await q2.getByLabel('选项C', { exact: true }).fill('国家园林城市');

    // Q3: a 参与率 single choice; 是 counts.
    await addQuestion(office, '单选题');
    const q3 = question(office, 'Q3');
    await q3.getByLabel('题目', { exact: true }).fill('您是否参加过文明创建志愿服务活动？');
    await q3.getByLabel('选项A', { exact: true }).fill('是');
    await q3.getByLabel('选项B', { exact: true }).fill('否');
    await choose(office, q3.getByLabel('计入指标', { exact: true }), '参与率');
    await q3.getByLabel('选项A计入', { exact: true }).check();

    // Q4: a short answer shown only when Q3 was answered 是.
    await addQuestion(office, '简答题');
    const q4 = question(office, 'Q4');
    await q4.getByLabel('题目', { exact: true }).fill('您参加过哪些志愿服务？');
    await q4.getByRole('switch', { name: '必答' }).click();
    await choose(office, q4.getByLabel('显示条件题目', { exact: true }), 'Q3');
    await choose(office, q4.getByLabel('显示条件选项', { exact: true }), 'A. 是');
    await office.keyboard.press('Escape');
    await q4.getByText('条件显示').first().waitFor();

    // The browser refuses what the server would: validateDefinition's own message, nothing sent.
    await office.getByRole('button', { name: '保存', exact: true }).click();
    const errors = office.getByRole('list', { name: '问卷错误' });
    await expect.poll(() => errors.textContent()).toContain('第 2 题（Q2）：应知应会题须给出正确答案');
    expect(office.url()).toContain('/surveys/questionnaires/new');

    await q2.getByLabel('A为正确答案', { exact: true }).check();
    // The preview follows the skip logic: Q4 appears only after 是.
    const preview = office.getByTestId('questionnaire-preview');
    await expect.poll(() => preview.locator('[data-preview-question="Q4"]').count()).toBe(0);
    await preview.locator('[data-preview-question="Q3"]').getByText('A. 是').click();
    await preview.locator('[data-preview-question="Q4"]').first().waitFor();
    await shot(office, 'builder-desktop');

    await office.getByRole('button', { name: '保存', exact: true }).click();
    await office.waitForURL((url) => /^\/surveys\/questionnaires\/[0-9a-f-]{36}$/.test(url.pathname));
    firstId = office.url().split('/').pop()!;
    await office.getByRole('button', { name: '保存为新版本（v2）' }).first().waitFor();

    // What the server keeps.
    const saved = await readQuestionnaire(office, firstId);
    expect(saved).toMatchObject({ name: NAME, version: 1, latest: true });
    expect(saved.definition.title).toBe(NAME);
    const [q1d, q2d, q3d, q4d] = saved.definition.sections[0].questions;
    expect(saved.definition.sections[0].title).toBe('群众满意度');
    expect(q1d).toMatchObject({ code: 'Q1', type: 'scale', scale: 'satisfaction', rate: 'satisfaction' });
    expect((q1d.choices as Array<{ label: string }>).map((c) => c.label)).toEqual(['满意', '基本满意', '不满意', '不清楚']);
    expect(q2d).toMatchObject({ code: 'Q2', type: 'knowledge', rate: 'awareness', correct: ['A'] });
    expect((q2d.choices as unknown[]).length).toBe(3);
    expect(q3d).toMatchObject({ code: 'Q3', type: 'single', rate: 'participation' });
    expect(q3d.choices).toEqual([
      { code: 'A', label: '是', counts: true },
      { code: 'B', label: '否', counts: false },
    ]);
    expect(q4d).toMatchObject({ code: 'Q4', type: 'text', required: false, showIf: { question: 'Q3', anyOf: ['A'] } });

    // In the list, then opened again: the builder shows what was saved.
    await office.goto(`${e2e.baseUrl}/surveys?tab=questionnaires`);
    const row = office.locator('tr', { hasText: NAME });
    await expect.poll(() => row.textContent()).toContain('v1');
    await expect.poll(() => row.textContent()).toContain('4');
    await shot(office, 'list-desktop');
    await row.getByRole('link', { name: NAME }).click();
    await office.waitForURL((url) => url.pathname === `/surveys/questionnaires/${firstId}`);
    await expect.poll(() => question(office, 'Q2').getByLabel('A为正确答案', { exact: true }).isChecked()).toBe(true);
    await question(office, 'Q4').getByText('条件显示').first().waitFor();
    await expect.poll(() => question(office, 'Q3').getByLabel('选项A计入', { exact: true }).isChecked()).toBe(true);
    await office.getByText('保存后生成新版本 v2').first().waitFor();

    // Saving again makes v2 with the same definition (the builder loses nothing on the way).
    await office.getByRole('button', { name: '保存为新版本（v2）' }).click();
    await office.getByRole('button', { name: '保存为新版本（v3）' }).first().waitFor();
    const secondId = office.url().split('/').pop()!;
    expect(secondId).not.toBe(firstId);
    const second = await readQuestionnaire(office, secondId);
    expect(second.version).toBe(2);
    expect(second.definition).toEqual(saved.definition);
    const first = await readQuestionnaire(office, firstId);
    expect(first.latest).toBe(false);
    await office.context().close();
  }, 180_000);

  it('导出 writes the questionnaire as .xlsx and 导入 makes a new questionnaire of it with the same definition', async () => {
    const office = await signIn(e2e, 'office', DESKTOP);
    const original = await readQuestionnaire(office, firstId);
    await office.goto(`${e2e.baseUrl}/surveys/questionnaires/${firstId}`);
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('button', { name: '导出' }).click()]);
    const file = path.join(H3_SHOTS, 'questionnaire.xlsx');
    await download.saveAs(file);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    await office.goto(`${e2e.baseUrl}/surveys?tab=questionnaires`);
    await office.getByRole('button', { name: '导入' }).click();
    const dialog = office.getByRole('dialog', { name: '导入问卷' });
    await dialog.getByLabel('导入问卷名称', { exact: true }).fill('城关镇群众满意度问卷（导入）');
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByRole('button', { name: '开始导入' }).click();
    // A refused file lists its rows in the dialog: fail with them rather than wait for a page that never comes.
    const refused = dialog.getByRole('region', { name: '导入错误' });
    await Promise.race([
      refused.waitFor().then(async () => expect.fail(`导入被拒：${await refused.textContent()}`)),
      office.waitForURL(/\/surveys\/questionnaires\/[0-9a-f-]{36}$/),
    ]);
    await office.waitForURL((url) => /^\/surveys\/questionnaires\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(firstId));
    const imported = await readQuestionnaire(office, office.url().split('/').pop()!);
    expect(imported).toMatchObject({ name: '城关镇群众满意度问卷（导入）', version: 1 });
    expect(imported.definition).toEqual(original.definition);
    await office.context().close();
  }, 180_000);

  it('a starter template opens in the builder, passes its checks and saves as the next version', async () => {
    const office = await signIn(e2e, 'office', DESKTOP);
    await office.goto(`${e2e.baseUrl}/surveys?tab=questionnaires`);
    await office.getByRole('button', { name: /新建问卷/ }).click();
    await office.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: '从模板新建' }).click();
    const dialog = office.getByRole('dialog', { name: '从模板新建问卷' });
    const template = dialog.getByRole('radio').first();
    await template.waitFor();
    await template.check();
    await dialog.getByRole('button', { name: '建立' }).click();
    await office.waitForURL((url) => /^\/surveys\/questionnaires\/[0-9a-f-]{36}$/.test(url.pathname));
    const id = office.url().split('/').pop()!;
    const made = await readQuestionnaire(office, id);
    expect(made.version).toBe(1);
    const questions = made.definition.sections.flatMap((s) => s.questions);
    expect(questions.length).toBeGreaterThan(3);
    // Every question of the template is in the builder, and the builder's own check lets it through unchanged.
    await question(office, questions[questions.length - 1].code).waitFor();
    await office.getByRole('button', { name: '保存为新版本（v2）' }).click();
    await office.getByRole('button', { name: '保存为新版本（v3）' }).waitFor();
    const next = await readQuestionnaire(office, office.url().split('/').pop()!);
    expect(next.version).toBe(2);
    expect(next.definition).toEqual(made.definition);
    await shot(office, 'template-desktop', false);
    await office.context().close();
  }, 180_000);

  it('fits a phone: the list as cards and the builder without sideways scrolling', async () => {
    const phone = await signIn(e2e, 'office', PHONE);
    await phone.goto(`${e2e.baseUrl}/surveys?tab=questionnaires`);
    await phone
      .getByRole('link', { name: `打开问卷${NAME}` })
      .first()
      .waitFor();
    await noSidewaysScroll(phone);
    await shot(phone, 'list-phone');
    await phone.getByRole('link', { name: `打开问卷${NAME}` }).click();
    await question(phone, 'Q4').first().waitFor();
    await noSidewaysScroll(phone);
    await shot(phone, 'builder-phone');
    await phone.getByRole('button', { name: '预览' }).click();
    await phone.getByTestId('questionnaire-preview').first().waitFor();
    await noSidewaysScroll(phone);
    await shot(phone, 'preview-phone', false);
    await phone.goto(`${e2e.baseUrl}/surveys`);
    await phone.getByRole('tab', { name: '调查批次' }).first().waitFor();
    await noSidewaysScroll(phone);
    await shot(phone, 'waves-phone');
    await phone.context().close();
  }, 180_000);
});
