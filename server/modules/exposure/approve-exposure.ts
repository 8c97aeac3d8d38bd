/**
 * 批准曝光: a leader publishes a submitted item (已曝光); it appears on the public board and the unit responsible is
 * told. A covert finding is re-checked here: its round must still be released (visibility.ts's rule).
 */
import type { z } from 'zod';
import type { EXPOSURE_PAYLOADS, ExposureAction, ExposureState } from '../../../common/exposure-workflow';
import { actorUserId } from '../../platform/actor';
import { AppError } from '../../platform/errors';
import type { WorkflowVerb } from '../../platform/workflow';
import { notify } from '../notifications/notify';
import type { ExposureRow } from './repository';
import { sql } from 'kysely';
import { roundPublishedSql } from '../../platform/visibility';

export const approveExposure: WorkflowVerb<ExposureRow, ExposureAction, ExposureState, z.infer<typeof EXPOSURE_PAYLOADS.approve>> = {
  action: 'approve',
  check: async (ctx, e) => {
    // A draft from before proposals required a unit: the board would name nobody.
    if (!e.unit_id) throw new AppError('invalid_transition', '不能批准曝光：该问题没有责任单位，请退回后撤下或待派遣后重新提出');
    const r = await sql<{
      ok: boolean;
    }>`select ${roundPublishedSql(sql.ref('p.round_id'))} as ok from problems p where p.id = ${e.problem_id}`.execute(ctx.db);
    if (r.rows[0]?.ok !== true) throw new AppError('invalid_transition', '不能批准曝光：暗访发现的问题须在该轮暗访发布后才能曝光');
  },
  apply: async (ctx, _tx, e, payload) => ({
    set: {
      approved_by: actorUserId(ctx.actor),
      published_at: ctx.clock.now(),
      approve_comment: payload.comment || null,
      updated_at: ctx.clock.now(),
    },
    event: { comment: payload.comment || null },
    after: async (tx) => {
      if (!e.unit_id) return;
      await notify(ctx, tx, [{ unit: e.unit_id, roles: ['unit_head', 'unit_liaison'] }], {
        kind: 'exposure',
        title: `问题 ${e.problem_code} 已在曝光台公开`,
        body: `曝光标题：${e.title}。整改完成并核查通过后，公开页面将显示整改后照片和用时。`,
        link: `/problems/${e.problem_id}`,
        problemId: e.problem_id,
        regionPath: e.region_path,
      });
    },
  }),
};
