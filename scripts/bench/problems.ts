/**
 * `npm run bench:problems`: the problem loop against PostgreSQL at city scale.
 *
 *   (a) reports per second through the real HTTP API vs raw single-row INSERTs into `problems`
 *       (same run, same concurrency; goal ≥ 40%), and p50/p99 latency at a fixed 200 reports/s;
 *   (b) the metrics query for one month over all units vs one sequential scan of the table (goal ≤ 3×);
 *   (c) the list endpoint with filters, as the city office and as a unit liaison (goal p95 ≤ 100 ms).
 *
 * A benchmark prints numbers and compares them with a baseline measured in the same run; it is not a
 * timed test. Variables: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cc_bench, a
 * dedicated database: its schema is dropped and rebuilt), BENCH_PROBLEMS (1000000), BENCH_UNITS (2000),
 * BENCH_SECONDS (per load phase; 20, or 5 below 200k problems), BENCH_CLIENTS (16), BENCH_RATE (200),
 * BENCH_LIST_REQUESTS (200 per list scenario), BENCH_SCENARIO_SECONDS (time budget per list scenario, at
 * least 20 requests are measured; 30, or 4 below 200k), BENCH_REUSE=1 (keep a dataset of the same size), BENCH_EXPLAIN=<file>
 * (write EXPLAIN ANALYZE of the measured queries), BENCH_JSON=<file> (write the results).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../../server/app';
import { systemClock } from '../../server/platform/clock';
import { sealAll, verifyAuditChain } from '../../server/platform/audit';
import { DRAIN_EVERY_MS } from '../../server/platform/jobs-after-commit';
import { openDatabase } from '../../server/platform/db';
import { migrate } from '../../server/platform/migrate';
import { vacuumQueues } from '../../server/platform/queue-upkeep';
import { problemMetrics } from '../../server/modules/problems/metrics';
import { explainRequests } from './explain';
import { startProfile } from './profile';
import {
  BENCH_PASSWORD,
  benchConfig,
  ensureDatabase,
  existingDataset,
  generateDataset,
  tableSizes,
  type DatasetInfo,
} from './generate-problems';
import { machineFacts, median, percentile, repeat, runWorker } from './measure';
import { alternateWrites, closedLoop, slowBySecond, statementCounter, type PhaseCpu } from './write-load';

const cfg = benchConfig();
const env = process.env;
const SMALL = cfg.problems < 200_000;
const SECONDS = Number(env.BENCH_SECONDS ?? (SMALL ? 5 : 20));
const SCENARIO_BUDGET_S = Number(env.BENCH_SCENARIO_SECONDS ?? (SMALL ? 4 : 30));
const CLIENTS = Number(env.BENCH_CLIENTS ?? 16);
const RATE = Number(env.BENCH_RATE ?? 200);
const LIST_REQUESTS = Number(env.BENCH_LIST_REQUESTS ?? 200);
/** `BENCH_ONLY=writes`: the write phase (a) alone, when iterating on the report path (the figures (b) and (c) are left out). */
const WRITES_ONLY = env.BENCH_ONLY === 'writes';
const METRIC_RUNS = 5;
const started = performance.now();
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const log = (s: string) => console.log(s);

interface Figure {
  id: string;
  what: string;
  value: string;
  goal: string;
  pass: boolean | null;
}
const figures: Figure[] = [];
const details: Record<string, unknown> = {};

log(
  `bench:problems — ${cfg.problems.toLocaleString('en')} problems, ${cfg.units} units, ${SECONDS} s per load phase, ${CLIENTS} clients, ${RATE} req/s open loop`,
);
await ensureDatabase(cfg.url);
const machine = await machineFacts(cfg.url);
for (const [k, v] of Object.entries(machine)) log(`  ${k}: ${v}`);

// ---------------------------------------------------------------- dataset
let info: DatasetInfo | null = env.BENCH_REUSE === '1' ? await existingDataset(cfg.url, cfg) : null;
const admin = new pg.Pool({ connectionString: cfg.url, max: 2 });
if (info) {
  log(`\nreusing the dataset generated ${info.generatedAt}; removing rows a previous run's write phase added`);
  await admin.query(`delete from problems where code not like 'BM%'`);
  await admin.query(`update api_tokens set revoked_at = now() where revoked_at is null`);
  await admin.query(`vacuum analyze problems, problem_events, notifications`);
} else {
  log(`\ngenerating the dataset`);
  info = await generateDataset(cfg, log);
  log(`  generated in ${info.timings.total.toFixed(1)} s`);
}
const sizes = await tableSizes(cfg.url);
console.table(sizes);

