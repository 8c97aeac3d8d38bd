/**
 * 等保三级 password rule: at least 8 characters, 3 of 4 character classes, not the username, and not a well-known
 * password. The deny-list is versioned data (password-policy-deny-list.json); this file only normalises.
 */
import denyList from './password-policy-deny-list.json';

/** The rule as the change-password forms show it. */
export const PASSWORD_POLICY_TEXT =
  '密码至少 8 位，须包含大写字母、小写字母、数字、特殊字符中的至少三类，不能包含用户名，不能是常见弱口令（如 Password1、Aa123456、P@ssw0rd），且不能与最近 5 次使用过的密码相同。';

/** How many earlier passwords a new one may not repeat. */
export const PASSWORD_HISTORY_SIZE = 5;

const DENIED = new Set<string>(denyList.passwords);
const LEET: Record<string, string> = { '@': 'a', '0': 'o', '3': 'e', $: 's' };

/** True when the password is a well-known one, ignoring case, common letter swaps (P@ssw0rd) and trailing symbols. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const plain = lower.replace(/[@03$]/g, (c) => LEET[c]);
  const candidates = [lower, plain, lower.replace(/[^a-z0-9]+$/, ''), plain.replace(/[^a-z0-9]+$/, '')];
  return candidates.some((c) => DENIED.has(c));
}

/** Returns a Chinese reason the password is refused, or null. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (password.length > 128) return '密码不能超过 128 位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (isCommonPassword(password)) return '该密码是常见弱口令，容易被猜中，请换一个';
  return null;
}
