/**
 * Open311 services: the problem categories a county offers, and each one's definition. Our categories ask no extra
 * questions of their own, so every definition carries the same attributes, built from the loop's data (severities,
 * site types) and common/open311.ts — one of each Open311 datatype.
 */
import { OPEN311_IMPACTS } from '../../../common/open311';
import {
  PROBLEM_CATEGORY_KIND_LABELS,
  PROBLEM_SEVERITIES,
  PROBLEM_SEVERITY_LABELS,
  type ProblemCategoryKind,
} from '../../../common/problem-workflow';
import type { Open311ServiceDefinitionDto, Open311ServiceDto } from '../../../common/contracts';
import type { Db } from '../../platform/db';
import { listServices } from './repository';

type Attribute = Open311ServiceDefinitionDto['attributes'][number];

/** The services offered in a county (or the platform's own categories without one). */
export async function services(db: Db, countyPath: string | null): Promise<Open311ServiceDto[]> {
  const rows = await listServices(db, countyPath);
  return rows.map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: `${c.group_name}：${c.name}`,
    metadata: true,
    type: 'realtime',
    keywords: PROBLEM_CATEGORY_KIND_LABELS[c.kind as ProblemCategoryKind] ?? c.kind,
    group: c.group_name,
  }));
}

/** The attributes every service asks (all optional). */
export async function serviceAttributes(db: Db): Promise<Attribute[]> {
  const siteTypes = await db
    .selectFrom('site_types')
    .select(['code', 'name'])
    .where('active', '=', true)
    .orderBy('sort')
    .orderBy('code')
    .execute();
  const list = (values: Array<[string, string]>) => values.map(([key, name]) => ({ key, name }));
  const attr = (a: Omit<Attribute, 'variable' | 'required' | 'values'> & { values?: Attribute['values'] }): Attribute => ({
    variable: true,
    required: false,
    values: [],
    ...a,
  });
  return [
    attr({
      code: 'severity',
      datatype: 'singlevaluelist',
      datatype_description: '从列表中选择一项',
      order: 1,
      description: '严重程度',
      values: list(PROBLEM_SEVERITIES.map((s) => [s, PROBLEM_SEVERITY_LABELS[s]])),
    }),
    attr({
      code: 'site_type',
      datatype: 'singlevaluelist',
      datatype_description: '从列表中选择一项',
      order: 2,
      description: '发生地点类型',
      values: list(siteTypes.map((t) => [t.code, t.name])),
    }),
    attr({
      code: 'impact',
      datatype: 'multivaluelist',
      datatype_description: '可多选',
      order: 3,
      description: '造成的影响',
      values: list(Object.entries(OPEN311_IMPACTS)),
    }),
    attr({
      code: 'observed_at',
      datatype: 'datetime',
      datatype_description: 'W3C 日期时间，如 2026-12-01T08:30:00+08:00',
      order: 4,
      description: '发现时间',
    }),
    attr({ code: 'count', datatype: 'number', datatype_description: '正整数', order: 5, description: '涉及数量（处）' }),
    attr({ code: 'landmark', datatype: 'string', datatype_description: '不超过 100 字', order: 6, description: '附近标志物' }),
    attr({ code: 'details', datatype: 'text', datatype_description: '不超过 1000 字', order: 7, description: '补充说明' }),
  ];
}