// ---------------------------------------------------------------- the app, on a real port
const database = await openDatabase({ url: cfg.url });
await migrate(database.db); // a reused dataset may predate the newest migrations
const app = await buildApp({
  database,
  clock: systemClock,
  logLevel: 'silent',
  serveWeb: false,
  filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-files-')),
  // The after-commit drain loop as on a server node (woken after each report, plus its periodic look); its
  // statements are counted with the reports'.
  afterCommitDrainMs: DRAIN_EVERY_MS,
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
    body: JSON.stringify({ name: '压测脚本' }),
  });
  if (created.status !== 201) throw new Error(`token ${username}: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}
const office = await tokenFor(info.officeUsername);
const busy = await tokenFor(info.busyLiaison.username);
const typical = await tokenFor(info.medianLiaison.username);
const reporters = await Promise.all(info.reporters.slice(0, CLIENTS).map(tokenFor));

// ---------------------------------------------------------------- (b) metrics for one month over all units
if (!WRITES_ONLY) {
  const datasetNow = new Date(info.now);
  const cst = new Date(datasetNow.getTime() + 8 * 3600_000);
  const monthFrom = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 1, 1) - 8 * 3600_000);
  const monthTo = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), 1) - 8 * 3600_000);
  const cohort = (
    await admin.query(`select count(*)::int as n from problems where first_dispatched_at >= $1 and first_dispatched_at < $2`, [
      monthFrom,
      monthTo,
    ])
  ).rows[0].n as number;
  log(
    `\n(b) metrics for ${monthFrom.toISOString()} – ${monthTo.toISOString()} (cohort ${cohort.toLocaleString('en')} problems first dispatched in the month)`,
  );

  const scan = await admin.connect();
  await scan.query('set enable_indexscan = off; set enable_indexonlyscan = off; set enable_bitmapscan = off');
  const seqCount = median(await repeat(METRIC_RUNS, () => scan.query('select count(*) from problems')));
  const seqSum = median(await repeat(METRIC_RUNS, () => scan.query('select sum(length(description)) from problems')));
  scan.release();
  log(
    `  baseline: one sequential scan — count(*) ${fmt(seqCount)} ms, sum(length(description)) ${fmt(seqSum)} ms (median of ${METRIC_RUNS})`,
  );

  const metricsDirect = async (groupBy: 'unit' | 'region') =>
    median(
      await repeat(METRIC_RUNS, () =>
        problemMetrics(database.db, { groupBy, from: monthFrom, to: monthTo, now: new Date(), scope: sql`true` }),
      ),
    );
  const metricsPath = (groupBy: string) =>
    `/api/problems/metrics?groupBy=${groupBy}&from=${encodeURIComponent(monthFrom.toISOString())}&to=${encodeURIComponent(monthTo.toISOString())}`;
  const metricsHttp = async (groupBy: string, directMs: number) => {
    const runs = directMs > 2000 ? 3 : METRIC_RUNS;
    const r = await runWorker({
      kind: 'sequence',
      port,
      warmup: 1,
      requests: Array.from({ length: runs + 1 }, () => ({ path: metricsPath(groupBy), token: office })),
    });
    if (r.ok !== runs) throw new Error(`metrics over HTTP failed: ${JSON.stringify(r.errors)}`);
    return { ms: median(r.latencies), groups: r.firstTotal };
  };
  const mUnit = await metricsDirect('unit');
  const hUnit = await metricsHttp('unit', mUnit);
  log(
    `  groupBy=unit:   direct ${fmt(mUnit)} ms (${(mUnit / seqCount).toFixed(2)}× scan), HTTP as the city office ${fmt(hUnit.ms)} ms (${(hUnit.ms / seqCount).toFixed(2)}×), ${hUnit.groups} units`,
  );
  const mRegion = await metricsDirect('region');
  const hRegion = await metricsHttp('region', mRegion);
  log(
    `  groupBy=region: direct ${fmt(mRegion)} ms (${(mRegion / seqCount).toFixed(2)}× scan), HTTP as the city office ${fmt(hRegion.ms)} ms (${(hRegion.ms / seqCount).toFixed(2)}×), ${hRegion.groups} towns`,
  );
  figures.push(
    {
      id: 'b1',
      what: 'metrics, 1 month, all units (direct) / seq scan',
      value: `${fmt(mUnit)} ms / ${fmt(seqCount)} ms = ${(mUnit / seqCount).toFixed(2)}×`,
      goal: '≤ 3×',
      pass: mUnit / seqCount <= 3,
    },
    {
      id: 'b2',
      what: 'metrics, 1 month, all units (HTTP, office) / seq scan',
      value: `${fmt(hUnit.ms)} ms = ${(hUnit.ms / seqCount).toFixed(2)}×`,
      goal: '≤ 3×',
      pass: hUnit.ms / seqCount <= 3,
    },
    {
      id: 'b3',
      what: 'metrics, 1 month, by town (direct) / seq scan',
      value: `${fmt(mRegion)} ms = ${(mRegion / seqCount).toFixed(2)}×`,
      goal: '≤ 3×',
      pass: mRegion / seqCount <= 3,
    },
    {
      id: 'b4',
      what: 'metrics, 1 month, by town (HTTP, office) / seq scan',
      value: `${fmt(hRegion.ms)} ms = ${(hRegion.ms / seqCount).toFixed(2)}×`,
      goal: '≤ 3×',
      pass: hRegion.ms / seqCount <= 3,
    },
  );
  details.metrics = {
    from: monthFrom,
    to: monthTo,
    cohort,
    seqCountMs: seqCount,
    seqSumMs: seqSum,
    unitDirectMs: mUnit,
    unitHttpMs: hUnit.ms,
    regionDirectMs: mRegion,
    regionHttpMs: hRegion.ms,
  };

  // ---------------------------------------------------------------- (c) list endpoint with filters
  const someUnits = (
    await admin.query<{ unit_id: string }>(
      `select unit_id from problems where unit_id is not null group by unit_id order by md5(unit_id::text) limit 50`,
    )
  ).rows.map((r) => r.unit_id);
  const counties = info.counties.map((c) => c.id);
  type Scenario = { name: string; token: string; path: (i: number) => string };
  const scenarios: Scenario[] = [
    { name: 'office: first page (newest first)', token: office, path: () => '/api/problems' },
    { name: 'office: state=rectifying', token: office, path: () => '/api/problems?state=rectifying' },
    { name: 'office: unitId=<one of 50 units>', token: office, path: (i) => `/api/problems?unitId=${someUnits[i % someUnits.length]}` },
    { name: 'office: overdue=true, sort=deadline', token: office, path: () => '/api/problems?overdue=true&sort=deadline&order=asc' },
    {
      name: 'office: regionId=<county>, state=dispatched,rectifying',
      token: office,
      path: (i) => `/api/problems?regionId=${counties[i % counties.length]}&state=dispatched,rectifying`,
    },
    { name: 'office: categoryCode=E05', token: office, path: () => '/api/problems?categoryCode=E05' },
    { name: 'office: search=井盖', token: office, path: () => `/api/problems?search=${encodeURIComponent('井盖')}` },
    {
      name: 'office: county + E05 + rectifying, sort=deadline',
      token: office,
      path: (i) => `/api/problems?regionId=${counties[i % counties.length]}&categoryCode=E05&state=rectifying&sort=deadline&order=asc`,
    },
    { name: 'busiest unit liaison: first page', token: busy, path: () => '/api/problems' },
    {
      name: 'busiest unit liaison: state=rectifying, sort=deadline',
      token: busy,
      path: () => '/api/problems?state=rectifying&sort=deadline&order=asc',
    },
    { name: 'busiest unit liaison: overdue=true', token: busy, path: () => '/api/problems?overdue=true' },
    { name: 'busiest unit liaison: search=人民路', token: busy, path: () => `/api/problems?search=${encodeURIComponent('人民路')}` },
    { name: 'median unit liaison: first page', token: typical, path: () => '/api/problems' },
  ];
  log(
    `\n(c) list endpoint, ${LIST_REQUESTS} sequential requests per scenario after 5 warm-up (or as many as fit in ${SCENARIO_BUDGET_S} s, at least 20) (busiest unit: ${info.busyLiaison.problems.toLocaleString('en')} problems, median unit: ${info.medianLiaison.problems})`,
  );
  const listRows: Array<Record<string, unknown>> = [];
  for (const s of scenarios) {
    const requests = Array.from({ length: LIST_REQUESTS + 5 }, (_, i) => ({ path: s.path(i), token: s.token }));
    const r = await runWorker({ kind: 'sequence', port, warmup: 5, requests, budgetMs: SCENARIO_BUDGET_S * 1000, minRequests: 20 });
    const total = r.firstTotal;
    const row = {
      scenario: s.name,
      total,
      requests: r.latencies.length,
      p50: fmt(percentile(r.latencies, 50)),
      p95: fmt(percentile(r.latencies, 95)),
      p99: fmt(percentile(r.latencies, 99)),
      errors: Object.keys(r.errors).length ? JSON.stringify(r.errors) : '',
    };
    listRows.push(row);
    log(
      `  ${s.name}: total ${total?.toLocaleString('en')}, ${r.latencies.length} requests, p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms ${row.errors}`,
    );
    const p95 = percentile(r.latencies, 95);
    figures.push({
      id: `c${listRows.length}`,
      what: `list — ${s.name}`,
      value: `p95 ${fmt(p95)} ms (p50 ${row.p50}, p99 ${row.p99}; n=${r.latencies.length}; ${total?.toLocaleString('en')} matches)`,
      goal: '≤ 100 ms',
      pass: p95 <= 100 && !row.errors,
    });
  }
  details.list = listRows;

  if (env.BENCH_EXPLAIN) {
    const file = await explainRequests(
      cfg.url,
      [
        ...scenarios.map((s) => ({ name: s.name, path: s.path(0), token: s.token })),
        { name: 'metrics groupBy=unit (office)', path: metricsPath('unit'), token: office },
        { name: 'metrics groupBy=region (office)', path: metricsPath('region'), token: office },
      ],
      env.BENCH_EXPLAIN,
    );
    log(`\n  EXPLAIN ANALYZE of these requests written to ${file}`);
  }
}

// ---------------------------------------------------------------- (a) writes: API vs raw INSERTs
log(
  `\n(a) reports: POST /api/problems vs raw single-row INSERTs, ${CLIENTS} concurrent clients; the closed loop alternates with the raw baseline, the open loop and the floors ${SECONDS} s each`,
);
const villages = info.villages;
const categories = info.categories;
const reporterRow = (await admin.query<{ id: string; name: string }>(`select id, name from users where username = $1`, [info.reporters[0]]))
  .rows[0];

const rawShape = (tag: string) => ({ url: cfg.url, clients: CLIENTS, seconds: SECONDS, categories, villages, reporter: reporterRow, tag });
const tag = Date.now().toString(36);
// Each grid worker reports inside his own town (a report outside the reporter's area is refused since issue 7).
const villagesOf = await Promise.all(
  info.reporters.slice(0, CLIENTS).map(async (username) =>
    (
      await admin.query<{ id: string }>(
        `select v.id from users u join regions t on t.id = u.region_id join regions v on v.path like t.path || '%' and v.level = 'village'
           where u.username = $1 order by v.code`,
        [username],
      )
    ).rows.map((r) => r.id),
  ),
);
const reportJob = { port, tokens: reporters, villagesOf, categories, tag };

// Statements the app sends (every query on a pg client of this process; the raw baseline is not counted because
// counting is switched on only around the API phases), and lock waits sampled every 100 ms from another connection.
const counter = statementCounter();
counter.start();
counter.pause();
// The audit sealer runs as in production (the audit-seal job: every 2 s, one sealer at a time).
let sealed = 0;
const sealer = setInterval(() => {
  void sealAll(database.db).then((n) => (sealed += n));
}, 2000);
// So does the queue tables' upkeep (the queue-upkeep job: a VACUUM of the sealer's and the jobs' queues every minute);
// a server would have run it all along, so once before the load too.
await vacuumQueues(database.db);
const upkeep = setInterval(() => void vacuumQueues(database.db), 60_000);

// The API's closed loop alternates with the raw baseline (write-load.ts `alternateWrites`); a1 is the median of the phase
// ratios. BENCH_CPU_PROFILE=<file>: a CPU profile of the app's main thread over the first API phase (open it in Chrome's
// DevTools).
const WRITE_ROUNDS = Number(env.BENCH_WRITE_ROUNDS ?? 3);
const PHASE_SECONDS = Number(env.BENCH_WRITE_SECONDS ?? (SMALL ? SECONDS : 10));
const closedFrom = new Date();
let profiler = null as Awaited<ReturnType<typeof startProfile>> | null;
const writes = await alternateWrites(admin, {
  rounds: WRITE_ROUNDS,
  seconds: PHASE_SECONDS,
  clients: CLIENTS,
  raw: rawShape,
  report: reportJob,
  lockUrl: cfg.url,
  tag,
  beforeApi: async (i) => {
    counter.resume();
    if (i === 0 && env.BENCH_CPU_PROFILE) profiler = await startProfile();
  },
  afterApi: async () => {
    if (profiler && env.BENCH_CPU_PROFILE) {
      fs.writeFileSync(env.BENCH_CPU_PROFILE, JSON.stringify(await profiler.stop()));
      log(`  CPU profile of the app's main thread over the first API phase written to ${env.BENCH_CPU_PROFILE}`);
      profiler = null;
    }
    counter.pause();
  },
});
const { raws, rounds, ratios, rawRate, apiRate } = writes;
const perReport = counter.stop() / Math.max(1, writes.ok);
const perReportByKind = counter.byKind().map(([kind, n]) => [kind, n / Math.max(1, writes.ok)] as const);
log(
  `  raw INSERT rows/s, API reports/s, alternating (${PHASE_SECONDS} s each): ${raws
    .map(
      (r, i) =>
        `raw ${r.rate.toFixed(0)}${rounds[i] ? ` → API ${(rounds[i].result.ok / (rounds[i].result.elapsedMs / 1000)).toFixed(0)} (${(100 * ratios[i]).toFixed(1)} %)` : ''}`,
    )
    .join(' → ')}`,
);
log(
  `  statements sent by the app per report (auth, checks and code, the write, the after-commit drain loop's share; warm-up included): ${perReport.toFixed(1)}; lock waits (backends waiting, sampled every 100 ms): mean ${writes.locks.mean.toFixed(2)}, max ${writes.locks.max}`,
);
log(
  `  of them, by kind (per report): ${perReportByKind
    .slice(0, 8)
    .map(([kind, n]) => `${n.toFixed(2)} ${kind}`)
    .join('; ')}`,
);
const closedErrors = rounds.flatMap((r) => (Object.keys(r.result.errors).length ? [JSON.stringify(r.result.errors)] : []));
log(
  `  API closed loop: ${apiRate.toFixed(0)} reports/s over the ${rounds.length} phases (p50 ${fmt(percentile(writes.latencies, 50))} ms, p99 ${fmt(percentile(writes.latencies, 99))} ms) ${closedErrors.join(' ')}`,
);
// Who spent the CPU: per report of the closed loop (warm-up included in the CPU, so slightly over) and per raw row.
const cpuLine = (c: PhaseCpu | null) =>
  c
    ? `Node ${c.nodeMs.toFixed(2)} ms (${c.nodeSystemMs.toFixed(2)} in the kernel${c.loadGeneratorMs ? `; of it the load generator's thread ${c.loadGeneratorMs.toFixed(2)}` : ''}), PostgreSQL ${c.postgresMs.toFixed(2)} ms, other processes ${c.othersMs.toFixed(2)} ms, stolen by the hypervisor ${c.stealMs.toFixed(2)} ms, idle ${c.idleMs.toFixed(2)} ms; WAL ${(c.walBytes / 1024).toFixed(1)} kB (${c.walFpi.toFixed(2)} full-page images)`
    : 'n/a';
