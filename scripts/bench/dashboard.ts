/**
 * `npm run bench:dashboard`: the 指挥大屏 at city scale, against the PostgreSQL dataset of `npm run bench:problems`
 * (1 000 000 problems, 2 000 units, a city of 10 counties, 120 towns, 1 200 villages; reused, never generated here).
 *
 *   (a) one refresh of every snapshot (city, counties, towns) vs one sequential scan of `problems` (same run);
 *   (b) GET /api/dashboard as the city office and as a county (?regionId), and GET /api/dashboard/sites, over HTTP,
 *       p50/p95 over BENCH_DASHBOARD_REQUESTS (≥ 200) sequential requests, vs GET /api/auth/session (the baseline: a
 *       request that reads one session row) in the same run. Goal: p95 ≤ 100 ms.
 *
 * The map needs located sites with scored visits: a dataset that has none (an older bench:problems) gets BENCH_SITES
 * (20 000) in the villages with one scored visit each (a campaign and a round tagged 大屏压测), removed at the end. A benchmark, not a timed test. Variables: BENCH_DATABASE_URL,
 * BENCH_PROBLEMS, BENCH_UNITS (as bench:problems), BENCH_DASHBOARD_REQUESTS (200), BENCH_SITES (20000),
 * BENCH_REFRESH_RUNS (3).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../../server/app';
import { systemClock } from '../../server/platform/clock';
import { openDatabase } from '../../server/platform/db';
import { migrate } from '../../server/platform/migrate';
import { refreshSnapshots } from '../../server/modules/dashboard/refresh-snapshots';
import { BENCH_PASSWORD, benchConfig, existingDataset } from './generate-problems';
import { machineFacts, median, percentile, repeat, runWorker } from './measure';

const cfg = benchConfig();
const env = process.env;
const REQUESTS = Math.max(200, Number(env.BENCH_DASHBOARD_REQUESTS ?? 200));
const SITES_WANTED = Number(env.BENCH_SITES ?? 20_000);
const REFRESH_RUNS = Number(env.BENCH_REFRESH_RUNS ?? 3);
const TAG = '大屏压测';
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const log = (s: string) => console.log(s);

log(`bench:dashboard — ${cfg.problems.toLocaleString('en')} problems, ${cfg.units} units, ${REQUESTS} requests per endpoint`);
const info = await existingDataset(cfg.url, cfg);
if (!info) {
  log('no benchmark dataset of this size in the database: run `npm run bench:problems` first (it generates and keeps it)');
  process.exit(1);
}
for (const [k, v] of Object.entries(await machineFacts(cfg.url))) log(`  ${k}: ${v}`);
log(`  dataset generated ${info.generatedAt}`);

const admin = new pg.Pool({ connectionString: cfg.url, max: 2 });
const database = await openDatabase({ url: cfg.url });
await migrate(database.db); // the dashboard tables, when the dataset predates them
const existing = (
  await admin.query(
    `select (select count(*)::int from sites where lat is not null and address is distinct from $1) as sites,
            (select count(*)::int from inspection_visits) as visits, (select count(*)::int from inspection_results) as results`,
    ['大屏压测'],
  )
).rows[0] as { sites: number; visits: number; results: number };
const SITES = existing.sites ? 0 : SITES_WANTED;
log(
  `  dataset: ${existing.sites.toLocaleString('en')} located sites, ${existing.visits.toLocaleString('en')} visits, ${existing.results.toLocaleString('en')} checklist results${SITES ? `; adding ${SITES.toLocaleString('en')} sites` : ''}`,
);

/** Sites in the villages with one scored visit each (a round of a campaign tagged for removal). */
async function addSites(): Promise<void> {
  await removeSites();
  const client = await admin.connect();
  try {
    await client.query('begin');
    const campaign = (
      await client.query(
        `insert into campaigns (name, title_type, level, region_id, cycle_start_year, cycle_end_year, created_at, updated_at)
         values ($1, 'civilized_city', 'municipal', $2, 2026, 2028, now(), now()) returning id`,
        [TAG, info!.cityId],
      )
    ).rows[0].id as string;
    const round = (
      await client.query(
        `insert into inspection_rounds (name, kind, campaign_id, region_id, start_date, end_date, sample, is_covert, created_at, updated_at)
         values ($1, 'routine', $2, $3, current_date - 10, current_date, '{}', false, now(), now()) returning id`,
        [TAG, campaign, info!.cityId],
      )
    ).rows[0].id as string;
    // Villages are spread over the city's box; each site sits near its village with a stable pseudo-random offset.
    await client.query(
      `insert into sites (name, site_type_code, address, lat, lng, region_id, created_at, updated_at)
       select $1 || '-' || g, (select code from site_types order by sort, code offset (g % 8) limit 1), $1,
              30.0 + (v.n % 40) * 0.02 + ((g * 7919) % 1000) / 100000.0, 120.0 + (v.n / 40) * 0.02 + ((g * 104729) % 1000) / 100000.0,
              v.id, now(), now()
       from generate_series(1, $2::int) g
       join (select id, row_number() over (order by path) - 1 as n, count(*) over () as total from regions where level = 'village') v
         on v.n = g % v.total`,
      [TAG, SITES],
    );
    await client.query(
      `insert into inspection_visits (round_id, site_id, visited_at, passed, failed, not_applicable, score_rate, deduction_score, updated_at)
       select $1, s.id, now() - interval '2 days', 20 - (hashtext(s.id::text) & 7), hashtext(s.id::text) & 7, 0,
              (20 - (hashtext(s.id::text) & 7))::float8 / 20, 0, now()
       from sites s where s.address = $2`,
      [round, TAG],
    );
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  } finally {
    client.release();
  }
  await admin.query('analyze sites, inspection_visits');
}

