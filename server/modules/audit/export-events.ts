/** 导出审计日志: the matching events, capped, and the export itself recorded in the trail (who took a copy, of what). */
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { exportEvents } from './repository';

/** Reads the events to export and appends `audit.exported` with the filters and the row count. */
export async function exportAuditEvents(ctx: Ctx, filters: Record<string, unknown>, cap: number) {
  const rows = await exportEvents(ctx.db, filters as never, cap);
  await ctx.db.transaction().execute((tx) =>
    recordEvent(tx, ctx, {
      action: 'audit.exported',
      subjectType: 'audit_events',
      subjectId: null,
      after: { filters, rows: rows.length },
    }),
  );
  return rows;
}