log(`  CPU per report (closed loop): ${cpuLine(writes.apiCpu)}; per raw INSERT row: ${cpuLine(writes.rawCpu)}`);
log(
  `  the app's event loop (its main thread) busy ${(100 * writes.loopBusy).toFixed(0)} % of the API phases (${rounds.map((r) => `${(100 * r.loopBusy).toFixed(0)} %`).join(' / ')})`,
);
// How long the office's bell waited for a report's notice (job created → delivered by the drain loop), and what was left.
await app.afterCommit.idle();
const lag = (
  await admin.query<{ n: number; pending: number; p50: number | null; p99: number | null }>(
    `select count(*)::int as n, (count(*) filter (where done_at is null))::int as pending,
            percentile_cont(0.5) within group (order by extract(epoch from done_at - created_at) * 1000) as p50,
            percentile_cont(0.99) within group (order by extract(epoch from done_at - created_at) * 1000) as p99
       from outbox_jobs j
       -- a batch of reports queues one 'notices' job holding each report's notice: counted per notice
       cross join lateral generate_series(1, case when kind = 'notices' then jsonb_array_length(payload -> 'notices') else 1 end)
       where kind in ('notice', 'notices') and created_at >= $1`,
    [closedFrom],
  )
).rows[0];
log(
  `  report notices: ${lag.n} queued during the closed loop, ${lag.pending} still pending after it; created → delivered p50 ${fmt(lag.p50 ?? 0)} ms, p99 ${fmt(lag.p99 ?? 0)} ms`,
);
const openRun = await runWorker({
  ...reportJob,
  kind: 'open',
  rate: RATE,
  seconds: SECONDS,
  warmupSeconds: 2,
  maxSockets: 512,
  tag: `${tag}o`,
});
const achieved = openRun.ok / (openRun.elapsedMs / 1000);
log(
  `  API open loop at ${RATE}/s (after 2 s at the same rate, not measured): achieved ${achieved.toFixed(0)}/s, ${openRun.ok}/${openRun.sent} answered 201, p50 ${fmt(percentile(openRun.latencies, 50))} ms, p99 ${fmt(percentile(openRun.latencies, 99))} ms ${Object.keys(openRun.errors).length ? JSON.stringify(openRun.errors) : ''}`,
);
// Where the open loop's tail came from: the requests over 50 ms, by the second they were sent in (a stall shows as a
// burst in one second; a steady tail spreads over all of them).
log(`  open loop, requests over 50 ms by the second they were sent in: ${slowBySecond(openRun)}`);
// The floor under a1: the same closed loop sending requests that do less than a report. `health` is HTTP and one
// `select 1`; `refused` is what a report does before its own work (HTTP, the authentication statement, the body
// parsed and refused by the schema). Their share of the raw INSERT rate bounds what any authenticated report can reach.
const floors: Record<string, { rate: number; p50: number; p99: number; cpu: PhaseCpu }> = {};
for (const probe of ['health', 'refused'] as const) {
  const { result: run, cpu } = await closedLoop(admin, {
    ...reportJob,
    probe,
    clients: CLIENTS,
    seconds: SECONDS,
    warmupSeconds: 2,
    maxSockets: CLIENTS,
    tag: `${tag}${probe[0]}`,
  });
  floors[probe] = { rate: run.ok / (run.elapsedMs / 1000), p50: percentile(run.latencies, 50), p99: percentile(run.latencies, 99), cpu };
  log(
    `  floor, ${probe === 'health' ? 'GET /api/health (no authentication, select 1)' : 'the report refused by its schema (authentication + parse + 400)'}: ${floors[probe].rate.toFixed(0)}/s = ${((100 * floors[probe].rate) / rawRate).toFixed(1)}% of raw (p50 ${fmt(floors[probe].p50)} ms, p99 ${fmt(floors[probe].p99)} ms) ${Object.keys(run.errors).length ? JSON.stringify(run.errors) : ''}; CPU per request: ${cpuLine(cpu)}`,
  );
}
figures.unshift(
  {
    id: 'a1',
    what: `API reports/s ÷ raw INSERT rows/s (${CLIENTS} clients)`,
    value: `median of ${ratios.length} alternating phases ${(100 * writes.a1).toFixed(1)}% (${ratios.map((r) => (100 * r).toFixed(1)).join(' / ')}); over all: ${apiRate.toFixed(0)} / ${rawRate.toFixed(0)} = ${((100 * apiRate) / rawRate).toFixed(1)}%`,
    goal: '≥ 40%',
    pass: writes.a1 >= 0.4,
  },
  {
    id: 'a1f',
    what: 'floor under a1: HTTP + authentication + a refusal ÷ raw INSERT rows/s; GET /api/health ÷ raw',
    value: `${((100 * floors.refused.rate) / rawRate).toFixed(1)}%; ${((100 * floors.health.rate) / rawRate).toFixed(1)}%`,
    goal: '(context)',
    pass: null,
  },
  {
    id: 'a2',
    what: `API at ${RATE} req/s open loop: achieved, p50 / p99`,
    value: `${achieved.toFixed(0)}/s, p50 ${fmt(percentile(openRun.latencies, 50))} ms, p99 ${fmt(percentile(openRun.latencies, 99))} ms`,
    goal: `${RATE}/s sustained, p99 ≤ 50 ms`,
    pass: achieved >= RATE * 0.97 && openRun.ok === openRun.sent && percentile(openRun.latencies, 99) <= 50,
  },
);
details.writes = {
  raws: raws.map((r) => r.rate),
  apiRates: rounds.map((r) => r.result.ok / (r.result.elapsedMs / 1000)),
  ratios,
  a1Ratio: writes.a1,
  rawRate,
  apiRate,
  apiP50: percentile(writes.latencies, 50),
  apiP99: percentile(writes.latencies, 99),
  floors,
  open: {
    rate: RATE,
    achieved,
    ok: openRun.ok,
    sent: openRun.sent,
    p50: percentile(openRun.latencies, 50),
    p99: percentile(openRun.latencies, 99),
    errors: openRun.errors,
  },
};

