/** The office's view of 12345 work orders: each with its problem, its 办结回复 and the callback's state; and the .xlsx. */
import { sql } from 'kysely';
import type { HotlineOrderDto } from '../../../common/contracts';
import { PROBLEM_STATE_LABELS, type ProblemState } from '../../../common/problem-workflow';
import type { Ctx } from '../../platform/context';
import { MAX_ATTEMPTS } from '../../platform/jobs-after-commit';
import { authorize, scopeSql } from '../../platform/policy';
import { buildWorkbook, localMinute, type SheetColumn } from '../../platform/xlsx';
import {
  ANSWERING_PROBLEM_ON,
  measuresOfAnswer,
  photoIdsOfAnswer,
  rejectLabelOfAnswer,
  rejectTextOfAnswer,
  REPLY_JOB,
  replyTextOf,
} from './reply';

export interface OrderFilter {
  orderNo?: string;
  replied?: boolean;
  regionId?: string;
  page: number;
  pageSize: number;
}

function query(ctx: Ctx, f: Omit<OrderFilter, 'page' | 'pageSize'>) {
  let q = ctx.db
    .selectFrom('hotline_orders as h')
    .innerJoin('problems as p', 'p.id', 'h.problem_id')
    // The answering problem: the survivor of a merge, else the order's own (hotline/reply.ts).
    .innerJoin('problems as a', (j) => j.on(ANSWERING_PROBLEM_ON))
    .innerJoin('regions as pr', 'pr.id', 'p.region_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('outbox_jobs as j')
          .select(['j.subject_id', 'j.attempts', 'j.last_error', 'j.done_at'])
          .distinctOn('j.subject_id')
          .where('j.kind', '=', REPLY_JOB)
          .orderBy('j.subject_id')
          .orderBy('j.created_at', 'desc')
          .as('j'),
      (join) => join.onRef('j.subject_id', '=', 'h.problem_id'),
    )
    .where(scopeSql(ctx.actor, 'hotline.list', { regionPath: sql.ref('pr.path') }));
  if (f.orderNo) q = q.where('h.order_no', 'like', `%${f.orderNo.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (f.replied === true) q = q.where('h.replied_at', 'is not', null);
  if (f.replied === false) q = q.where('h.replied_at', 'is', null);
  if (f.regionId) q = q.where(sql<boolean>`pr.path like (select path from regions where id = ${f.regionId}) || '%'`);
  return q;
}

const COLUMNS = [
  'h.problem_id',
  'p.code',
  'p.state',
  'p.description',
  'p.address',
  'p.closed_at',
  'h.order_no',
  'h.caller_masked',
  'h.transfer_unit',
  'h.called_at',
  'h.due_at',
  'h.replied_at',
  'h.callback_sent_at',
  'u.name as unit_name',
  'a.state as answer_state',
  'j.attempts',
  'j.last_error',
  'j.done_at',
] as const;

type Row = Awaited<ReturnType<typeof listRows>>[number];

function listRows(ctx: Ctx, f: OrderFilter) {
  return query(ctx, f)
    .select(COLUMNS)
    .select([measuresOfAnswer.as('measures'), rejectLabelOfAnswer.as('reject_label'), rejectTextOfAnswer.as('reject_text')])
    .orderBy('h.called_at', 'desc')
    .orderBy('h.order_no')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
}

/** The row's reply source: the answering problem's state, unit, measures and rejection reason. */
const answerOf = (r: Row) => ({
  state: r.answer_state,
  unit_name: r.unit_name,
  measures: r.measures,
  reject_label: r.reject_label,
  reject_text: r.reject_text,
});

function callbackState(r: Row): HotlineOrderDto['callback'] {
  if (!r.replied_at) return 'none';
  if (r.callback_sent_at) return 'sent';
  if (r.attempts === null || r.attempts === undefined) return 'not_configured';
  if (r.done_at) return 'sent';
  if (r.attempts >= MAX_ATTEMPTS) return 'failed';
  return r.attempts > 0 ? 'retrying' : 'pending';
}

/** The original 诉求内容: the description without the line the intake added. */
const contentOf = (d: string) => d.replace(/\n【12345 工单[^\n]*$/, '');

function present(r: Row) {
  return {
    problemId: r.problem_id,
    problemCode: r.code,
    problemState: r.state,
    orderNo: r.order_no,
    content: contentOf(r.description),
    address: r.address,
    callerMasked: r.caller_masked,
    transferUnit: r.transfer_unit,
    calledAt: r.called_at,
    dueAt: r.due_at,
    repliedAt: r.replied_at,
    replyText: r.replied_at ? replyTextOf(answerOf(r)) : null,
    callback: callbackState(r),
    callbackAttempts: r.attempts ?? 0,
    callbackError: r.callback_sent_at ? null : (r.last_error ?? null),
    callbackSentAt: r.callback_sent_at,
  };
}

/** A page of orders in the reader's area, newest call first. */
export async function readOrders(ctx: Ctx, f: OrderFilter) {
  authorize(ctx.actor, 'hotline.list');
  const [rows, count] = await Promise.all([
    listRows(ctx, f),
    query(ctx, f)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(present), total: count.n };
}

const CALLBACK_LABELS: Record<HotlineOrderDto['callback'], string> = {
  none: '未办结',
  not_configured: '未配置回调',
  pending: '待发送',
  retrying: '重试中',
  failed: '发送失败',
  sent: '已回调',
};

const EXPORT_COLUMNS: SheetColumn[] = [
  { header: '工单号', width: 22 },
  { header: '诉求内容', width: 40 },
  { header: '地址', width: 26 },
  { header: '来电时间', kind: 'datetime', width: 18 },
  { header: '诉求人', width: 14 },
  { header: '转办单位', width: 18 },
  { header: '办理时限', kind: 'datetime', width: 18 },
  { header: '问题编号', width: 24 },
  { header: '办理状态', width: 10 },
  { header: '办理单位', width: 18 },
  { header: '办结时间', kind: 'datetime', width: 18 },
  { header: '办结回复', width: 50 },
  { header: '办结照片', width: 50 },
  { header: '回调状态', width: 12 },
];

/** 办结回复 .xlsx: the orders (replied only unless asked otherwise) as the 12345 operator files them back. */
export async function exportReplies(ctx: Ctx, f: Omit<OrderFilter, 'page' | 'pageSize'>) {
  authorize(ctx.actor, 'hotline.list');
  const rows = await query(ctx, f)
    .select(COLUMNS)
    .select([measuresOfAnswer.as('measures'), rejectLabelOfAnswer.as('reject_label'), rejectTextOfAnswer.as('reject_text')])
    .select(photoIdsOfAnswer.as('photo_ids'))
    .orderBy('h.called_at')
    .orderBy('h.order_no')
    .limit(20000)
    .execute();
  const base = (process.env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '');
  const buffer = await buildWorkbook(
    '办结回复',
    EXPORT_COLUMNS,
    rows.map((r) => [
      r.order_no,
      contentOf(r.description),
      r.address ?? '',
      r.called_at,
      r.caller_masked ?? '',
      r.transfer_unit ?? '',
      r.due_at,
      r.code,
      PROBLEM_STATE_LABELS[r.state as ProblemState] ?? r.state,
      r.unit_name ?? '',
      r.replied_at,
      r.replied_at ? replyTextOf(answerOf(r)) : '',
      r.replied_at && r.answer_state !== 'rejected' ? (r.photo_ids ?? []).map((id) => `${base}/open311/v2/media/${id}.jpg`).join('\n') : '',
      CALLBACK_LABELS[callbackState(r)],
    ]),
    { title: '12345 工单办结回复', now: ctx.clock.now(), info: f.replied === true ? ['仅已办结工单'] : [] },
  );
  return { fileName: `12345工单办结回复-${localMinute(ctx.clock.now()).slice(0, 10)}.xlsx`, buffer };
}
