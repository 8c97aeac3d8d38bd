/**
 * 导出原始答卷 (.xlsx): one row per response of the wave (interviews and public responses, eligible or not, voided or
 * not — the 是否合格 and 复核 columns say which count), the respondent's profile, times and flags, then one column per
 * question with the answer's Chinese label(s). A 题目说明 sheet lists each question's code, type and text.
 */
import {
  allQuestions,
  GENDER_LABELS,
  INTERVIEW_METHOD_LABELS,
  QUESTION_TYPE_LABELS,
  RESIDENCE_BANDS,
  RESPONSE_FLAG_LABELS,
  RESPONSE_MODE_LABELS,
  type AnswerValue,
  type QuestionDef,
  type ResponseFlag,
} from '../../../common/surveys';
import type { Ctx } from '../../platform/context';
import { buildReportWorkbook, chinesePeriod, type SheetColumn } from '../../platform/xlsx';
import { readableWave } from './read-results';
import { answerRows } from './results-repository';

/** An answer as the office reads it: the choice labels (、 between several), the number or the text. */
export function answerLabel(q: QuestionDef, v: AnswerValue | undefined): string | number {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return v;
  if (!Array.isArray(v) && !q.choices?.length) return v;
  return (Array.isArray(v) ? v : [v]).map((c) => q.choices?.find((x) => x.code === c)?.label ?? c).join('、');
}

const REVIEW_LABELS = { kept: '保留', voided: '作废' } as const;

export async function exportAnswers(ctx: Ctx, waveId: string): Promise<{ fileName: string; buffer: Buffer }> {
  const wave = await readableWave(ctx, waveId);
  const rows = await answerRows(ctx.db, wave.id);
  const questions = allQuestions(wave.definition);
  const groups = new Map(wave.definition.groups.map((g) => [g.code, g.label]));
  const residence = new Map<string, string>(RESIDENCE_BANDS.map((b) => [b.code, b.label]));
  const columns: SheetColumn[] = [
    { header: '编号', width: 11 },
    { header: '方式', width: 9 },
    { header: '访问员', width: 10 },
    { header: '乡镇（街道）', width: 14 },
    { header: '人群', width: 12 },
    { header: '性别', width: 6 },
    { header: '年龄', kind: 'integer', width: 6 },
    { header: '居住年限', width: 11 },
    { header: '是否合格', width: 8 },
    { header: '开始时间', kind: 'datetime', width: 17 },
    { header: '结束时间', kind: 'datetime', width: 17 },
    { header: '用时（秒）', kind: 'integer', width: 9 },
    { header: '标记', width: 12 },
    { header: '复核', width: 7 },
    ...questions.map<SheetColumn>((q) => ({
      header: `${q.code} ${q.text.length > 24 ? `${q.text.slice(0, 24)}…` : q.text}`,
      kind: q.type === 'number' ? 'number' : 'text',
      width: q.type === 'text' ? 30 : q.type === 'multiple' ? 24 : 14,
    })),
  ];
  const data = rows.map((r) => [
    r.id.slice(0, 8).toUpperCase(),
    r.mode === 'public' ? RESPONSE_MODE_LABELS.public : r.method ? INTERVIEW_METHOD_LABELS[r.method] : RESPONSE_MODE_LABELS.interview,
    r.interviewer_name ?? '',
    r.town_name,
    groups.get(r.group_code) ?? r.group_code,
    GENDER_LABELS[r.gender as keyof typeof GENDER_LABELS] ?? r.gender,
    r.age,
    residence.get(r.residence) ?? r.residence,
    r.eligible ? '是' : '否',
    r.started_at,
    r.finished_at,
    r.duration_seconds,
    r.flags.map((f) => RESPONSE_FLAG_LABELS[f as ResponseFlag] ?? f).join('、'),
    r.review ? REVIEW_LABELS[r.review] : '',
    ...questions.map((q) => answerLabel(q, r.answers[q.code])),
  ]);
  const questionSheet = {
    name: '题目说明',
    title: `${wave.name} 题目`,
    columns: [
      { header: '编码', width: 8 },
      { header: '题型', width: 12 },
      { header: '题目', width: 60 },
      { header: '选项', width: 60 },
    ],
    rows: questions.map((q) => [
      q.code,
      QUESTION_TYPE_LABELS[q.type],
      q.text,
      (q.choices ?? []).map((c) => `${c.code}. ${c.label}`).join('　'),
    ]),
  };
  const buffer = await buildReportWorkbook(
    {
      title: `${wave.name} 原始答卷`,
      period: chinesePeriod(wave.starts_on, wave.ends_on),
      now: ctx.clock.now(),
      info: [`问卷：${wave.questionnaire_name}`],
    },
    [{ name: '原始答卷', columns, rows: data }, questionSheet],
    ['每行一份答卷（入户/拦截访问与公众链接），含不合格与已作废的答卷；计算四率时只计合格且未作废的答卷。', '多选题的多个选项以“、”分隔。'],
  );
  return { fileName: `${wave.name}-原始答卷.xlsx`, buffer };
}
