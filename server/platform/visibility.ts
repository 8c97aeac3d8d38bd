/**
 * Visibility in one place: which problems, timeline entries, photos, files and counts an actor may see, and whose
 * names they may read. Every reader of those goes through this file, so a module added later cannot reintroduce a
 * leak by writing its own filter.
 *
 * Covert secrecy (三不三无): an unreleased covert round — and every row it produced (problems, timeline entries,
 * photos, visits) — exists only for its team and for the roles holding `inspections.covert` over its region. After
 * release the findings are public, but the covert team stays anonymous ("暗访组") to everyone else, or the next round
 * would not be covert.
 *
 * Record scope: a role grant covers a record by region, unit or campaign (platform/policy.ts). Files have no scope of
 * their own: a file is readable exactly when a record holding it is (FILE_HOLDERS), or by its uploader.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from './actor';
import type { Db, Tx } from './db';
import { AppError } from './errors';
import { can, scopeSql } from './policy';

/** How the covert team is named to those who may not know who they are. */
export const COVERT_TEAM_LABEL = '暗访组';

const uid = (actor: Actor) => actor.id || null;

/* ---------------------------------------------------------------- rounds */

/** SQL over a round aliased `alias`: true when the actor may know who the round's team is (team member or covert role in scope). */
export function knowsCovertTeamSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  const ref = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<SqlBool>`(${scopeSql(actor, 'inspections.covert', { regionPath: sql<string | null>`(select path from regions where id = ${ref('region_id')})` })}
    or exists (select 1 from inspection_round_inspectors x where x.round_id = ${ref('id')} and x.user_id = ${uid(actor)}))`;
}

/** SQL over a round aliased `alias`: true when the actor may know this round exists, if it is an unreleased covert round. */
export function covertAllowedSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  const ref = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<SqlBool>`(not ${ref('is_covert')} or ${ref('released_at')} is not null or ${knowsCovertTeamSql(actor, alias)})`;
}

/**
 * SQL: true when the row's `round_id` (an expression, may be null) is no secret for the actor: null, or not one of the
 * unreleased covert rounds the actor may not know (the negation of covertAllowedSql; every `round_id` references a
 * round). Those few rounds are gathered once per statement (an InitPlan) rather than looked up for each row: a
 * correlated lookup also kept PostgreSQL from scanning in parallel — the month's metrics by unit, as the city office,
 * took 300 ms against 206 ms this way at 1 000 000 problems (docs/performance.md).
 */
export function roundIdVisibleSql(actor: Actor, roundId: Expression<string | null> | RawBuilder<string | null>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${roundId} is null or ${roundId} <> all(array(select vr.id from inspection_rounds vr
    where vr.is_covert and vr.released_at is null and not coalesce(${knowsCovertTeamSql(actor, 'vr')}, false))))`;
}

/** SQL: true when the row's `round_id` belongs to a covert round whose team the actor may not know (mask names). */
export function roundIdMaskedSql(actor: Actor, roundId: Expression<string | null> | RawBuilder<string | null>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${roundId} is not null and exists (select 1 from inspection_rounds vr where vr.id = ${roundId} and vr.is_covert and not ${knowsCovertTeamSql(actor, 'vr')}))`;
}

/** SQL over a round aliased `alias`: rounds the actor may list (scope, plus covert secrecy). */
export function visibleRoundSql(actor: Actor, alias: string): RawBuilder<SqlBool> {
  const regionPath = sql<string | null>`(select path from regions where id = ${sql.ref(`${alias}.region_id`)})`;
  return sql<SqlBool>`((${scopeSql(actor, 'inspections.list', { regionPath, areaPath: regionPath })}
    or exists (select 1 from inspection_round_inspectors x where x.round_id = ${sql.ref(`${alias}.id`)} and x.user_id = ${uid(actor)}))
    and ${covertAllowedSql(actor, alias)})`;
}

export interface RoundSecrecy {
  is_covert: boolean;
  released_at: Date | null;
  region_path: string;
  team: string[];
}

