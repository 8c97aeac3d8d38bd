/**
 * Reading the ledger: a page of entries, one entry, the year view (per unit and kind: what was promised — approved or
 * carried out — and what was carried out, counts and amounts) and the .xlsx ledger, all through access.ts.
 */
import type { z } from 'zod';
import type { rewardYearResponse } from '../../../common/contracts/rewards';
import {
  REWARD_ENTRY_STATE_LABELS,
  REWARD_KIND_LABELS,
  REWARD_KINDS,
  type RewardEntryState,
  type RewardKind,
} from '../../../common/reward-workflow';
import { periodLabel } from '../../../common/period';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { holds } from '../../platform/policy';
import { buildWorkbook, type SheetColumn } from '../../platform/xlsx';
import { mayReadEntry, visibleEntrySql } from './access';
import { presentEntry } from './presenter';
import { findEntry, listEntries, yearTotals, type EntryFilter, type EntrySort } from './repository';
import { beijingYear } from '../../../common/beijing';

/** Whoever may see any entry: the office, leaders, task force, units' heads and liaisons; anyone else 403 (role-wide). */
export function assertLedgerReader(ctx: Ctx) {
  if (!holds(ctx.actor, 'evaluation.read') && !holds(ctx.actor, 'evaluation.object'))
    throw new AppError('forbidden', '没有权限查看奖惩台账');
}

export async function readEntry(ctx: Ctx, id: string) {
  const e = await findEntry(ctx.db, id);
  if (!e || !mayReadEntry(ctx.actor, e)) throw notFound('奖惩记录');
  return presentEntry(e, ctx.actor);
}

export async function readEntries(ctx: Ctx, q: EntryFilter & { sort: EntrySort; order: 'asc' | 'desc'; page: number; pageSize: number }) {
  assertLedgerReader(ctx);
  const { rows, total } = await listEntries(ctx.db, visibleEntrySql(ctx.actor), q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((e) => presentEntry(e, ctx.actor)), total };
}

type KindTotals = z.infer<typeof rewardYearResponse>['totals'][number];
const emptyKind = (kind: RewardKind): KindTotals => ({
  kind,
  kindLabel: REWARD_KIND_LABELS[kind],
  proposed: 0,
  promised: 0,
  fulfilled: 0,
  promisedAmount: 0,
  fulfilledAmount: 0,
  promisedPoints: 0,
  fulfilledPoints: 0,
});
const round2 = (n: number) => Math.round(n * 100) / 100;

export async function readYear(
  ctx: Ctx,
  query: { year?: number; campaignId?: string; unitId?: string },
): Promise<z.infer<typeof rewardYearResponse>> {
  assertLedgerReader(ctx);
  // Without a year: the current one (Beijing time).
  const q = { ...query, year: query.year ?? beijingYear(ctx.clock.now()) };
  const rows = await yearTotals(ctx.db, visibleEntrySql(ctx.actor), q);
  const subjects = new Map<string, z.infer<typeof rewardYearResponse>['items'][number]>();
  const totals = new Map(REWARD_KINDS.map((k) => [k, emptyKind(k)]));
  for (const r of rows) {
    let s = subjects.get(r.subject_id);
    if (!s) {
      s = { subjectType: r.subject_type, subjectId: r.subject_id, subjectName: r.subject_name, kinds: [], promised: 0, fulfilled: 0 };
      subjects.set(r.subject_id, s);
    }
    const k = {
      ...emptyKind(r.kind),
      proposed: r.proposed,
      promised: r.promised,
      fulfilled: r.fulfilled,
      promisedAmount: round2(r.promised_amount),
      fulfilledAmount: round2(r.fulfilled_amount),
      promisedPoints: round2(r.promised_points),
      fulfilledPoints: round2(r.fulfilled_points),
    };
    s.kinds.push(k);
    s.promised += r.promised;
    s.fulfilled += r.fulfilled;
    const t = totals.get(r.kind)!;
    for (const f of [
      'proposed',
      'promised',
      'fulfilled',
      'promisedAmount',
      'fulfilledAmount',
      'promisedPoints',
      'fulfilledPoints',
    ] as const)
      t[f] = round2(t[f] + k[f]);
  }
  for (const s of subjects.values()) s.kinds.sort((a, b) => REWARD_KINDS.indexOf(a.kind) - REWARD_KINDS.indexOf(b.kind));
  return { year: q.year, items: [...subjects.values()], totals: [...totals.values()] };
}

const LEDGER_COLUMNS: SheetColumn[] = [
  { header: '考核月份', width: 12 },
  { header: '考核对象', width: 22 },
  { header: '分组', width: 12 },
  { header: '排名', kind: 'integer', width: 6 },
  { header: '得分', kind: 'number', numFmt: '0.00', width: 8 },
  { header: '依据', width: 30 },
  { header: '奖惩类型', width: 12 },
  { header: '金额（元）', kind: 'number', numFmt: '#,##0.00', width: 12 },
  { header: '扣分', kind: 'number', numFmt: '0.00', width: 8 },
  { header: '状态', width: 8 },
  { header: '拟定时间', kind: 'datetime', width: 17 },
  { header: '审批人', width: 10 },
  { header: '审批时间', kind: 'datetime', width: 17 },
  { header: '兑现时间', kind: 'datetime', width: 17 },
  { header: '兑现证明', width: 18 },
  { header: '撤销理由', width: 24 },
  { header: '备注', width: 30 },
];

/** The ledger as .xlsx: the same filters and scope as the list, every matching entry (at most 20 000). */
export async function exportLedger(ctx: Ctx, q: EntryFilter & { sort: EntrySort; order: 'asc' | 'desc' }) {
  assertLedgerReader(ctx);
  const { rows } = await listEntries(ctx.db, visibleEntrySql(ctx.actor), q, 20_000, 0);
  const title = q.period ? `${periodLabel(q.period)}奖惩兑现台账` : q.year ? `${q.year}年奖惩兑现台账` : '奖惩兑现台账';
  const info: string[] = [];
  if (q.kind) info.push(`类型：${REWARD_KIND_LABELS[q.kind as RewardKind]}`);
  if (q.state) info.push(`状态：${REWARD_ENTRY_STATE_LABELS[q.state as RewardEntryState]}`);
  const buffer = await buildWorkbook(
    '奖惩台账',
    LEDGER_COLUMNS,
    rows.map((e) => [
      periodLabel(e.period),
      e.subject_name,
      e.group_name,
      e.rank,
      e.score,
      e.basis,
      REWARD_KIND_LABELS[e.kind],
      e.amount === null ? null : Number(e.amount),
      e.points,
      REWARD_ENTRY_STATE_LABELS[e.state as RewardEntryState],
      e.proposed_at,
      e.approved_by_name ?? '',
      e.approved_at,
      e.fulfilled_at,
      e.proof_file_id ? (e.proof_file_name ?? '已上传') : '',
      e.withdraw_reason ?? '',
      [e.flag_note, e.approve_comment && `审批意见：${e.approve_comment}`, e.fulfil_note && `兑现说明：${e.fulfil_note}`]
        .filter(Boolean)
        .join('；'),
    ]),
    { title, now: ctx.clock.now(), info },
  );
  return { fileName: `${title}.xlsx`, buffer };
}
