/**
 * The password rule (等保三级) in the order it answers: length, character classes, username, deny-list. The basic
 * cases are in server/platform/policy.test.ts; these pin the boundaries and the deny-list normalisation.
 */
import { describe, expect, it } from 'vitest';
import denyList from './password-policy-deny-list.json';
import { isCommonPassword, PASSWORD_HISTORY_SIZE, passwordProblem } from './password-policy';

describe('passwordProblem boundaries', () => {
  it('accepts exactly 8 and exactly 128 characters, refuses 7 and 129', () => {
    expect(passwordProblem('Kt7#abcd')).toBeNull(); // 8: upper, lower, digit, symbol
    expect(passwordProblem('Kt7#abc')).toBe('密码至少 8 位');
    expect(passwordProblem('Aa1!'.repeat(32))).toBeNull(); // 4 × 32 = 128
    expect(passwordProblem('Aa1!'.repeat(32) + 'x')).toBe('密码不能超过 128 位');
  });
  it('needs 3 of the 4 classes: any three will do', () => {
    expect(passwordProblem('kite7429!')).toBeNull(); // lower + digit + symbol
    expect(passwordProblem('KITE7429!')).toBeNull(); // upper + digit + symbol
    expect(passwordProblem('Kite#Lake')).toBeNull(); // upper + lower + symbol
    expect(passwordProblem('Kite7429')).toBeNull(); // upper + lower + digit
    expect(passwordProblem('kitelake74')).toBe('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类'); // 2 classes
    // Chinese characters count as "special" (not A–Z, a–z, 0–9): 2 + 1 = 3 classes.
    expect(passwordProblem('kite7429创城')).toBeNull();
  });
  it('refuses the username in any case, and only when there is one', () => {
    expect(passwordProblem('ZHANGSAN#x9', 'ZhangSan')).toBe('密码不能包含用户名');
    expect(passwordProblem('Kite7429x', '')).toBeNull();
  });
  it('answers the first rule broken: length before classes before the deny-list', () => {
    // 'password' is on the deny-list but is also one class and 8 long: the class rule speaks first.
    expect(passwordProblem('password')).toBe('密码须包含大写字母、小写字母、数字、特殊字符中的至少三类');
    expect(passwordProblem('Pa1')).toBe('密码至少 8 位');
  });
  it('keeps the last 5 passwords (the history size shown in the rule text)', () => {
    expect(PASSWORD_HISTORY_SIZE).toBe(5);
  });
});

describe('isCommonPassword normalisation', () => {
  it('reads the deny-list as lower-case entries', () => {
    expect(denyList.passwords.every((p) => p === p.toLowerCase())).toBe(true);
    expect(denyList.passwords).toContain('password1');
  });
  it.each([
    ['Password1', 'case ignored: password1'],
    ['PASSWORD1', 'case ignored'],
    ['P@ssw0rd', '@→a, 0→o: password'],
    ['Pa$$w0rd', '$→s: password'],
    ['P@ssw0rd!!', 'swaps, then trailing symbols dropped'],
    ['Qwerty123!@', 'trailing symbols dropped: qwerty123'],
    ['Admin@123', 'listed as is'],
  ])('%s is common (%s)', (pw) => {
    expect(isCommonPassword(pw)).toBe(true);
  });
  it.each([
    ['Kite7429!', 'not listed'],
    ['Password1?x', 'a symbol inside, not trailing, is kept'],
    ['Zx#8vLq2', 'random'],
  ])('%s is not common (%s)', (pw) => {
    expect(isCommonPassword(pw)).toBe(false);
  });
});
