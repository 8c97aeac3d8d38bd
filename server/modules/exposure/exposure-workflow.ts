/**
 * An exposure's lifecycle on the workflow kernel: the table is common/exposure-workflow.ts, the verbs edit-, submit-,
 * approve-, return- and take-down-exposure.ts; this file says how an exposure is loaded, read-checked and updated.
 */
import { EXPOSURE_ACTION_LABELS, EXPOSURE_ACTIONS, type ExposureAction, type ExposureState } from '../../../common/exposure-workflow';
import type { exposureTransitionBody } from '../../../common/contracts/exposure';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import type { FileStorage } from '../../platform/storage';
import { runTransition, type WorkflowRuntime, type WorkflowVerb } from '../../platform/workflow';
import { exposureBlockedReason, mayReadExposure, mayTake } from './access';
import { addAfterPhotos } from './add-after-photos';
import { approveExposure } from './approve-exposure';
import { editExposure } from './edit-exposure';
import { findExposure, type ExposureRow } from './repository';
import { returnExposure } from './return-exposure';
import { submitExposure } from './submit-exposure';
import { takeDownExposure } from './take-down-exposure';

const verbs = (storage: FileStorage): Record<ExposureAction, WorkflowVerb<ExposureRow, ExposureAction, ExposureState>> => ({
  edit: editExposure(storage),
  submit: submitExposure,
  approve: approveExposure,
  return: returnExposure,
  take_down: takeDownExposure,
  add_after: addAfterPhotos(storage),
});

export const exposureRuntime: WorkflowRuntime<ExposureRow, ExposureAction, ExposureState> = {
  subject: 'exposure',
  actions: EXPOSURE_ACTIONS,
  labels: EXPOSURE_ACTION_LABELS,
  stateOf: (e) => e.state as ExposureState,
  load: (tx, id) => findExposure(tx, id),
  canRead: (ctx, e) => mayReadExposure(ctx.actor, e),
  notFound: () => notFound('曝光'),
  blockedReason: (ctx, e, action) => {
    if (!mayTake(ctx.actor, e, action)) throw new AppError('forbidden', '没有权限执行此操作');
    return exposureBlockedReason(ctx.actor, e, action);
  },
  update: (tx, e, set, to) =>
    tx
      .updateTable('exposures')
      .set({ ...set, state: to, version: e.version + 1 })
      .where('id', '=', e.id)
      .where('version', '=', e.version)
      .where('state', '=', e.state)
      .returning(['id', 'state', 'version', 'title', 'published_at', 'return_reason', 'take_down_reason'])
      .executeTakeFirst(),
  auditView: (e) => ({ state: e.state, title: e.title, problem_id: e.problem_id, unit_id: e.unit_id }),
};

/** Takes a lifecycle action on an exposure (at the caller's version, or the current one). */
export async function transitionExposure(
  ctx: Ctx,
  storage: FileStorage,
  id: string,
  input: z.infer<typeof exposureTransitionBody>,
): Promise<void> {
  const e = await findExposure(ctx.db, id);
  if (!e || !mayReadExposure(ctx.actor, e)) throw notFound('曝光');
  const payload =
    input.action === 'edit'
      ? { title: input.title ?? e.title, description: input.description ?? e.description, photos: input.photos }
      : input.action === 'approve'
        ? { comment: input.comment }
        : input.action === 'submit'
          ? {}
          : input.action === 'add_after'
            ? { afterPhotos: input.afterPhotos }
            : { reason: input.reason };
  await ctx.db
    .transaction()
    .execute((tx) => runTransition(ctx, tx, exposureRuntime, verbs(storage), id, input.action, input.version ?? e.version, payload));
}
