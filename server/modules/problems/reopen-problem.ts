/**
 * 回头看反弹: a re-check finds a closed problem back. The closed case keeps its history and is marked
 * as relapsed; a new problem linked to it goes straight back to the same unit with a fresh deadline.
 */
import { AppError } from '../../platform/errors';
import { notify } from '../notifications/notify';
import { computeDeadline, deadlinePolicy } from './deadlines';
import { assertOwnUploads } from '../../platform/visibility';
import { attachPhotos } from './repository';
import { insertProblem } from './insert-problem';
import { defineVerb, problemLink } from './verb';

export const reopenProblem = defineVerb({
  action: 'reopen',
  check: async (ctx, p, payload) => {
    if (!p.unit_id) throw new AppError('invalid_transition', '该问题没有责任单位，不能按反弹重新派遣');
    await assertOwnUploads(ctx.db, ctx.actor, payload.photoIds);
  },
  apply: async (ctx, _tx, p, payload) => {
    const now = ctx.clock.now();
    let created: { id: string; code: string } | null = null;
    return {
      set: { relapse_count: p.relapse_count + 1 },
      event: { reason: payload.reason },
      after: async (tx) => {
        const deadline = computeDeadline(now, await deadlinePolicy(tx, p.severity, p.region_path));
        created = await insertProblem(tx, ctx, {
          clientId: null,
          description: `【反弹】${p.description}（回头看：${payload.reason}）`.slice(0, 1000),
          categoryCode: p.category_code,
          source: 'recheck',
          severity: p.severity,
          state: 'dispatched',
          regionId: p.region_id,
          lat: p.lat,
          lng: p.lng,
          address: p.address,
          siteId: p.site_id,
          unitId: p.unit_id,
          deadline,
          relapsedFrom: p.id,
        });
        await attachPhotos(tx, created.id, payload.photoIds, 'report');
        await notify(ctx, tx, [{ unit: p.unit_id!, roles: ['unit_head', 'unit_liaison'] }], {
          kind: 'dispatched',
          title: `问题 ${p.code} 反弹，已重新派遣为 ${created.code}`,
          body: payload.reason,
          link: problemLink(created.id),
          problemId: created.id,
          regionPath: p.region_path,
        });
        return { relapseProblemId: created.id, relapseCode: created.code };
      },
    };
  },
});
