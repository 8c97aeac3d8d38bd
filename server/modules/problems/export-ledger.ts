/** 整改台账: the rectification ledger as .xlsx, with the same filters as the list. */
import { labelOf } from '../../../common/labels';
import { PROBLEM_SEVERITY_LABELS, PROBLEM_SOURCE_LABELS, PROBLEM_STATE_LABELS } from '../../../common/problem-workflow';
import type { Ctx } from '../../platform/context';
import { buildWorkbook, chineseDate, type SheetColumn } from '../../platform/xlsx';
import { allProblems, type ProblemFilter, type ProblemScope } from './repository';

const CAP = 100_000;
const DATETIME = new Set(['发现时间', '派遣时间', '整改时限', '整改完成时间', '结案时间']);
const COUNTS = new Set(['延期次数', '返工次数']);
const COLUMNS: SheetColumn[] = [
  '问题编号',
  '发现时间',
  '来源',
  '问题类别',
  '问题描述',
  '地点',
  '所属区域',
  '责任单位',
  '严重程度',
  '状态',
  '派遣时间',
  '整改时限',
  '整改措施',
  '整改完成时间',
  '核查结果',
  '结案时间',
  '是否超期',
  '延期次数',
  '返工次数',
  '是否反弹',
].map((header) => ({
  header,
  width: header === '问题描述' || header === '整改措施' ? 40 : DATETIME.has(header) ? 17 : header === '问题编号' ? 24 : 12,
  kind: DATETIME.has(header) ? 'datetime' : COUNTS.has(header) ? 'integer' : 'text',
}));

/** Builds the ledger workbook for the problems the actor may see. */
export async function exportLedger(ctx: Ctx, scope: ProblemScope, filter: ProblemFilter): Promise<Buffer> {
  const now = ctx.clock.now();
  const rows = await allProblems(ctx.db, scope, filter, now, ctx.actor.id, CAP);
  const ids = rows.map((r) => r.id);
  const events = ids.length
    ? await ctx.db
        .selectFrom('problem_events')
        .select(['problem_id', 'action', 'payload'])
        .where('problem_id', 'in', ids)
        .where('action', 'in', ['submit_rectification', 'verify'])
        .orderBy('id')
        .execute()
    : [];
  const last = new Map<string, { measures?: string; verdict?: string }>();
  for (const e of events) {
    const entry = last.get(e.problem_id) ?? {};
    const payload = (e.payload ?? {}) as { measures?: string; passed?: boolean; comment?: string };
    if (e.action === 'submit_rectification') entry.measures = payload.measures;
    if (e.action === 'verify') entry.verdict = payload.passed ? '通过' : `不通过${payload.comment ? `：${payload.comment}` : ''}`;
    last.set(e.problem_id, entry);
  }
  const data = rows.map((p) => {
    const overdue =
      (p.deadline && ['dispatched', 'rectifying'].includes(p.state) && new Date(p.deadline) < now) ||
      (p.rectified_at && p.deadline && new Date(p.rectified_at) > new Date(p.deadline));
    return [
      p.code,
      p.created_at,
      labelOf(PROBLEM_SOURCE_LABELS, p.source),
      p.category_name,
      p.description,
      p.address ?? '',
      p.region_name,
      p.unit_name ?? '',
      labelOf(PROBLEM_SEVERITY_LABELS, p.severity),
      labelOf(PROBLEM_STATE_LABELS, p.state),
      p.first_dispatched_at,
      p.deadline,
      last.get(p.id)?.measures ?? '',
      p.rectified_at,
      last.get(p.id)?.verdict ?? '',
      p.closed_at,
      overdue ? '是' : '否',
      p.extension_count,
      p.rework_count,
      p.relapsed_from ? '是' : '否',
    ];
  });
  // The period is the 发现时间 filter when one is set (`to` is exclusive: the instant before it is the last day).
  const period =
    filter.from || filter.to
      ? `${filter.from ? chineseDate(filter.from) : '最早'}至${filter.to ? chineseDate(new Date(filter.to.getTime() - 1)) : chineseDate(now)}`
      : undefined;
  return buildWorkbook('整改台账', COLUMNS, data, { title: '问题整改台账', period, now });
}
