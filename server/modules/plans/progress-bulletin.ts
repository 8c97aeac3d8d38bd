/**
 * 各单位任务推进情况通报 as a 公文 (GB/T 9704, platform/gongwen.ts): 关于2026年11月各单位任务推进情况的通报 — 总体情况
 * (tasks, completed, behind, overdue, reports on time), a table of every lead unit's tasks and reports, the overdue and
 * behind tasks named, the units that did not report named, and 下步工作要求. Statuses are today's (common/tasks.ts
 * taskStatus); the month's reports are those of progress-workbook.ts monthProgress.
 */
import type { Paragraph, Table } from 'docx';
import { TASK_STATUS_LABELS } from '../../../common/tasks';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { body, buildGongwen, documentNumber, heading, percent, PT, run as textRun, subheadingNumber, table } from '../../platform/gongwen';
import { issuingOffice } from '../../platform/issuing-office';
import { monthProgress, type MonthQuery, type MonthRow } from './progress-workbook';
import { periodName } from './submit-progress';

const lead = (i: number, title: string, text: string) =>
  body([textRun(`${subheadingNumber(i)}${title}`, 'subheading', PT.san), textRun(text, 'body', PT.san)]);

const taskName = (r: MonthRow) => `${r.code ? `${r.code} ` : ''}${r.title}`;

export interface UnitLine {
  unitName: string;
  tasks: number;
  done: number;
  behind: number;
  overdue: number;
  due: number;
  onTime: number;
  late: number;
  missing: number;
}

/** Per lead unit: tasks by status and the month's reports (due, on time, late, missing), in the plan's order of units. */
export function unitLines(rows: MonthRow[], dueDayPassed: boolean): UnitLine[] {
  const out = new Map<string, UnitLine>();
  for (const r of rows) {
    const u = out.get(r.unitId) ?? {
      unitName: r.unitName,
      tasks: 0,
      done: 0,
      behind: 0,
      overdue: 0,
      due: 0,
      onTime: 0,
      late: 0,
      missing: 0,
    };
    u.tasks += 1;
    if (r.status === 'done') u.done += 1;
    if (r.status === 'behind') u.behind += 1;
    if (r.status === 'overdue') u.overdue += 1;
    if (r.due) {
      u.due += 1;
      if (r.report && !r.report.late) u.onTime += 1;
      else if (r.report) u.late += 1;
      else if (dueDayPassed) u.missing += 1;
    }
    out.set(r.unitId, u);
  }
  return [...out.values()];
}

