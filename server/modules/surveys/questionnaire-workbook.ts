/**
 * A questionnaire as an .xlsx (the XLSForm idea in Chinese): sheet 题目 (one row per question, in order, with its
 * section), sheet 选项 (one row per choice) and sheet 设置 (title, texts, respondent groups, eligibility). Export →
 * import is lossless (tested). Import reads every sheet through the hardened reader (platform/xlsx: zip checks, a
 * worker with limits); any bad row answers 422 import_invalid with every (sheet, row, column, reason), and nothing is
 * written unless the whole file is right.
 */
import {
  QUESTION_TYPE_LABELS,
  QUESTION_TYPES,
  questionnaireDefinition,
  SURVEY_RATE_LABELS,
  SURVEY_RATES,
  validateDefinition,
  type QuestionnaireDefinition,
  type QuestionType,
  type ScalePreset,
  type SurveyRate,
} from '../../../common/surveys';
import type { Ctx } from '../../platform/context';
import type { RowError } from '../../platform/errors';
import { buildReportWorkbook, invalid, readSheet, type SheetColumn, type SheetRow } from '../../platform/xlsx';
import { mayReadQuestionnaire, questionnaireNotFound } from './access';
import { findQuestionnaire } from './repository';
import { createQuestionnaire, managedRegion } from './save-questionnaire';

const QUESTION_COLUMNS: SheetColumn[] = [
  { header: '部分编码', width: 10 },
  { header: '部分标题', width: 16 },
  { header: '题目编码', width: 10 },
  { header: '题型', width: 12 },
  { header: '题目', width: 50 },
  { header: '必答', width: 8 },
  { header: '计入指标', width: 10 },
  { header: '正确答案', width: 12 },
  { header: '多选', width: 8 },
  { header: '显示条件', width: 14 },
  { header: '最小值', width: 8 },
  { header: '最大值', width: 8 },
  { header: '量表', width: 12 },
  { header: '说明', width: 30 },
];
const CHOICE_COLUMNS: SheetColumn[] = [
  { header: '题目编码', width: 10 },
  { header: '选项编码', width: 10 },
  { header: '选项文字', width: 30 },
  { header: '计入', width: 8 },
  { header: '有效', width: 8 },
];
const SETTING_COLUMNS: SheetColumn[] = [
  { header: '项目', width: 20 },
  { header: '内容', width: 80 },
];
const SETTINGS = {
  title: '问卷标题',
  intro: '开场白',
  closing: '结束语',
  ineligibleText: '不符合条件提示',
  groups: '调查对象',
  minAge: '最低年龄',
  maxAge: '最高年龄',
  minResidenceMonths: '最短居住月数',
} as const;
const SCALE_LABELS: Record<ScalePreset, string> = { satisfaction: '满意度量表', awareness: '知晓度量表', support: '支持度量表' };

const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? '是' : '否');

/** The three sheets' rows of a definition. */
export function definitionRows(def: QuestionnaireDefinition) {
  const questions: unknown[][] = [];
  const choices: unknown[][] = [];
  for (const s of def.sections)
    for (const q of s.questions) {
      questions.push([
        s.code,
        s.title,
        q.code,
        QUESTION_TYPE_LABELS[q.type],
        q.text,
        q.required ? '是' : '否',
        q.rate ? SURVEY_RATE_LABELS[q.rate] : '',
        (q.correct ?? []).join(','),
        yesNo(q.multi),
        q.showIf ? `${q.showIf.question}=${q.showIf.anyOf.join(',')}` : '',
        q.min ?? '',
        q.max ?? '',
        q.scale ? SCALE_LABELS[q.scale] : '',
        q.help ?? '',
      ]);
      for (const c of q.choices ?? []) choices.push([q.code, c.code, c.label, yesNo(c.counts), yesNo(c.valid)]);
    }
  const settings: unknown[][] = [
    [SETTINGS.title, def.title],
    [SETTINGS.intro, def.intro],
    [SETTINGS.closing, def.closing],
    [SETTINGS.ineligibleText, def.ineligibleText],
    [SETTINGS.groups, def.groups.map((g) => `${g.code}:${g.label}`).join('；')],
    [SETTINGS.minAge, def.eligibility.minAge],
    [SETTINGS.maxAge, def.eligibility.maxAge],
    [SETTINGS.minResidenceMonths, def.eligibility.minResidenceMonths],
  ];
  return { questions, choices, settings };
}

