/** Reads for the settings page: deadline policies as they apply in a region, dispatch rules the actor may see. */
import { sql } from 'kysely';
import { PROBLEM_SEVERITIES, type ProblemSeverity } from '../../../common/problem-workflow';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { scopeSql } from '../../platform/policy';
import { mayEditRegion, regionNames, resolveDeadlinePolicies, type SettingsRegion } from './resolve';

/**
 * 整改时限 as they apply in `region` (null: the global defaults), in severity order. Each says where its
 * value comes from (`regionId`, null = global default) and whether it is inherited from above.
 */
export async function listDeadlinePolicies(db: Db, actor: Actor, region: SettingsRegion | null) {
  const rows = await resolveDeadlinePolicies(db, region?.path);
  const order = PROBLEM_SEVERITIES as readonly string[];
  const names = await regionNames(
    db,
    rows.map((r) => r.region_id).filter((id): id is string => !!id),
  );
  const mayEdit = mayEditRegion(actor, 'problems.manageRules', region?.path ?? null);
  return rows
    .sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))
    .map((r) => {
      const own = r.region_id === (region?.id ?? null);
      return {
        severity: r.severity as ProblemSeverity,
        hours: r.hours,
        workingDays: r.working_days,
        version: r.version,
        regionId: r.region_id,
        regionName: r.region_id ? (names.get(r.region_id) ?? null) : null,
        inherited: !own,
        abilities: { update: mayEdit, reset: mayEdit && own && region !== null },
      };
    });
}

/**
 * Dispatch rules the actor may see: global ones, rules of regions in their scope, and rules of regions
 * above their placement (inherited, read-only). Each carries whether the actor may delete it.
 */
export async function listDispatchRules(db: Db, actor: Actor) {
  const rows = await db
    .selectFrom('dispatch_rules as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .leftJoin('regions as r', 'r.id', 'd.region_id')
    .leftJoin('problem_categories as c', 'c.code', 'd.category_code')
    .select([
      'd.id',
      'd.category_code',
      'c.name as category_name',
      'd.region_id',
      'r.name as region_name',
      'r.path as region_path',
      'd.unit_id',
      'u.name as unit_name',
      'd.note',
    ])
    .where((eb) =>
      eb.or([
        eb('d.region_id', 'is', null),
        scopeSql(actor, 'problems.manageRules', { regionPath: sql.ref('r.path'), areaPath: sql.ref('r.path') }),
      ]),
    )
    .orderBy('d.category_code')
    .orderBy('r.path')
    .execute();
  return rows.map((r) => {
    const mayDelete = mayEditRegion(actor, 'problems.manageRules', r.region_path);
    return {
      id: r.id,
      categoryCode: r.category_code,
      categoryName: r.category_name,
      regionId: r.region_id,
      regionName: r.region_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      note: r.note,
      inherited: !mayDelete,
      abilities: { delete: mayDelete },
    };
  });
}
