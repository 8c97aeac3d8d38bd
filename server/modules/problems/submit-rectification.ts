/** 提交整改: the unit reports its measures with after-photos; the problem waits for verification. */
import { notify } from '../notifications/notify';
import { assertOwnUploads } from '../../platform/visibility';
import { defineVerb, problemLink } from './verb';

export const submitRectification = defineVerb({
  action: 'submit_rectification',
  check: async (ctx, _p, payload) => {
    await assertOwnUploads(ctx.db, ctx.actor, payload.photoIds, '整改照片');
  },
  apply: async (ctx, _tx, p, payload) => ({
    set: { rectified_at: ctx.clock.now(), rectified_by: ctx.actor.id, extension_requested_days: null, extension_reason: null },
    event: { measures: payload.measures, photoIds: payload.photoIds },
    extra: { photos: { ids: payload.photoIds, stage: 'rectification' } },
    after: async (tx) => {
      await notify(ctx, tx, [{ nearestOffice: p.region_path }], {
        kind: 'verified',
        title: `问题 ${p.code} 已提交整改，待核查`,
        link: problemLink(p.id),
        problemId: p.id,
        regionPath: p.region_path,
      });
    },
  }),
});
