/**
 * The kernel's view of nominations (common/honour-nomination-workflow.ts): loaded with their selection's region; the
 * office of that region verifies while the selection is open. One verb file per action (approve-, reject-nomination).
 */
import type { z } from 'zod';
import type { approveNominationBody, rejectNominationBody } from '../../../common/contracts/honours';
import { NOMINATION_ACTION_LABELS, NOMINATION_ACTIONS, type NominationAction } from '../../../common/honour-nomination-workflow';
import type { NominationState } from '../../../common/honours';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { can } from '../../platform/policy';
import { fromBlocked, runTransition, type WorkflowRuntime, type WorkflowVerb } from '../../platform/workflow';
import { mayReadNomination, nominationNotFound } from './access';
import { approveNomination } from './approve-nomination';
import { rejectNomination } from './reject-nomination';
import { findNomination, lockSelection, type NominationRow } from './repository';
import { sql } from 'kysely';

const VERBS: Record<NominationAction, WorkflowVerb<NominationRow, NominationAction, NominationState>> = {
  approve: approveNomination,
  reject: rejectNomination,
};

export const nominationRuntime: WorkflowRuntime<NominationRow, NominationAction, NominationState> = {
  subject: 'honour_nomination',
  actions: NOMINATION_ACTIONS,
  labels: NOMINATION_ACTION_LABELS,
  stateOf: (n) => n.state,
  load: findNomination,
  canRead: (ctx, n) => mayReadNomination(ctx.actor, n),
  notFound: nominationNotFound,
  blockedReason: (ctx, n, action) => {
    if (!can(ctx.actor, 'honours.manage', { regionPath: n.region_path })) throw new AppError('forbidden', '只有本级文明办可以审核');
    return fromBlocked(NOMINATION_ACTIONS[action], n.state);
  },
  update: (tx, n, set, to, now) =>
    tx
      .updateTable('honour_nominations')
      .set({ ...set, state: to, version: n.version + 1, updated_at: now })
      .where('id', '=', n.id)
      .where('version', '=', n.version)
      .where('state', '=', n.state)
      .returning(['id', 'state', 'verification_note', 'reject_reason', 'version'])
      .executeTakeFirst(),
  auditView: (n) => ({ state: n.state, nomineeName: n.nominee_name, selection: n.selection_title, version: n.version }),
};

/** 审核通过 / 不予通过 at the caller's version. */
export async function verifyNomination(
  ctx: Ctx,
  id: string,
  action: NominationAction,
  body: z.output<typeof approveNominationBody> | z.output<typeof rejectNominationBody>,
): Promise<void> {
  const { version, ...payload } = body;
  await ctx.db.transaction().execute(async (tx) => {
    const sel = await sql<{ selection_id: string; state: string }>`select n.selection_id, s.state from honour_nominations n
      join honour_selections s on s.id = n.selection_id where n.id = ${id}`.execute(tx);
    if (sel.rows[0]) {
      await lockSelection(tx, sel.rows[0].selection_id);
      const n = await findNomination(tx, id);
      if (n && mayReadNomination(ctx.actor, n) && sel.rows[0].state !== 'open')
        throw new AppError('invalid_transition', '评选结果已发布，不能再审核');
    }
    await runTransition(ctx, tx, nominationRuntime, VERBS, id, action, version, payload);
  });
}
