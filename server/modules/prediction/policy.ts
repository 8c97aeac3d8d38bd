/**
 * 预测测评得分: the office, leaders and task force of the campaign's region read the prediction and its priority list
 * (it is the command layer's working figure, not a published one); anyone else gets 404.
 */
import { definePolicy } from '../../platform/policy';

export const predictionPolicy = definePolicy('prediction', {
  read: ['office', 'leader', 'taskforce'],
});
