/**
 * 任务分解表 as .xlsx, in the layout every county office keeps:
 *   序号 | 工作任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限 | 责任领导 (+ 开始日期; the export adds 状态 and 完成进度).
 * Units by name (配合单位 separated by 、 or ，), 责任领导 by the name of a member of the campaign's leading group,
 * dates as Excel dates or text (2026-12-31, 2026/12/31, 2026年12月31日). A 序号 like 1.2 makes the row a sub-task of the
 * row (or existing task) numbered 1; a row whose 序号 the plan already has updates that task (baseline and parent
 * kept), so an exported table edited in Excel imports back. The import checks every row and writes nothing unless all are valid (422
 * import_invalid with rows [{ row, column, message }]); the reading goes through platform/xlsx.ts (size, zip-bomb and
 * row limits are there).
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { TASK_STATUS_LABELS } from '../../../common/tasks';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { RowError } from '../../platform/errors';
import { notFound } from '../../platform/errors';
import { authorize } from '../../platform/policy';
import { buildReportWorkbook, buildTemplate, invalid, readSheet, type SheetColumn } from '../../platform/xlsx';
import { beijingDay } from '../calendar/calendar';
import { planSubject } from './access';
import { managedPlan, newTaskValues, nextSeq, taskEvent } from './create-task';
import { presentTasks } from './presenter';
import { findVisiblePlan, taskRows, taskWhere } from './repository';

/** The columns an import requires (开始日期 is read when present). */
export const TASK_COLUMNS: SheetColumn[] = [
  { header: '序号', width: 8, example: '1' },
  { header: '工作任务', required: true, width: 30, example: '开展农贸市场环境秩序集中整治' },
  { header: '具体措施', width: 50, example: '对城区农贸市场逐一排查，规范摊位经营，落实门前三包，建立长效保洁机制' },
  { header: '牵头单位', required: true, width: 18, example: '县市场监管局' },
  { header: '配合单位', width: 24, example: '县城管局、县卫健局' },
  { header: '完成时限', required: true, width: 14, example: '2026-12-31' },
  { header: '责任领导', width: 12, example: '张建华' },
];
const START_HEADER = '开始日期';

/** The import template (a header row and one example row, with the filling notes). */
export function taskTemplate(): Promise<Buffer> {
  return buildTemplate(
    '任务分解表',
    [...TASK_COLUMNS, { header: START_HEADER, width: 14, example: '2026-12-01' }],
    [
      '序号：如 1、2；子任务写作 1.1、1.2，挂在序号为 1 的任务下（上级任务须在本表中或已在方案中）。',
      '序号已在本方案中的行更新该任务（上级任务和计划基线不变），其余行新增任务。',
      '牵头单位、配合单位填写单位全称，须为本地区的单位；配合单位之间用“、”或“，”分隔。',
      '完成时限、开始日期可填 Excel 日期，或文字 2026-12-31、2026年12月31日；开始日期不填时为导入当天。',
      '责任领导填写创建工作领导小组成员的姓名。',
      '导入时逐行检查，任一行有误则整表不导入，并列出所有错误的行、列和原因。',
    ],
  );
}

