/**
 * Who sees which run, and how much of it — the rule in one place, in JS (one run) and SQL (lists):
 * - office, leaders, task force of the campaign's scope: every run, every row, in every state;
 * - once published (or superseded by a later revision): everyone placed in the county (business roles), every row;
 * - in 公示 and 审定 (before publication): a unit's head and liaison see the run with their own unit's rows only;
 * - anyone else: 404.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import type { Db, Tx } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { scopeSql } from '../../platform/policy';
import { actsForUnit, mayReadAll, maySeePublished, type EvaluationScope } from './policy';
import { runSubjectIds } from './repository';

export type RunView = { kind: 'all' } | { kind: 'own'; subjectIds: string[] };

const OPEN_TO_ALL = ['published', 'superseded'];
const OPEN_TO_UNITS = ['publicized', 'signed_off'];

/** What the actor may see of the run, or null (404). */
export async function runViewOf(db: Db | Tx, actor: Actor, run: EvaluationScope & { id: string; state: string }): Promise<RunView | null> {
  if (mayReadAll(actor, run)) return { kind: 'all' };
  if (OPEN_TO_ALL.includes(run.state) && maySeePublished(actor, run)) return { kind: 'all' };
  if (OPEN_TO_UNITS.includes(run.state)) {
    const own = [...(await runSubjectIds(db, run.id))].filter((id) => actsForUnit(actor, id));
    if (own.length) return { kind: 'own', subjectIds: own };
  }
  return null;
}

/** runViewOf, throwing 404 when the actor may not know the run. */
export async function assertRunView(db: Db | Tx, actor: Actor, run: (EvaluationScope & { id: string; state: string }) | undefined) {
  if (!run) throw notFound('考核');
  const view = await runViewOf(db, actor, run);
  if (!view) throw notFound('考核');
  return view;
}

/** SQL over a run `e` joined to its campaign's region `r`: the runs the actor may know (the same rule as runViewOf). */
export function visibleRunSql(actor: Actor): RawBuilder<SqlBool> {
  const all = scopeSql(actor, 'evaluation.read', { regionPath: sql.ref('r.path'), campaignId: sql.ref('e.campaign_id') });
  const published = scopeSql(actor, 'evaluation.viewPublished', { areaPath: sql.ref('r.path') });
  const own = scopeSql(actor, 'evaluation.object', { unitId: sql.ref('vr.subject_id') });
  return sql<SqlBool>`(${all}
    or (e.state in ('published', 'superseded') and ${published})
    or (e.state in ('publicized', 'signed_off') and exists (
      select 1 from evaluation_results vr where vr.run_id = e.id and vr.subject_type = 'unit' and ${own})))`;
}

/** SQL over a scheme `s` joined to its campaign's region `r`: schemes the actor may read (office, leaders, task force). */
export function visibleSchemeSql(actor: Actor): RawBuilder<SqlBool> {
  return scopeSql(actor, 'evaluation.read', { regionPath: sql.ref('r.path'), campaignId: sql.ref('s.campaign_id') });
}
