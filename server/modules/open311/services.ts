/**
 * Open311 services: the problem categories a county offers, and each one's definition — its attributes are the
 * category's 附加问题 (category_questions, edited by the office; common/category-questions.ts). A category with none
 * answers `metadata: false` and an empty attribute list.
 */
import { QUESTION_DATATYPE_HINTS, isListType } from '../../../common/category-questions';
import { PROBLEM_CATEGORY_KIND_LABELS, type ProblemCategoryKind } from '../../../common/problem-workflow';
import type { Open311ServiceDefinitionDto, Open311ServiceDto } from '../../../common/contracts';
import type { Db } from '../../platform/db';
import { questionsOf } from '../problem-categories/category-questions';
import { listServices } from './repository';

type Attribute = Open311ServiceDefinitionDto['attributes'][number];

/** The services offered in a county (or the platform's own categories without one). */
export async function services(db: Db, countyPath: string | null): Promise<Open311ServiceDto[]> {
  const rows = await listServices(db, countyPath);
  return rows.map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: `${c.group_name}：${c.name}`,
    metadata: c.question_count > 0,
    type: 'realtime',
    keywords: PROBLEM_CATEGORY_KIND_LABELS[c.kind as ProblemCategoryKind] ?? c.kind,
    group: c.group_name,
  }));
}

/** The service's attributes: its category's questions in their order, as the spec names them. */
export async function serviceAttributes(db: Db, code: string): Promise<Attribute[]> {
  return (await questionsOf(db, code)).map((q) => ({
    variable: true,
    code: q.code,
    datatype: q.datatype,
    required: q.required,
    datatype_description: QUESTION_DATATYPE_HINTS[q.datatype],
    order: q.order,
    description: q.description,
    values: isListType(q.datatype) ? q.values.map((v) => ({ key: v.key, name: v.name })) : [],
  }));
}
