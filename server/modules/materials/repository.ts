/** SQL for material submissions and the completeness view. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';

const COLUMNS = [
  'm.id',
  'm.standard_id',
  's.code as standard_code',
  's.text as standard_text',
  'm.unit_id',
  'u.name as unit_name',
  'r.path as region_path',
  'm.period',
  'm.note',
  'm.status',
  'm.submitted_at',
  'm.reviewed_at',
  'm.review_comment',
  'm.version',
] as const;

function base(db: Db | Tx) {
  return db
    .selectFrom('material_submissions as m')
    .innerJoin('standards as s', 's.id', 'm.standard_id')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .innerJoin('regions as r', 'r.id', 'u.region_id');
}

/** One submission with names and scope path. */
export function findSubmission(db: Db | Tx, id: string) {
  return base(db).select(COLUMNS).where('m.id', '=', id).executeTakeFirst();
}
export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof findSubmission>>>;

/** Submissions in scope, filtered. */
export function listSubmissions(
  db: Db,
  scope: RawBuilder<SqlBool>,
  f: { status?: string; unitId?: string; standardId?: string; period?: string },
  limit: number,
  offset: number,
) {
  let q = base(db).where(scope);
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.unitId) q = q.where('m.unit_id', '=', f.unitId);
  if (f.standardId) q = q.where('m.standard_id', '=', f.standardId);
  if (f.period) q = q.where('m.period', '=', f.period);
  return Promise.all([
    q.select(COLUMNS).orderBy('m.submitted_at', 'desc').limit(limit).offset(offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
}

/**
 * SQL rows (standard_id, unit_id, role) of who owes evidence: each material-review standard of the versions `versions`
 * admits (a condition on `s`), with its lead unit ('lead') and its responsible units ('responsible'). The completeness
 * view and the 材料完整率 indicator (./indicators.ts) both read it.
 */
export function materialObligationsSql(versions: RawBuilder<SqlBool>) {
  return sql<{ standard_id: string; unit_id: string; role: string }>`
    select s.id as standard_id, s.lead_unit_id as unit_id, 'lead' as role from standards s where ${versions} and s.method = 'material' and s.lead_unit_id is not null
    union
    select su.standard_id, su.unit_id, 'responsible' from standard_units su join standards s on s.id = su.standard_id where ${versions} and s.method = 'material'`;
}

/** For every material standard of a version and every unit on it: the status of the period's submission (or missing). */
export function completeness(db: Db, versionId: string, period: string, scope: RawBuilder<SqlBool>) {
  return sql<{
    standard_id: string;
    code: string;
    text: string;
    unit_id: string;
    unit_name: string;
    role: string;
    status: string | null;
    submission_id: string | null;
  }>`
    with onit as (${materialObligationsSql(sql<SqlBool>`s.version_id = ${versionId}`)})
    select o.standard_id, s.code, s.text, o.unit_id, u.name as unit_name, min(o.role) as role, m.status, m.id as submission_id
    from onit o join standards s on s.id = o.standard_id join units u on u.id = o.unit_id join regions r on r.id = u.region_id
    left join material_submissions m on m.standard_id = o.standard_id and m.unit_id = o.unit_id and m.period = ${period}
    where ${scope}
    group by o.standard_id, s.code, s.text, s.sort, o.unit_id, u.name, m.status, m.id
    order by s.sort, u.name`.execute(db);
}

/** The files of a submission, oldest first (without their storage keys). */
export function submissionFiles(db: Db, submissionId: string) {
  return db
    .selectFrom('material_files')
    .select(['id', 'original_name', 'mime', 'size', 'created_at'])
    .where('submission_id', '=', submissionId)
    .orderBy('created_at')
    .execute();
}

/** One file of a submission, with its storage key. */
export function submissionFile(db: Db, submissionId: string, fileId: string) {
  return db.selectFrom('material_files').selectAll().where('id', '=', fileId).where('submission_id', '=', submissionId).executeTakeFirst();
}
