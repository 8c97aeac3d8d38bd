/**
 * The source a report is filed under comes from the reporter's role (REPORT_SOURCES_BY_ROLE), never from the client
 * alone: 暗访 and 回头看 come only from rounds, and only the office side enters 热线 / 媒体 / 领导交办 cases.
 */
import { describe, expect, it } from 'vitest';
import { PROBLEM_SOURCES, type ProblemSource } from '../../../common/problem-workflow';
import { ROLES, ROLE_SCOPE, type Role } from '../../../common/roles';
import type { Actor } from '../../platform/actor';
import { AppError } from '../../platform/errors';
import { reportSource } from './submit-problem';

const as = (...roles: Role[]): Actor => ({
  id: 'u1',
  username: 'u1',
  name: 'u1',
  unitId: null,
  regionId: null,
  grants: roles.map((role) => ({ role, scopeType: ROLE_SCOPE[role], scopeId: 'x', regionPath: '/c/' })),
  mustChangePassword: false,
  isDemo: false,
  via: 'session',
});

/** The AppError code and message reportSource throws, or the source it returns. */
function outcome(actor: Actor, asked?: ProblemSource): ProblemSource | string {
  try {
    return reportSource(actor, asked);
  } catch (e) {
    if (e instanceof AppError) return `${e.code}: ${e.message}`;
    throw e;
  }
}

describe('reportSource', () => {
  it.each<[Role, ProblemSource]>([
    ['office', 'inspection'],
    ['taskforce', 'inspection'],
    ['leader', 'leader'],
    ['inspector', 'inspection'],
    ['unit_head', 'inspection'],
    ['unit_liaison', 'inspection'],
    ['site_lead', 'inspection'],
    ['grid_worker', 'grid'],
    ['volunteer', 'volunteer'],
  ])('files a %s report without a source under %s', (role, expected) => {
    expect(reportSource(as(role), undefined)).toBe(expected);
  });

  it('lets the office enter hotline, media, leader and citizen cases', () => {
    for (const s of ['hotline', 'media', 'leader', 'citizen', 'inspection'] as const) expect(reportSource(as('office'), s)).toBe(s);
  });

  it('refuses a source outside the role, in Chinese, as a validation error', () => {
    expect(outcome(as('grid_worker'), 'leader')).toBe('validation: 您不能以“领导交办”来源上报问题');
    expect(outcome(as('volunteer'), 'inspection')).toBe('validation: 您不能以“督查”来源上报问题');
    expect(outcome(as('leader'), 'hotline')).toBe('validation: 您不能以“12345热线”来源上报问题');
    expect(outcome(as('unit_liaison'), 'media')).toBe('validation: 您不能以“媒体曝光”来源上报问题');
  });

  it('never accepts 暗访, 回头看 or Open311 from a report form, whatever the roles', () => {
    for (const role of ROLES) {
      expect(outcome(as(role), 'covert'), role).toBe('validation: 您不能以“暗访”来源上报问题');
      expect(outcome(as(role), 'recheck'), role).toBe('validation: 您不能以“回头看”来源上报问题');
      expect(outcome(as(role), 'open311'), role).toMatch(/^validation: 您不能以“.+”来源上报问题$/);
    }
    // Every source some role may use is reachable; covert and recheck are reserved for rounds, open311 for the
    // Open311 interface (/open311/v2, an integrator's key).
    const usable = new Set(ROLES.flatMap((r) => PROBLEM_SOURCES.filter((s) => outcome(as(r), s) === s)));
    expect(PROBLEM_SOURCES.filter((s) => !usable.has(s))).toEqual(['covert', 'recheck', 'open311']);
  });

  it('unions the sources of several roles, defaulting to the first grant', () => {
    const both = as('grid_worker', 'volunteer');
    expect(reportSource(both, undefined)).toBe('grid');
    expect(reportSource(both, 'volunteer')).toBe('volunteer');
    expect(outcome(both, 'hotline')).toBe('validation: 您不能以“12345热线”来源上报问题');
  });

  it('gives an account with no reporting role the default and refuses any asked source', () => {
    // The 三员 hold no business role: reporting is refused earlier by authorize(), this is only the fallback.
    expect(reportSource(as('admin'), undefined)).toBe('inspection');
    expect(outcome(as('auditor'), 'inspection')).toBe('validation: 您不能以“督查”来源上报问题');
  });
});
