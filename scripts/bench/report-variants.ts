/**
 * What the write path without global locks bought, measured without Node in the way: the SQL of one report, replayed
 * from `BENCH_CLIENTS` pg connections against the benchmark database, in two designs:
 *   before  — the write path until 2026-12-03: the month's counter row taken in its own statement, then BEGIN,
 *             problem, timeline entry, notice job and the audit event linked to the chain under one advisory lock
 *             held until COMMIT (emulated: the lock is taken by the audit insert itself, as the old trigger did);
 *   after   — today's: the code from the county's sequence (next_problem_code), then one statement (data-modifying
 *             CTEs) writing problem, timeline entry, notice job and audit event, in autocommit; the sealer (audit_seal)
 *             chains the events every 2 s, as the job does in production;
 * both preceded by the same reads the API made then (token, user, grants, idempotency, region, category), plus raw
 * single-row INSERTs for scale, and
 *   evening — 2026-12-03 evening: authentication as one statement (token ⋈ user ⋈ grants), every check and the code as
 *             one statement (problems/repository.ts `reportCheck`, the app's own SQL), and the write answering the new
 *             row from its RETURNING (no re-read); the notice is left to the drain loop (not replayed here);
 * and the evening design's parts alone, to see which part costs what: `auth`, `check`, `write` and `write-bare` (the
 * problem and its timeline entry only). Run after `npm run bench:problems` on the same database:
 *   tsx scripts/bench/report-variants.ts                                   # raw, before, after, evening
 *   BENCH_VARIANTS=raw,auth,check,write-bare,write,evening tsx scripts/bench/report-variants.ts
 * The rows it adds have client ids starting txv-/RAWV and are removed by the next BENCH_REUSE=1 run.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { grantsJsonSql } from '../../server/platform/actor';
import { reportCheck } from '../../server/modules/problems/report-statements';
import type { DB } from '../../server/platform/schema';
import { benchConfig, type DatasetInfo } from './generate-problems';
import { median } from './measure';

const cfg = benchConfig();
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const pool = new pg.Pool({ connectionString: cfg.url, max: CLIENTS + 1 });
const info = (await pool.query(`select value from bench_dataset where key = 'info'`)).rows[0].value as DatasetInfo;
const reporter = (await pool.query(`select id, name, username from users where username = $1`, [info.reporters[0]])).rows[0];
await pool.query('create table if not exists bench_old_counters (month text primary key, last int not null)');
const month = `TXV${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7).replace('-', '')}`;
/** The designs, and the evening design's parts alone (`BENCH_VARIANTS=raw,auth,check,write,write-bare`): which part costs what. */
const VARIANTS = ['raw', 'before', 'after', 'evening', 'auth', 'check', 'write', 'write-bare', 'auth-batch', 'write-batch'] as const;
/** Reports per statement in the batched variants, which run on CLIENTS / BATCH connections (as one app node coalescing its clients' requests would). */
const BATCH = Number(process.env.BENCH_BATCH ?? 8);
const batched = (v: Variant) => v.endsWith('-batch');
type Variant = (typeof VARIANTS)[number];
// The app's own check statement runs through Kysely on a pool of its own (one connection per client).
const checkDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: cfg.url, max: CLIENTS }) }) });

let seq = 0;
const grantsSql = checkDb
  .selectNoFrom(grantsJsonSql(sql.ref('au.id')).as('grants'))
  .compile()
  .sql.replace(/^select /, '');

/**
 * Today's write of one report as one statement (data-modifying CTEs, answering the new row with its joins): the
 * problem and its timeline entry, and unless `bare` the notice job and the audit event.
 */
async function writeReport(
  c: pg.PoolClient,
  r: { id: string; code: string; clientId: string; category: string; village: string; now: Date; bare: boolean },
): Promise<void> {
  const job = JSON.stringify({ notice: { kind: 'reported', title: `新上报问题 ${r.code} 待受理`, problemId: r.id }, to: [] });
  const audit = JSON.stringify({ code: r.code, category_code: r.category, state: 'pending' });
  await c.query(
    `with problems as (insert into problems (id, code, client_id, description, category_code, source, severity, state, region_id, reporter_id, reporter_name, created_at, updated_at)
      values ($1, $2, $3, '人行道上机动车乱停放', $4, 'grid', 'normal', 'pending', $5, $6, $7, $8, $8) returning *),
     e as (insert into problem_events (problem_id, action, from_state, to_state, actor_id, actor_name, occurred_at) values ($1, 'report', null, 'pending', $6, $7, $8))
     ${
       r.bare
         ? ''
         : `, j as (insert into outbox_jobs (kind, subject_type, subject_id, payload, created_at) values ('notice', 'problem', $1, $9, $8)),
     a as (insert into audit_events (occurred_at, actor_id, actor_name, action, subject_type, subject_id, after, ip, user_agent)
     values ($8, $6, $7, 'problem.reported', 'problem', $1, $10, '127.0.0.1', 'variants'))`
     }
     select problems.*, r.path, r.name, u.name as unit_name, cat.name as category_name from problems join regions r on r.id = problems.region_id
       left join units u on u.id = problems.unit_id join problem_categories cat on cat.code = problems.category_code`,
    [r.id, r.code, r.clientId, r.category, r.village, reporter.id, reporter.name, r.now, ...(r.bare ? [] : [job, audit])],
  );
}