/** Whether the actor may know who a round's team is. */
export function knowsCovertTeam(actor: Actor, r: Pick<RoundSecrecy, 'region_path' | 'team'>): boolean {
  return (!!actor.id && r.team.includes(actor.id)) || can(actor, 'inspections.covert', { regionPath: r.region_path });
}

/** The JS form of covertAllowedSql for one loaded round. */
export function mayKnowRound(actor: Actor, r: RoundSecrecy): boolean {
  if (!r.is_covert || r.released_at) return true;
  return knowsCovertTeam(actor, r);
}

/** Whether the names of a round's team must be hidden from the actor (a covert round, released or not). */
export function masksRoundTeam(actor: Actor, r: Pick<RoundSecrecy, 'is_covert' | 'region_path' | 'team'>): boolean {
  return r.is_covert && !knowsCovertTeam(actor, r);
}

/* ---------------------------------------------------------------- problems */

/** Columns a problem query offers for visibility. */
export interface ProblemCols {
  regionPath: Expression<string | null> | RawBuilder<string | null>;
  unitId: Expression<string | null> | RawBuilder<string | null>;
  reporterId: Expression<string | null> | RawBuilder<string | null>;
  roundId: Expression<string | null> | RawBuilder<string | null>;
  /** The problem's site: its 点长 follows the problems at the sites they lead, whichever unit works them. */
  siteId: Expression<string | null> | RawBuilder<string | null>;
}

/** SQL: true when the actor leads (点长) the site `siteId` (an expression, may be null). */
export function leadsSiteSql(actor: Actor, siteId: Expression<string | null> | RawBuilder<string | null>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${siteId} is not null and exists (select 1 from sites vs where vs.id = ${siteId} and vs.lead_user_id = ${uid(actor)}))`;
}

/**
 * SQL: problems the actor may see under `permission` — in scope, reported by them, or at a site they lead (点长) —
 * and never a finding of a covert round the actor may not know. Every list, count, search, export and join over
 * problems uses this.
 */
export function problemVisibleSql(actor: Actor, permission: string, cols: ProblemCols): RawBuilder<SqlBool> {
  return sql<SqlBool>`((${scopeSql(actor, permission, { regionPath: cols.regionPath, unitId: cols.unitId })} or ${cols.reporterId} = ${uid(actor)}
      or ${leadsSiteSql(actor, cols.siteId)})
    and ${roundIdVisibleSql(actor, cols.roundId)})`;
}

/** SQL for counts that only use the scope (home cards): scope plus covert secrecy, without the reporter and 点长 clauses. */
export function problemCountableSql(
  actor: Actor,
  permission: string,
  cols: Omit<ProblemCols, 'reporterId' | 'siteId'>,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${scopeSql(actor, permission, { regionPath: cols.regionPath, unitId: cols.unitId })} and ${roundIdVisibleSql(actor, cols.roundId)})`;
}

/** What a loaded problem row must carry for the JS checks. */
export interface ProblemSecrecyRow {
  region_path: string;
  unit_id: string | null;
  reporter_id: string | null;
  /** Found by a covert round not yet released (暗访未发布). */
  round_hidden: boolean;
  round_is_covert: boolean;
  round_region_path: string | null;
  round_team: string[];
  /** The 点长 of the problem's site (sites.lead_user_id), if it has a site with a lead. */
  site_lead_id?: string | null;
}

/**
 * Whether the actor may see the problem: in scope, reported by them or at a site they lead (点长), and never a covert
 * finding before release unless on the round's side.
 */
export function canReadProblem(actor: Actor, p: ProblemSecrecyRow, permission = 'problems.read'): boolean {
  if (p.round_hidden && !knowsCovertTeam(actor, { region_path: p.round_region_path ?? p.region_path, team: p.round_team })) return false;
  if (actor.id && (p.reporter_id === actor.id || p.site_lead_id === actor.id)) return true;
  return can(actor, permission, { regionPath: p.region_path, unitId: p.unit_id });
}

/** Whether the problem's reporter (a covert inspector) must be shown as 暗访组 to the actor. */
export function masksProblemReporter(actor: Actor, p: ProblemSecrecyRow): boolean {
  return p.round_is_covert && !knowsCovertTeam(actor, { region_path: p.round_region_path ?? p.region_path, team: p.round_team });
}

