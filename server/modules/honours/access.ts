/**
 * Who sees and runs which 好人之城 selection and nomination (JS for one record, SQL for lists) — the one place the
 * honours module decides visibility:
 * - a selection: anyone holding honours.read whose region covers it or sits inside it (an office or unit below may
 *   nominate into it and forward to it); run by the office of its region or above (honours.manage);
 * - a nomination (with its contact): the overseers of the selection's region (office, leaders, task force); the unit
 *   that nominated it; the person who nominated it; anyone else: 404.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/actor';
import { AppError, notFound } from '../../platform/errors';
import { can, scopeSql } from '../../platform/policy';
import './policy';

export const selectionNotFound = () => notFound('评选活动');
export const nominationNotFound = () => notFound('推荐对象');

/** A selection as far as the rules look at it. */
export interface SelectionPlace {
  region_path: string;
}

export const mayReadSelection = (actor: Actor, s: SelectionPlace) =>
  can(actor, 'honours.read', { regionPath: s.region_path, areaWide: true });
export const mayOversee = (actor: Actor, s: SelectionPlace) => can(actor, 'honours.oversee', { regionPath: s.region_path });
export const mayManageSelection = (actor: Actor, s: SelectionPlace) => can(actor, 'honours.manage', { regionPath: s.region_path });
export const mayNominate = (actor: Actor, s: SelectionPlace) =>
  can(actor, 'honours.nominate', { regionPath: s.region_path, areaWide: true });

/** SQL over a selection `s` joined to its region `r`. */
export function visibleSelectionSql(actor: Actor): RawBuilder<SqlBool> {
  return scopeSql(actor, 'honours.read', { regionPath: sql.ref('r.path'), areaPath: sql.ref('r.path') });
}

/** 404 unless the actor may know the selection; 403 when they may read but not run it. */
export function assertManageSelection(actor: Actor, s: SelectionPlace, message = '只有本级文明办可以执行此操作'): void {
  if (mayManageSelection(actor, s)) return;
  if (!mayReadSelection(actor, s)) throw selectionNotFound();
  throw new AppError('forbidden', message);
}

/** 404 unless the actor oversees the selection's region; 403 for a reader who does not. */
export function assertOversee(actor: Actor, s: SelectionPlace): void {
  if (mayOversee(actor, s)) return;
  if (!mayReadSelection(actor, s)) throw selectionNotFound();
  throw new AppError('forbidden', '只有本级文明办、领导和督导组可以查看');
}

/** A nomination as far as the rules look at it. */
export interface NominationPlace extends SelectionPlace {
  nominating_unit_id: string | null;
  nominated_by: string | null;
}

export const mayReadNomination = (actor: Actor, n: NominationPlace) =>
  mayOversee(actor, n) ||
  (!!n.nominating_unit_id && can(actor, 'honours.nominate', { unitId: n.nominating_unit_id })) ||
  (!!actor.id && n.nominated_by === actor.id);

/** SQL over a nomination `n` of a selection joined to its region `r`. */
export function visibleNominationSql(actor: Actor): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${scopeSql(actor, 'honours.oversee', { regionPath: sql.ref('r.path') })}
    or ${scopeSql(actor, 'honours.nominate', { unitId: sql.ref('n.nominating_unit_id') })}
    or n.nominated_by = ${actor.id || null})`;
}