/** A date cell as YYYY-MM-DD, or null when it is not a real date. */
export function parseDateCell(text: string): string | null {
  const m = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const splitNames = (s: string) =>
  s
    .split(/[、，,;；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const depth = (code: string | null) => (code ? code.split('.').length : 1);

interface ParsedTask {
  row: number;
  /** The plan's task with this 序号, updated by the row. */
  existingId: string | null;
  code: string | null;
  parentCode: string | null;
  title: string;
  measures: string | null;
  leadUnitId: string;
  coopUnitIds: string[];
  leaderMemberId: string | null;
  startDate: string;
  dueDate: string;
}

/** Imports the task table into the plan: all rows or none. */
export async function importPlanTasks(ctx: Ctx, planId: string, buffer: Buffer): Promise<{ created: number; updated: number }> {
  const plan = await managedPlan(ctx, planId);
  const rows = await readSheet(buffer, TASK_COLUMNS);
  const today = beijingDay(ctx.clock.now());

  const units = await ctx.db
    .selectFrom('units as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.name'])
    .where('r.path', 'like', `${plan.region_path}%`)
    .execute();
  const unitsByName = new Map<string, string[]>();
  for (const u of units) unitsByName.set(u.name, [...(unitsByName.get(u.name) ?? []), u.id]);
  const members = await ctx.db
    .selectFrom('leading_group_members')
    .select(['id', 'name'])
    .where('campaign_id', '=', plan.campaign_id)
    .execute();
  const membersByName = new Map<string, string[]>();
  for (const m of members) membersByName.set(m.name, [...(membersByName.get(m.name) ?? []), m.id]);
  const existing = await ctx.db
    .selectFrom('tasks')
    .select(['id', 'code', 'start_date'])
    .where('plan_id', '=', plan.id)
    .where('code', 'is not', null)
    .execute();
  const existingByCode = new Map(existing.map((t) => [t.code!, t]));

  const errors: RowError[] = [];
  const parsed: ParsedTask[] = [];
  const codes = new Map<string, number>();
  const unitOf = (row: number, column: string, name: string): string | null => {
    const ids = unitsByName.get(name);
    if (!ids) errors.push({ row, column, message: `找不到单位“${name}”（须为${plan.region_name}的单位，填写全称）` });
    else if (ids.length > 1) errors.push({ row, column, message: `单位“${name}”有重名，请联系管理员区分` });
    return ids?.length === 1 ? ids[0] : null;
  };
  for (const { row, values } of rows) {
    const before = errors.length;
    const code = values['序号']?.trim() || null;
    if (code) {
      if (code.length > 20 || !/^[\p{L}\p{N}()（）]+(\.[\p{L}\p{N}()（）]+)*$/u.test(code))
        errors.push({ row, column: '序号', message: '序号只能由文字、数字和点组成（如 1、1.2），不超过 20 位' });
      else if (codes.has(code)) errors.push({ row, column: '序号', message: `与第 ${codes.get(code)} 行重复` });
      codes.set(code, row);
    }
    const title = values['工作任务'] ?? '';
    if (!title) errors.push({ row, column: '工作任务', message: '必填' });
    else if (title.length < 2 || title.length > 200) errors.push({ row, column: '工作任务', message: '须为 2–200 个字' });
    const measures = values['具体措施'] || null;
    if (measures && measures.length > 4000) errors.push({ row, column: '具体措施', message: '不能超过 4000 个字' });
    const leadName = values['牵头单位'] ?? '';
    const leadUnitId = leadName ? unitOf(row, '牵头单位', leadName) : null;
    if (!leadName) errors.push({ row, column: '牵头单位', message: '必填' });
    const coopUnitIds: string[] = [];
    for (const name of splitNames(values['配合单位'] ?? '')) {
      const id = unitOf(row, '配合单位', name);
      if (!id) continue;
      if (id === leadUnitId) errors.push({ row, column: '配合单位', message: `“${name}”已是牵头单位` });
      else if (coopUnitIds.includes(id)) errors.push({ row, column: '配合单位', message: `“${name}”重复填写` });
      else coopUnitIds.push(id);
    }
    if (coopUnitIds.length > 30) errors.push({ row, column: '配合单位', message: '配合单位最多 30 个' });
    const dueText = values['完成时限'] ?? '';
    const dueDate = dueText ? parseDateCell(dueText) : null;
    if (!dueText) errors.push({ row, column: '完成时限', message: '必填' });
    else if (!dueDate) errors.push({ row, column: '完成时限', message: `“${dueText}”不是有效日期（如 2026-12-31 或 2026年12月31日）` });
    const startText = values[START_HEADER] ?? '';
    let startDate = startText ? parseDateCell(startText) : null;
    if (startText && !startDate)
      errors.push({ row, column: START_HEADER, message: `“${startText}”不是有效日期（如 2026-12-01 或 2026年12月1日）` });
    const current = code ? existingByCode.get(code) : undefined;
    if (!startText && dueDate) startDate = current ? current.start_date : today < dueDate ? today : dueDate;
    if (startDate && dueDate && dueDate < startDate) errors.push({ row, column: '完成时限', message: '完成时限不能早于开始日期' });
    const leaderName = values['责任领导'] ?? '';
    let leaderMemberId: string | null = null;
    if (leaderName) {
      const ids = membersByName.get(leaderName);
      if (!ids) errors.push({ row, column: '责任领导', message: `“${leaderName}”不是本创建项目领导小组的成员` });
      else if (ids.length > 1) errors.push({ row, column: '责任领导', message: `领导小组中有多位“${leaderName}”，请在系统中指定` });
      else leaderMemberId = ids[0];
    }
    const parentCode = code && code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;
    if (errors.length === before)
      parsed.push({
        row,
        existingId: current?.id ?? null,
        code,
        parentCode,
        title,
        measures,
        leadUnitId: leadUnitId!,
        coopUnitIds,
        leaderMemberId,
        startDate: startDate!,
        dueDate: dueDate!,
      });
  }
  // Parents: a row of the file or a task already in the plan.
  for (const p of parsed) {
    if (p.parentCode && !codes.has(p.parentCode) && !existingByCode.has(p.parentCode))
      errors.push({ row: p.row, column: '序号', message: `找不到上级任务（序号“${p.parentCode}”）` });
  }
  if (errors.length) throw invalid(errors);

  // Parents before their sub-tasks; file order otherwise. A row whose 序号 is already in the plan updates that task
  // (its parent and baseline stay); the others are new tasks, numbered on in file order.
  const ordered = [...parsed].sort((a, b) => depth(a.code) - depth(b.code) || a.row - b.row);
  const fresh = parsed.filter((p) => !p.existingId);
  const result = await ctx.db.transaction().execute(async (tx) => {
    const idByCode = new Map([...existingByCode].map(([code, t]) => [code, t.id]));
    const seq = await nextSeq(tx, plan.id);
    const seqOf = new Map(fresh.map((p, i) => [p.row, seq + i]));
    const now = ctx.clock.now();
    for (const p of ordered) {
      const fields = {
        code: p.code,
        title: p.title,
        measures: p.measures,
        leadUnitId: p.leadUnitId,
        coopUnitIds: p.coopUnitIds,
        leaderMemberId: p.leaderMemberId,
        startDate: p.startDate,
        dueDate: p.dueDate,
      };
      if (p.existingId) {
        await tx
          .updateTable('tasks')
          .set({
            title: fields.title,
            measures: fields.measures,
            lead_unit_id: fields.leadUnitId,
            coop_unit_ids: JSON.stringify(fields.coopUnitIds),
            leader_member_id: fields.leaderMemberId,
            start_date: fields.startDate,
            due_date: fields.dueDate,
            updated_at: now,
            version: sql<number>`version + 1`,
          })
          .where('id', '=', p.existingId)
          .execute();
        await tx
          .insertInto('task_events')
          .values(taskEvent(ctx, p.existingId, 'updated', `由任务分解表导入更新（第 ${p.row} 行）`))
          .execute();
        continue;
      }
      const values = newTaskValues(
        ctx,
        plan.id,
        {
          ...fields,
          parentId: p.parentCode ? idByCode.get(p.parentCode)! : null,
          milestones: [],
          standardIds: [],
          siteIds: [],
        },
        seqOf.get(p.row)!,
      );
      const row = await tx.insertInto('tasks').values(values).returning('id').executeTakeFirstOrThrow();
      if (p.code) idByCode.set(p.code, row.id);
      await tx
        .insertInto('task_events')
        .values(taskEvent(ctx, row.id, 'created', `由任务分解表导入（第 ${p.row} 行）`))
        .execute();
    }
    const counts = { created: fresh.length, updated: parsed.length - fresh.length };
    await recordEvent(tx, ctx, { action: 'plan.tasks_imported', subjectType: 'plan', subjectId: plan.id, after: counts });
    return counts;
  });
  return result;
}

const EXPORT_COLUMNS: SheetColumn[] = [
  { header: '工作任务', width: 30 },
  { header: '具体措施', width: 50 },
  { header: '牵头单位', width: 18 },
  { header: '配合单位', width: 24 },
  { header: '完成时限', width: 12, kind: 'date' },
  { header: '责任领导', width: 12 },
  { header: START_HEADER, width: 12, kind: 'date' },
  { header: '状态', width: 8 },
  { header: '完成进度', width: 10, kind: 'percent' },
];

/** The plan's tasks as the task table (tree order; a task without a 序号 gets its place, e.g. 2 or 1.3). */
export async function exportPlanTasks(ctx: Ctx, planId: string): Promise<{ fileName: string; buffer: Buffer }> {
  const plan = await findVisiblePlan(ctx.db, ctx.actor, planId);
  if (!plan) throw notFound('方案');
  authorize(ctx.actor, 'plans.read', planSubject(plan));
  const today = beijingDay(ctx.clock.now());
  const rows = await taskRows(ctx.db, today)
    .where(taskWhere(ctx.actor, { planIds: [plan.id] }, today))
    .orderBy('t.seq')
    .orderBy('t.id')
    .execute();
  const tasks = await presentTasks(ctx.db, ctx.actor, rows, today);
  const children = new Map<string | null, typeof tasks>();
  const ids = new Set(tasks.map((t) => t.id));
  for (const t of tasks) {
    const key = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    children.set(key, [...(children.get(key) ?? []), t]);
  }
  const ordered: Array<{ code: string; task: (typeof tasks)[number] }> = [];
  const walk = (parent: string | null, prefix: string) => {
    (children.get(parent) ?? []).forEach((t, i) => {
      const code = t.code ?? `${prefix}${i + 1}`;
      ordered.push({ code, task: t });
      walk(t.id, `${code}.`);
    });
  };
  walk(null, '');
  const built = await buildReportWorkbook({ title: `${plan.name}任务分解表`, now: ctx.clock.now(), info: [plan.campaign_name] }, [
    {
      name: '任务分解表',
      columns: EXPORT_COLUMNS,
      rows: ordered.map(({ task: t }) => [
        t.title,
        t.measures ?? '',
        t.leadUnit.name,
        t.coopUnits.map((u) => u.name).join('、'),
        t.dueDate,
        t.leader?.name ?? '',
        t.startDate,
        TASK_STATUS_LABELS[t.status],
        t.percent / 100,
      ]),
    },
  ]);
  // The first column (序号) carries the task's own number (1, 1.2 …), so the export imports again as it is.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(built as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  ordered.forEach(({ code }, i) => {
    const cell = ws.getRow(4 + i).getCell(1);
    cell.value = code;
    cell.numFmt = '@';
    cell.alignment = { vertical: 'top', horizontal: 'left' };
  });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `${plan.name}任务分解表.xlsx`, buffer };
}
