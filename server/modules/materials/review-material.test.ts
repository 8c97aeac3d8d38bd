/**
 * 材料审核 on the workflow kernel, without a database: the table (common/material-workflow.ts), who may review, and
 * that each verb (pass-material.ts, return-material.ts) leads where the table says.
 */
import { describe, expect, it } from 'vitest';
import {
  MATERIAL_ACTIONS,
  MATERIAL_STATES,
  MATERIAL_SUBMITTABLE,
  type MaterialAction,
  type MaterialState,
} from '../../../common/material-workflow';
import { targetState } from '../../../common/workflow';
import { fakeDb } from '../../../test/support/fake-db';
import { FixedClock } from '../../platform/clock';
import './policy';
import { passMaterial } from './pass-material';
import type { SubmissionRow } from './repository';
import { materialBlockedReason } from './review-material';
import { returnMaterial } from './return-material';
import { makeActor } from '../../../test/support/actors';

const actor = makeActor;
const office = actor('office', 'office', 'region', 'c', '/c/');
const taskforce = actor('taskforce', 'taskforce', 'campaign', 'k', '/c/');
const liaison = actor('liaison', 'unit_liaison', 'unit', 'uA', '/c/');
const leader = actor('leader', 'leader', 'region', 'c', '/c/');
const otherOffice = actor('office-d', 'office', 'region', 'd', '/d/');

const submission = (status: MaterialState): SubmissionRow =>
  ({
    id: 'm1',
    standard_id: 's1',
    standard_code: '1.3.1',
    standard_text: '志愿服务记录完整',
    unit_id: 'uA',
    unit_name: '城管局',
    region_path: '/c/',
    period: '2026-11',
    note: null,
    status,
    submitted_at: new Date(),
    reviewed_at: null,
    review_comment: null,
    version: 2,
  }) as SubmissionRow;

describe('the material table', () => {
  it('reviews only what waits for review; a passed submission is final', () => {
    expect(Object.fromEntries(Object.entries(MATERIAL_ACTIONS).map(([a, d]) => [a, [d.from.join('|'), d.to.join('|'), d.by]]))).toEqual({
      pass: ['submitted', 'passed', 'reviewer'],
      return: ['submitted', 'returned', 'reviewer'],
    });
    // A unit submits first (null), or again while pending or after a return, never after a pass.
    expect([...MATERIAL_SUBMITTABLE]).toEqual([null, 'submitted', 'returned']);
  });
});

describe('materialBlockedReason', () => {
  it.each<MaterialAction>(['pass', 'return'])('%s: open on a submitted material to the office and 专班 in scope', (action) => {
    expect(materialBlockedReason(office, submission('submitted'), action)).toBeNull();
    expect(materialBlockedReason(taskforce, submission('submitted'), action)).toBeNull();
  });
  it.each<MaterialAction>(['pass', 'return'])('%s: closed to the unit, a leader and another county', (action) => {
    for (const a of [liaison, leader, otherOffice])
      expect(materialBlockedReason(a, submission('submitted'), action), a.id).toBe('您不能审核此材料');
  });
  it.each<MaterialAction>(['pass', 'return'])('%s: closed on a passed or returned material, whoever asks', (action) => {
    for (const s of ['passed', 'returned'] as const)
      expect(materialBlockedReason(office, submission(s), action), s).toBe('只有待审核的材料可以审核');
    // Every state is covered by the table's answer.
    expect(MATERIAL_STATES.filter((s) => materialBlockedReason(office, submission(s), action) === null)).toEqual(['submitted']);
  });
});

describe('every material verb leads where the table says', () => {
  const NOW = new Date('2026-11-20T02:00:00Z');
  const ctx = { actor: office, db: fakeDb().db, clock: new FixedClock(NOW), meta: { ip: null, userAgent: null } };

  it('pass → passed, recording the reviewer and the optional comment', async () => {
    expect(passMaterial.action).toBe('pass');
    const effects = await passMaterial.apply(ctx, fakeDb().db, submission('submitted'), MATERIAL_ACTIONS.pass.payload.parse({}));
    expect(targetState('pass', MATERIAL_ACTIONS.pass, effects.to)).toBe('passed');
    expect(effects.set).toEqual({ reviewed_by: 'office', reviewed_at: NOW, review_comment: null });
  });

  it('return → returned, with the comment the unit is told', async () => {
    expect(returnMaterial.action).toBe('return');
    // The table refuses a return without a comment (≥ 2 characters).
    expect(MATERIAL_ACTIONS.return.payload.safeParse({ comment: '缺' }).success).toBe(false);
    const payload = MATERIAL_ACTIONS.return.payload.parse({ comment: '缺少签字盖章页' });
    const effects = await returnMaterial.apply(ctx, fakeDb().db, submission('submitted'), payload);
    expect(targetState('return', MATERIAL_ACTIONS.return, effects.to)).toBe('returned');
    expect(effects.set).toEqual({ reviewed_by: 'office', reviewed_at: NOW, review_comment: '缺少签字盖章页' });
    // The unit's head and liaisons are told: a notice job in the same transaction, delivered after COMMIT
    // (modules/notifications/notify.ts); its recipients are data, resolved at delivery.
    const { db: tx, queries } = fakeDb();
    await effects.after!(tx);
    const job = queries.find((q) => q.sql.startsWith('insert into "outbox_jobs"'));
    const queued = JSON.parse(String(job?.parameters.find((x) => typeof x === 'string' && x.startsWith('{'))));
    expect(queued).toEqual({
      notice: { kind: 'returned', title: '材料被退回：1.3.1（2026-11）', body: '缺少签字盖章页', link: '/materials', regionPath: '/c/' },
      to: [{ unit: 'uA', roles: ['unit_head', 'unit_liaison'] }],
    });
    expect(queries.some((q) => q.sql.startsWith('insert into "notifications"'))).toBe(false);
  });
});
