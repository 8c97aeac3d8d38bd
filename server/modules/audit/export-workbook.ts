/** The audit log as .xlsx, in Chinese: labels for actions and subject types, names for ids, changes in words. */
import { AUDIT_SUBJECT_TYPE_LABELS } from '../../../common/audit-labels';
import { labelOf } from '../../../common/labels';
import type { Ctx } from '../../platform/context';
import { buildWorkbook, chineseDate, type SheetColumn } from '../../platform/xlsx';
import { describeEvent, detailsText, nameBook } from './describe';
import type { EventRow } from './repository';

const COLUMNS: SheetColumn[] = [
  { header: '事件号', width: 10, kind: 'integer' },
  { header: '时间', width: 18, kind: 'datetime', numFmt: 'yyyy-mm-dd hh:mm:ss' },
  { header: '操作人', width: 20 },
  { header: '操作', width: 20 },
  { header: '对象类型', width: 12 },
  { header: '对象', width: 30 },
  { header: '变更内容', width: 60 },
  { header: 'IP', width: 16 },
  { header: '客户端', width: 30 },
  { header: '操作代码', width: 24 },
];

/** Builds the export for the events (already filtered and capped); the filters are named in the information row. */
export async function auditWorkbook(
  ctx: Ctx,
  rows: EventRow[],
  filters: { actor?: string; action?: string; subjectType?: string; subjectId?: string; from?: Date; to?: Date; q?: string },
): Promise<Buffer> {
  const names = await nameBook(ctx.db, rows);
  const data = rows.map((e) => {
    const d = describeEvent(e, names);
    return [
      Number(e.id),
      e.occurred_at,
      e.actor_name,
      d.actionLabel,
      d.subjectTypeLabel,
      d.subjectName ? `${d.subjectName}${e.subject_id ? `（${e.subject_id}）` : ''}` : e.subject_id,
      detailsText(d.details),
      e.ip,
      e.user_agent,
      e.action,
    ];
  });
  const now = ctx.clock.now();
  const period =
    filters.from || filters.to
      ? `${filters.from ? chineseDate(filters.from) : '最早'}至${chineseDate(filters.to ? new Date(filters.to.getTime() - 1) : now)}`
      : undefined;
  const info = [
    filters.q && `搜索：${filters.q}`,
    filters.actor && `操作人：${filters.actor}`,
    filters.action && `操作：${filters.action}`,
    filters.subjectType && `对象类型：${labelOf(AUDIT_SUBJECT_TYPE_LABELS, filters.subjectType)}`,
    filters.subjectId && `对象编号：${filters.subjectId}`,
  ].filter((x): x is string => !!x);
  return buildWorkbook('审计日志', COLUMNS, data, { title: '审计日志', period, now, info });
}
