/**
 * The workflow kernel's recipe (runTransition) on a toy workflow kept in memory, with the audit insert going to a fake
 * database: load → may read (404) → version (409) → table for this actor (422) → payload (400) → checks → effects →
 * target checked against the table → guarded update (409 for a concurrent loser) → records → audit. Each step is
 * checked to stop the transition before anything is written.
 */
import { z } from 'zod';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineWorkflow } from '../../common/workflow';
import { fakeDb, type FakeQuery } from '../../test/support/fake-db';
import type { Actor } from './actor';
import { FixedClock } from './clock';
import type { Ctx } from './context';
import { AppError, notFound } from './errors';
import { fromBlocked, runTransition, type WorkflowRuntime, type WorkflowVerb } from './workflow';

const STATES = ['draft', 'review', 'done'] as const;
type S = (typeof STATES)[number];
const ACTIONS = defineWorkflow(STATES, {
  submit: { from: ['draft'], to: ['review'], by: 'author', payload: z.object({ note: z.string().min(2, '请填写说明') }) },
  decide: { from: ['review'], to: ['done', 'draft'], by: 'reviewer', payload: z.object({ ok: z.boolean() }) },
});
type A = keyof typeof ACTIONS;

interface Doc {
  id: string;
  version: number;
  state: S;
  secret: boolean;
  author: string;
}

const NOW = new Date('2026-11-20T02:00:00Z');
const person = (id: string): Actor => ({
  id,
  username: id,
  name: id,
  unitId: null,
  regionId: null,
  grants: [],
  mustChangePassword: false,
  isDemo: false,
  via: 'session',
});

let rows: Map<string, Doc>;
let updates: Array<{ id: string; to: S; set: Record<string, unknown> }>;
let records: Array<{ action: A; to: S; more: Record<string, unknown> }>;
let raceLost: boolean;

const runtime: WorkflowRuntime<Doc, A, S> = {
  subject: 'doc',
  actions: ACTIONS,
  labels: { submit: '提交', decide: '审定' },
  stateOf: (d) => d.state,
  load: async (_tx, id) => (rows.has(id) ? { ...rows.get(id)! } : undefined),
  canRead: (_ctx, d) => !d.secret,
  notFound: () => notFound('文档'),
  blockedReason: (ctx, d, action) =>
    fromBlocked(ACTIONS[action], d.state) ?? (action === 'decide' && ctx.actor.id === d.author ? '不能审定自己的文档' : null),
  update: async (_tx, d, set, to) => {
    if (raceLost) return undefined;
    updates.push({ id: d.id, to, set });
    const next = { ...d, ...set, state: to, version: d.version + 1 };
    rows.set(d.id, next);
    return next as unknown as Record<string, unknown>;
  },
  record: async (_tx, _ctx, _d, action, to, _effects, more) => {
    records.push({ action, to, more });
  },
};

/** Verbs as a module would write them; `decide` chooses its target by the verdict. */
const verbs = (over: Partial<Record<A, WorkflowVerb<Doc, A, S>>> = {}): Record<A, WorkflowVerb<Doc, A, S>> => ({
  submit: { action: 'submit', apply: async (_c, _t, _d, p) => ({ set: { note: p.note } }) },
  decide: { action: 'decide', apply: async (_c, _t, _d, p) => ({ to: p.ok ? 'done' : 'draft', after: async () => ({ decided: p.ok }) }) },
  ...over,
});

let audit: FakeQuery[];
function run(actorId: string, id: string, action: A, version: number, payload: unknown, vs = verbs()) {
  const { db, queries } = fakeDb();
  audit = queries;
  const ctx: Ctx = { actor: person(actorId), db, clock: new FixedClock(NOW), meta: { ip: null, userAgent: null } };
  return runTransition(ctx, db, runtime, vs, id, action, version, payload);
}

