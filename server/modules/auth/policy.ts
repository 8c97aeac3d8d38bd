/** Personal-centre actions: every signed-in user manages their own password and tokens. */
import { ROLES } from '../../../common/roles';
import { definePolicy } from '../../platform/policy';

export const authPolicy = definePolicy('account', {
  tokens: ROLES,
});
