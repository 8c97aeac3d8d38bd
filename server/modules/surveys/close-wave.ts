/** 结束调查: an open wave stops taking interviews and public responses; its results stay. */
import type { WaveAction } from '../../../common/survey-wave-workflow';
import type { WaveState } from '../../../common/surveys';
import type { WorkflowVerb } from '../../platform/workflow';
import type { WaveRow } from './repository';

export const closeWave: WorkflowVerb<WaveRow, WaveAction, WaveState> = {
  action: 'close',
  apply: async (ctx) => ({ set: { closed_at: ctx.clock.now() } }),
};
