/**
 * 记账: an organisation's admin writes a donation (money, or goods at their estimated value; the donor as given or
 * 匿名; the use) or a spending (the amount and what it was spent on, with its receipts) into a project's ledger. The
 * ledger is append-only — there is no route to change or delete an entry, and the database refuses UPDATE and DELETE
 * on its rows (migration 20261212_0101); a mistake is put right by a correction (correct-entry.ts). Audited.
 */
import type { CorrectionBody, EntryBody } from '../../../common/contracts/charity';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { projectToRecord } from './upload-receipt';
import type { ProjectRow } from './repository';

/** Inserts one entry (a new one, or a correction naming `correctsId`) with its receipts; returns its id. */
export async function insertEntry(
  tx: Tx,
  ctx: Ctx,
  p: ProjectRow,
  body: EntryBody | CorrectionBody,
  correction?: { correctsId: string; reason: string },
): Promise<string> {
  const me = actorUserId(ctx.actor);
  if (!me) throw new AppError('forbidden', '台账由慈善组织的管理员记录');
  const receiptIds = [...new Set(body.receiptIds)];
  if (receiptIds.length) {
    const found = await tx
      .selectFrom('charity_receipts as cr')
      .leftJoin('charity_entry_receipts as er', 'er.receipt_id', 'cr.id')
      .select(['cr.id', 'er.entry_id'])
      .where('cr.id', 'in', receiptIds)
      .where('cr.project_id', '=', p.id)
      .execute();
    if (found.length !== receiptIds.length) throw new AppError('unprocessable', '票据不存在或不属于本项目', { field: 'receiptIds' });
    if (found.some((f) => f.entry_id)) throw new AppError('unprocessable', '票据已附在其他台账条目上', { field: 'receiptIds' });
  }
  const isDonation = body.kind === 'donation';
  const values = {
    project_id: p.id,
    kind: body.kind,
    donation_type: isDonation ? body.donationType : null,
    amount_fen: body.amountFen,
    goods_description: isDonation && body.donationType === 'goods' ? (body.goodsDescription ?? null) : null,
    goods_quantity: isDonation && body.donationType === 'goods' ? body.goodsQuantity || null : null,
    donor_name: isDonation ? body.donorName?.trim() || null : null,
    donor_contact: isDonation ? body.donorContact?.trim() || null : null,
    occurred_on: body.occurredOn,
    purpose: body.purpose,
    corrects_id: correction?.correctsId ?? null,
    reason: correction?.reason ?? null,
  };
  const row = await tx
    .insertInto('charity_ledger_entries')
    .values({ ...values, recorded_by: me, created_at: ctx.clock.now() })
    .returning(['id', 'entry_no'])
    .executeTakeFirstOrThrow();
  if (receiptIds.length) {
    await tx
      .insertInto('charity_entry_receipts')
      .values(receiptIds.map((receipt_id) => ({ entry_id: row.id, receipt_id })))
      .execute();
  }
  // The donor's contact stays out of the trail's text as well (it is never public; the row holds it).
  const { donor_contact: _contact, ...audited } = values;
  await recordEvent(tx, ctx, {
    action: correction ? 'charity_entry.corrected' : 'charity_entry.recorded',
    subjectType: 'charity_entry',
    subjectId: row.id,
    after: { ...audited, entry_no: row.entry_no, receipts: receiptIds },
  });
  return row.id;
}

/** Records a new donation or spending of a project; returns the entry's id. */
export async function recordEntry(ctx: Ctx, projectId: string, body: EntryBody): Promise<string> {
  const p = await projectToRecord(ctx, projectId);
  if (body.occurredOn < p.starts_on) {
    throw new AppError('unprocessable', `日期不能早于项目开始日期（${p.starts_on}）`, { field: 'occurredOn' });
  }
  return ctx.db.transaction().execute((tx) => insertEntry(tx, ctx, p, body));
}