/** The whole write of `n` reports as one statement (multi-row VALUES in each CTE). */
async function writeReports(c: pg.PoolClient, n: number, now: Date): Promise<void> {
  const rows = Array.from({ length: n }, () => {
    const i = seq++;
    const id = crypto.randomUUID();
    return {
      id,
      code: `TXB-${i}-${id}`,
      clientId: `txv-${i}-${id}`,
      category: info.categories[i % info.categories.length],
      village: info.villages[i % info.villages.length],
    };
  });
  const params: unknown[] = [reporter.id, reporter.name, now];
  const p = (v: unknown) => `$${params.push(v)}`;
  const problemsValues = rows.map(
    (r) =>
      `(${p(r.id)}::uuid, ${p(r.code)}, ${p(r.clientId)}, '人行道上机动车乱停放', ${p(r.category)}, 'grid', 'normal', 'pending', ${p(r.village)}::uuid, $1::uuid, $2, $3::timestamptz, $3::timestamptz)`,
  );
  const ids = rows.map((r) => p(r.id) + '::uuid');
  const jobs = rows.map(
    (r, k) =>
      `(${ids[k]}, ${p(JSON.stringify({ notice: { kind: 'reported', title: `新上报问题 ${r.code} 待受理`, problemId: r.id }, to: [] }))}::jsonb)`,
  );
  const audits = rows.map(
    (r, k) => `(${ids[k]}, ${p(JSON.stringify({ code: r.code, category_code: r.category, state: 'pending' }))}::jsonb)`,
  );
  await c.query(
    `with problems as (insert into problems (id, code, client_id, description, category_code, source, severity, state, region_id, reporter_id, reporter_name, created_at, updated_at)
      values ${problemsValues.join(', ')} returning *),
     e as (insert into problem_events (problem_id, action, from_state, to_state, actor_id, actor_name, occurred_at) select id, 'report', null, 'pending', $1, $2, $3 from problems),
     j as (insert into outbox_jobs (kind, subject_type, subject_id, payload, created_at) select 'notice', 'problem', x.id, x.payload, $3 from (values ${jobs.join(', ')}) as x(id, payload)),
     a as (insert into audit_events (occurred_at, actor_id, actor_name, action, subject_type, subject_id, after, ip, user_agent)
       select $3, $1, $2, 'problem.reported', 'problem', x.id, x.after, '127.0.0.1', 'variants' from (values ${audits.join(', ')}) as x(id, after))
     select problems.*, r.path, r.name, u.name as unit_name, cat.name as category_name from problems join regions r on r.id = problems.region_id
       left join units u on u.id = problems.unit_id join problem_categories cat on cat.code = problems.category_code`,
    params,
  );
}

async function report(c: pg.PoolClient, variant: Variant): Promise<number> {
  if (variant === 'write-batch') {
    await writeReports(c, BATCH, new Date());
    return BATCH;
  }
  if (variant === 'auth-batch') {
    await c.query(
      `select t.id as token_id, t.last_used_at, au.id, au.username, au.name, au.unit_id, au.region_id, au.must_change_password, au.is_demo,
              au.active, ${grantsSql}
         from unnest($1::text[], $2::uuid[]) as k(hash, user_id) join users au on au.id = k.user_id
         left join api_tokens t on t.user_id = au.id and t.token_hash = k.hash and t.revoked_at is null and t.expires_at > now()`,
      [Array.from({ length: BATCH }, () => crypto.randomBytes(32).toString('hex')), Array.from({ length: BATCH }, () => reporter.id)],
    );
    return BATCH;
  }
  await reportOne(c, variant);
  return 1;
}

