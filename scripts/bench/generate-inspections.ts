/**
 * The inspection layer of the benchmark city, on top of generate-problems.ts's dataset: a 全国文明城市 campaign of the
 * city, a 测评体系 with 25 field standards per site type, 20 000 sites (each with its 包保单位), one inspection round
 * a month over the last 10 months (every third one covert and released) visiting every site, and each visit's
 * checklist results — 5 000 000 rows at the default size. Set-based SQL (INSERT … SELECT generate_series); verdicts
 * come from a hash of (visit, standard), so a rerun builds the same data. Kept in bench_dataset under 'inspections'.
 *
 * Variables: BENCH_SITES (20000), BENCH_ROUNDS (10), BENCH_STANDARDS_PER_TYPE (25).
 */
import pg from 'pg';

export interface InspectionInfo {
  campaignId: string;
  sites: number;
  rounds: number;
  visits: number;
  results: number;
  seconds: number;
}

export const inspectionConfig = (env = process.env) => ({
  sites: Number(env.BENCH_SITES ?? 20_000),
  rounds: Number(env.BENCH_ROUNDS ?? 10),
  perType: Number(env.BENCH_STANDARDS_PER_TYPE ?? 25),
});

/** The inspection layer when present with the requested size, else null. */
export async function existingInspections(client: pg.PoolClient | pg.Client, cfg = inspectionConfig()): Promise<InspectionInfo | null> {
  const row = await client.query(`select value from bench_dataset where key = 'inspections'`);
  const info = row.rows[0]?.value as InspectionInfo | undefined;
  return info && info.sites === cfg.sites && info.rounds === cfg.rounds ? info : null;
}

