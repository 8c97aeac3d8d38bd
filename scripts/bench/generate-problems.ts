/**
 * Generates a city-scale dataset in a dedicated benchmark database: the organisation from city.ts and
 * N problems with a realistic state mix, timeline entries and one audit event per problem. Problems are
 * written with set-based SQL (INSERT … SELECT generate_series) in created_at order, as a live table
 * grows; the table's secondary indexes are built after the load, then everything is VACUUM ANALYZEd.
 *
 * Run alone: `tsx scripts/bench/generate-problems.ts` (same BENCH_* variables as problems.ts).
 */
import pg from 'pg';
import { sql } from 'kysely';
import { hashPassword } from '../../server/platform/auth/passwords';
import { openDatabase } from '../../server/platform/db';
import { migrate } from '../../server/platform/migrate';
import { loadReferenceData } from '../../server/reference-data';
import { buildCity, type City } from './city';

export const BENCH_PASSWORD = 'Bench@2026x';

export interface BenchConfig {
  url: string;
  problems: number;
  units: number;
}

/** What the benchmark needs to know about a generated dataset (kept in the bench_dataset table). */
export interface DatasetInfo {
  problems: number;
  units: number;
  generatedAt: string;
  /** The clock the data was generated against; later runs measure "now" from the real clock. */
  now: string;
  cityId: string;
  counties: Array<{ id: string; name: string }>;
  villages: string[];
  categories: string[];
  officeUsername: string;
  /** Liaison of the unit with the most problems, and of a median unit. */
  busyLiaison: { username: string; unitId: string; problems: number };
  medianLiaison: { username: string; unitId: string; problems: number };
  reporters: string[];
  timings: Record<string, number>;
}

/** Reads the configuration from the environment. */
export function benchConfig(env = process.env): BenchConfig {
  return {
    url: env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/cc_bench',
    problems: Number(env.BENCH_PROBLEMS ?? 1_000_000),
    units: Number(env.BENCH_UNITS ?? 2000),
  };
}

/** Creates the benchmark database through the `postgres` maintenance database when it does not exist. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!found.rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** The dataset already in the database, when it matches the requested size. */
export async function existingDataset(url: string, cfg: BenchConfig): Promise<DatasetInfo | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const marker = await client.query(`select to_regclass('public.bench_dataset') as t`);
    if (!marker.rows[0].t) return null;
    const row = await client.query(`select value from bench_dataset where key = 'info'`);
    const info = row.rows[0]?.value as DatasetInfo | undefined;
    return info && info.problems === cfg.problems && info.units === cfg.units ? info : null;
  } finally {
    await client.end();
  }
}

async function timed<T>(timings: Record<string, number>, label: string, log: (s: string) => void, work: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await work();
  timings[label] = Math.round(performance.now() - t) / 1000;
  log(`  ${label}: ${timings[label].toFixed(1)} s`);
  return out;
}

/** Drops and recreates the public schema, refusing unless it is empty or was made by this generator. */
async function resetSchema(client: pg.Client): Promise<void> {
  const tables = await client.query(`select count(*)::int as n from pg_tables where schemaname = 'public'`);
  const marker = await client.query(`select to_regclass('public.bench_dataset') as t`);
  if (tables.rows[0].n > 0 && !marker.rows[0].t) {
    throw new Error(
      'the benchmark database has tables but no bench_dataset marker: refusing to drop it (point BENCH_DATABASE_URL at a dedicated database)',
    );
  }
  await client.query('drop schema public cascade; create schema public');
}