/** The AppError code a failed transition answers with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.code}: ${e.message}` : `Error: ${(e as Error).message}`;
  }
}

const nothingWritten = () => {
  expect(updates).toEqual([]);
  expect(records).toEqual([]);
  expect(audit.filter((q) => q.sql.startsWith('insert into "audit_events"'))).toEqual([]);
};

beforeEach(() => {
  rows = new Map([
    ['d1', { id: 'd1', version: 1, state: 'draft', secret: false, author: 'alice' }],
    ['d2', { id: 'd2', version: 4, state: 'review', secret: false, author: 'alice' }],
    ['hidden', { id: 'hidden', version: 1, state: 'draft', secret: true, author: 'alice' }],
  ]);
  updates = [];
  records = [];
  raceLost = false;
});

describe('runTransition', () => {
  it('applies a transition: the table target, version + 1, records and one audit event', async () => {
    expect(await run('alice', 'd1', 'submit', 1, { note: '初稿' })).toEqual({});
    expect(rows.get('d1')).toMatchObject({ state: 'review', version: 2, note: '初稿' });
    expect(records).toEqual([{ action: 'submit', to: 'review', more: {} }]);
    const events = audit.filter((q) => q.sql.startsWith('insert into "audit_events"'));
    expect(events).toHaveLength(1);
    expect(events[0].parameters).toEqual(expect.arrayContaining(['doc.submit', 'doc', 'd1']));
  });

  it("takes the verb's choice among several targets and returns what `after` adds", async () => {
    expect(await run('bob', 'd2', 'decide', 4, { ok: false })).toEqual({ decided: false });
    expect(rows.get('d2')).toMatchObject({ state: 'draft', version: 5 });
  });

  it('answers 404 for a missing record and for one the actor may not read (before anything else)', async () => {
    expect(await codeOf(run('alice', 'nope', 'submit', 1, { note: '初稿' }))).toBe('not_found: 文档不存在或无权查看');
    // Even at a stale version and with a bad payload: the hidden record's existence is not revealed.
    expect(await codeOf(run('alice', 'hidden', 'decide', 9, {}))).toBe('not_found: 文档不存在或无权查看');
    nothingWritten();
  });

  it('answers 409 for a stale version before the table and the payload', async () => {
    // d1 is at version 1 and in draft: `decide` would be refused by the table, and the payload is empty.
    expect(await codeOf(run('bob', 'd1', 'decide', 0, {}))).toBe('version_conflict: 数据已被他人修改，请刷新后重试');
    nothingWritten();
  });

  it("answers 422 with the action's label when the table (or the module's rule) refuses", async () => {
    expect(await codeOf(run('bob', 'd1', 'decide', 1, { ok: true }))).toBe('invalid_transition: 不能审定：当前状态下不能执行此操作');
    expect(await codeOf(run('alice', 'd2', 'decide', 4, { ok: true }))).toBe('invalid_transition: 不能审定：不能审定自己的文档');
    nothingWritten();
  });

  it("answers 400 naming the field when the payload fails the table's schema", async () => {
    expect(await codeOf(run('alice', 'd1', 'submit', 1, { note: 'x' }))).toBe('validation: 输入有误：note：请填写说明');
    nothingWritten();
  });

  it('refuses a verb that leads where the table does not allow, before writing', async () => {
    const rogue = verbs({ submit: { action: 'submit', apply: async () => ({ to: 'done' }) } });
    expect(await codeOf(run('alice', 'd1', 'submit', 1, { note: '初稿' }, rogue))).toBe(
      'Error: workflow: action submit leads to done, but the table allows review',
    );
    const undecided = verbs({ decide: { action: 'decide', apply: async () => ({}) } });
    expect(await codeOf(run('bob', 'd2', 'decide', 4, { ok: true }, undecided))).toBe(
      'Error: workflow: action decide must choose one of done, draft',
    );
    nothingWritten();
  });

  it('refuses a verb file registered under another action', async () => {
    const swapped = verbs({ submit: { action: 'decide', apply: async () => ({}) } });
    expect(await codeOf(run('alice', 'd1', 'submit', 1, { note: '初稿' }, swapped))).toBe(
      'Error: workflow doc: no verb file for action submit',
    );
    nothingWritten();
  });

  it('runs the verb check before any write and stops on its error', async () => {
    const checked = verbs({
      submit: {
        action: 'submit',
        check: async () => {
          throw new AppError('validation', '附件不存在');
        },
        apply: async () => ({}),
      },
    });
    expect(await codeOf(run('alice', 'd1', 'submit', 1, { note: '初稿' }, checked))).toBe('validation: 附件不存在');
    nothingWritten();
  });

  it('answers 409 to the loser of a race (the guarded update matched no row) and records nothing', async () => {
    raceLost = true;
    expect(await codeOf(run('alice', 'd1', 'submit', 1, { note: '初稿' }))).toBe('version_conflict: 数据已被他人修改，请刷新后重试');
    nothingWritten();
  });
});