async function reportOne(c: pg.PoolClient, variant: Variant): Promise<void> {
  const i = seq++;
  const village = info.villages[i % info.villages.length];
  const category = info.categories[i % info.categories.length];
  const now = new Date();
  if (variant === 'raw') {
    await c.query(
      `insert into problems (code, description, category_code, source, severity, state, region_id, reporter_id, reporter_name, created_at, updated_at)
      values ($1, '人行道上机动车乱停放', $2, 'grid', 'normal', 'pending', $3, $4, $5, $6, $6) returning id, code`,
      [`RAWV-${i}-${crypto.randomUUID()}`, category, village, reporter.id, reporter.name, now],
    );
    return;
  }
  if (variant === 'write' || variant === 'write-bare') {
    // The write alone, with a made-up code (no auth, no check); write-bare: the problem and its timeline entry only.
    const id = crypto.randomUUID();
    await writeReport(c, {
      id,
      code: `TXW-${i}-${id}`,
      clientId: `txv-${i}-${id}`,
      category,
      village,
      now,
      bare: variant === 'write-bare',
    });
    return;
  }
  if (variant === 'evening' || variant === 'auth' || variant === 'check') {
    // Authentication: the token, its user and the grants in one statement (auth/tokens.ts resolveApiTokenUser).
    if (variant !== 'check')
      await c.query(
        `select t.id as token_id, t.last_used_at, au.id, au.username, au.name, au.unit_id, au.region_id, au.must_change_password, au.is_demo,
              au.active, ${grantsSql}
         from users au left join api_tokens t on t.user_id = au.id and t.token_hash = $1 and t.revoked_at is null and t.expires_at > now()
        where au.id = $2`,
        [crypto.randomBytes(32).toString('hex'), reporter.id],
      );
    if (variant === 'auth') return;
    const clientId = `txv-${i}-${crypto.randomUUID()}`;
    const check = await reportCheck(checkDb as never, {
      reporterId: reporter.id,
      clientId,
      regionId: village,
      siteId: null,
      actorRegionId: null,
      actorUnitId: null,
      categoryCode: category,
      // Reports go to every village, as in the other designs (which check no area): the area check passes.
      area: { global: true, paths: [] },
      mayWrite: true,
      now,
    });
    if (!check.code) throw new Error(`report refused: ${JSON.stringify(check)}`);
    if (variant === 'check') return;
    await writeReport(c, { id: crypto.randomUUID(), code: check.code, clientId, category, village, now, bare: false });
    return;
  }
  // The reads the API made before writing until the evening of 2026-12-03 (the same for both earlier designs).
  await c.query(`select id, user_id, last_used_at from api_tokens where token_hash = $1 and revoked_at is null`, [
    crypto.randomBytes(32).toString('hex'),
  ]);
  await c.query(`select id, username, name, unit_id, region_id, must_change_password, is_demo, active from users where id = $1`, [
    reporter.id,
  ]);
  await c.query(
    `select ur.role, ur.scope_type, ur.scope_id, r.path from user_roles ur left join regions r on r.id = ur.scope_id and ur.scope_type = 'region' where ur.user_id = $1`,
    [reporter.id],
  );
  const clientId = `txv-${i}-${crypto.randomUUID()}`;
  await c.query(`select id from problems where reporter_id = $1 and client_id = $2`, [reporter.id, clientId]);
  await c.query(`select code, active from problem_categories where code = $1`, [category]);
  await c.query(`select id, path from regions where id = $1`, [village]);
  const id = crypto.randomUUID();
  const audit = (code: string) => [
    now,
    reporter.id,
    reporter.name,
    id,
    JSON.stringify({ code, category_code: category, state: 'pending' }),
  ];
  const job = (code: string) => JSON.stringify({ notice: { kind: 'reported', title: `新上报问题 ${code} 待受理`, problemId: id }, to: [] });
  if (variant === 'before') {
    const n = (
      await c.query(
        `insert into bench_old_counters (month, last) values ($1, 1) on conflict (month) do update set last = bench_old_counters.last + 1 returning last`,
        [month],
      )
    ).rows[0].last;
    const code = `${month}-${n}`;
    await c.query('begin');
    try {
      await c.query(
        `insert into problems (id, code, client_id, description, category_code, source, severity, state, region_id, reporter_id, reporter_name, created_at, updated_at)
        values ($1, $2, $3, '人行道上机动车乱停放', $4, 'grid', 'normal', 'pending', $5, $6, $7, $8, $8)`,
        [id, code, clientId, category, village, reporter.id, reporter.name, now],
      );
      await c.query(
        `insert into problem_events (problem_id, action, from_state, to_state, actor_id, actor_name, occurred_at) values ($1, 'report', null, 'pending', $2, $3, $4)`,
        [id, reporter.id, reporter.name, now],
      );
      await c.query(
        `insert into outbox_jobs (kind, subject_type, subject_id, payload, created_at) values ('notice', 'problem', $1, $2, $3)`,
        [id, job(code), now],
      );
      // The old trigger: one writer at a time extends the chain, the lock held until COMMIT.
      await c.query(
        `with chain as (select pg_advisory_xact_lock(7461031) as l)
         insert into audit_events (occurred_at, actor_id, actor_name, action, subject_type, subject_id, after, ip, user_agent)
         select $1, $2, $3, 'problem.reported', 'problem', $4, $5, '127.0.0.1', 'variants' from chain`,
        audit(code),
      );
      await c.query('commit');
    } catch (e) {
      await c.query('rollback');
      throw e;
    }
  } else {
    const code = (await c.query(`select next_problem_code('TX', $1, $2) as code`, [village, now])).rows[0].code;
    await c.query(
      `with p as (insert into problems (id, code, client_id, description, category_code, source, severity, state, region_id, reporter_id, reporter_name, created_at, updated_at)
        values ($1, $2, $3, '人行道上机动车乱停放', $4, 'grid', 'normal', 'pending', $5, $6, $7, $8, $8)),
       e as (insert into problem_events (problem_id, action, from_state, to_state, actor_id, actor_name, occurred_at) values ($1, 'report', null, 'pending', $6, $7, $8)),
       j as (insert into outbox_jobs (kind, subject_type, subject_id, payload, created_at) values ('notice', 'problem', $1, $9, $8))
       insert into audit_events (occurred_at, actor_id, actor_name, action, subject_type, subject_id, after, ip, user_agent)
       values ($8, $6, $7, 'problem.reported', 'problem', $1, $10, '127.0.0.1', 'variants')`,
      [id, code, clientId, category, village, reporter.id, reporter.name, now, job(code), audit(code)[4]],
    );
  }
  await c.query(
    `select p.*, r.path, r.name, u.name as unit_name, cat.name as category_name from problems p join regions r on r.id = p.region_id
    left join units u on u.id = p.unit_id join problem_categories cat on cat.code = p.category_code where p.id = $1`,
    [id],
  );
}