/** Removes what addSites added (and any earlier run's leftovers). */
async function removeSites(): Promise<void> {
  await admin.query(`delete from dashboard_site_points where site_id in (select id from sites where address = $1)`, [TAG]);
  await admin.query(`delete from inspection_visits where round_id in (select id from inspection_rounds where name = $1)`, [TAG]);
  await admin.query(`delete from inspection_rounds where name = $1`, [TAG]);
  await admin.query(`delete from sites where address = $1`, [TAG]);
  await admin.query(`delete from campaigns where name = $1`, [TAG]);
}

const app = await buildApp({
  database,
  clock: systemClock,
  logLevel: 'silent',
  serveWeb: false,
  filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-files-')),
});
await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as { port: number }).port;
const base = `http://127.0.0.1:${port}`;

/** Signs in over HTTP and creates a personal API token, as a script would. */
async function tokenFor(username: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const created = await fetch(`${base}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: '大屏压测' }),
  });
  if (created.status !== 201) throw new Error(`token ${username}: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

const rows: Array<{ what: string; p50: string; p95: string; bytes: string; goal: string; pass: string }> = [];
try {
  if (SITES) {
    log(`\nadding ${SITES.toLocaleString('en')} located sites with one scored visit each`);
    const tSites = performance.now();
    await addSites();
    log(`  ${fmt(performance.now() - tSites)} ms`);
  }

  // ------------------------------------------------------------ (a) the refresh vs one sequential scan
  const scan = await admin.connect();
  await scan.query('set enable_indexscan = off; set enable_indexonlyscan = off; set enable_bitmapscan = off');
  const seq = median(await repeat(3, () => scan.query('select count(*) from problems')));
  scan.release();
  let result: Awaited<ReturnType<typeof refreshSnapshots>> = null;
  const refresh = await repeat(REFRESH_RUNS, async () => {
    result = await refreshSnapshots(database.db, new Date());
  });
  const refreshMs = median(refresh);
  log(`\n(a) refresh of every snapshot: ${result!.regions} regions, ${result!.sites.toLocaleString('en')} map points`);
  log(`  baseline: one sequential scan of problems (count(*)) ${fmt(seq)} ms (median of 3)`);
  log(
    `  refresh: ${refresh.map(fmt).join(', ')} ms → median ${fmt(refreshMs)} ms = ${(refreshMs / seq).toFixed(2)}× the scan (once a minute, by the job)`,
  );

  // ------------------------------------------------------------ (b) the endpoints
  const office = await tokenFor(info.officeUsername);
  const county = info.counties[0];
  const scenario = async (what: string, pathname: string, goal: boolean) => {
    const r = await runWorker({
      kind: 'sequence',
      port,
      warmup: 5,
      requests: Array.from({ length: REQUESTS + 5 }, () => ({ path: pathname, token: office })),
    });
    if (r.ok !== REQUESTS) throw new Error(`${what}: ${r.ok}/${REQUESTS} ok ${JSON.stringify(r.errors)}`);
    const size = (await (await fetch(`${base}${pathname}`, { headers: { authorization: `Bearer ${office}` } })).arrayBuffer()).byteLength;
    const p50 = percentile(r.latencies, 50);
    const p95 = percentile(r.latencies, 95);
    rows.push({
      what,
      p50: `${fmt(p50)} ms`,
      p95: `${fmt(p95)} ms`,
      bytes: `${(size / 1024).toFixed(1)} KiB`,
      goal: goal ? 'p95 ≤ 100 ms' : 'baseline',
      pass: goal ? (p95 <= 100 ? 'yes' : 'NO') : '',
    });
    log(`  ${what}: p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms (${r.ok} requests, ${(size / 1024).toFixed(1)} KiB)`);
  };
  log(`\n(b) HTTP as the city office (${info.officeUsername}), ${REQUESTS} sequential requests each after 5 warm-up`);
  await scenario('GET /api/auth/session (baseline)', '/api/auth/session', false);
  await scenario('GET /api/dashboard (city)', '/api/dashboard', true);
  await scenario(`GET /api/dashboard?regionId= (county ${county.name})`, `/api/dashboard?regionId=${county.id}`, true);
  await scenario(`GET /api/dashboard/sites (county ${county.name})`, `/api/dashboard/sites?regionId=${county.id}`, true);
  await scenario(`GET /api/dashboard/sites (city, every site)`, '/api/dashboard/sites', true);
  console.table(rows);
} finally {
  if (SITES) await removeSites();
  await app.close();
  await admin.end();
}
