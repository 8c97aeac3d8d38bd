/** Who works with 12345 work orders: the office imports them; those who steer the campaign read them and the replies. */
import { definePolicy } from '../../platform/policy';

export const hotlinePolicy = definePolicy('hotline', {
  list: ['office', 'leader', 'taskforce'],
  import: ['office'],
});