export async function buildProgressBulletin(ctx: Ctx, q: MonthQuery): Promise<{ fileName: string; buffer: Buffer }> {
  const m = await monthProgress(ctx, q);
  const label = periodName(m.period);
  if (!m.rows.length) throw new AppError('unprocessable', `${label}没有需要推进的任务，无法生成通报`);
  const office = await issuingOffice(ctx.db, m.rows[0].campaignId, m.rows[0].regionId);
  const passed = m.today > m.due;
  const units = unitLines(m.rows, passed);
  const total = units.reduce(
    (a, u) => ({
      tasks: a.tasks + u.tasks,
      done: a.done + u.done,
      behind: a.behind + u.behind,
      overdue: a.overdue + u.overdue,
      due: a.due + u.due,
      onTime: a.onTime + u.onTime,
      late: a.late + u.late,
      missing: a.missing + u.missing,
    }),
    { tasks: 0, done: 0, behind: 0, overdue: 0, due: 0, onTime: 0, late: 0, missing: 0 },
  );
  const inProgress = total.tasks - total.done - total.behind - total.overdue;
  const children: Array<Paragraph | Table> = [];

  children.push(
    body(
      `按照每月汇报进度的要求，${office.short}对${units.length}个牵头单位承担的${total.tasks}项工作任务${label}推进情况进行了梳理汇总，现将有关情况通报如下。`,
    ),
  );

  // 一、总体情况
  children.push(heading(1, '总体情况'));
  children.push(
    lead(
      1,
      '任务推进。',
      `截至${m.today.slice(0, 4)}年${Number(m.today.slice(5, 7))}月${Number(m.today.slice(8, 10))}日，共有工作任务${total.tasks}项，已完成${total.done}项，完成率${percent(total.tasks ? total.done / total.tasks : 0)}；按计划推进${Math.max(0, inProgress)}项，进度滞后${total.behind}项，逾期未完成${total.overdue}项。`,
    ),
  );
  children.push(
    lead(
      2,
      '进度汇报。',
      `${label}应报送进度${total.due}项（截止${m.due}），按时报送${total.onTime}项，逾期报送${total.late}项，${passed ? `未报送${total.missing}项` : `尚未报送${total.due - total.onTime - total.late}项`}，汇报及时率${percent(total.due ? total.onTime / total.due : 0)}。`,
    ),
  );

  // 二、各单位推进情况
  children.push(heading(2, '各单位推进情况'));
  children.push(
    table(
      [
        { header: '牵头单位', width: 20 },
        { header: '任务数', width: 10, align: 'center' },
        { header: '已完成', width: 10, align: 'center' },
        { header: '滞后', width: 8, align: 'center' },
        { header: '逾期', width: 8, align: 'center' },
        { header: '应报', width: 8, align: 'center' },
        { header: '按时报送', width: 13, align: 'center' },
        { header: '逾期报送', width: 13, align: 'center' },
        { header: '未报送', width: 10, align: 'center' },
      ],
      units.map((u) => [
        u.unitName,
        String(u.tasks),
        String(u.done),
        String(u.behind),
        String(u.overdue),
        String(u.due),
        String(u.onTime),
        String(u.late),
        passed ? String(u.missing) : '—',
      ]),
    ),
  );

  // 三、逾期和滞后的任务
  children.push(heading(3, '逾期和滞后的任务'));
  const overdue = m.rows.filter((r) => r.status === 'overdue');
  const behind = m.rows.filter((r) => r.status === 'behind');
  const unitsOf = (rs: MonthRow[]) => [...new Set(rs.map((r) => r.unitName))].join('、');
  children.push(
    lead(
      1,
      '逾期未完成。',
      overdue.length
        ? `${overdue.length}项任务已过完成时限仍未完成，涉及${unitsOf(overdue)}${overdue.some((r) => r.escalationLevel) ? '，已下发督办单' : ''}（详见下表）。`
        : '无逾期未完成的任务。',
    ),
  );
  children.push(
    lead(
      2,
      '进度滞后。',
      behind.length ? `${behind.length}项任务进度明显滞后于时序进度，涉及${unitsOf(behind)}（详见下表）。` : '无进度滞后的任务。',
    ),
  );
  if (overdue.length + behind.length)
    children.push(
      table(
        [
          { header: '工作任务', width: 40 },
          { header: '牵头单位', width: 22 },
          { header: '完成时限', width: 16, align: 'center' },
          { header: '进度', width: 10, align: 'center' },
          { header: '状态', width: 12, align: 'center' },
        ],
        [...overdue, ...behind].map((r) => [taskName(r), r.unitName, r.dueDate, `${r.taskPercent}%`, TASK_STATUS_LABELS[r.status]]),
      ),
    );

  // 四、进度汇报情况
  children.push(heading(4, '进度汇报情况'));
  const missingUnits = units.filter((u) => u.missing > 0);
  const lateUnits = units.filter((u) => u.late > 0);
  children.push(
    body(
      passed
        ? missingUnits.length
          ? `截至通报时，${missingUnits.map((u) => `${u.unitName}（${u.missing}项）`).join('、')}未报送${label}任务进度，予以通报批评。`
          : `各牵头单位均已报送${label}任务进度。`
        : `${label}任务进度报送截止日为${m.due}，请尚未报送的单位按时报送。`,
    ),
  );
  if (lateUnits.length)
    children.push(body(`${lateUnits.map((u) => `${u.unitName}（${u.late}项）`).join('、')}逾期报送，未按时报送的计入汇报及时率考核。`));

  // 五、下步工作要求
  children.push(heading(5, '下步工作要求'));
  children.push(
    body([
      textRun('（一）倒排工期抓推进。', 'subheading', PT.san),
      textRun('各牵头单位要对照完成时限倒排工期，逾期和滞后任务的牵头单位要分析原因、制定措施，确保按期完成。', 'body', PT.san),
    ]),
  );
  children.push(
    body([
      textRun('（二）按时汇报不遗漏。', 'subheading', PT.san),
      textRun(
        `各牵头单位须于每月${Number(m.due.slice(8, 10))}日前如实报送任务进度并附佐证材料，逾期和未报送情况纳入月度考核。`,
        'body',
        PT.san,
      ),
    ]),
  );
  children.push(
    body([
      textRun('（三）逾期任务严督办。', 'subheading', PT.san),
      textRun(`对逾期未完成的任务，${office.short}将下发督办单，仍未完成的提请责任领导督办。`, 'body', PT.san),
    ]),
  );

  const year = Number(m.period.slice(0, 4));
  const buffer = await buildGongwen({
    organ: office.organ,
    signature: office.organ,
    number: documentNumber(`${office.prefix}任`, year, Number(m.period.slice(5, 7))),
    title: `关于${label}各单位任务推进情况的通报`,
    addressee: office.regionLevel === 'city' ? '各县（市、区），市直各有关单位' : '各乡镇（街道），县直各有关单位',
    children,
    date: ctx.clock.now(),
  });
  return { fileName: `关于${label}各单位任务推进情况的通报.docx`, buffer };
}
