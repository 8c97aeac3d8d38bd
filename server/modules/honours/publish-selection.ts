/**
 * 发布结果 on the workflow kernel (common/honour-selection-workflow.ts): after the voting window (Beijing day, app
 * clock) the office of the selection's region names the winners — approved candidates of the selection, at most the
 * selection's number and each category's quota (分类名额) — and the 好人榜 becomes public. The nominating units of the
 * winners are told after commit.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { publishSelectionBody } from '../../../common/contracts/honours';
import { SELECTION_ACTION_LABELS, SELECTION_ACTIONS, type SelectionAction } from '../../../common/honour-selection-workflow';
import { quotaExceeded, type SelectionState } from '../../../common/honours';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { can } from '../../platform/policy';
import { fromBlocked, runTransition, type WorkflowRuntime, type WorkflowVerb } from '../../platform/workflow';
import { notify } from '../notifications/notify';
import { mayReadSelection, selectionNotFound } from './access';
import { phaseOf } from './presenter';
import { findSelection, listCategories, lockSelection, type SelectionRow } from './repository';

const publishVerb: WorkflowVerb<SelectionRow, SelectionAction, SelectionState, { winnerIds: string[] }> = {
  action: 'publish',
  check: async (ctx, s, p) => {
    const phase = phaseOf(s, ctx.clock.now());
    if (phase !== 'reviewing') throw new AppError('invalid_transition', `投票截止（${s.voting_ends_on}）后才能发布结果`);
    const ids = [...new Set(p.winnerIds)];
    if (ids.length > s.winners_count) throw new AppError('validation', `当选人不能超过名额 ${s.winners_count} 名`);
    const chosen = await sql<{ category_code: string }>`select category_code from honour_nominations
      where id = any(${ids}::uuid[]) and selection_id = ${s.id} and state = 'approved'`.execute(ctx.db);
    if (chosen.rows.length !== ids.length) throw new AppError('validation', '当选人须为本次评选的候选人');
    const over = quotaExceeded(
      chosen.rows.map((r) => r.category_code),
      s.category_quotas,
    );
    if (over) {
      const name = (await listCategories(ctx.db)).find((c) => c.code === over.categoryCode)?.name ?? over.categoryCode;
      throw new AppError('validation', `“${name}”类当选 ${over.chosen} 名，超过分类名额 ${over.quota} 名`);
    }
  },
  apply: async (ctx, _tx, s, p) => ({
    set: { published_at: ctx.clock.now(), published_by: ctx.actor.id },
    event: { winners: p.winnerIds.length },
    after: async (tx) => {
      const ids = [...new Set(p.winnerIds)];
      const winners = await sql<{ id: string; nominee_name: string; nominating_unit_id: string | null; nominated_by: string | null }>`
        update honour_nominations set is_winner = true, updated_at = ${ctx.clock.now()}
        where id = any(${ids}::uuid[]) and selection_id = ${s.id}
        returning id, nominee_name, nominating_unit_id, nominated_by`.execute(tx);
      for (const w of winners.rows) {
        const to = w.nominating_unit_id
          ? [{ unit: w.nominating_unit_id, roles: ['unit_liaison', 'unit_head'] }]
          : w.nominated_by
            ? [{ users: [w.nominated_by] }]
            : [];
        if (to.length)
          await notify(ctx, tx, to, {
            kind: 'honour',
            title: `「${w.nominee_name}」入选${s.title}`,
            body: '评选结果已发布',
            link: `/honours/nominations/${w.id}`,
            regionPath: s.region_path,
          });
      }
      return { winners: winners.rows.map((w) => w.nominee_name) };
    },
  }),
};

const VERBS: Record<SelectionAction, WorkflowVerb<SelectionRow, SelectionAction, SelectionState>> = { publish: publishVerb };

export const selectionRuntime: WorkflowRuntime<SelectionRow, SelectionAction, SelectionState> = {
  subject: 'honour_selection',
  actions: SELECTION_ACTIONS,
  labels: SELECTION_ACTION_LABELS,
  stateOf: (s) => s.state,
  load: findSelection,
  canRead: (ctx, s) => mayReadSelection(ctx.actor, s),
  notFound: selectionNotFound,
  blockedReason: (ctx, s, action) => {
    if (!can(ctx.actor, 'honours.manage', { regionPath: s.region_path })) throw new AppError('forbidden', '只有本级文明办可以发布结果');
    return fromBlocked(SELECTION_ACTIONS[action], s.state);
  },
  update: (tx, s, set, to, now) =>
    tx
      .updateTable('honour_selections')
      .set({ ...set, state: to, version: s.version + 1, updated_at: now })
      .where('id', '=', s.id)
      .where('version', '=', s.version)
      .where('state', '=', s.state)
      .returning(['id', 'state', 'published_at', 'version'])
      .executeTakeFirst(),
  auditView: (s) => ({ state: s.state, title: s.title, version: s.version }),
};

/** 发布结果 at the caller's version. */
export async function publishSelection(ctx: Ctx, id: string, body: z.output<typeof publishSelectionBody>): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const s = await findSelection(tx, id);
    if (!s || !mayReadSelection(ctx.actor, s)) throw selectionNotFound();
    await lockSelection(tx, id);
    await runTransition(ctx, tx, selectionRuntime, VERBS, id, 'publish', body.version, { winnerIds: body.winnerIds });
  });
}
