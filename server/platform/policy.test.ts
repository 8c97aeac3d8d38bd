/** Pure rules: scope containment, the password policy, changed-field diffs, 三员分立. */
import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../common/password-policy';
import { separationProblem } from '../modules/users/resolve-grants';
import { levelProblem } from '../modules/regions/create-region';
import { changedFields } from './audit';
import type { RoleGrant } from './actor';
import { grantCovers } from './policy';

const g = (over: Partial<RoleGrant>): RoleGrant => ({ role: 'office', scopeType: 'region', scopeId: 'r', regionPath: '/c/t/', ...over });

describe('grantCovers', () => {
  it('covers a region subtree and nothing outside it', () => {
    expect(grantCovers(g({}), { regionPath: '/c/t/v/' })).toBe(true);
    expect(grantCovers(g({}), { regionPath: '/c/t/' })).toBe(true);
    expect(grantCovers(g({}), { regionPath: '/c/x/' })).toBe(false);
    expect(grantCovers(g({}), { regionPath: '/c/' })).toBe(false);
    expect(grantCovers(g({}), {})).toBe(false);
  });
  it('covers exactly one unit for a unit grant', () => {
    const unit = g({ role: 'unit_liaison', scopeType: 'unit', scopeId: 'u1', regionPath: '/c/' });
    expect(grantCovers(unit, { unitId: 'u1', regionPath: '/c/' })).toBe(true);
    expect(grantCovers(unit, { unitId: 'u2', regionPath: '/c/' })).toBe(false);
  });
  it('covers area-wide records from inside the area only', () => {
    const unit = g({ role: 'unit_liaison', scopeType: 'unit', scopeId: 'u1', regionPath: '/c/t/' });
    expect(grantCovers(unit, { regionPath: '/c/', areaWide: true })).toBe(true);
    expect(grantCovers(unit, { regionPath: '/d/', areaWide: true })).toBe(false);
  });
  it('keeps a campaign grant to its campaign', () => {
    const tf = g({ role: 'taskforce', scopeType: 'campaign', scopeId: 'k1', regionPath: '/c/' });
    expect(grantCovers(tf, { campaignId: 'k1' })).toBe(true);
    expect(grantCovers(tf, { campaignId: 'k2', regionPath: '/c/' })).toBe(false);
    expect(grantCovers(tf, { regionPath: '/c/t/' })).toBe(true);
  });
});

describe('password policy (等保三级)', () => {
  it.each([
    ['Kite7429', null],
    ['kite7429!', null],
    ['Abc1234', '密码至少 8 位'],
    ['abcdefgh1', '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类'],
    ['Zhangsan#1', '密码不能包含用户名'],
    // Well-known passwords (password-policy-deny-list.json), ignoring case, letter swaps and trailing symbols.
    ['Abc12345', '该密码是常见弱口令，容易被猜中，请换一个'],
    ['Password1', '该密码是常见弱口令，容易被猜中，请换一个'],
    ['P@ssw0rd', '该密码是常见弱口令，容易被猜中，请换一个'],
    ['Qwerty123!', '该密码是常见弱口令，容易被猜中，请换一个'],
  ])('%s', (pw, expected) => {
    expect(passwordProblem(pw, 'zhangsan')).toBe(expected);
  });
});

describe('audit changed fields', () => {
  it('keeps only changed fields and masks secrets', () => {
    expect(changedFields({ a: 1, b: 'x', version: 1, password_hash: 'h1' }, { a: 1, b: 'y', version: 2, password_hash: 'h2' })).toEqual({
      before: { b: 'x', password_hash: '***' },
      after: { b: 'y', password_hash: '***' },
    });
  });
});

describe('rules', () => {
  it('三员分立 allows a lone admin role and refuses combinations', () => {
    expect(separationProblem(['auditor'])).toBeNull();
    expect(separationProblem(['office', 'leader'])).toBeNull();
    expect(separationProblem(['admin', 'office'])).toMatch(/三员分立/);
  });
  it('region levels go downward', () => {
    expect(levelProblem(null, 'city')).toBeNull();
    expect(levelProblem('county', 'town')).toBeNull();
    expect(levelProblem('county', 'grid')).toBeNull();
    expect(levelProblem('town', 'county')).toMatch(/不能作为/);
    expect(levelProblem(null, 'village')).toMatch(/须有上级/);
  });
});