/** GET /questionnaires/:id/export: the workbook and its file name. */
export async function exportQuestionnaire(ctx: Ctx, id: string) {
  const q = await findQuestionnaire(ctx.db, id);
  if (!q || !mayReadQuestionnaire(ctx.actor, q)) throw questionnaireNotFound();
  const { questions, choices, settings } = definitionRows(q.definition);
  const buffer = await buildReportWorkbook(
    { title: `${q.name}（第${q.version}版）`, now: ctx.clock.now(), info: [`${q.region_name}`] },
    [
      { name: '题目', columns: QUESTION_COLUMNS, rows: questions },
      { name: '选项', columns: CHOICE_COLUMNS, rows: choices },
      { name: '设置', columns: SETTING_COLUMNS, rows: settings },
    ],
    [
      '题目：每行一题，按顺序排列；部分编码相同的相邻题目属于同一部分。题型：单选题、多选题、量表题、应知应会题、数字题、简答题。',
      '计入指标：知晓率、支持率、参与率、满意度（可空）。正确答案：应知应会题的选项编码，多个用英文逗号分隔；多选填“是”表示须全部选对。',
      '显示条件：如 Q5=A,B 表示第 Q5 题选了 A 或 B 时才显示本题（跳题）。',
      '选项：每行一个选项；计入：该选项计入指标分子（是/否）；有效：填“否”的选项（如“不清楚”）不计入分母。',
      '设置：调查对象写作 编码:名称，用中文分号分隔。',
    ],
  );
  return { fileName: `${q.name}（第${q.version}版）.xlsx`, buffer };
}

const TYPE_BY_LABEL = new Map(QUESTION_TYPES.map((t) => [QUESTION_TYPE_LABELS[t], t]));
const RATE_BY_LABEL = new Map(SURVEY_RATES.map((r) => [SURVEY_RATE_LABELS[r], r]));
const SCALE_BY_LABEL = new Map((Object.keys(SCALE_LABELS) as ScalePreset[]).map((k) => [SCALE_LABELS[k], k]));