async function insertOrganisation(client: pg.Client, city: City, now: Date): Promise<void> {
  const hash = await hashPassword(BENCH_PASSWORD);
  const batch = async (table: string, cols: string[], rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = chunk.map((_, r) => `(${cols.map((__, c) => `$${r * cols.length + c + 1}`).join(',')})`).join(',');
      await client.query(`insert into ${table} (${cols.join(',')}) values ${values}`, chunk.flat());
    }
  };
  await batch(
    'regions',
    ['id', 'parent_id', 'code', 'name', 'level', 'path', 'sort', 'created_at', 'updated_at'],
    city.regions.map((r, i) => [r.id, r.parentId, r.code, r.name, r.level, r.path, i, now, now]),
  );
  await batch(
    'units',
    ['id', 'name', 'type', 'region_id', 'head_name', 'liaison_name', 'created_at', 'updated_at'],
    city.units.map((u, i) => [u.id, u.name, u.type, u.regionId, city.users[i % city.users.length].name, null, now, now]),
  );
  await batch(
    'users',
    ['id', 'username', 'name', 'unit_id', 'region_id', 'password_hash', 'must_change_password', 'created_at', 'updated_at'],
    city.users.map((u) => [u.id, u.username, u.name, u.unitId, u.regionId, hash, false, now, now]),
  );
  await batch(
    'user_roles',
    ['user_id', 'role', 'scope_type', 'scope_id'],
    city.users.map((u) => [u.id, u.role, u.scopeType, u.scopeId]),
  );
  await client.query(`update units u set liaison_name = us.name from users us where us.unit_id = u.id`);
}

/** Lookup tables the set-based insert joins against (session temp tables). */
async function createLookups(client: pg.Client, city: City): Promise<Record<string, number>> {
  const insert = async (table: string, rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const width = chunk[0].length;
      await client.query(
        `insert into ${table} values ${chunk.map((_, r) => `(${Array.from({ length: width }, (__, c) => `$${r * width + c + 1}`).join(',')})`).join(',')}`,
        chunk.flat(),
      );
    }
  };
  await client.query(`
    create temp table bm_villages (n int primary key, id uuid, name text, town_name text, county_name text, county_n int, community_unit uuid, town_unit uuid);
    create temp table bm_county_depts (county_n int, k int, id uuid, primary key (county_n, k));
    create temp table bm_city_depts (k int primary key, id uuid);
    create temp table bm_others (k int primary key, id uuid);
    create temp table bm_cats (n int primary key, code text, name text);
    create temp table bm_reporters (n int primary key, id uuid, name text);
    create temp table bm_unit_liaison (unit_id uuid primary key, user_id uuid, name text);`);
  await insert(
    'bm_villages',
    city.villages.map((v, i) => {
      const vu = city.villageUnits.get(v.id)!;
      return [i + 1, v.id, v.name, city.towns[v.town].name, city.counties[v.county].name, v.county, vu.community ?? vu.town, vu.town];
    }),
  );
  const countyDepts = city.units.filter((u) => u.kind === 'county_dept');
  const perCounty = countyDepts.filter((u) => u.county === 0).length;
  await insert(
    'bm_county_depts',
    countyDepts.map((u) => [u.county, countyDepts.filter((x) => x.county === u.county).indexOf(u), u.id]),
  );
  const cityDepts = city.units.filter((u) => u.kind === 'city_dept');
  await insert(
    'bm_city_depts',
    cityDepts.map((u, k) => [k, u.id]),
  );
  const others = city.units.filter((u) => u.kind === 'other');
  await insert(
    'bm_others',
    (others.length ? others : cityDepts).map((u, k) => [k, u.id]),
  );
  // Categories weighted by how often each shows up in a real 创城 problem ledger: street order and
  // exposed rubbish dominate, facilities are rarer.
  const cats = await client.query<{ code: string; name: string }>(
    `select code, name from problem_categories where parent_code is not null order by code`,
  );
  const weight = (code: string) => (/^E01|^E05|^E02/.test(code) ? 6 : /^E|^W/.test(code) ? 3 : 1);
  const weighted = cats.rows.flatMap((c) => Array.from({ length: weight(c.code) }, () => c));
  await insert(
    'bm_cats',
    weighted.map((c, i) => [i + 1, c.code, c.name]),
  );
  const reporters = city.users.filter((u) => u.role === 'grid_worker' || u.role === 'inspector');
  await insert(
    'bm_reporters',
    reporters.map((u, i) => [i + 1, u.id, u.name]),
  );
  await insert(
    'bm_unit_liaison',
    city.users.filter((u) => u.role === 'unit_liaison').map((u) => [u.unitId, u.id, u.name]),
  );
  await client.query('analyze bm_villages, bm_county_depts, bm_city_depts, bm_others, bm_cats, bm_reporters, bm_unit_liaison');
  return {
    villages: city.villages.length,
    perCounty,
    cityDepts: cityDepts.length,
    others: others.length || cityDepts.length,
    cats: weighted.length,
    reporters: reporters.length,
  };
}

