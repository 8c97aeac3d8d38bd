/**
 * A wave's lifecycle on the workflow kernel: the table is common/survey-wave-workflow.ts, the verbs open-wave.ts and
 * close-wave.ts; this file says how a wave is loaded, read-checked and updated (the office: surveys.manage).
 */
import { WAVE_ACTION_LABELS, WAVE_ACTIONS, type WaveAction } from '../../../common/survey-wave-workflow';
import type { WaveState } from '../../../common/surveys';
import type { Actor } from '../../platform/actor';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { fromBlocked, runTransition, type WorkflowRuntime, type WorkflowVerb } from '../../platform/workflow';
import { mayManageWave, mayReadWave, waveNotFound } from './access';
import { closeWave } from './close-wave';
import { openWave } from './open-wave';
import { findWave, type WaveRow } from './repository';

const VERBS: Record<WaveAction, WorkflowVerb<WaveRow, WaveAction, WaveState>> = { open: openWave, close: closeWave };

export function waveBlockedReason(actor: Actor, w: WaveRow, action: WaveAction): string | null {
  if (!mayManageWave(actor, w)) return '您不能执行此操作';
  return fromBlocked(WAVE_ACTIONS[action], w.state as WaveState);
}

export const allowedWaveActions = (actor: Actor, w: WaveRow) =>
  (Object.keys(WAVE_ACTIONS) as WaveAction[]).filter((a) => waveBlockedReason(actor, w, a) === null);

export const waveRuntime: WorkflowRuntime<WaveRow, WaveAction, WaveState> = {
  subject: 'survey_wave',
  actions: WAVE_ACTIONS,
  labels: WAVE_ACTION_LABELS,
  stateOf: (w) => w.state as WaveState,
  load: (tx, id) => findWave(tx, id),
  canRead: (ctx, w) => mayReadWave(ctx.actor, w),
  notFound: waveNotFound,
  blockedReason: (ctx, w, action) => {
    if (!mayManageWave(ctx.actor, w)) throw new AppError('forbidden', '只有创建办可以开始或结束调查');
    return waveBlockedReason(ctx.actor, w, action);
  },
  update: (tx, w, set, to, now) =>
    tx
      .updateTable('survey_waves')
      .set({ ...set, state: to, version: w.version + 1, updated_at: now })
      .where('id', '=', w.id)
      .where('version', '=', w.version)
      .where('state', '=', w.state)
      .returning(['id', 'state', 'version', 'opened_at', 'closed_at'])
      .executeTakeFirst(),
  auditView: (w) => ({ state: w.state, name: w.name, version: w.version }),
};

/** 开始调查 / 结束调查 at the caller's version. */
export async function transitionWave(ctx: Ctx, id: string, body: { action: WaveAction; version: number }): Promise<void> {
  await ctx.db.transaction().execute((tx) => runTransition(ctx, tx, waveRuntime, VERBS, id, body.action, body.version, {}));
}
