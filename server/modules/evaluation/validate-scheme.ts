/**
 * The rules a scheme must follow beyond its shape (422, the field named in Chinese): every indicator code is known and
 * measures the group's subject type, weights are positive, each rule is usable with its weight, the explicit units
 * exist and lie in the campaign's region, and no group is left without subjects.
 */
import { sql } from 'kysely';
import { INDICATOR_SUBJECT_LABELS } from '../../../common/indicators';
import type { CreateSchemeBody } from '../../../common/contracts/evaluation';
import type { Db, Tx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { resolveIndicator } from './catalog';
import { ruleProblem } from './rules';

const unprocessable = (field: string, message: string) => new AppError('unprocessable', `${field}：${message}`, { field });

/** Throws 422 on the first rule the scheme breaks. */
export async function validateScheme(db: Db | Tx, body: Omit<CreateSchemeBody, 'campaignId'>, regionPath: string): Promise<void> {
  for (const [gi, g] of body.groups.entries()) {
    const gf = `groups[${gi}]（${g.name}）`;
    const seen = new Set<string>();
    for (const [ii, entry] of g.indicators.entries()) {
      const f = `${gf}.indicators[${ii}]`;
      const def = resolveIndicator(entry.code);
      if (!def) throw unprocessable(`${f}.code`, `指标编码“${entry.code}”不存在，请从指标目录中选择`);
      if (!def.subjectTypes.includes(g.subjectType))
        throw unprocessable(`${f}.code`, `指标“${def.name}”不按${INDICATOR_SUBJECT_LABELS[g.subjectType]}统计`);
      if (seen.has(def.code)) throw unprocessable(`${f}.code`, `指标“${def.name}”在同一分组中重复`);
      seen.add(def.code);
      if (!(Number.isFinite(entry.weight) && entry.weight > 0)) throw unprocessable(`${f}.weight`, '权重须为正数');
      const problem = ruleProblem(entry.rule, entry.weight);
      if (problem) throw unprocessable(`${f}.rule`, problem);
    }
    if (g.unitIds?.length && g.subjectType !== 'unit') throw unprocessable(`${gf}.unitIds`, '只有按单位考核的分组可以指定单位');
    if (g.unitIds?.length) {
      const found = await sql<{ n: number }>`
        select count(*)::int as n from units u join regions r on r.id = u.region_id
        where u.id = any(${g.unitIds}::uuid[]) and u.active and r.path like ${regionPath + '%'}`.execute(db);
      if (found.rows[0].n !== new Set(g.unitIds).size) throw unprocessable(`${gf}.unitIds`, '有单位不存在、已停用或不在本创建项目的区域内');
    }
  }
}