const ROADS = [
  '人民路',
  '解放路',
  '建设路',
  '中山路',
  '和平路',
  '新华路',
  '文化路',
  '滨江大道',
  '环城北路',
  '青年路',
  '胜利街',
  '府前街',
  '学院路',
  '工业大道',
  '朝阳路',
  '长江路',
];
const PLACES = ['路口', '小区门口', '农贸市场旁', '学校周边', '公交站台', '背街小巷', '商铺门前', '绿化带内', '人行道上', '停车场'];
const PHRASES = ['，影响市容市貌', '，群众反映强烈', '，存在安全隐患', '，已持续多日', '，巡查时发现', '，需尽快处置', '，多次整改后反复'];
const arr = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]::text[]`;

/** The set-based insert of `n` problems; see the state mix and timing rules in the comments. */
function problemsInsertSql(lk: Record<string, number>): string {
  return `
  insert into problems (code, client_id, description, category_code, source, severity, state, region_id, lat, lng, address,
    unit_id, reporter_id, reporter_name, deadline, accepted_at, first_dispatched_at, dispatched_at, acknowledged_at, rectified_at,
    rectified_by, closed_at, reject_reason, extension_count, rework_count, verify_count, reminded_at, supervised_at, escalated_at,
    version, created_at, updated_at)
  select 'BM' || to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMM') || '-' || lpad(g::text, 7, '0'),
    case when reporter_id is not null then 'bm-' || g end,
    vname || (${arr(PLACES)})[1 + floor(r_desc * ${PLACES.length})::int] || cat_name || (${arr(PHRASES)})[1 + floor(r_addr * ${PHRASES.length})::int],
    cat_code, source, severity, state, region_id, 30.25 + (r_lat - 0.5) * 0.4, 120.15 + (r_lng - 0.5) * 0.5,
    county_name || town_name || (${arr(ROADS)})[1 + floor(r_addr * ${ROADS.length})::int] || (1 + floor(r_lng * 300))::int || '号',
    unit_id, reporter_id, reporter_name, deadline, accepted_at, first_dispatched_at, first_dispatched_at, acknowledged_at, rectified_at,
    case when rectified_at is not null then liaison end, closed_at,
    case when state = 'rejected' then '不属于创建问题范围' end,
    ext_count, rew_count,
    case state when 'closed' then 1 + rew_count when 'verifying' then rew_count when 'rectifying' then rew_count else 0 end,
    case when deadline - interval '1 day' < coalesce(rectified_at, $1) then deadline - interval '1 day' end,
    case when deadline < coalesce(rectified_at, $1) then deadline end,
    case when deadline + interval '3 days' < coalesce(rectified_at, $1) then deadline + interval '3 days' end,
    case state when 'pending' then 1 when 'rejected' then 2 when 'accepted' then 2 when 'dispatched' then 3
      when 'rectifying' then 4 + 2 * ext_count + 3 * rew_count when 'verifying' then 5 + 2 * ext_count + 3 * rew_count
      else 6 + 2 * ext_count + 3 * rew_count end,
    created_at,
    greatest(created_at, accepted_at, first_dispatched_at, acknowledged_at, rectified_at, closed_at,
      case when state = 'rejected' then created_at + r_acc * interval '1 day' end)
  from (
    -- stage 4: the later timestamps, each clamped to "now"
    select d.*,
      case when state in ('verifying', 'closed') then least(acknowledged_at + ((hours + ext_days * 24) * power(r_dur, 1.3) * 1.15 + rew_count * 24) * interval '1 hour', $1 - interval '2 minutes') end as rectified_at,
      case when state = 'closed' then least(acknowledged_at + ((hours + ext_days * 24) * power(r_dur, 1.3) * 1.15 + rew_count * 24 + 2 + r_close * 70) * interval '1 hour', $1 - interval '1 minute') end as closed_at
    from (
      -- stage 3: acceptance, dispatch, acknowledgement and the deadline
      select c.*,
        case when state not in ('pending', 'rejected') then least(created_at + (0.5 + r_acc * 23.5) * interval '1 hour', $1) end as accepted_at,
        case when unit_id is not null then least(created_at + (0.7 + r_acc * 23.5 + r_dsp * 24) * interval '1 hour', $1) end as first_dispatched_at,
        case when state in ('rectifying', 'verifying', 'closed') then least(created_at + (0.8 + r_acc * 23.5 + r_dsp * 24 + r_ack * 12) * interval '1 hour', $1) end as acknowledged_at,
        case when unit_id is not null then least(created_at + (0.7 + r_acc * 23.5 + r_dsp * 24) * interval '1 hour', $1) + (hours + ext_days * 24) * interval '1 hour' end as deadline
      from (
        -- stage 2: place, category, reporter, responsible unit and creation time
        select b.*, v.id as region_id, v.name as vname, v.town_name, v.county_name, cat.code as cat_code, cat.name as cat_name,
          case when source in ('citizen', 'hotline', 'media') then null else rep.id end as reporter_id,
          case source when 'citizen' then '市民' when 'hotline' then '12345热线' when 'media' then '媒体曝光' else rep.name end as reporter_name,
          case when state in ('dispatched', 'rectifying', 'verifying', 'closed') then
            case when r_unit < 0.40 then v.community_unit when r_unit < 0.60 then v.town_unit when r_unit < 0.90 then cd.id
                 when r_unit < 0.97 then cy.id else o.id end end as unit_id,
          l.user_id as liaison,
          case severity when 'urgent' then 24 when 'serious' then 72 when 'major' then 120 else 168 end as hours,
          case when ext_count > 0 then 3 + floor(r_ext_days * 8) else 0 end as ext_days,
          case
            when state in ('closed', 'rejected') then $1 - interval '365 days' + r_age * interval '362 days'
            when state = 'pending' then $1 - r_age * interval '3 days'
            when state = 'accepted' then $1 - interval '1 day' - r_age * interval '4 days'
            else $1 - interval '3 days' - power(r_age, 2) * interval '40 days' end as created_at
        from (
          -- stage 1: state mix 70% closed, 10% rectifying, 5% dispatched, 5% verifying, 3% pending, 2% accepted, 5% rejected
          select a.*,
            case when r_state < 0.03 then 'pending' when r_state < 0.05 then 'accepted' when r_state < 0.10 then 'rejected'
                 when r_state < 0.15 then 'dispatched' when r_state < 0.25 then 'rectifying' when r_state < 0.30 then 'verifying'
                 else 'closed' end as state,
            case when r_sev < 0.70 then 'normal' when r_sev < 0.88 then 'major' when r_sev < 0.97 then 'serious' else 'urgent' end as severity,
            case when r_src < 0.30 then 'inspection' when r_src < 0.55 then 'grid' when r_src < 0.67 then 'citizen' when r_src < 0.79 then 'hotline'
                 when r_src < 0.87 then 'covert' when r_src < 0.90 then 'media' when r_src < 0.95 then 'leader' else 'recheck' end as source,
            case when r_state >= 0.15 and r_ext < 0.08 then 1 else 0 end as ext_count,
            case when r_state < 0.15 then 0 when r_rew < 0.02 then 2 when r_rew < 0.12 then 1 else 0 end as rew_count
          from (
            select g, random() as r_state, random() as r_age, random() as r_sev, random() as r_src, random() as r_cat, random() as r_vil,
              random() as r_unit, random() as r_unit2, random() as r_rep, random() as r_ext, random() as r_rew, random() as r_dur,
              random() as r_acc, random() as r_dsp, random() as r_ack, random() as r_close, random() as r_addr, random() as r_desc,
              random() as r_lat, random() as r_lng, random() as r_ext_days
            from generate_series($2::int, $3::int) g
          ) a
        ) b
        join bm_villages v on v.n = 1 + floor(b.r_vil * ${lk.villages})::int
        join bm_cats cat on cat.n = 1 + floor(b.r_cat * ${lk.cats})::int
        join bm_reporters rep on rep.n = 1 + floor(b.r_rep * ${lk.reporters})::int
        join bm_county_depts cd on cd.county_n = v.county_n and cd.k = floor(b.r_unit2 * ${lk.perCounty})::int
        join bm_city_depts cy on cy.k = floor(b.r_unit2 * ${lk.cityDepts})::int
        join bm_others o on o.k = floor(b.r_unit2 * ${lk.others})::int
        left join bm_unit_liaison l on l.unit_id = case when r_unit < 0.40 then v.community_unit when r_unit < 0.60 then v.town_unit
          when r_unit < 0.90 then cd.id when r_unit < 0.97 then cy.id else o.id end
      ) c
    ) d
  ) e
  order by created_at`.replaceAll('$1', '$1::timestamptz');
}

/** Generates the dataset; returns what the benchmark needs to drive it. */
export async function generateDataset(cfg: BenchConfig, log: (s: string) => void = console.log): Promise<DatasetInfo> {
  const timings: Record<string, number> = {};
  const started = performance.now();
  const now = new Date();
  const client = new pg.Client({ connectionString: cfg.url });
  await client.connect();
  try {
    await client.query(`set work_mem = '256MB'; set maintenance_work_mem = '1GB'; set synchronous_commit = off`);
    await timed(timings, 'schema (migrate + reference data)', log, async () => {
      await resetSchema(client);
      const database = await openDatabase({ url: cfg.url, poolSize: 1 });
      try {
        await migrate(database.db);
        await loadReferenceData(database.db);
        await sql`create table bench_dataset (key text primary key, value jsonb not null)`.execute(database.db);
      } finally {
        await database.close();
      }
    });
    const city = buildCity(cfg.units);
    await timed(timings, 'organisation', log, () => insertOrganisation(client, city, now));
    const lookups = await createLookups(client, city);

    // Build the problems table's secondary indexes after the load (several times faster than maintaining them row by row).
    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `select i.indexname, i.indexdef from pg_indexes i where i.schemaname = 'public' and i.tablename in ('problems', 'problem_events', 'audit_events')
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    for (const ix of indexes.rows) await client.query(`drop index ${ix.indexname}`);
    await timed(timings, `problems (${cfg.problems.toLocaleString('en')} rows)`, log, async () => {
      // One statement, so the whole table is written in created_at order (a live table grows that way).
      await client.query(problemsInsertSql(lookups), [now, 1, cfg.problems]);
    });
    await timed(timings, 'relapses and code counters', log, async () => {
      const k = Math.max(1, Math.round(cfg.problems * 0.005));
      await client.query(
        `
        create temp table bm_relapse as
        select s.id as src, d.id as dst from
          (select id, row_number() over () as rn from (select id from problems where state = 'closed' and closed_at < $1::timestamptz - interval '30 days' order by random() limit $2) x) s
          join (select id, row_number() over () as rn from (select id from problems where unit_id is not null order by random() limit $2) y) d using (rn)
        where s.id <> d.id`,
        [now, k],
      );
      await client.query(`update problems p set relapsed_from = r.src, source = 'recheck' from bm_relapse r where p.id = r.dst`);
      await client.query(`update problems p set relapse_count = 1 from bm_relapse r where p.id = r.src`);
      // The app's codes name their county (WT<yyyymm>-<county>-<n>), so they never collide with these BM codes.
    });
    const office = city.users.find((u) => u.username === 'bench_office')!;
    await timed(timings, 'problem_events (timeline)', log, () =>
      client.query(
        `
        insert into problem_events (problem_id, action, from_state, to_state, actor_id, actor_name, occurred_at)
        select p.id, e.action, e.from_state, e.to_state, e.actor_id, e.actor_name, e.at
        from problems p
        left join bm_unit_liaison l on l.unit_id = p.unit_id
        cross join lateral (values
          ('report', null, 'pending', p.created_at, p.reporter_id, coalesce(p.reporter_name, '')),
          ('accept', 'pending', 'accepted', p.accepted_at, $1::uuid, $2),
          ('reject', 'pending', 'rejected', case when p.state = 'rejected' then p.updated_at end, $1::uuid, $2),
          ('dispatch', 'accepted', 'dispatched', p.first_dispatched_at, $1::uuid, $2),
          ('acknowledge', 'dispatched', 'rectifying', p.acknowledged_at, l.user_id, l.name),
          ('submit_rectification', 'rectifying', 'verifying', p.rectified_at, l.user_id, l.name),
          ('verify', 'verifying', 'closed', p.closed_at, $1::uuid, $2)
        ) e(action, from_state, to_state, at, actor_id, actor_name)
        where e.at is not null`,
        [office.id, office.name],
      ),
    );
    // One audit event per problem through the real chain trigger (hash computed by the database).
    await timed(timings, 'audit_events (hash chain)', log, () =>
      client.query(`
        insert into audit_events (occurred_at, actor_id, actor_name, action, subject_type, subject_id, after, ip, user_agent)
        select created_at, reporter_id, coalesce(reporter_name, '市民'), 'problem.reported', 'problem', id::text,
          jsonb_build_object('code', code, 'category_code', category_code, 'source', source, 'severity', severity, 'region_id', region_id, 'state', 'pending'),
          '10.0.0.1', 'bench-generator'
        from problems order by created_at`),
    );
    await timed(timings, 'indexes', log, async () => {
      for (const ix of indexes.rows) await client.query(ix.indexdef);
    });
    await timed(timings, 'vacuum analyze', log, () => client.query('vacuum analyze'));

    const perUnit = await client.query<{ unit_id: string; n: number }>(
      `select unit_id, count(*)::int as n from problems where unit_id is not null group by unit_id order by n desc`,
    );
    const liaisonOf = (unitId: string, n: number) => ({
      username: city.users.find((u) => u.unitId === unitId)!.username,
      unitId,
      problems: n,
    });
    const busy = perUnit.rows[0];
    const median = perUnit.rows[Math.floor(perUnit.rows.length / 2)];
    timings.total = Math.round(performance.now() - started) / 1000;
    const info: DatasetInfo = {
      problems: cfg.problems,
      units: cfg.units,
      generatedAt: new Date().toISOString(),
      now: now.toISOString(),
      cityId: city.regions[0].id,
      counties: city.counties.map((c) => ({ id: c.id, name: c.name })),
      villages: city.villages.map((v) => v.id),
      categories: (
        await client.query<{ code: string }>(`select code from problem_categories where parent_code is not null order by code`)
      ).rows.map((r) => r.code),
      officeUsername: office.username,
      busyLiaison: liaisonOf(busy.unit_id, busy.n),
      medianLiaison: liaisonOf(median.unit_id, median.n),
      reporters: city.users.filter((u) => u.role === 'grid_worker').map((u) => u.username),
      timings,
    };
    await client.query(`insert into bench_dataset (key, value) values ('info', $1)`, [JSON.stringify(info)]);
    return info;
  } finally {
    await client.end();
  }
}

/** Row counts and on-disk sizes of the tables that matter. */
export async function tableSizes(url: string): Promise<Array<{ table: string; rows: number; size: string; indexes: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(`
      select c.relname as table, c.reltuples::bigint as rows, pg_size_pretty(pg_table_size(c.oid)) as size, pg_size_pretty(pg_indexes_size(c.oid)) as indexes
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname in ('problems', 'problem_events', 'audit_events', 'notifications', 'regions', 'units', 'users')
      order by pg_total_relation_size(c.oid) desc`);
    return r.rows.map((x) => ({ table: x.table, rows: Number(x.rows), size: x.size, indexes: x.indexes }));
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cfg = benchConfig();
  await ensureDatabase(cfg.url);
  console.log(`generating ${cfg.problems.toLocaleString('en')} problems across ${cfg.units} units in ${cfg.url}`);
  const info = await generateDataset(cfg);
  console.log(`done in ${info.timings.total.toFixed(1)} s`);
  console.table(await tableSizes(cfg.url));
}