async function run(variant: Variant): Promise<number> {
  const conns = await Promise.all(
    Array.from({ length: batched(variant) ? Math.max(1, Math.ceil(CLIENTS / BATCH)) : CLIENTS }, () => pool.connect()),
  );
  const loop = async (c: pg.PoolClient, until: number, count: { n: number }) => {
    while (performance.now() < until) {
      const done = await report(c, variant); // (not `count.n += await …`: that reads count.n before the await)
      count.n += done;
    }
  };
  // The sealer, as the audit-seal job runs it in production (every 2 s, one at a time).
  let sealing = true;
  const sealer = (async () => {
    while (sealing) {
      await pool.query('select audit_seal(20000)');
      await new Promise((r) => setTimeout(r, 2000));
    }
  })();
  await Promise.all(conns.map((c) => loop(c, performance.now() + 1500, { n: 0 })));
  const count = { n: 0 };
  const t = performance.now();
  await Promise.all(conns.map((c) => loop(c, t + SECONDS * 1000, count)));
  const rate = count.n / ((performance.now() - t) / 1000);
  sealing = false;
  await sealer;
  conns.forEach((c) => c.release());
  return rate;
}

console.log(
  `report write path, before and after, ${CLIENTS} connections, ${SECONDS} s each, ${ROUNDS} rounds (median); load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')}`,
);
const chosen = (process.env.BENCH_VARIANTS ?? 'raw,before,after,evening').split(',').map((v) => v.trim()) as Variant[];
for (const v of chosen) if (!VARIANTS.includes(v)) throw new Error(`unknown variant ${v}; one of ${VARIANTS.join(', ')}`);
if (!chosen.includes('raw')) chosen.unshift('raw');
const results = Object.fromEntries(chosen.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
for (let r = 0; r < ROUNDS; r++) {
  for (const v of Object.keys(results) as Variant[]) results[v].push(await run(v));
}
for (const [v, rates] of Object.entries(results))
  console.log(
    `  ${v.padEnd(8)} ${median(rates).toFixed(0).padStart(6)} /s   (${rates.map((x) => x.toFixed(0)).join(', ')})   ${((100 * median(rates)) / median(results.raw)).toFixed(1)}% of raw`,
  );
await pool.query('drop table bench_old_counters');
await pool.end();
await checkDb.destroy();
