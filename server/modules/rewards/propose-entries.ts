/**
 * 拟定: when a run is published, propose one entry for every (result, rule) that matches — the rules of the run's
 * scheme family, else its campaign's, else the shipped defaults (common/reward-workflow.ts). Runs in the publishing
 * transaction (evaluation/publish-run.ts), so a ranking and its proposals commit together. Idempotent: a proposal is
 * unique per (run, group, subject, rule), a second call adds nothing.
 *
 * A published revision supersedes the month: entries of the superseded run still 拟定 are withdrawn (the revision
 * proposes afresh); approved or carried-out entries stay — when the revision earns the same (subject, group, rule,
 * kind) they stand for it and nothing new is proposed, otherwise they are flagged for the office to decide.
 */
import { DEFAULT_REWARD_RULES, type RewardKind } from '../../../common/reward-workflow';
import { actorUserId } from '../../platform/actor';
import { recordEvent } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import type { Tx } from '../../platform/db';
import { propose, type MatchableRule } from './match-rules';
import { rulesForRun } from './repository';

export const SUPERSEDED_REASON = '考核修订版已发布，按修订版重新拟定';
export const FLAG_NOTE = '考核修订版中已不符合此奖惩条件，请核实是否撤销';

const keyOf = (e: { subject_id: string; group_name: string; rule_key: string; kind: RewardKind }) =>
  `${e.subject_id}|${e.group_name}|${e.rule_key}|${e.kind}`;

/** Proposes the entries of a published run (in the caller's transaction); answers how many were added. */
export async function proposeEntriesForRun(
  ctx: Ctx,
  tx: Tx,
  runId: string,
): Promise<{ proposed: number; withdrawn: number; flagged: number }> {
  const run = await tx
    .selectFrom('evaluation_runs')
    .select(['id', 'campaign_id', 'scheme_key', 'period', 'state'])
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
  if (run.state !== 'published') return { proposed: 0, withdrawn: 0, flagged: 0 };
  const now = ctx.clock.now();
  const who = actorUserId(ctx.actor);

  const { rules: stored, source } = await rulesForRun(tx, run.campaign_id, run.scheme_key);
  const rules: MatchableRule[] =
    source === 'default'
      ? DEFAULT_REWARD_RULES.map((r, i) => ({ ...r, key: `default:${i + 1}`, id: null }))
      : stored.map((r) => ({
          key: r.id,
          id: r.id,
          name: r.name,
          match: r.match,
          list: r.list,
          rank: r.rank,
          score: r.score,
          streak: r.streak,
          proposal: r.proposal,
          groupName: r.group_name,
          kind: r.kind,
          amount: r.amount === null ? null : Number(r.amount),
          points: r.points,
        }));
  const results = await tx
    .selectFrom('evaluation_results')
    .select([
      'group_index',
      'group_name',
      'subject_type',
      'subject_id',
      'subject_name',
      'score',
      'rank',
      'list',
      'veto',
      'black_streak',
      'proposal',
    ])
    .where('run_id', '=', runId)
    .orderBy('group_index')
    .orderBy('rank')
    .orderBy('subject_name')
    .orderBy('subject_id')
    .execute();
  const proposals = propose(rules, results);

  // Entries of earlier runs of the same month and family (a superseded run): withdraw what is still 拟定, keep the rest.
  const earlier = await tx
    .selectFrom('reward_entries')
    .select(['id', 'state', 'subject_id', 'group_name', 'rule_key', 'kind', 'version'])
    .where('scheme_key', '=', run.scheme_key)
    .where('period', '=', run.period)
    .where('run_id', '!=', runId)
    .where('state', 'in', ['proposed', 'approved', 'fulfilled'])
    .forUpdate()
    .execute();
  const standing = new Set<string>();
  let withdrawn = 0;
  let flagged = 0;
  const wanted = new Set(proposals.map((p) => keyOf({ ...p.result, rule_key: p.rule.key, kind: p.rule.kind })));
  for (const e of earlier) {
    if (e.state === 'proposed') {
      await tx
        .updateTable('reward_entries')
        .set({
          state: 'withdrawn',
          withdrawn_at: now,
          withdrawn_by: who,
          withdraw_reason: SUPERSEDED_REASON,
          superseded_by_run_id: runId,
          version: e.version + 1,
        })
        .where('id', '=', e.id)
        .execute();
      await recordEvent(tx, ctx, {
        action: 'reward_entry.superseded',
        subjectType: 'reward_entry',
        subjectId: e.id,
        before: { state: 'proposed' },
        after: { state: 'withdrawn', reason: SUPERSEDED_REASON, superseded_by_run_id: runId },
      });
      withdrawn++;
      continue;
    }
    const key = keyOf(e);
    const still = wanted.has(key);
    if (still) standing.add(key);
    await tx
      .updateTable('reward_entries')
      .set({ superseded_by_run_id: runId, flagged: !still, flag_note: still ? null : FLAG_NOTE, version: e.version + 1 })
      .where('id', '=', e.id)
      .execute();
    if (!still) {
      await recordEvent(tx, ctx, {
        action: 'reward_entry.flagged',
        subjectType: 'reward_entry',
        subjectId: e.id,
        after: { flagged: true, note: FLAG_NOTE, superseded_by_run_id: runId },
      });
      flagged++;
    }
  }

  const rows = proposals
    .filter((p) => !standing.has(keyOf({ ...p.result, rule_key: p.rule.key, kind: p.rule.kind })))
    .map((p) => ({
      run_id: runId,
      campaign_id: run.campaign_id,
      scheme_key: run.scheme_key,
      period: run.period,
      group_index: p.result.group_index,
      group_name: p.result.group_name,
      subject_type: p.result.subject_type,
      subject_id: p.result.subject_id,
      subject_name: p.result.subject_name,
      score: p.result.score,
      rank: p.result.rank,
      basis: p.basis,
      rule_id: p.rule.id,
      rule_key: p.rule.key,
      rule_name: p.rule.name,
      rule_description: p.description,
      position: p.position,
      kind: p.rule.kind,
      amount: p.rule.kind === 'subsidy' ? (p.rule.amount ?? null) : null,
      points: p.rule.kind === 'deduct' ? (p.rule.points ?? null) : null,
      proposed_at: now,
    }));
  const inserted = rows.length
    ? await tx
        .insertInto('reward_entries')
        .values(rows)
        .onConflict((oc) => oc.columns(['run_id', 'group_index', 'subject_id', 'rule_key']).doNothing())
        .returning(['id', 'subject_name', 'kind', 'amount', 'points'])
        .execute()
    : [];
  for (const e of inserted)
    await recordEvent(tx, ctx, {
      action: 'reward_entry.proposed',
      subjectType: 'reward_entry',
      subjectId: e.id,
      after: { run_id: runId, period: run.period, subject_name: e.subject_name, kind: e.kind, amount: e.amount, points: e.points, source },
    });
  return { proposed: inserted.length, withdrawn, flagged };
}
