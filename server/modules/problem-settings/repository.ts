/** Reads for the settings page: deadline policies in severity order, dispatch rules with their names. */
import { PROBLEM_SEVERITIES } from '../../../common/problem-workflow';
import type { Db } from '../../platform/db';

export async function listDeadlinePolicies(db: Db) {
  const rows = await db.selectFrom('problem_deadline_policies').selectAll().execute();
  const order = PROBLEM_SEVERITIES as readonly string[];
  return rows
    .sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))
    .map((r) => ({ severity: r.severity, hours: r.hours, workingDays: r.working_days, version: r.version }));
}

export async function listDispatchRules(db: Db) {
  const rows = await db
    .selectFrom('dispatch_rules as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .leftJoin('regions as r', 'r.id', 'd.region_id')
    .leftJoin('problem_categories as c', 'c.code', 'd.category_code')
    .select(['d.id', 'd.category_code', 'c.name as category_name', 'd.region_id', 'r.name as region_name', 'd.unit_id', 'u.name as unit_name', 'd.note'])
    .orderBy('d.category_code')
    .orderBy('r.path')
    .execute();
  return rows.map((r) => ({ id: r.id, categoryCode: r.category_code, categoryName: r.category_name, regionId: r.region_id, regionName: r.region_name, unitId: r.unit_id, unitName: r.unit_name, note: r.note }));
}
