/**
 * `npm run bench:evaluation`: one monthly 月评排名 run at city scale against PostgreSQL — 2 000 units, 1 000 000
 * problems (generate-problems.ts), 20 000 sites and 5 000 000 checklist results (generate-inspections.ts) — for a
 * scheme with every group the issue names (部门 by unit type, 社区, 乡镇街道, 县市区, 点位), compared with one
 * sequential scan of `problems` measured in the same process (goal: the run ≤ 3× the scan). Also the run's results
 * read back (GET …/results, p95) as the office opens the ranking. A benchmark prints numbers; it is not a timed test.
 *
 * Variables as bench:problems (BENCH_DATABASE_URL, BENCH_PROBLEMS, BENCH_UNITS, BENCH_REUSE=1 keeps a dataset of the
 * same size) plus generate-inspections.ts's (BENCH_SITES, BENCH_ROUNDS, BENCH_STANDARDS_PER_TYPE), BENCH_RUNS (3).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { formatPeriod, periodOf, previousPeriod } from '../../common/period';
import { buildApp } from '../../server/app';
import { systemClock } from '../../server/platform/clock';
import { openDatabase } from '../../server/platform/db';
import { migrate } from '../../server/platform/migrate';
import { BENCH_PASSWORD, benchConfig, ensureDatabase, existingDataset, generateDataset } from './generate-problems';
import { existingInspections, generateInspections, inspectionConfig } from './generate-inspections';
import { machineFacts, median, percentile, repeat } from './measure';

const cfg = benchConfig();
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const log = (s: string) => console.log(s);
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

log(`bench:evaluation — ${cfg.problems.toLocaleString('en')} problems, ${cfg.units} units, ${inspectionConfig().sites} sites`);
await ensureDatabase(cfg.url);
for (const [k, v] of Object.entries(await machineFacts(cfg.url))) log(`  ${k}: ${v}`);

// ---------------------------------------------------------------- dataset
let info = process.env.BENCH_REUSE === '1' ? await existingDataset(cfg.url, cfg) : null;
if (!info) {
  log('\ngenerating the problems dataset');
  info = await generateDataset(cfg, log);
}
const database = await openDatabase({ url: cfg.url });
await migrate(database.db);
const admin = new pg.Pool({ connectionString: cfg.url, max: 2 });
const client = await admin.connect();
let layer = process.env.BENCH_REUSE === '1' ? await existingInspections(client) : null;
if (!layer) {
  log('\ngenerating the inspection layer');
  layer = await generateInspections(client, new Date(info.now), log);
}
client.release();
log(
  `\ndataset: ${info.problems.toLocaleString('en')} problems, ${info.units} units, ${layer.sites.toLocaleString('en')} sites, ` +
    `${layer.visits.toLocaleString('en')} visits, ${layer.results.toLocaleString('en')} checklist results`,
);
// Runs of earlier benchmark runs go (their rows would only slow the drafts' replacement).
await admin.query(`delete from evaluation_runs where campaign_id = $1`, [layer.campaignId]);
await admin.query(`delete from evaluation_schemes where campaign_id = $1`, [layer.campaignId]);

// ---------------------------------------------------------------- the app
const app = await buildApp({
  database,
  clock: systemClock,
  logLevel: 'silent',
  serveWeb: false,
  filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-files-')),
});
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bench_office', password: BENCH_PASSWORD } });
if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
const headers = { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const res = await app.inject({ method, url, headers, payload: payload as never });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res.json();
};

const unitIndicators = [
  { code: 'problem.close_rate', weight: 20, rule: { type: 'linear', floor: 0.6, ceiling: 1 } },
  { code: 'problem.on_time_rate', weight: 15, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
  { code: 'problem.rework_rate', weight: 10, rule: { type: 'linear', floor: 0, ceiling: 0.3 } },
  { code: 'problem.overdue_count', weight: 15, rule: { type: 'deduction', per: 0.5, cap: 15 } },
  {
    code: 'inspection.avg_score_rate',
    weight: 20,
    rule: {
      type: 'grade',
      bands: [
        { min: 0.9, points: 20 },
        { min: 0.8, points: 14 },
        { min: 0.7, points: 8 },
      ],
    },
  },
  { code: 'inspection.pass_rate', weight: 10, rule: { type: 'linear', floor: 0.5, ceiling: 1 } },
  { code: 'inspection.covert_findings', weight: 5, rule: { type: 'deduction', per: 0.2, cap: 5 } },
  { code: 'manual.score', weight: 5, rule: { type: 'linear', floor: 60, ceiling: 100 } },
  { code: 'problems.relapses', weight: 1, rule: { type: 'veto', threshold: 50 } },
];
const siteIndicators = [
  { code: 'inspection.avg_score_rate', weight: 70, rule: { type: 'linear', floor: 0.6, ceiling: 1 } },
  { code: 'inspection.pass_rate', weight: 30, rule: { type: 'linear', floor: 0, ceiling: 1 } },
];
const scheme = await call('POST', '/api/evaluation/schemes', {
  campaignId: layer.campaignId,
  name: '临江市创建工作月度考核（压测）',
  periodType: 'month',
  redCount: 5,
  blackCount: 5,
  groups: [
    { name: '县直部门', subjectType: 'unit', unitTypes: ['county_dept'], indicators: unitIndicators },
    {
      name: '窗口单位、医院、学校、企业',
      subjectType: 'unit',
      unitTypes: ['window', 'hospital', 'school', 'enterprise', 'other'],
      indicators: unitIndicators,
    },
    { name: '社区', subjectType: 'unit', unitTypes: ['community'], indicators: unitIndicators },
    { name: '乡镇街道', subjectType: 'town', indicators: unitIndicators.filter((i) => i.code !== 'manual.score') },
    { name: '县（市、区）', subjectType: 'county', indicators: unitIndicators.filter((i) => i.code !== 'manual.score') },
    { name: '点位', subjectType: 'site', indicators: siteIndicators },
  ],
});
const period = formatPeriod(previousPeriod(periodOf('month', new Date())));
log(`\nscheme ${scheme.id}: 6 groups; period ${period}`);

// ---------------------------------------------------------------- baseline: one sequential scan of problems
const scan = await admin.connect();
await scan.query('set enable_indexscan = off; set enable_indexonlyscan = off; set enable_bitmapscan = off');
const seq = median(await repeat(5, () => scan.query('select sum(length(description)) from problems')));
scan.release();
log(`baseline: one sequential scan of problems, sum(length(description)): ${fmt(seq)} ms (median of 5)`);

// ---------------------------------------------------------------- the run (each POST replaces the month's draft)
let runId = '';
const runTimes = await repeat(RUNS, async () => {
  runId = (await call('POST', '/api/evaluation/runs', { schemeId: scheme.id, period })).id;
});
const run = median(runTimes);
const rows = await admin.query(
  `select group_name, count(*)::int as n, count(*) filter (where list = 'red')::int as red, count(*) filter (where list = 'black')::int as black
   from evaluation_results where run_id = $1 group by group_index, group_name order by group_index`,
  [runId],
);
const values = Number((await admin.query(`select count(*)::int as n from evaluation_values where run_id = $1`, [runId])).rows[0].n);
console.table(rows.rows);
log(`run: ${values.toLocaleString('en')} values (provenance is read on demand, not copied)`);
log(
  `one monthly run, all groups: ${fmt(run)} ms (median of ${runTimes.length}: ${runTimes.map(fmt).join(', ')}) = ${(run / seq).toFixed(2)}× the scan (goal ≤ 3×)`,
);

// ---------------------------------------------------------------- reading the ranking back
const reads: number[] = [];
for (let i = 0; i < 25; i++) {
  const t = performance.now();
  await call('GET', `/api/evaluation/runs/${runId}/results`);
  reads.push(performance.now() - t);
}
log(
  `GET results (${rows.rows.reduce((a, r) => a + r.n, 0).toLocaleString('en')} rows): p50 ${fmt(median(reads))} ms, p95 ${fmt(percentile(reads, 95))} ms`,
);

if (process.env.BENCH_JSON)
  fs.writeFileSync(
    process.env.BENCH_JSON,
    JSON.stringify(
      { seqScanMs: seq, runMs: run, runTimes, ratio: run / seq, groups: rows.rows, values, readsP95: percentile(reads, 95) },
      null,
      2,
    ),
  );
await app.close();
await admin.end();
await database.close();
process.exit(0);
