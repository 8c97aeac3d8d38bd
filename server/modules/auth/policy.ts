/** Personal-centre actions: every signed-in user manages their own password, tokens and SMS notices. */
import { ROLES } from '../../../common/roles';
import { definePolicy } from '../../platform/policy';

export const authPolicy = definePolicy('account', {
  tokens: ROLES,
  /** 短信提醒: one's own SMS opt-in. */
  notices: ROLES,
});