/** The reporter as the actor may see them. */
export function shownReporter(
  actor: Actor,
  p: ProblemSecrecyRow & { reporter_name: string | null },
): { id: string | null; name: string | null } {
  return masksProblemReporter(actor, p) ? { id: null, name: COVERT_TEAM_LABEL } : { id: p.reporter_id, name: p.reporter_name };
}

/** The timeline of a problem as the actor may see it: entries of unknown covert rounds left out, covert actors masked. */
export async function visibleTimeline(db: Db | Tx, actor: Actor, problemId: string) {
  const rows = await db
    .selectFrom('problem_events as e')
    .selectAll('e')
    .select(roundIdMaskedSql(actor, sql.ref('e.round_id')).as('masked'))
    .where('e.problem_id', '=', problemId)
    .where(roundIdVisibleSql(actor, sql.ref('e.round_id')))
    .orderBy('e.id')
    .execute();
  // A covert round's entry does not name the inspector who wrote it.
  return rows.map(({ masked, ...e }) => (masked ? { ...e, actor_id: null, actor_name: COVERT_TEAM_LABEL } : e));
}

/** Photos attached to a problem by stage, without those of covert rounds the actor may not know. */
export function visiblePhotos(db: Db | Tx, actor: Actor, problemId: string) {
  return db
    .selectFrom('problem_photos as pp')
    .select(['pp.file_id', 'pp.stage', 'pp.sort', 'pp.round_id'])
    .where('pp.problem_id', '=', problemId)
    .where(roundIdVisibleSql(actor, sql.ref('pp.round_id')))
    .orderBy('pp.stage')
    .orderBy('pp.sort')
    .execute();
}

/* ---------------------------------------------------------------- sites */