clearInterval(sealer);
clearInterval(upkeep);
const finalSeal = await sealAll(database.db);
const chain = await verifyAuditChain(database.db);
log(
  `  audit chain after the load: ${chain.ok ? 'intact' : `BROKEN: ${chain.reason}`}, ${chain.checked.toLocaleString('en')} events checked, ${chain.unsealed} unsealed; the sealer sealed ${(sealed + finalSeal).toLocaleString('en')} events during the run (${finalSeal} at the end)`,
);
figures.push({
  id: 'a3',
  what: 'audit chain verified after the load (sealed asynchronously)',
  value: `${chain.ok ? 'intact' : 'BROKEN'}, ${chain.checked.toLocaleString('en')} events`,
  goal: 'intact',
  pass: chain.ok,
});
details.writes = {
  ...(details.writes as object),
  statementsPerReport: perReport,
  lockWaits: writes.locks,
  chain,
  noticeLag: lag,
  cpuPerReport: writes.apiCpu,
  cpuPerRawRow: writes.rawCpu,
};

await app.close();
await database.close();
await admin.end();

// ---------------------------------------------------------------- summary
const wall = (performance.now() - started) / 1000;
log(
  `\nsummary (${cfg.problems.toLocaleString('en')} problems, ${cfg.units} units; run took ${wall.toFixed(0)} s, dataset generation ${info.timings.total.toFixed(0)} s; load average now ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')} on ${os.availableParallelism()} CPUs)\n`,
);
log('| # | figure | measured | goal | |');
log('| --- | --- | --- | --- | --- |');
for (const f of figures) log(`| ${f.id} | ${f.what} | ${f.value} | ${f.goal} | ${f.pass === null ? '' : f.pass ? 'pass' : 'FAIL'} |`);
if (env.BENCH_JSON) {
  fs.writeFileSync(
    env.BENCH_JSON,
    JSON.stringify(
      {
        config: { ...cfg, seconds: SECONDS, clients: CLIENTS, rate: RATE, listRequests: LIST_REQUESTS },
        machine,
        dataset: { sizes, timings: info.timings, busyLiaison: info.busyLiaison, medianLiaison: info.medianLiaison },
        figures,
        details,
        wallSeconds: wall,
      },
      null,
      2,
    ),
  );
  log(`\nresults written to ${env.BENCH_JSON}`);
}
