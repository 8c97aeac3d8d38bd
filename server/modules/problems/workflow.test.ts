/**
 * The problem loop's table (common/problem-workflow.ts) as the server evaluates it (workflow.ts), without a
 * database: from-states, the relation each action needs (office / unit / verifier), the covert-dispatch block,
 * extension conditions, the verifier-is-not-rectifier rule, and that every verb leads where the table says.
 *
 * Scope used throughout: county c (path /c/), its town t (/c/t/); the problem lies in /c/t/ and is dispatched
 * to unit uA. Another county is d (/d/).
 */
import { describe, expect, it } from 'vitest';
import { PROBLEM_ACTIONS, type ProblemActionDef } from '../../../common/problem-actions';
import { PROBLEM_ACTION_NAMES, PROBLEM_STATES, type ProblemAction, type ProblemState } from '../../../common/problem-workflow';
import { targetState } from '../../../common/workflow';
import { fakeDb } from '../../../test/support/fake-db';
import type { Actor } from '../../platform/actor';
import { FixedClock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { ProblemRow } from './repository';
import { VERBS } from './verbs';
import { allowedActions, blockedReason, type WorkflowRow } from './workflow';
import { makeActor } from '../../../test/support/actors';

const actor = makeActor;

const office = actor('office', 'office', 'region', 'c', '/c/');
const taskforce = actor('taskforce', 'taskforce', 'campaign', 'k', '/c/');
const inspector = actor('inspector', 'inspector', 'region', 'c', '/c/');
const unitLiaison = actor('liaison', 'unit_liaison', 'unit', 'uA', '/c/');
const unitHead = actor('head', 'unit_head', 'unit', 'uA', '/c/');
const otherUnit = actor('liaison2', 'unit_liaison', 'unit', 'uB', '/c/');
const grid = actor('grid', 'grid_worker', 'region', 't', '/c/t/');
const leader = actor('leader', 'leader', 'region', 'c', '/c/');
const otherOffice = actor('office-d', 'office', 'region', 'd', '/d/');
const otherInspector = actor('inspector-d', 'inspector', 'region', 'd', '/d/');

const row = (over: Partial<WorkflowRow> = {}): WorkflowRow => ({
  region_path: '/c/t/',
  unit_id: 'uA',
  reporter_id: null,
  round_hidden: false,
  round_is_covert: false,
  round_region_path: null,
  round_team: [],
  state: 'pending',
  rectified_by: null,
  extension_requested_days: null,
  ...over,
});

const WRONG_STATE = '当前状态下不能执行此操作';
const NOT_YOURS = '您不能对此问题执行此操作';

/** Who fills each relation in the test scope, and the extension state that lets the action through. */
const TAKER: Record<ProblemAction, Actor> = {
  accept: office,
  reject: office,
  dispatch: office,
  acknowledge: unitLiaison,
  dispute: unitLiaison,
  request_extension: unitLiaison,
  approve_extension: office,
  deny_extension: office,
  submit_rectification: unitLiaison,
  verify: inspector,
  reopen: inspector,
};
const pendingFor = (a: ProblemAction) => ((PROBLEM_ACTIONS[a] as ProblemActionDef).extension === 'pending' ? 5 : null);

describe('the workflow table', () => {
  it('has the from-states, relations and targets of the loop (GB/T 30428 立案 → 派遣 → 整改 → 核查 → 结案)', () => {
    // Written out by hand so that a change to the table is a deliberate change to this test too.
    const summary = Object.fromEntries(
      PROBLEM_ACTION_NAMES.map((a) => [a, [PROBLEM_ACTIONS[a].from.join('|'), PROBLEM_ACTIONS[a].by, PROBLEM_ACTIONS[a].to.join('|')]]),
    );
    expect(summary).toEqual({
      accept: ['pending', 'office', 'accepted'],
      reject: ['pending', 'office', 'rejected'],
      dispatch: ['accepted', 'office', 'dispatched'],
      acknowledge: ['dispatched', 'unit', 'rectifying'],
      dispute: ['dispatched', 'unit', 'accepted'],
      request_extension: ['rectifying', 'unit', 'rectifying'],
      approve_extension: ['rectifying', 'office', 'rectifying'],
      deny_extension: ['rectifying', 'office', 'rectifying'],
      submit_rectification: ['rectifying', 'unit', 'verifying'],
      verify: ['verifying', 'verifier', 'closed|rectifying'],
      reopen: ['closed', 'verifier', 'closed'],
    });
    // Every state but `rejected` is left by some action; `rejected` is final (and `closed` only by a linked relapse).
    const left = new Set(PROBLEM_ACTION_NAMES.flatMap((a) => PROBLEM_ACTIONS[a].from as readonly string[]));
    expect(PROBLEM_STATES.filter((s) => !left.has(s))).toEqual(['rejected']);
  });

  it.each(PROBLEM_ACTION_NAMES)('%s is open exactly in its from-states to the actor who fills its relation', (action) => {
    const from = PROBLEM_ACTIONS[action].from as readonly string[];
    for (const state of PROBLEM_STATES) {
      const reason = blockedReason(TAKER[action], row({ state, extension_requested_days: pendingFor(action) }), action);
      expect(reason, `${action} from ${state}`).toBe(from.includes(state) ? null : WRONG_STATE);
    }
  });
});

describe('relations', () => {
  const cases: Array<[string, ProblemAction, ProblemState, Array<[string, Actor, string | null]>]> = [
    // office: 创建办 or 专班 whose scope covers the problem's region.
    [
      'office',
      'accept',
      'pending',
      [
        ['office', office, null],
        ['taskforce', taskforce, null],
        ['unit', unitLiaison, NOT_YOURS],
        ['inspector', inspector, NOT_YOURS],
        ['leader', leader, NOT_YOURS],
        ['grid', grid, NOT_YOURS],
        ['another county office', otherOffice, NOT_YOURS],
      ],
    ],
    [
      'office',
      'dispatch',
      'accepted',
      [
        ['office', office, null],
        ['unit head', unitHead, NOT_YOURS],
        ['another county office', otherOffice, NOT_YOURS],
      ],
    ],
    // unit: head or liaison of the unit the problem is dispatched to — not another unit, not the office.
    [
      'unit',
      'acknowledge',
      'dispatched',
      [
        ['liaison', unitLiaison, null],
        ['head', unitHead, null],
        ['another unit', otherUnit, NOT_YOURS],
        ['office', office, NOT_YOURS],
        ['inspector', inspector, NOT_YOURS],
      ],
    ],
    [
      'unit',
      'submit_rectification',
      'rectifying',
      [
        ['liaison', unitLiaison, null],
        ['another unit', otherUnit, NOT_YOURS],
        ['office', office, NOT_YOURS],
      ],
    ],
    // verifier: office, 专班 or inspector in scope.
    [
      'verifier',
      'verify',
      'verifying',
      [
        ['inspector', inspector, null],
        ['office', office, null],
        ['taskforce', taskforce, null],
        ['unit', unitLiaison, NOT_YOURS],
        ['leader', leader, NOT_YOURS],
        ['another county inspector', otherInspector, NOT_YOURS],
      ],
    ],
    [
      'verifier',
      'reopen',
      'closed',
      [
        ['inspector', inspector, null],
        ['office', office, null],
        ['unit head', unitHead, NOT_YOURS],
        ['grid', grid, NOT_YOURS],
      ],
    ],
  ];
  for (const [relation, action, state, who] of cases) {
    it.each(who)(`${relation}: ${action} by %s`, (_name, a, expected) => {
      expect(blockedReason(a, row({ state }), action)).toBe(expected);
    });
  }

  it('gives the unit relation to nobody while the problem has no unit', () => {
    // A dispatched-state row without a unit (the unit was cleared): no unit account fills `unit`.
    expect(blockedReason(unitLiaison, row({ state: 'dispatched', unit_id: null }), 'acknowledge')).toBe(NOT_YOURS);
  });

  it('checks the state before the relation (a wrong state is said first, whoever asks)', () => {
    expect(blockedReason(grid, row({ state: 'closed' }), 'accept')).toBe(WRONG_STATE);
  });
});

describe('verifier is not the rectifier', () => {
  it('refuses 核查 to whoever submitted the rectification, with its own reason, and allows another verifier', () => {
    // The office account rectified (say it also holds the unit role elsewhere): it may not verify its own work.
    const p = row({ state: 'verifying', rectified_by: 'office' });
    expect(blockedReason(office, p, 'verify')).toBe('整改提交人不能核查自己的整改');
    expect(allowedActions(office, p)).toEqual([]);
    expect(blockedReason(inspector, p, 'verify')).toBeNull();
  });
  it('applies to verify only: the same person may still reopen a closed problem on re-check', () => {
    expect(blockedReason(office, row({ state: 'closed', rectified_by: 'office' }), 'reopen')).toBeNull();
  });
});

describe('covert findings', () => {
  it('cannot be dispatched before the round is released, even by the office', () => {
    const hidden = row({ state: 'accepted', round_hidden: true, round_is_covert: true, round_region_path: '/c/' });
    expect(blockedReason(office, hidden, 'dispatch')).toBe('暗访发现的问题须在暗访结果发布后派遣');
    expect(allowedActions(office, hidden)).toEqual([]);
    // Released (no longer hidden): dispatch opens.
    expect(blockedReason(office, { ...hidden, round_hidden: false }, 'dispatch')).toBeNull();
  });
  it('blocks only dispatch: other actions on a hidden finding follow the table', () => {
    const hiddenVerifying = row({ state: 'verifying', round_hidden: true, round_is_covert: true });
    expect(blockedReason(inspector, hiddenVerifying, 'verify')).toBeNull();
    // In a wrong state the state message comes first.
    expect(blockedReason(office, row({ state: 'pending', round_hidden: true }), 'dispatch')).toBe(WRONG_STATE);
  });
});

describe('extension requests', () => {
  const none = row({ state: 'rectifying', extension_requested_days: null });
  const pending = row({ state: 'rectifying', extension_requested_days: 7 });
  it('lets the unit ask only when nothing is pending', () => {
    expect(blockedReason(unitLiaison, none, 'request_extension')).toBeNull();
    expect(blockedReason(unitLiaison, pending, 'request_extension')).toBe('已有延期申请待审批');
  });
  it('lets the office decide only when a request is pending', () => {
    for (const a of ['approve_extension', 'deny_extension'] as const) {
      expect(blockedReason(office, pending, a)).toBeNull();
      expect(blockedReason(office, none, a)).toBe('没有待审批的延期申请');
    }
  });
  it('does not hold up 提交整改 while a request is pending', () => {
    expect(blockedReason(unitLiaison, pending, 'submit_rectification')).toBeNull();
  });
});

describe('allowedActions (the buttons each person sees)', () => {
  it.each<[string, Actor, Partial<WorkflowRow>, ProblemAction[]]>([
    ['office on a new report', office, { state: 'pending' }, ['accept', 'reject']],
    ['office on an accepted problem', office, { state: 'accepted' }, ['dispatch']],
    ['unit on a dispatched problem', unitLiaison, { state: 'dispatched' }, ['acknowledge', 'dispute']],
    ['another unit on it', otherUnit, { state: 'dispatched' }, []],
    ['unit while rectifying', unitLiaison, { state: 'rectifying' }, ['request_extension', 'submit_rectification']],
    ['unit with a request pending', unitLiaison, { state: 'rectifying', extension_requested_days: 3 }, ['submit_rectification']],
    [
      'office with a request pending',
      office,
      { state: 'rectifying', extension_requested_days: 3 },
      ['approve_extension', 'deny_extension'],
    ],
    ['office on a rectification to verify', office, { state: 'verifying', rectified_by: 'liaison' }, ['verify']],
    ['inspector on a closed problem', inspector, { state: 'closed' }, ['reopen']],
    ['office on a rejected report', office, { state: 'rejected' }, []],
    ['another county office', otherOffice, { state: 'pending' }, []],
  ])('%s', (_name, a, over, expected) => {
    expect(allowedActions(a, row(over))).toEqual(expected);
  });
});

/**
 * Every verb's target against the table. The verbs run with a fake transaction (test/support/fake-db.ts): the
 * deadline policy lookup finds no row and falls back to 168 calendar hours; nothing else in `apply` reads. The
 * state a verb leads to is what the kernel computes from its effects (`targetState`: the table's one target, or
 * the verb's choice among several), so a verb that names a state the table does not list fails here.
 */
describe('every verb leads where the table says', () => {
  const NOW = new Date('2026-11-04T02:00:00Z'); // Wed 4th 10:00 Beijing
  const DEADLINE = new Date('2026-11-11T02:00:00Z');
  const photo = '11111111-1111-4111-8111-111111111111';
  const unitB = '22222222-2222-4222-8222-222222222222';

  const problem = (state: ProblemState, over: Partial<ProblemRow> = {}): ProblemRow =>
    ({
      id: 'p1',
      code: 'WT202611-000001',
      client_id: null,
      description: '人行道上有暴露垃圾',
      category_code: 'E0102',
      source: 'inspection',
      severity: 'normal',
      state,
      site_id: null,
      region_id: 't',
      lat: null,
      lng: null,
      address: null,
      unit_id: 'uA',
      assignee_id: null,
      reporter_id: 'grid',
      reporter_name: 'grid',
      deadline: DEADLINE,
      accepted_at: null,
      first_dispatched_at: null,
      dispatched_at: null,
      acknowledged_at: null,
      rectified_at: null,
      rectified_by: null,
      closed_at: null,
      reject_reason: null,
      extension_requested_days: null,
      extension_reason: null,
      extension_count: 0,
      rework_count: 0,
      verify_count: 0,
      dispute_count: 0,
      duplicate_of: null,
      relapsed_from: null,
      relapse_count: 0,
      round_id: null,
      covert_code: null,
      standard_id: null,
      reminded_at: null,
      supervised_at: null,
      escalated_at: null,
      version: 3,
      created_at: NOW,
      updated_at: NOW,
      region_path: '/c/t/',
      region_name: '城关镇',
      unit_name: '城管局',
      category_name: '暴露垃圾',
      round_hidden: false,
      round_is_covert: false,
      round_region_path: null,
      round_team: [],
      ...over,
    }) as ProblemRow;

  /** A valid payload for each action (for verify both verdicts) and the state the problem must be in afterwards. */
  const CASES: Record<ProblemAction, Array<[Record<string, unknown>, ProblemState]>> = {
    accept: [[{}, 'accepted']],
    reject: [[{ reason: '重复上报' }, 'rejected']],
    dispatch: [[{ unitId: unitB }, 'dispatched']],
    acknowledge: [[{}, 'rectifying']],
    dispute: [[{ reason: '不属于本单位职责' }, 'accepted']],
    request_extension: [[{ days: 3, reason: '需采购材料' }, 'rectifying']],
    approve_extension: [[{}, 'rectifying']],
    deny_extension: [[{ reason: '理由不充分' }, 'rectifying']],
    submit_rectification: [[{ measures: '已清理', photoIds: [photo] }, 'verifying']],
    // 核查: passed → 已结案; failed → back to 整改中 (返工).
    verify: [
      [{ passed: true }, 'closed'],
      [{ passed: false, comment: '未彻底清理' }, 'rectifying'],
    ],
    // 回头看反弹: the closed case stays closed; the relapse is a new, linked problem (checked below).
    reopen: [[{ reason: '回头看发现反弹' }, 'closed']],
  };

  const ctxFor = (a: Actor): Ctx => ({ actor: a, db: fakeDb().db, clock: new FixedClock(NOW), meta: { ip: null, userAgent: null } });

  /** Runs the verb's effects and returns the state the kernel would write. */
  async function target(action: ProblemAction, raw: Record<string, unknown>, over: Partial<ProblemRow> = {}) {
    const def = PROBLEM_ACTIONS[action];
    const parsed = def.payload.safeParse(raw);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const p = problem(def.from[0], { extension_requested_days: pendingFor(action), ...over });
    const effects = await VERBS[action].apply(ctxFor(TAKER[action]), fakeDb().db, p, parsed.data as never);
    return { effects, to: targetState(action, def, effects.to) };
  }

  it('has a verb for every action, each declaring its own action', () => {
    expect(Object.keys(VERBS).sort()).toEqual([...PROBLEM_ACTION_NAMES].sort());
    for (const a of PROBLEM_ACTION_NAMES) expect(VERBS[a].action).toBe(a);
  });

  for (const action of PROBLEM_ACTION_NAMES) {
    for (const [raw, expected] of CASES[action]) {
      it(`${action} ${JSON.stringify(raw)} → ${expected}`, async () => {
        const { to } = await target(action, raw);
        expect(to).toBe(expected);
        expect(PROBLEM_ACTIONS[action].to).toContain(to);
      });
    }
  }

  it('covers every target the table lists (a listed state no verb reaches is dead table data)', () => {
    for (const a of PROBLEM_ACTION_NAMES) {
      expect([...new Set(CASES[a].map(([, s]) => s))].sort(), a).toEqual([...PROBLEM_ACTIONS[a].to].sort());
    }
  });

  it('refuses a target the table does not list, and an unchosen target among several', () => {
    // The kernel's check: 核查 may lead to closed or rectifying, nothing else; and it must choose one.
    expect(() => targetState('verify', PROBLEM_ACTIONS.verify, 'accepted')).toThrow(/verify leads to accepted/);
    expect(() => targetState('verify', PROBLEM_ACTIONS.verify)).toThrow(/must choose one of closed, rectifying/);
    // 立案 has one target: a verb that names it or names nothing both land there; naming another state fails.
    expect(targetState('accept', PROBLEM_ACTIONS.accept)).toBe('accepted');
    expect(targetState('accept', PROBLEM_ACTIONS.accept, 'accepted')).toBe('accepted');
    expect(() => targetState('accept', PROBLEM_ACTIONS.accept, 'closed')).toThrow();
  });

  it('dispatch sets the deadline from the policy and keeps the first dispatch time', async () => {
    // No policy row (fake db) → 168 calendar hours: Wed 4th 10:00 Beijing + 7 d = Wed 11th 10:00 = 02:00Z.
    const { effects } = await target('dispatch', { unitId: unitB }, { deadline: null });
    expect(effects.set).toMatchObject({
      unit_id: unitB,
      deadline: new Date('2026-11-11T02:00:00Z'),
      dispatched_at: NOW,
      first_dispatched_at: NOW,
    });
    const earlier = new Date('2026-10-01T00:00:00Z');
    const again = await target('dispatch', { unitId: unitB }, { first_dispatched_at: earlier });
    expect(again.effects.set?.first_dispatched_at).toEqual(earlier);
  });

  it('approve_extension moves the deadline by the requested days and counts the extension', async () => {
    // Deadline Wed 11th 02:00Z + 5 calendar days (default policy) = Mon 16th 02:00Z.
    const { effects } = await target('approve_extension', {}, { extension_requested_days: 5, extension_count: 1 });
    expect(effects.set).toMatchObject({ deadline: new Date('2026-11-16T02:00:00Z'), extension_requested_days: null, extension_count: 2 });
  });

  it('verify counts a failed verification as rework and a passed one as closed', async () => {
    const failed = await target('verify', { passed: false, comment: '未彻底清理' }, { verify_count: 1, rework_count: 1 });
    expect(failed.effects.set).toEqual({ verify_count: 2, rework_count: 2 });
    const passed = await target('verify', { passed: true }, { verify_count: 1, rework_count: 1 });
    expect(passed.effects.set).toEqual({ closed_at: NOW, verify_count: 2 });
  });

  it('reopen leaves the case closed and files a linked relapse dispatched to the same unit', async () => {
    const { db: tx, queries } = fakeDb((sql) => {
      if (sql.startsWith('select next_problem_code')) return [{ code: 'WT202611-330122-000007' }];
      if (sql.startsWith('insert into "problems"')) return [{ id: 'p2', code: 'WT202611-330122-000007' }];
    });
    const parsed = PROBLEM_ACTIONS.reopen.payload.parse({ reason: '回头看发现反弹' });
    const effects = await VERBS.reopen.apply(ctxFor(inspector), tx, problem('closed'), parsed as never);
    expect(targetState('reopen', PROBLEM_ACTIONS.reopen, effects.to)).toBe('closed');
    expect(effects.set).toEqual({ relapse_count: 1 });
    expect(await effects.after!(tx)).toEqual({ relapseProblemId: 'p2', relapseCode: 'WT202611-330122-000007' });
    const insert = queries.find((q) => q.sql.startsWith('insert into "problems"'))!;
    // The new row: source recheck, state dispatched, unit uA, linked to p1.
    expect(insert.parameters).toEqual(expect.arrayContaining(['recheck', 'dispatched', 'uA', 'p1']));
  });
});
