/** 材料审核: units submit evidence for the standards they lead or answer for; the office reviews it. */
import { definePolicy } from '../../platform/policy';

export const materialPolicy = definePolicy('materials', {
  list: ['office', 'leader', 'taskforce', 'unit_head', 'unit_liaison'],
  read: ['office', 'leader', 'taskforce', 'unit_head', 'unit_liaison'],
  submit: ['unit_head', 'unit_liaison', 'office'],
  review: ['office', 'taskforce'],
});
