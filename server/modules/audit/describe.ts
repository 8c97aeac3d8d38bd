/**
 * Audit events in Chinese: the action and subject type by their labels (common/labels.ts), the subject and every id
 * of an account, unit or region in the changes by its name, and each changed field by its label with its values in
 * words (states, roles, kinds, yes/no, Beijing time). The trail is read by the 审计管理员, who as one of the 三员 sees
 * every county's organisation records (accounts, units, regions) — never its business records, so problems, sites and
 * rounds stay ids.
 */
import { sql } from 'kysely';
import { ROUND_KIND_LABELS } from '../../../common/inspections';
import { AUDIT_FIELD_LABELS, AUDIT_SUBJECT_TYPE_LABELS, auditActionLabel } from '../../../common/audit-labels';
import {
  CAMPAIGN_LEVEL_LABELS,
  CAMPAIGN_STATUS_LABELS,
  CAMPAIGN_TITLE_LABELS,
  GROUP_ROLE_LABELS,
  labelOf,
  REGION_LEVEL_LABELS,
  ROLE_LABELS,
  SCOPE_TYPE_LABELS,
  UNIT_TYPE_LABELS,
} from '../../../common/labels';
import { PROBLEM_SEVERITY_LABELS, PROBLEM_SOURCE_LABELS, PROBLEM_STATE_LABELS } from '../../../common/problem-workflow';
import type { Db } from '../../platform/db';
import { changesOf } from './presenter';
import type { EventRow } from './repository';
import { formatBeijingMinute } from '../../../common/beijing';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Fields whose values are codes with labels. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  state: PROBLEM_STATE_LABELS,
  source: PROBLEM_SOURCE_LABELS,
  severity: PROBLEM_SEVERITY_LABELS,
  kind: ROUND_KIND_LABELS,
  level: REGION_LEVEL_LABELS,
  title_type: CAMPAIGN_TITLE_LABELS,
  group_role: GROUP_ROLE_LABELS,
  role: ROLE_LABELS,
};
const VALUE_LABELS_BY_SUBJECT: Record<string, Record<string, Record<string, string>>> = {
  unit: { type: UNIT_TYPE_LABELS },
  campaign: { status: CAMPAIGN_STATUS_LABELS, level: CAMPAIGN_LEVEL_LABELS },
};

/** Names of accounts, units and regions by id. */
export type NameBook = Map<string, string>;

function collectIds(value: unknown, into: Set<string>): void {
  if (typeof value === 'string' && UUID.test(value)) into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => collectIds(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collectIds(v, into));
}

/** Looks up the names of every account, unit and region id the events mention (subjects and changes). */
export async function nameBook(db: Db, events: EventRow[]): Promise<NameBook> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.subject_id && UUID.test(e.subject_id) && ['user', 'unit', 'region'].includes(e.subject_type)) ids.add(e.subject_id);
    collectIds(e.before, ids);
    collectIds(e.after, ids);
  }
  const book: NameBook = new Map();
  if (!ids.size) return book;
  const list = [...ids];
  const { rows } = await sql<{ id: string; name: string }>`
    select id::text, name || '（' || username || '）' as name from users where id::text = any(${list}::text[])
    union all select id::text, name from units where id::text = any(${list}::text[])
    union all select id::text, name from regions where id::text = any(${list}::text[])`.execute(db);
  for (const r of rows) book.set(r.id, r.name);
  return book;
}

const beijingMinute = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatBeijingMinute(d);
};

/** One value of a field, in words. */
export function describeValue(field: string, value: unknown, subjectType: string, names: NameBook): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return field === 'active' ? (value ? '启用' : '停用') : value ? '是' : '否';
  if (typeof value === 'number')
    return ['pass_threshold', 'score_rate', 'scoreRate'].includes(field) ? `${Math.round(value * 1000) / 10}%` : String(value);
  if (typeof value === 'string') {
    if (UUID.test(value)) return names.get(value) ?? value;
    const labels = VALUE_LABELS_BY_SUBJECT[subjectType]?.[field] ?? VALUE_LABELS[field];
    if (labels?.[value]) return labels[value];
    if (ISO_TIME.test(value)) return beijingMinute(value);
    return value;
  }
  if (Array.isArray(value)) {
    // Role grants: 创建办（区域：示范县）.
    if (value.every((g) => g && typeof g === 'object' && 'role' in g)) {
      return value
        .map((g: { role: string; scopeType?: string; scope_type?: string; scopeId?: string | null; scope_id?: string | null }) => {
          const scope = g.scopeType ?? g.scope_type;
          const id = g.scopeId ?? g.scope_id;
          const where = scope && scope !== 'global' ? `（${labelOf(SCOPE_TYPE_LABELS, scope)}：${id ? (names.get(id) ?? id) : ''}）` : '';
          return `${labelOf(ROLE_LABELS, g.role)}${where}`;
        })
        .join('；');
    }
    return value.map((v) => describeValue(field, v, subjectType, names)).join('、');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A renumbering { from, to }: AF… → WT….
    if (Object.keys(o).length === 2 && 'from' in o && 'to' in o) return `${String(o.from)} → ${String(o.to)}`;
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${AUDIT_FIELD_LABELS[k] ?? k}：${describeValue(k, v, subjectType, names)}`)
      .join('，');
  }
  return String(value);
}

export interface EventDetail {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

/** The Chinese reading of one event. */
export function describeEvent(e: EventRow, names: NameBook) {
  const changes = changesOf(e);
  const hasBefore = e.before !== null && e.before !== undefined;
  const hasAfter = e.after !== null && e.after !== undefined;
  // The subject's own id among the fields repeats the 对象 column: left out.
  const fields = Object.entries(changes).filter(([field, [b, a]]) => !(field === 'id' && (a ?? b) === e.subject_id));
  const details: EventDetail[] = fields.map(([field, [b, a]]) => ({
    field,
    label: AUDIT_FIELD_LABELS[field] ?? field,
    before: hasBefore ? describeValue(field, b, e.subject_type, names) : null,
    after: hasAfter ? describeValue(field, a, e.subject_type, names) : null,
  }));
  return {
    actionLabel: auditActionLabel(e.action),
    subjectTypeLabel: labelOf(AUDIT_SUBJECT_TYPE_LABELS, e.subject_type),
    subjectName: e.subject_id ? (names.get(e.subject_id) ?? null) : null,
    details,
  };
}

/** The changes of an event as lines of text: 联络员：李红 → 周敏. */
export function detailsText(details: EventDetail[]): string {
  return details
    .map((d) =>
      d.before === null
        ? `${d.label}：${d.after ?? ''}`
        : d.after === null
          ? `${d.label}：${d.before}（删除前）`
          : `${d.label}：${d.before} → ${d.after}`,
    )
    .join('\n');
}
