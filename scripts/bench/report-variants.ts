/**
 * Why reports are slow, measured without Node in the way: the SQL that POST /api/problems runs
 * (submit-problem.ts, as of this benchmark), replayed from `BENCH_CLIENTS` pg connections, in three
 * orders of the same statements:
 *   as-is         — the code's order: the month counter row and the audit chain's advisory lock are
 *                   taken early and held until COMMIT, so every report waits for the previous report's
 *                   remaining statements and its WAL flush;
 *   short-locks   — the code numbered from a sequence (no counter row lock held to COMMIT), and the
 *                   audit event written last, so only "audit insert + COMMIT" is serialized;
 *   no-chain      — short-locks without the audit insert: the ceiling if the chain were linked
 *                   asynchronously (a sealer job), i.e. what the chain lock costs.
 * plus raw single-row INSERTs for scale. Run after `npm run bench:problems` on the same database:
 *   tsx scripts/bench/report-variants.ts
 * The rows it adds have codes starting TXV/RAWV and are removed by the next BENCH_REUSE=1 run.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { benchConfig, type DatasetInfo } from './generate-problems';
import { median } from './measure';

const cfg = benchConfig();
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const pool = new pg.Pool({ connectionString: cfg.url, max: CLIENTS + 1 });
const info = (await pool.query(`select value from bench_dataset where key = 'info'`)).rows[0].value as DatasetInfo;
const reporter = (await pool.query(`select id, name, username from users where username = $1`, [info.reporters[0]])).rows[0];
await pool.query('create sequence if not exists bench_txv_code_seq');
const month = `TXV${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7).replace('-', '')}`;
type Variant = 'as-is' | 'short-locks' | 'no-chain' | 'raw';
let seq = 0;

async function report(c: pg.PoolClient, variant: Variant): Promise<void> {
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
  // Before the transaction: token, actor, grants, idempotency check, category, region (as the API does).
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
  const region = (await c.query(`select id, path from regions where id = $1`, [village])).rows[0];
  const counter = `insert into problem_code_counters (month, last) values ($1, 1) on conflict (month) do update set last = problem_code_counters.last + 1 returning last`;
  // short-locks/no-chain number the code from a sequence: no row lock, no extra commit.
  let n = variant === 'as-is' ? 0 : (await c.query(`select nextval('bench_txv_code_seq') as last`)).rows[0].last;
  await c.query('begin');
  try {
    if (variant === 'as-is') n = (await c.query(counter, [month])).rows[0].last;
    const row = (
      await c.query(
        `insert into problems (code, client_id, description, category_code, source, severity, state, region_id, reporter_id, reporter_name, created_at, updated_at)
      values ($1, $2, '人行道上机动车乱停放', $3, 'grid', 'normal', 'pending', $4, $5, $6, $7, $7) returning id, code`,
        [`${month}${variant === 'as-is' ? '' : 'S'}-${n}`, clientId, category, village, reporter.id, reporter.name, now],
      )
    ).rows[0];
    await c.query(
      `insert into problem_events (problem_id, action, from_state, to_state, actor_id, actor_name, occurred_at) values ($1, 'report', null, 'pending', $2, $3, $4)`,
      [row.id, reporter.id, reporter.name, now],
    );
    const audit = () =>
      c.query(
        `insert into audit_events (occurred_at, actor_id, actor_name, action, subject_type, subject_id, after, ip, user_agent) values ($1, $2, $3, 'problem.reported', 'problem', $4, $5, '127.0.0.1', 'variants')`,
        [now, reporter.id, reporter.name, row.id, JSON.stringify({ code: row.code, category_code: category, state: 'pending' })],
      );
    if (variant === 'as-is') await audit();
    const office = await c.query(
      `select distinct u.id from user_roles g join users u on u.id = g.user_id and u.active join regions r on r.id = g.scope_id
      where g.scope_type = 'region' and g.role = any($1::text[]) and $2 like r.path || '%'`,
      [['office'], region.path],
    );
    for (const o of office.rows) {
      await c.query(
        `insert into notifications (user_id, kind, title, body, problem_id, created_at) values ($1, 'reported', $2, '人行道上机动车乱停放', $3, $4)`,
        [o.id, `新上报问题 ${row.code} 待受理`, row.id, now],
      );
    }
    if (variant === 'short-locks') await audit();
    await c.query('commit');
    await c.query(
      `select p.*, r.path, r.name, u.name as unit_name, cat.name as category_name from problems p join regions r on r.id = p.region_id
      left join units u on u.id = p.unit_id join problem_categories cat on cat.code = p.category_code where p.id = $1`,
      [row.id],
    );
  } catch (e) {
    await c.query('rollback');
    throw e;
  }
}

async function run(variant: Variant): Promise<number> {
  const conns = await Promise.all(Array.from({ length: CLIENTS }, () => pool.connect()));
  const loop = async (c: pg.PoolClient, until: number, count: { n: number }) => {
    while (performance.now() < until) {
      await report(c, variant);
      count.n += 1;
    }
  };
  await Promise.all(conns.map((c) => loop(c, performance.now() + 1500, { n: 0 })));
  const count = { n: 0 };
  const t = performance.now();
  await Promise.all(conns.map((c) => loop(c, t + SECONDS * 1000, count)));
  const rate = count.n / ((performance.now() - t) / 1000);
  conns.forEach((c) => c.release());
  return rate;
}

console.log(`report transaction variants, ${CLIENTS} connections, ${SECONDS} s each, ${ROUNDS} rounds (median)`);
const results: Record<Variant, number[]> = { raw: [], 'as-is': [], 'short-locks': [], 'no-chain': [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const v of Object.keys(results) as Variant[]) results[v].push(await run(v));
}
for (const [v, rates] of Object.entries(results))
  console.log(`  ${v.padEnd(12)} ${median(rates).toFixed(0).padStart(6)} /s   (${rates.map((x) => x.toFixed(0)).join(', ')})`);
await pool.end();
