/**
 * 不予通过 (workflow verb): the office could not confirm the deeds (or they do not fit the selection) and says why; the
 * reason is kept and the nominating unit (or the person who nominated) is told after commit. Nothing becomes public.
 */
import type { NominationAction } from '../../../common/honour-nomination-workflow';
import type { NominationState } from '../../../common/honours';
import type { WorkflowVerb } from '../../platform/workflow';
import { attachMaterials, checkMaterials, tellNominator } from './nomination-effects';
import type { NominationRow } from './repository';

export const rejectNomination: WorkflowVerb<
  NominationRow,
  NominationAction,
  NominationState,
  { reason: string; note?: string; materialIds?: string[] }
> = {
  action: 'reject',
  check: async (ctx, _n, p) => checkMaterials(ctx, p.materialIds),
  apply: async (ctx, _tx, n, p) => ({
    set: { reject_reason: p.reason, verification_note: p.note ?? null, verified_by: ctx.actor.id, verified_at: ctx.clock.now() },
    event: { reason: p.reason },
    after: async (tx) => {
      await attachMaterials(tx, n.id, p.materialIds);
      await tellNominator(ctx, tx, n, `「${n.nominee_name}」未通过审核`, `理由：${p.reason}`);
    },
  }),
};
