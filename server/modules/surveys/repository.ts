/** Reads and writes of 问卷调查 (SQL only; who may act is decided in access.ts and the commands). */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../platform/db';

/* ---------------------------------------------------------------- questionnaires */

const questionnaireSelect = (db: Db | Tx) =>
  db
    .selectFrom('survey_questionnaires as q')
    .innerJoin('regions as r', 'r.id', 'q.region_id')
    .leftJoin('users as cu', 'cu.id', 'q.created_by')
    .selectAll('q')
    .select([
      'r.path as region_path',
      'r.name as region_name',
      'cu.name as created_by_name',
      sql<number>`(select count(*) from survey_waves w where w.questionnaire_id = q.id)::int`.as('wave_count'),
      sql<number>`(select max(q2.version) from survey_questionnaires q2 where q2.family_key = q.family_key)::int`.as('latest_version'),
    ]);

export function findQuestionnaire(db: Db | Tx, id: string) {
  return questionnaireSelect(db).where('q.id', '=', id).executeTakeFirst();
}
export type QuestionnaireRow = NonNullable<Awaited<ReturnType<typeof findQuestionnaire>>>;

/** Questionnaires the `scope` SQL admits (over `q`, `r`): the newest version of each family unless allVersions. */
export async function listQuestionnaires(
  db: Db,
  scope: RawBuilder<SqlBool>,
  q: { regionId?: string; search?: string; allVersions?: boolean },
  limit: number,
  offset: number,
) {
  let base = questionnaireSelect(db).where(() => scope);
  if (!q.allVersions)
    base = base.where(sql<SqlBool>`q.version = (select max(q3.version) from survey_questionnaires q3 where q3.family_key = q.family_key)`);
  if (q.regionId) base = base.where('q.region_id', '=', q.regionId);
  if (q.search) base = base.where(sql<SqlBool>`q.name like ${'%' + q.search.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  const total = await base
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirst();
  const rows = await base.orderBy('q.created_at', 'desc').orderBy('q.version', 'desc').limit(limit).offset(offset).execute();
  return { rows, total: total?.n ?? 0 };
}

export function familyVersions(db: Db | Tx, familyKey: string) {
  return db
    .selectFrom('survey_questionnaires as q')
    .select([
      'q.id',
      'q.version',
      'q.created_at',
      sql<number>`(select count(*) from survey_waves w where w.questionnaire_id = q.id)::int`.as('wave_count'),
    ])
    .where('q.family_key', '=', familyKey)
    .orderBy('q.version', 'desc')
    .execute();
}

/* ---------------------------------------------------------------- regions and people */

export function findRegion(db: Db | Tx, id: string) {
  return db.selectFrom('regions').select(['id', 'name', 'path', 'level']).where('id', '=', id).executeTakeFirst();
}

/** Towns (乡镇/街道) under a region path among the ids given. */
export function townsUnder(db: Db | Tx, path: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as Array<{ id: string; name: string }>);
  return db
    .selectFrom('regions')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('level', '=', 'town')
    .where('path', 'like', `${path}%`)
    .where('path', '<>', path)
    .execute();
}

/**
 * Candidate interviewers among `userIds`: active users with a grant of one of `roles` placed in the region — the grant's
 * region (for a unit grant the unit's region, for a campaign grant the campaign's region) lies inside the region or
 * contains it.
 */
export function placedInterviewers(db: Db | Tx, userIds: string[], roles: readonly string[], path: string) {
  if (!userIds.length) return Promise.resolve([] as Array<{ id: string; name: string }>);
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.name'])
    .where('u.id', 'in', userIds)
    .where('u.active', '=', true)
    .where(
      sql<SqlBool>`exists (
        select 1 from user_roles ur
        left join regions rr on rr.id = ur.scope_id and ur.scope_type = 'region'
        left join campaigns c on c.id = ur.scope_id and ur.scope_type = 'campaign'
        left join regions cr on cr.id = c.region_id
        left join units un on un.id = ur.scope_id and ur.scope_type = 'unit'
        left join regions ur2 on ur2.id = un.region_id
        where ur.user_id = u.id and ur.role in (${sql.join(roles.map((r) => sql`${r}`))})
          and (ur.scope_type = 'global'
               or coalesce(rr.path, cr.path, ur2.path) like ${path + '%'}
               or ${path} like coalesce(rr.path, cr.path, ur2.path) || '%'))`,
    )
    .execute();
}

/* ---------------------------------------------------------------- waves */

const waveSelect = (db: Db | Tx) =>
  db
    .selectFrom('survey_waves as w')
    .innerJoin('regions as r', 'r.id', 'w.region_id')
    .innerJoin('survey_questionnaires as q', 'q.id', 'w.questionnaire_id')
    .selectAll('w')
    .select([
      'r.path as region_path',
      'r.name as region_name',
      'q.name as questionnaire_name',
      'q.version as questionnaire_version',
      sql<number>`(select count(*) from survey_responses s where s.wave_id = w.id and s.mode = 'interview' and s.eligible and s.review is distinct from 'voided')::int`.as(
        'done',
      ),
      sql<number>`(select count(*) from survey_responses s where s.wave_id = w.id and s.mode = 'public' and s.eligible and s.review is distinct from 'voided')::int`.as(
        'public_done',
      ),
      sql<number>`(select count(*) from survey_responses s where s.wave_id = w.id and cardinality(s.flags) > 0 and s.review is null)::int`.as(
        'flagged',
      ),
    ]);

export function findWave(db: Db | Tx, id: string) {
  return waveSelect(db).where('w.id', '=', id).executeTakeFirst();
}
export type WaveRow = NonNullable<Awaited<ReturnType<typeof findWave>>>;

/** Waves the `scope` SQL admits (over `w`, `r`). */
export async function listWaves(
  db: Db,
  scope: RawBuilder<SqlBool>,
  q: { regionId?: string; state?: string },
  limit: number,
  offset: number,
) {
  let base = waveSelect(db).where(() => scope);
  if (q.regionId) base = base.where('w.region_id', '=', q.regionId);
  if (q.state) base = base.where('w.state', '=', q.state as 'draft');
  const total = await base
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirst();
  const rows = await base.orderBy('w.starts_on', 'desc').orderBy('w.created_at', 'desc').limit(limit).offset(offset).execute();
  return { rows, total: total?.n ?? 0 };
}

export function wavePopulation(db: Db | Tx, waveId: string) {
  return db
    .selectFrom('survey_population as p')
    .innerJoin('regions as t', 't.id', 'p.town_id')
    .select(['p.town_id', 'p.group_code', 'p.population', 't.name as town_name', 't.sort as town_sort'])
    .where('p.wave_id', '=', waveId)
    .orderBy('t.sort')
    .orderBy('t.code')
    .orderBy('p.group_code')
    .execute();
}

/** Quota cells with the public responses of each cell. */
export function waveQuotas(db: Db | Tx, waveId: string) {
  return db
    .selectFrom('survey_quotas as c')
    .innerJoin('survey_waves as w', 'w.id', 'c.wave_id')
    .innerJoin('regions as t', 't.id', 'c.town_id')
    .select([
      'c.town_id',
      'c.group_code',
      'c.gender',
      'c.target',
      'c.done',
      't.name as town_name',
      sql<number>`(select count(*) from survey_responses s where s.wave_id = c.wave_id and s.mode = 'public' and s.eligible
        and s.review is distinct from 'voided' and s.town_id = c.town_id and s.group_code = c.group_code
        and (c.gender = '' or s.gender = c.gender))::int`.as('public_done'),
    ])
    .where('c.wave_id', '=', waveId)
    .orderBy('t.sort')
    .orderBy('t.code')
    .orderBy('c.group_code')
    .orderBy('c.gender', 'desc')
    .execute();
}

export function waveInterviewers(db: Db | Tx, waveId: string) {
  return db
    .selectFrom('survey_interviewers as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select([
      'i.user_id',
      'i.town_id',
      'u.name',
      sql<number>`(select count(*) from survey_responses s where s.wave_id = i.wave_id and s.interviewer_id = i.user_id
        and s.eligible and s.review is distinct from 'voided')::int`.as('done'),
    ])
    .where('i.wave_id', '=', waveId)
    .orderBy('u.name')
    .execute();
}

/** The towns the user is assigned to in the wave (none: not assigned). */
export async function assignedTowns(db: Db | Tx, waveId: string, userId: string) {
  const rows = await db
    .selectFrom('survey_interviewers')
    .select('town_id')
    .where('wave_id', '=', waveId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.town_id);
}

/** Open waves the user is assigned to. */
export function openWavesOf(db: Db | Tx, userId: string) {
  return waveSelect(db)
    .select(['q.definition'])
    .where('w.state', '=', 'open')
    .where(sql<SqlBool>`exists (select 1 from survey_interviewers i where i.wave_id = w.id and i.user_id = ${userId})`)
    .orderBy('w.ends_on')
    .execute();
}

export function interviewsBy(db: Db | Tx, waveId: string, userId: string) {
  return db
    .selectFrom('survey_responses')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('wave_id', '=', waveId)
    .where('interviewer_id', '=', userId)
    .executeTakeFirst()
    .then((r) => r?.n ?? 0);
}

/** Replaces a wave's population, quota cells and interviewers. */
export async function writeWaveRows(
  tx: Tx,
  waveId: string,
  population: Array<{ townId: string; groupCode: string; population: number }>,
  quotas: Array<{ townId: string; groupCode: string; gender: string; target: number }>,
  interviewers: Array<{ userId: string; townIds: string[] }>,
) {
  await tx.deleteFrom('survey_population').where('wave_id', '=', waveId).execute();
  await tx.deleteFrom('survey_quotas').where('wave_id', '=', waveId).execute();
  await tx.deleteFrom('survey_interviewers').where('wave_id', '=', waveId).execute();
  await tx
    .insertInto('survey_population')
    .values(population.map((p) => ({ wave_id: waveId, town_id: p.townId, group_code: p.groupCode, population: p.population })))
    .execute();
  await tx
    .insertInto('survey_quotas')
    .values(quotas.map((c) => ({ wave_id: waveId, town_id: c.townId, group_code: c.groupCode, gender: c.gender, target: c.target })))
    .execute();
  const assignments = interviewers.flatMap((i) => [...new Set(i.townIds)].map((t) => ({ wave_id: waveId, user_id: i.userId, town_id: t })));
  if (assignments.length) await tx.insertInto('survey_interviewers').values(assignments).execute();
}

/* ---------------------------------------------------------------- responses */

export function findResponseByClient(db: Db | Tx, waveId: string, userId: string, clientId: string) {
  return db
    .selectFrom('survey_responses')
    .select(['id', 'eligible', 'flags'])
    .where('wave_id', '=', waveId)
    .where('interviewer_id', '=', userId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** Takes one interview from the cell when it has room (atomic: the row lock orders concurrent takers). */
export function takeQuota(tx: Tx, waveId: string, townId: string, groupCode: string, gender: string) {
  return tx
    .updateTable('survey_quotas')
    .set({ done: sql`done + 1` })
    .where('wave_id', '=', waveId)
    .where('town_id', '=', townId)
    .where('group_code', '=', groupCode)
    .where('gender', '=', gender)
    .where(sql<SqlBool>`done < target`)
    .returning(['done', 'target'])
    .executeTakeFirst();
}

export function giveBackQuota(tx: Tx, waveId: string, townId: string, groupCode: string, gender: string) {
  return tx
    .updateTable('survey_quotas')
    .set({ done: sql`greatest(done - 1, 0)` })
    .where('wave_id', '=', waveId)
    .where('town_id', '=', townId)
    .where('group_code', '=', groupCode)
    .where('gender', '=', gender)
    .execute();
}

/** Interviews of the wave within `metres` of the point whose finish lies within an hour of `at`. */
export async function interviewsNear(tx: Tx, waveId: string, lat: number, lng: number, at: Date, metres: number) {
  const from = new Date(at.getTime() - 3600_000);
  const to = new Date(at.getTime() + 3600_000);
  const row = await tx
    .selectFrom('survey_responses as s')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('s.wave_id', '=', waveId)
    .where('s.mode', '=', 'interview')
    .where('s.lat', 'is not', null)
    .where('s.finished_at', '>=', from)
    .where('s.finished_at', '<=', to)
    .where(
      sql<SqlBool>`6371000 * 2 * asin(sqrt(power(sin(radians(s.lat - ${lat}) / 2), 2)
        + cos(radians(${lat})) * cos(radians(s.lat)) * power(sin(radians(s.lng - ${lng}) / 2), 2))) <= ${metres}`,
    )
    .executeTakeFirst();
  return row?.n ?? 0;
}

/** Whether another eligible interview of the interviewer in the wave has exactly these answers. */
export async function samePattern(tx: Tx, waveId: string, userId: string, answersJson: string) {
  const row = await tx
    .selectFrom('survey_responses')
    .select('id')
    .where('wave_id', '=', waveId)
    .where('interviewer_id', '=', userId)
    .where('eligible', '=', true)
    .where(sql<SqlBool>`answers = ${answersJson}::jsonb`)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

const responseSelect = (db: Db | Tx) =>
  db
    .selectFrom('survey_responses as s')
    .innerJoin('regions as t', 't.id', 's.town_id')
    .leftJoin('users as iu', 'iu.id', 's.interviewer_id')
    .select([
      's.id',
      's.wave_id',
      's.mode',
      's.method',
      's.interviewer_id',
      'iu.name as interviewer_name',
      's.town_id',
      't.name as town_name',
      's.group_code',
      's.gender',
      's.age',
      's.eligible',
      's.duration_seconds',
      's.lat',
      's.lng',
      's.received_at',
      's.flags',
      's.review',
      's.review_note',
    ]);

export function findResponse(db: Db | Tx, id: string) {
  return responseSelect(db).where('s.id', '=', id).executeTakeFirst();
}
export type ResponseRow = NonNullable<Awaited<ReturnType<typeof findResponse>>>;

const RESPONSE_SORT = {
  receivedAt: ['s.received_at', 'asc'],
  '-receivedAt': ['s.received_at', 'desc'],
  durationSeconds: ['s.duration_seconds', 'asc'],
  '-durationSeconds': ['s.duration_seconds', 'desc'],
} as const;

export async function listResponses(
  db: Db,
  waveId: string,
  q: { mode?: string; flagged?: boolean; townId?: string; interviewerId?: string; sort: keyof typeof RESPONSE_SORT },
  limit: number,
  offset: number,
) {
  let base = responseSelect(db).where('s.wave_id', '=', waveId);
  if (q.mode) base = base.where('s.mode', '=', q.mode as 'interview');
  if (q.flagged !== undefined)
    base = base.where(q.flagged ? sql<SqlBool>`cardinality(s.flags) > 0` : sql<SqlBool>`cardinality(s.flags) = 0`);
  if (q.townId) base = base.where('s.town_id', '=', q.townId);
  if (q.interviewerId) base = base.where('s.interviewer_id', '=', q.interviewerId);
  const total = await base
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirst();
  const [col, dir] = RESPONSE_SORT[q.sort];
  const rows = await base
    .orderBy(sql`${sql.ref(col)} ${sql.raw(dir)} nulls last`)
    .orderBy('s.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total: total?.n ?? 0 };
}