/** SQL: sites the actor may see under `permission` — in scope by region or 包保单位, or led by them (点长). */
export function siteVisibleSql(
  actor: Actor,
  permission: string,
  cols: {
    regionPath: Expression<string | null> | RawBuilder<string | null>;
    unitId: Expression<string | null> | RawBuilder<string | null>;
    leadUserId: Expression<string | null> | RawBuilder<string | null>;
  },
): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${scopeSql(actor, permission, { regionPath: cols.regionPath, unitId: cols.unitId })} or ${cols.leadUserId} = ${uid(actor)})`;
}

/** The JS form of siteVisibleSql for one loaded site: in scope by region or 包保单位, or led by the actor (点长). */
export function canSeeSite(
  actor: Actor,
  permission: string,
  site: { regionPath: string | null; unitId: string | null; leadUserId: string | null },
): boolean {
  return (!!actor.id && site.leadUserId === actor.id) || can(actor, permission, { regionPath: site.regionPath, unitId: site.unitId });
}

/* ---------------------------------------------------------------- files */

/**
 * The records that hold files. A file is readable when the actor may read one of them (and, for a problem photo, its
 * covert round is no secret to them). A module that keeps files on its records adds its holder here — nowhere else.
 */
const FILE_HOLDERS: Array<(actor: Actor, fileId: RawBuilder<string>) => RawBuilder<SqlBool>> = [
  // Problem photos (report, rectification, verification).
  (actor, fileId) => sql<SqlBool>`exists (
    select 1 from problem_photos hp join problems hpp on hpp.id = hp.problem_id join regions hr on hr.id = hpp.region_id
    where hp.file_id = ${fileId} and ${roundIdVisibleSql(actor, sql.ref('hp.round_id'))}
      and ${problemVisibleSql(actor, 'problems.read', { regionPath: sql.ref('hr.path'), unitId: sql.ref('hpp.unit_id'), reporterId: sql.ref('hpp.reporter_id'), roundId: sql.ref('hpp.round_id'), siteId: sql.ref('hpp.site_id') })})`,
  // Checklist evidence of a visit: readable by whoever may see the round.
  (actor, fileId) => sql<SqlBool>`exists (
    select 1 from inspection_results hres join inspection_visits hv on hv.id = hres.visit_id join inspection_rounds hir on hir.id = hv.round_id
    where hres.photo_ids @> array[${fileId}]::uuid[] and ${visibleRoundSql(actor, 'hir')})`,
  // A site's photo: readable by whoever may see the site.
  (actor, fileId) => sql<SqlBool>`exists (
    select 1 from sites hs join regions hsr on hsr.id = hs.region_id
    where hs.photo_file_id = ${fileId}
      and ${siteVisibleSql(actor, 'sites.read', { regionPath: sql.ref('hsr.path'), unitId: sql.ref('hs.unit_id'), leadUserId: sql.ref('hs.lead_user_id') })})`,
  // A 点长's check-in photos (点长巡查打卡): readable by whoever may see the site's check-ins.
  (actor, fileId) => sql<SqlBool>`exists (
    select 1 from site_patrol_photos hpp join site_patrols hsp on hsp.id = hpp.patrol_id
      join sites hps on hps.id = hsp.site_id join regions hpr on hpr.id = hps.region_id
    where hpp.file_id = ${fileId}
      and ${siteVisibleSql(actor, 'patrols.read', { regionPath: sql.ref('hpr.path'), unitId: sql.ref('hps.unit_id'), leadUserId: sql.ref('hps.lead_user_id') })})`,
  // 人工评分's attachment: readable by whoever may read the run figures of the subject's region (office, leaders, task force).
  (actor, fileId) => sql<SqlBool>`exists (
    select 1 from evaluation_manual_scores hm
      join lateral (select hur.path from units hu join regions hur on hur.id = hu.region_id where hm.subject_type = 'unit' and hu.id = hm.subject_id
                    union all select hsr.path from sites hs2 join regions hsr on hsr.id = hs2.region_id where hm.subject_type = 'site' and hs2.id = hm.subject_id
                    union all select hg.path from regions hg where hm.subject_type in ('town', 'county') and hg.id = hm.subject_id) hx on true
    where hm.file_id = ${fileId} and ${scopeSql(actor, 'evaluation.read', { regionPath: sql.ref('hx.path') })})`,
  // An objection's evidence (申诉材料): readable by the office, leaders and task force of the run's campaign, and by the
  // unit that objected.
  (actor, fileId) => sql<SqlBool>`exists (
    select 1 from evaluation_objections ho join evaluation_runs hr2 on hr2.id = ho.run_id
      join campaigns hc on hc.id = hr2.campaign_id join regions hcr on hcr.id = hc.region_id
    where ho.file_ids @> array[${fileId}]::uuid[]
      and (${scopeSql(actor, 'evaluation.read', { regionPath: sql.ref('hcr.path'), campaignId: sql.ref('hr2.campaign_id') })}
           or ${scopeSql(actor, 'evaluation.object', { unitId: sql.ref('ho.subject_id') })}))`,
  // 奖惩兑现's proof: readable by whoever may read the entry (office, leaders, task force of the campaign; the unit).
  (actor, fileId) => sql<SqlBool>`exists (
    select 1 from reward_entries hre join campaigns hrc on hrc.id = hre.campaign_id join regions hrr on hrr.id = hrc.region_id
    where hre.proof_file_id = ${fileId}
      and (${scopeSql(actor, 'evaluation.read', { regionPath: sql.ref('hrr.path'), campaignId: sql.ref('hre.campaign_id') })}
           or (hre.subject_type = 'unit' and ${scopeSql(actor, 'evaluation.object', { unitId: sql.ref('hre.subject_id') })})))`,
  // A construction project's photo: readable by whoever may see the project (office, leaders, task force; the owner unit).
  (actor, fileId) => sql<SqlBool>`exists (
    select 1 from project_photos hpp2 join projects hpj on hpj.id = hpp2.project_id join regions hpjr on hpjr.id = hpj.region_id
    where hpp2.file_id = ${fileId}
      and (${scopeSql(actor, 'projects.read', { regionPath: sql.ref('hpjr.path'), campaignId: sql.ref('hpj.campaign_id') })}
           or ${scopeSql(actor, 'projects.update', { unitId: sql.ref('hpj.owner_unit_id') })}))`,
  // A monthly progress report's evidence (任务进度佐证): readable by whoever reads the plan whole (office, leaders, task
  // force) and by the task's lead unit.
  (actor, fileId) => sql<SqlBool>`exists (
    select 1 from task_progress htp join tasks htk on htk.id = htp.task_id
      join plans hpl on hpl.id = htk.plan_id join regions hplr on hplr.id = hpl.region_id
    where htp.file_ids @> jsonb_build_array((${fileId})::text)
      and (${scopeSql(actor, 'plans.read', { regionPath: sql.ref('hplr.path'), campaignId: sql.ref('hpl.campaign_id') })}
           or ${scopeSql(actor, 'plans.report', { unitId: sql.ref('htk.lead_unit_id') })}))`,
  // 好人之城: a nomination's photos and verification materials — readable by whoever may read the nomination (the
  // overseers of the selection's region, the nominating unit, the person who nominated; modules/honours/access.ts).
  (actor, fileId) => sql<SqlBool>`exists (
    select 1 from honour_nomination_files hnf join honour_nominations hn on hn.id = hnf.nomination_id
      join honour_selections hns on hns.id = hn.selection_id join regions hnr on hnr.id = hns.region_id
    where hnf.file_id = ${fileId}
      and (${scopeSql(actor, 'honours.oversee', { regionPath: sql.ref('hnr.path') })}
           or ${scopeSql(actor, 'honours.nominate', { unitId: sql.ref('hn.nominating_unit_id') })}
           or hn.nominated_by = ${actor.id || null}))`,
];

/** Whether the actor may open the file: its uploader, or someone who may read a record holding it. */
export async function canReadFile(db: Db | Tx, actor: Actor, file: { id: string; uploaded_by: string }): Promise<boolean> {
  if (actor.id && file.uploaded_by === actor.id) return true;
  if (!actor.id) return false;
  const fileId = sql<string>`${file.id}::uuid`;
  const r = await sql<{ ok: boolean }>`select (${sql.join(
    FILE_HOLDERS.map((h) => h(actor, fileId)),
    sql` or `,
  )}) as ok`.execute(db);
  return r.rows[0]?.ok === true;
}

/**
 * Whether the uploader's name may be shown with the file: not when the file is evidence of a covert round whose team
 * the actor may not know.
 */
export async function masksFileUploader(db: Db | Tx, actor: Actor, fileId: string): Promise<boolean> {
  const r = await sql<{ masked: boolean }>`select (
      exists (select 1 from problem_photos mp where mp.file_id = ${fileId}::uuid and ${roundIdMaskedSql(actor, sql.ref('mp.round_id'))})
      or exists (select 1 from inspection_results mres join inspection_visits mv on mv.id = mres.visit_id join inspection_rounds mir on mir.id = mv.round_id
                 where mres.photo_ids @> array[${fileId}::uuid] and mir.is_covert and not ${knowsCovertTeamSql(actor, 'mir')})
    ) as masked`.execute(db);
  return r.rows[0]?.masked === true;
}

/**
 * Refuses file ids the actor may not attach to a record: each must exist and be the actor's own upload. Attaching
 * someone else's file would make it readable wherever the new record is (a volunteer attaching covert evidence).
 */
export async function assertOwnUploads(db: Db | Tx, actor: Actor, ids: string[], what = '照片'): Promise<void> {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from files where id = any(${unique}::uuid[]) and uploaded_by = ${uid(actor)}`.execute(db);
  if (r.rows[0].n !== unique.length) throw new AppError('validation', `${what}不存在或不是您本人上传的，请重新上传`);
}

/**
 * SQL: true when the row's `round_id` (may be null) belongs to no round or to a round whose results are published —
 * an open round, or a covert round after release. Official figures (indicators, rankings) count only these, for
 * everyone: a covert round moves no figure before it is released, whoever reads it.
 */
export function roundPublishedSql(roundId: Expression<string | null> | RawBuilder<string | null>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${roundId} is null or exists (select 1 from inspection_rounds pub where pub.id = ${roundId} and (not pub.is_covert or pub.released_at is not null)))`;
}
