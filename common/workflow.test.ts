/** The workflow tables and the kernel's target rule: a verb cannot lead where its table does not allow. */
import { describe, expect, it } from 'vitest';
import { MATERIAL_ACTIONS, MATERIAL_STATES } from './material-workflow';
import { PROBLEM_ACTIONS } from './problem-actions';
import { PROBLEM_STATES } from './problem-workflow';
import { EVALUATION_ACTIONS, EVALUATION_RUN_STATES } from './evaluation-workflow';
import { EXPOSURE_ACTIONS, EXPOSURE_STATES } from './exposure-workflow';
import { REWARD_ACTIONS, REWARD_ENTRY_STATES } from './reward-workflow';
import { WAVE_STATES } from './surveys';
import { WAVE_ACTIONS } from './survey-wave-workflow';
import { PROGRESS_ACTIONS, PROGRESS_STATES } from './tasks';
import { ACTIVITY_ACTIONS } from './volunteer-activity-workflow';
import { VOLUNTEER_REVIEW_ACTIONS } from './volunteer-review-workflow';
import { ACTIVITY_STATES, VOLUNTEER_STATES } from './volunteers';
import { NOMINATION_ACTIONS } from './honour-nomination-workflow';
import { SELECTION_ACTIONS } from './honour-selection-workflow';
import { NOMINATION_STATES, SELECTION_STATES } from './honours';
import { payloadFields, targetState } from './workflow';

describe('workflow tables', () => {
  it('name only states of their own workflow, and every action has a payload schema', () => {
    for (const [states, actions] of [
      [PROBLEM_STATES, PROBLEM_ACTIONS],
      [MATERIAL_STATES, MATERIAL_ACTIONS],
      [EVALUATION_RUN_STATES, EVALUATION_ACTIONS],
      [EXPOSURE_STATES, EXPOSURE_ACTIONS],
      [REWARD_ENTRY_STATES, REWARD_ACTIONS],
      [WAVE_STATES, WAVE_ACTIONS],
      [PROGRESS_STATES, PROGRESS_ACTIONS],
      [ACTIVITY_STATES, ACTIVITY_ACTIONS],
      [VOLUNTEER_STATES, VOLUNTEER_REVIEW_ACTIONS],
      [NOMINATION_STATES, NOMINATION_ACTIONS],
      [SELECTION_STATES, SELECTION_ACTIONS],
    ] as const) {
      for (const [name, def] of Object.entries(actions)) {
        expect(def.from.length, name).toBeGreaterThan(0);
        expect(def.to.length, name).toBeGreaterThan(0);
        for (const s of [...def.from, ...def.to]) expect(states as readonly string[], `${name}: ${s}`).toContain(s);
        expect(typeof def.payload.safeParse, name).toBe('function');
      }
    }
  });

  it('takes the single target when the verb names none, and refuses a target the table does not list', () => {
    expect(targetState('dispatch', PROBLEM_ACTIONS.dispatch)).toBe('dispatched');
    expect(targetState('verify', PROBLEM_ACTIONS.verify, 'closed')).toBe('closed');
    expect(targetState('verify', PROBLEM_ACTIONS.verify, 'rectifying')).toBe('rectifying');
    // 核查 may close or send back, never jump to 已派遣.
    expect(() => targetState('verify', PROBLEM_ACTIONS.verify, 'dispatched')).toThrow(/table allows closed, rectifying/);
    // An action with several targets must choose.
    expect(() => targetState('verify', PROBLEM_ACTIONS.verify)).toThrow(/must choose/);
    expect(() => targetState('pass', MATERIAL_ACTIONS.pass, 'returned')).toThrow();
  });

  it('payload schemas carry the rules the forms show', () => {
    expect(payloadFields(PROBLEM_ACTIONS.request_extension)).toEqual(['days', 'reason']);
    expect(PROBLEM_ACTIONS.request_extension.payload.safeParse({ days: 61, reason: '雨天施工' }).success).toBe(false);
    expect(PROBLEM_ACTIONS.request_extension.payload.safeParse({ days: 3, reason: '雨天施工' }).success).toBe(true);
    // 核查不通过 needs a reason; 通过 does not.
    expect(PROBLEM_ACTIONS.verify.payload.safeParse({ passed: false }).success).toBe(false);
    expect(PROBLEM_ACTIONS.verify.payload.safeParse({ passed: true }).success).toBe(true);
    expect(MATERIAL_ACTIONS.return.payload.safeParse({ comment: '' }).success).toBe(false);
  });
});