export async function generateInspections(
  client: pg.PoolClient | pg.Client,
  now: Date,
  log: (s: string) => void,
  cfg = inspectionConfig(),
): Promise<InspectionInfo> {
  const t0 = performance.now();
  const step = async (label: string, q: string, params: unknown[] = []) => {
    const t = performance.now();
    const r = await client.query(q, params);
    log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s${r.rowCount ? ` (${r.rowCount.toLocaleString('en')} rows)` : ''}`);
    return r;
  };
  // A previous layer goes first (problems keep no reference to it in this dataset).
  await step(
    'drop a previous inspection layer',
    `delete from inspection_results; delete from inspection_visits; delete from inspection_round_sites;
     delete from inspection_round_inspectors; delete from inspection_rounds; delete from sites;
     delete from standard_versions where name = '全国文明城市测评体系（压测）'`,
  );
  const city = (await client.query(`select id from regions where level = 'city' limit 1`)).rows[0].id as string;
  const existing = await client.query(`select id from campaigns where name = '临江市创建全国文明城市'`);
  const campaign = (existing.rows[0]?.id ??
    (
      await client.query(
        `insert into campaigns (name, title_type, level, region_id, cycle_start_year, cycle_end_year, status, created_at, updated_at)
         values ('临江市创建全国文明城市', 'civilized_city', 'national', $1, 2024, 2026, 'active', $2, $2) returning id`,
        [city, now],
      )
    ).rows[0].id) as string;
  const version = (
    await client.query(
      `insert into standard_versions (campaign_id, name, source, created_at) values ($1, '全国文明城市测评体系（压测）', 'starter', $2) returning id`,
      [campaign, now],
    )
  ).rows[0].id as string;
  await step(
    'standards (25 per site type)',
    `with types as (select code, row_number() over (order by code) as n from site_types),
     items as (
       insert into standard_items (version_id, level, name, sort)
       select $1, 1, '实地考察：' || t.code, t.n from types t returning id, sort)
     insert into standards (version_id, item_id, code, text, method, points, site_type_codes, sort)
     select $1, i.id, 'B' || lpad(i.sort::text, 2, '0') || '-' || lpad(k::text, 2, '0'),
       '点位环境整洁有序，第' || k || '项', 'field', (1 + (k % 4))::numeric, array[t.code], k
     from items i join types t on t.n = i.sort cross join generate_series(1, $2) as k`,
    [version, cfg.perType],
  );
  await step(
    'sites (each with its 包保单位)',
    `with villages as (select id, row_number() over (order by path) as n, count(*) over () as total from regions where level = 'village'),
     units as (select id, row_number() over (order by id) as n, count(*) over () as total from units),
     types as (select code, row_number() over (order by code) as n, count(*) over () as total from site_types)
     insert into sites (name, site_type_code, region_id, unit_id, lat, lng, active, created_at, updated_at)
     select '压测点位' || g, t.code, v.id, u.id, 30 + (g % 1000) / 1000.0, 120 + (g % 997) / 1000.0, true, $2, $2
     from generate_series(1, $1) as g
     join villages v on v.n = 1 + (g % (select max(total) from villages))
     join units u on u.n = 1 + ((g * 7) % (select max(total) from units))
     join types t on t.n = 1 + (g % (select max(total) from types))`,
    [cfg.sites, now],
  );
  // One round a month, ending before `now`: months m = 1 … rounds back. Every third is covert, released at its end.
  await step(
    'rounds (one a month; every third covert, released)',
    `insert into inspection_rounds (name, kind, campaign_id, standard_version_id, region_id, start_date, end_date, pass_threshold,
       is_covert, released_at, created_at, updated_at)
     select '第' || m || '轮测评', case when m % 3 = 0 then 'covert' else 'routine' end, $1, $2, $3,
       (date_trunc('month', $4::timestamptz at time zone 'Asia/Shanghai') - make_interval(months => m))::date,
       (date_trunc('month', $4::timestamptz at time zone 'Asia/Shanghai') - make_interval(months => m) + interval '20 days')::date,
       0.9, m % 3 = 0,
       case when m % 3 = 0 then (date_trunc('month', $4::timestamptz at time zone 'Asia/Shanghai') - make_interval(months => m) + interval '25 days') at time zone 'Asia/Shanghai' end,
       $4, $4
     from generate_series(1, $5) as m`,
    [campaign, version, city, now, cfg.rounds],
  );
  await step(
    'visits (every site in every round)',
    `insert into inspection_visits (round_id, site_id, visited_at, passed, failed, not_applicable, score_rate, deduction_score, updated_at)
     select r.id, s.id, (r.start_date + ((abs(hashtext(s.id::text)) % 20) || ' days')::interval + interval '10 hours') at time zone 'Asia/Shanghai',
       0, 0, 0, null, 0, $1
     from inspection_rounds r cross join sites s`,
    [now],
  );
  await step(
    'checklist results (the site type’s standards per visit)',
    `insert into inspection_results (visit_id, standard_id, verdict)
     select v.id, st.id,
       case when abs(hashtext(v.id::text || st.id::text)) % 100 < 84 then 'pass'
            when abs(hashtext(v.id::text || st.id::text)) % 100 < 97 then 'fail' else 'na' end
     from inspection_visits v
     join sites s on s.id = v.site_id
     join standards st on st.site_type_codes = array[s.site_type_code] and st.version_id = $1`,
    [version],
  );
  await step(
    'visit tallies from the results',
    `update inspection_visits v set passed = x.p, failed = x.f, not_applicable = x.n,
       score_rate = case when x.p + x.f > 0 then round(x.p::numeric / (x.p + x.f), 4) end, deduction_score = x.f
     from (select visit_id, count(*) filter (where verdict = 'pass') as p, count(*) filter (where verdict = 'fail') as f,
             count(*) filter (where verdict = 'na') as n
           from inspection_results group by visit_id) x
     where x.visit_id = v.id`,
  );
  await step('vacuum analyze', `vacuum analyze sites, inspection_rounds, inspection_visits, inspection_results, standards`);
  const count = async (t: string) => Number((await client.query(`select count(*)::int as n from ${t}`)).rows[0].n);
  const info: InspectionInfo = {
    campaignId: campaign,
    sites: cfg.sites,
    rounds: cfg.rounds,
    visits: await count('inspection_visits'),
    results: await count('inspection_results'),
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
  await client.query(
    `insert into bench_dataset (key, value) values ('inspections', $1) on conflict (key) do update set value = excluded.value`,
    [JSON.stringify(info)],
  );
  return info;
}
