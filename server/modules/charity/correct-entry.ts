/**
 * 更正: a mistake in the ledger is put right by a new entry of the same kind that names the entry it replaces and says
 * why (an amount of 0 voids it). The corrected entry stays in the ledger, shown as corrected, and counts no more; only
 * the latest entry of a chain can be corrected (one correction per entry, held by a unique index so two people
 * correcting at once cannot both succeed). Audited as charity_entry.corrected with the reason.
 */
import type { CorrectionBody } from '../../../common/contracts/charity';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { insertEntry } from './record-entry';
import { projectToRecord } from './upload-receipt';

const alreadyCorrected = () => new AppError('unprocessable', '该条目已被更正，请更正最新的条目', { field: 'entryId' });

export async function correctEntry(ctx: Ctx, projectId: string, entryId: string, body: CorrectionBody): Promise<string> {
  const p = await projectToRecord(ctx, projectId);
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const old = await tx
        .selectFrom('charity_ledger_entries')
        .select(['id', 'kind'])
        .where('id', '=', entryId)
        .where('project_id', '=', p.id)
        .executeTakeFirst();
      if (!old) throw notFound('台账条目');
      if (old.kind !== body.kind) throw new AppError('unprocessable', '更正须与原条目同为捐赠或同为支出', { field: 'kind' });
      const taken = await tx.selectFrom('charity_ledger_entries').select('id').where('corrects_id', '=', entryId).executeTakeFirst();
      if (taken) throw alreadyCorrected();
      return insertEntry(tx, ctx, p, body, { correctsId: entryId, reason: body.reason });
    });
  } catch (e) {
    // Two corrections at once: the unique index lets one through.
    if ((e as { code?: string }).code === '23505') throw alreadyCorrected();
    throw e;
  }
}
