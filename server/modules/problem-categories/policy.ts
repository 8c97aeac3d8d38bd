/** Problem categories: everyone signed in reads them; the office edits them. */
import { ROLES } from '../../../common/roles';
import { definePolicy } from '../../platform/policy';

export const categoryPolicy = definePolicy('problemCategories', {
  list: ROLES,
  update: ['office', 'admin'],
});
