/** 开始调查: a 筹备中 wave starts taking interviews (and public responses when it has a link). */
import type { WaveAction } from '../../../common/survey-wave-workflow';
import type { WaveState } from '../../../common/surveys';
import { AppError } from '../../platform/errors';
import type { WorkflowVerb } from '../../platform/workflow';
import type { WaveRow } from './repository';

export const openWave: WorkflowVerb<WaveRow, WaveAction, WaveState> = {
  action: 'open',
  check: async (ctx, w) => {
    const q = await ctx.db.selectFrom('survey_questionnaires').select('retired_at').where('id', '=', w.questionnaire_id).executeTakeFirst();
    if (q?.retired_at) throw new AppError('unprocessable', '不能开始调查：所用问卷已停用');
  },
  apply: async (ctx) => ({ set: { opened_at: ctx.clock.now() } }),
};