/** Reads the three sheets into a definition; every problem becomes a row error (sheet, row, column, reason). */
export function definitionFromRows(questions: SheetRow[], choices: SheetRow[], settings: SheetRow[]) {
  const errors: RowError[] = [];
  const err = (sheet: string, row: number, column: string, message: string) => errors.push({ row, column: `${sheet}!${column}`, message });
  const flag = (sheet: string, r: SheetRow, col: string): boolean | undefined => {
    const v = r.values[col]?.trim() ?? '';
    if (v === '') return undefined;
    if (v === '是') return true;
    if (v === '否') return false;
    err(sheet, r.row, col, '请填写“是”或“否”');
    return undefined;
  };
  const num = (sheet: string, r: SheetRow, col: string): number | undefined => {
    const v = r.values[col]?.trim() ?? '';
    if (v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) err(sheet, r.row, col, '须为数字');
    return Number.isFinite(n) ? n : undefined;
  };

  const setting = new Map(settings.map((r) => [r.values['项目']?.trim(), r]));
  const text = (key: string) => setting.get(key)?.values['内容'] ?? '';
  const groups = text(SETTINGS.groups)
    .split(/[；;]/)
    .map((g) => g.trim())
    .filter(Boolean)
    .map((g) => {
      const [code, ...rest] = g.split(/[:：]/);
      return { code: code.trim(), label: rest.join(':').trim() };
    });
  const settingNum = (key: string) => {
    const r = setting.get(key);
    return r ? num('设置', { row: r.row, values: { 内容: r.values['内容'] } }, '内容') : undefined;
  };

  const byQuestion = new Map<string, Array<{ code: string; label: string; counts?: boolean; valid?: boolean }>>();
  const choiceRow = new Map<string, number>();
  for (const r of choices) {
    const q = r.values['题目编码']?.trim() ?? '';
    if (!q) {
      err('选项', r.row, '题目编码', '请填写题目编码');
      continue;
    }
    const list = byQuestion.get(q) ?? [];
    const c: { code: string; label: string; counts?: boolean; valid?: boolean } = {
      code: r.values['选项编码']?.trim() ?? '',
      label: r.values['选项文字'] ?? '',
    };
    const counts = flag('选项', r, '计入');
    const valid = flag('选项', r, '有效');
    if (counts !== undefined) c.counts = counts;
    if (valid !== undefined) c.valid = valid;
    list.push(c);
    byQuestion.set(q, list);
    if (!choiceRow.has(q)) choiceRow.set(q, r.row);
  }

  const sections: Array<{ code: string; title: string; questions: Record<string, unknown>[] }> = [];
  const rowOf = new Map<string, number>();
  for (const r of questions) {
    const v = (k: string) => r.values[k]?.trim() ?? '';
    const code = v('题目编码');
    rowOf.set(code, r.row);
    const type = TYPE_BY_LABEL.get(v('题型')) as QuestionType | undefined;
    if (!type) err('题目', r.row, '题型', `题型须为${QUESTION_TYPES.map((t) => QUESTION_TYPE_LABELS[t]).join('、')}之一`);
    const rateLabel = v('计入指标');
    const rate = rateLabel ? (RATE_BY_LABEL.get(rateLabel) as SurveyRate | undefined) : undefined;
    if (rateLabel && !rate) err('题目', r.row, '计入指标', '计入指标须为知晓率、支持率、参与率、满意度之一或留空');
    const scaleLabel = v('量表');
    const scale = scaleLabel ? SCALE_BY_LABEL.get(scaleLabel) : undefined;
    if (scaleLabel && !scale) err('题目', r.row, '量表', '量表须为满意度量表、知晓度量表、支持度量表之一或留空');
    const q: Record<string, unknown> = {
      code,
      type: type ?? 'single',
      text: r.values['题目'] ?? '',
      required: flag('题目', r, '必答') ?? true,
    };
    if (v('说明')) q.help = r.values['说明'];
    const list = byQuestion.get(code);
    if (list) q.choices = list;
    if (scale) q.scale = scale;
    if (v('正确答案'))
      q.correct = v('正确答案')
        .split(/[,，]/)
        .map((x) => x.trim())
        .filter(Boolean);
    const multi = flag('题目', r, '多选');
    if (multi !== undefined) q.multi = multi;
    if (rate) q.rate = rate;
    const min = num('题目', r, '最小值');
    const max = num('题目', r, '最大值');
    if (min !== undefined) q.min = min;
    if (max !== undefined) q.max = max;
    if (v('显示条件')) {
      const m = /^([A-Za-z][A-Za-z0-9_]*)\s*=\s*([A-Za-z0-9_,，\s]+)$/.exec(v('显示条件'));
      if (!m) err('题目', r.row, '显示条件', '显示条件格式应为 题目编码=选项编码，如 Q5=A,B');
      else
        q.showIf = {
          question: m[1],
          anyOf: m[2]
            .split(/[,，]/)
            .map((x) => x.trim())
            .filter(Boolean),
        };
    }
    const sCode = v('部分编码');
    const last = sections[sections.length - 1];
    if (last && last.code === sCode) last.questions.push(q);
    else sections.push({ code: sCode, title: r.values['部分标题'] ?? '', questions: [q] });
  }
  for (const [q, row] of choiceRow) if (!rowOf.has(q)) err('选项', row, '题目编码', `题目 ${q} 不在“题目”表中`);

  const raw = {
    title: text(SETTINGS.title),
    intro: text(SETTINGS.intro),
    closing: text(SETTINGS.closing),
    ineligibleText: text(SETTINGS.ineligibleText),
    ...(groups.length ? { groups } : {}),
    eligibility: {
      minAge: settingNum(SETTINGS.minAge) ?? 18,
      maxAge: settingNum(SETTINGS.maxAge) ?? 65,
      minResidenceMonths: settingNum(SETTINGS.minResidenceMonths) ?? 6,
    },
    sections,
  };
  if (errors.length) throw invalid(errors);
  const parsed = questionnaireDefinition.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, si, sub, qi, field, ci] = issue.path as Array<string | number>;
      if (head === 'sections' && sub === 'questions' && typeof qi === 'number') {
        const q = sections[si as number]?.questions[qi];
        const row = rowOf.get(String(q?.code ?? '')) ?? 1;
        if (field === 'choices' && typeof ci === 'number') err('选项', choiceRow.get(String(q?.code)) ?? row, '选项编码', issue.message);
        else err('题目', row, String(field ?? ''), issue.message);
      } else if (head === 'sections') err('题目', 2, '部分编码', issue.message);
      else err('设置', setting.get(SETTINGS[head as keyof typeof SETTINGS])?.row ?? 1, '内容', issue.message);
    }
    throw invalid(errors);
  }
  const messages = validateDefinition(parsed.data);
  if (messages.length) {
    for (const m of messages) {
      const code = /（([A-Za-z][A-Za-z0-9_]*)）/.exec(m)?.[1];
      err('题目', (code && rowOf.get(code)) || 1, '', m);
    }
    throw invalid(errors);
  }
  return parsed.data;
}

/** POST /questionnaires/import (multipart: file, regionId, name): a new questionnaire (version 1) from a workbook. */
export async function importQuestionnaire(ctx: Ctx, buffer: Buffer, fields: Record<string, string>): Promise<string> {
  const regionId = fields.regionId ?? '';
  const name = (fields.name ?? '').trim();
  if (!/^[0-9a-f-]{36}$/i.test(regionId)) throw invalid([{ row: 1, column: 'regionId', message: '请选择区划' }]);
  await managedRegion(ctx, regionId);
  if (!name || name.length > 100) throw invalid([{ row: 1, column: 'name', message: '请填写问卷名称（不超过100字）' }]);
  // Each tab through the hardened reader (which checks the zip's directory before anything is inflated).
  const questions = await readSheet(buffer, QUESTION_COLUMNS.slice(0, 6), 1);
  const choices = await readSheet(buffer, CHOICE_COLUMNS.slice(0, 3), 2).catch((e) => {
    // a questionnaire of number and text questions only has no choice rows
    if ((e as { extra?: { rows?: RowError[] } }).extra?.rows?.[0]?.message === '文件中没有数据行') return [];
    throw e;
  });
  const settings = await readSheet(buffer, SETTING_COLUMNS, 3);
  const definition = definitionFromRows(questions, choices, settings);
  return createQuestionnaire(ctx, { regionId, name, definition }, 'survey_questionnaire.imported');
}
