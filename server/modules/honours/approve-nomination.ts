/**
 * 审核通过 (workflow verb): the office verified the deeds — with its note and materials (photos of certificates,
 * a village's statement, uploaded by the office itself) — and the nomination becomes a candidate, shown publicly with
 * its story from the voting window on. The nominating unit (or the person who nominated) is told after commit.
 */
import type { NominationAction } from '../../../common/honour-nomination-workflow';
import type { NominationState } from '../../../common/honours';
import type { WorkflowVerb } from '../../platform/workflow';
import { attachMaterials, checkMaterials, tellNominator } from './nomination-effects';
import type { NominationRow } from './repository';

export const approveNomination: WorkflowVerb<NominationRow, NominationAction, NominationState, { note: string; materialIds?: string[] }> = {
  action: 'approve',
  check: async (ctx, _n, p) => checkMaterials(ctx, p.materialIds),
  apply: async (ctx, _tx, n, p) => ({
    set: { verification_note: p.note, verified_by: ctx.actor.id, verified_at: ctx.clock.now(), reject_reason: null },
    event: { note: p.note, materials: p.materialIds?.length ?? 0 },
    after: async (tx) => {
      await attachMaterials(tx, n.id, p.materialIds);
      await tellNominator(ctx, tx, n, `「${n.nominee_name}」已通过审核，列为候选人`, `评选：${n.selection_title}`);
    },
  }),
};
