/** Form rules shared by several forms. */
import type { Rule } from 'antd/es/form';

/** Mobile (1xxxxxxxxxx) or landline (0xxx-xxxxxxx, optional extension); empty is allowed. */
export const PHONE_RULE: Rule = {
  pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/,
  message: '请输入正确的手机号或固定电话',
};
