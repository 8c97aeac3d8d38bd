/**
 * 查看票据: staff who may read the project open any of its receipts (attached or not yet); the public opens a receipt
 * only once a ledger entry names it (GET /api/public/charity/receipts/:id). Anything else answers as a made-up id (404).
 */
import type { Ctx } from '../../platform/context';
import type { Db } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { adminOrgIdsOf, mayReadOrg } from './access';
import { findProject } from './repository';

export interface ReceiptToSend {
  storageKey: string;
  mime: string;
  name: string;
}

export async function readReceipt(ctx: Ctx, projectId: string, receiptId: string): Promise<ReceiptToSend> {
  const adminOrgs = await adminOrgIdsOf(ctx.db, ctx.actor);
  const p = await findProject(ctx.db, projectId);
  const r =
    p && mayReadOrg(ctx.actor, p, adminOrgs)
      ? await ctx.db
          .selectFrom('charity_receipts')
          .select(['storage_key', 'mime', 'original_name'])
          .where('id', '=', receiptId)
          .where('project_id', '=', p.id)
          .executeTakeFirst()
      : undefined;
  if (!r) throw notFound('票据');
  return { storageKey: r.storage_key, mime: r.mime, name: r.original_name };
}

/** A receipt for anyone: only when an entry of the public ledger names it. */
export async function readPublicReceipt(db: Db, receiptId: string): Promise<ReceiptToSend> {
  const r = await db
    .selectFrom('charity_receipts as cr')
    .innerJoin('charity_entry_receipts as er', 'er.receipt_id', 'cr.id')
    .select(['cr.storage_key', 'cr.mime', 'cr.original_name'])
    .where('cr.id', '=', receiptId)
    .executeTakeFirst();
  if (!r) throw notFound('票据');
  return { storageKey: r.storage_key, mime: r.mime, name: r.original_name };
}
