/**
 * The write phase's instruments for `npm run bench:problems` (problems.ts): the raw single-row INSERT baseline, the
 * CPU of the PostgreSQL processes a phase uses, the statements the app sends, lock waits sampled from another
 * connection, and where an open loop's tail came from.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { cpuPer, cpuSnapshot, median, runWorker, type CpuSnapshot, type LoadResult } from './measure';

/** What a phase cost per unit of work: CPU (`cpuPer`) and the WAL PostgreSQL wrote for it (`pg_stat_wal`). */
export type PhaseCpu = ReturnType<typeof cpuPer> & { walBytes: number; walFpi: number };

/** The server's WAL counters so far: bytes and full-page images (a page's first change after a checkpoint). */
async function walSnapshot(admin: pg.Pool): Promise<{ bytes: number; fpi: number }> {
  const r = await admin.query<{ bytes: string; fpi: string }>(`select wal_bytes::text as bytes, wal_fpi::text as fpi from pg_stat_wal`);
  return { bytes: Number(r.rows[0].bytes), fpi: Number(r.rows[0].fpi) };
}

/** The PostgreSQL processes whose CPU a phase counts: the backends of the benchmark's database and the shared writers. */
export async function benchPids(admin: pg.Pool): Promise<Set<number>> {
  const r = await admin.query<{ pid: number }>(
    `select pid from pg_stat_activity
      where datname = current_database() or backend_type in ('walwriter', 'background writer', 'checkpointer', 'walsummarizer')`,
  );
  return new Set(r.rows.map((x) => x.pid));
}

/** Runs `phase` and the CPU it cost per unit of work (`units` of its result): Node, PostgreSQL, others, idle. */
export async function withCpu<T>(
  admin: pg.Pool,
  phase: () => Promise<T>,
  units: (result: T) => number,
  loadGeneratorMs: (result: T) => number = () => 0,
): Promise<{ result: T; cpu: PhaseCpu }> {
  const pids = await benchPids(admin);
  const walBefore = await walSnapshot(admin);
  const before: CpuSnapshot = cpuSnapshot(pids);
  const result = await phase();
  // Backends opened during the phase started from zero; they count at the end.
  const cpu = cpuPer(before, cpuSnapshot(new Set([...pids, ...(await benchPids(admin))])), units(result), loadGeneratorMs(result));
  const walAfter = await walSnapshot(admin);
  const n = Math.max(1, units(result));
  return { result, cpu: { ...cpu, walBytes: (walAfter.bytes - walBefore.bytes) / n, walFpi: (walAfter.fpi - walBefore.fpi) / n } };
}

/** The CPU of several phases per unit of work, each phase weighted by its units. */
export function combineCpu(phases: { cpu: PhaseCpu; units: number }[]): PhaseCpu {
  const total = phases.reduce((a, p) => a + p.units, 0) || 1;
  const keys = Object.keys(phases[0].cpu) as (keyof PhaseCpu)[];
  return Object.fromEntries(keys.map((k) => [k, phases.reduce((a, p) => a + p.cpu[k] * p.units, 0) / total])) as PhaseCpu;
}

/**
 * A closed-loop load phase (`load-worker.mjs`) with the CPU it cost per answered request and how busy the app's event
 * loop was over it (the app runs on this process's main thread; the load generator in a worker thread).
 */
export async function closedLoop(
  admin: pg.Pool,
  job: Record<string, unknown>,
): Promise<{ result: LoadResult; cpu: PhaseCpu; loopBusy: number }> {
  const before = performance.eventLoopUtilization();
  const r = await withCpu(
    admin,
    () => runWorker({ ...job, kind: 'closed' }),
    (x) => x.ok,
    (x) => x.threadCpuMs,
  );
  return { ...r, loopBusy: performance.eventLoopUtilization(before).utilization };
}

export interface RawInsertShape {
  url: string;
  clients: number;
  seconds: number;
  categories: string[];
  villages: string[];
  reporter: { id: string; name: string };
  tag: string;
}

/**
 * `clients` connections each running single-row autocommit INSERTs into `problems`, shaped like the API's, for
 * `seconds` after a 2 s warm-up: rows per second and the CPU per row.
 */
export async function rawInserts(admin: pg.Pool, s: RawInsertShape): Promise<{ rate: number; cpu: PhaseCpu }> {
  const pool = new pg.Pool({ connectionString: s.url, max: s.clients });
  const conns = await Promise.all(Array.from({ length: s.clients }, () => pool.connect()));
  let n = 0;
  const insert = (c: pg.PoolClient) => {
    const i = n++;
    const at = new Date();
    return c.query(
      `insert into problems (code, client_id, description, category_code, source, severity, state, region_id, lat, lng, address, reporter_id, reporter_name, created_at, updated_at)
       values ($1, $2, $3, $4, 'grid', 'normal', 'pending', $5, $6, $7, $8, $9, $10, $11, $11) returning id, code`,
      [
        `RAW${s.tag}-${String(i).padStart(7, '0')}`,
        `raw-${s.tag}-${i}`,
        `人行道上机动车乱停放，影响通行（压测 ${i}）`,
        s.categories[i % s.categories.length],
        s.villages[i % s.villages.length],
        30.25,
        120.15,
        `人民路${i % 300}号`,
        s.reporter.id,
        s.reporter.name,
        at,
      ],
    );
  };
  const loop = async (end: number, count: boolean) => {
    let rows = 0;
    await Promise.all(
      conns.map(async (c) => {
        while (performance.now() < end) {
          await insert(c);
          if (count) rows += 1;
        }
      }),
    );
    return rows;
  };
  await loop(performance.now() + 2000, false);
  const t = performance.now();
  const { result: rows, cpu } = await withCpu(
    admin,
    () => loop(t + s.seconds * 1000, true),
    (r) => r,
  );
  const elapsed = performance.now() - t;
  conns.forEach((c) => c.release());
  await pool.end();
  return { rate: rows / (elapsed / 1000), cpu };
}

const clientQuery = pg.Client.prototype.query;
let counting = false;
let statements = 0;
const byKind = new Map<string, number>();
let patched = false;

/**
 * What a statement is, for the count by kind: its first words after any WITH list (`insert into "problems"`, `select …
 * from "sessions"`). Remembered by text: the app's hot statements are compiled once (platform/prepared.ts), so their
 * texts repeat, and flattening a report's several-kB statement per call cost the app's thread 1.6 % under the loop.
 */
const kinds = new Map<string, string>();
function statementKind(text: string): string {
  let kind = kinds.get(text);
  if (kind === undefined) {
    kind = kindOf(text);
    if (kinds.size < 10_000) kinds.set(text, kind);
  }
  return kind;
}

function kindOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const main = /^with /i.test(flat)
    ? `with … ${/\)\s*(select|insert|update|delete)\b.*$/i.exec(flat)?.[0].slice(1, 60).trim() ?? ''}`
    : flat;
  return main.slice(0, 70);
}

/**
 * Counts the statements this process's pg clients send between `start()` and `stop()` (every query of the app, the
 * raw baseline excluded by not counting during it), in all and by kind.
 */
export function statementCounter(): {
  start: () => void;
  pause: () => void;
  resume: () => void;
  stop: () => number;
  byKind: () => [string, number][];
} {
  if (!patched) {
    patched = true;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (counting) {
        statements += 1;
        const first = args[0];
        const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '?');
        const kind = statementKind(text);
        byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      }
      return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
  }
  return {
    start: () => {
      statements = 0;
      byKind.clear();
      counting = true;
    },
    pause: () => {
      counting = false;
    },
    resume: () => {
      counting = true;
    },
    stop: () => {
      counting = false;
      return statements;
    },
    byKind: () => [...byKind.entries()].sort((a, b) => b[1] - a[1]),
  };
}

/** Backends waiting on a lock, sampled every 100 ms from another connection while `during` runs (not counted as statements). */
export async function sampleLockWaits(url: string, during: Promise<unknown>): Promise<{ mean: number; max: number; samples: number }> {
  const waits: number[] = [];
  let done = false;
  void during.finally(() => (done = true));
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  while (!done) {
    const r = (await (clientQuery as (...a: unknown[]) => Promise<unknown>).call(
      probe,
      `select count(*)::int as n from pg_locks where not granted`,
    )) as pg.QueryResult<{ n: number }>;
    waits.push(r.rows[0].n);
    await new Promise((r) => setTimeout(r, 100));
  }
  await probe.end();
  return { mean: waits.reduce((a, b) => a + b, 0) / Math.max(1, waits.length), max: Math.max(0, ...waits), samples: waits.length };
}

/** An open loop's requests over `overMs`, by the second they were sent in ("2s:30 3s:54"): a stall shows as a burst. */
export function slowBySecond(run: Pick<LoadResult, 'latencies' | 'at'>, overMs = 50): string {
  const bySecond = new Map<number, number>();
  Array.from(run.latencies).forEach((ms, i) => {
    const sec = Math.floor(run.at[i] / 1000);
    if (ms > overMs) bySecond.set(sec, (bySecond.get(sec) ?? 0) + 1);
  });
  return (
    [...bySecond.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([sec, n]) => `${sec}s:${n}`)
      .join(' ') || 'none'
  );
}

export interface AlternationOptions {
  /** Measured API phases; there is one raw phase more (before the first and after each). */
  rounds: number;
  seconds: number;
  clients: number;
  /** The raw baseline's shape, tagged per phase. */
  raw: (tag: string) => RawInsertShape;
  /** The closed loop's job for the load worker (port, tokens, villages, categories). */
  report: Record<string, unknown>;
  /** Where lock waits are sampled from during the API phases. */
  lockUrl: string;
  tag: string;
  /** Around each measured API phase: the statement counter resumed and paused, a CPU profile of the first. */
  beforeApi?: (round: number) => Promise<void> | void;
  afterApi?: (round: number) => Promise<void> | void;
}

export interface Alternation {
  raws: { rate: number; cpu: PhaseCpu }[];
  rounds: { result: LoadResult; cpu: PhaseCpu; loopBusy: number; locks: { mean: number; max: number } }[];
  /** Each API phase's reports/s against the mean of the raw phases either side of it. */
  ratios: number[];
  /** a1: the median of `ratios`. */
  a1: number;
  rawRate: number;
  apiRate: number;
  ok: number;
  latencies: Float64Array;
  apiCpu: PhaseCpu;
  rawCpu: PhaseCpu;
  locks: { mean: number; max: number };
  /** The app's event loop: the share of the API phases' time it was running something (mean of the phases). */
  loopBusy: number;
}

/**
 * a1 on a machine whose capacity moves while the benchmark runs (a shared VM: the raw rate has moved by a third between
 * two phases a minute apart): the API's closed loop and the raw baseline alternate — raw, API, raw, …, API, raw — each
 * API phase is set against the mean of the raw phases either side of it, and a1 is the median of those ratios.
 *
 * One API phase comes first, not measured: the app has only served sign-ins so far, and its report path's first seconds
 * (V8 compiling it, each pool connection preparing the statements) made the first measured phase the slowest in every
 * run (245 → 324 → 382 reports/s over three phases).
 */
export async function alternateWrites(admin: pg.Pool, o: AlternationOptions): Promise<Alternation> {
  const closed = { ...o.report, clients: o.clients, seconds: o.seconds, maxSockets: o.clients };
  await runWorker({ ...closed, kind: 'closed', warmupSeconds: 0, tag: `${o.tag}w` });
  const raws: Alternation['raws'] = [];
  const rounds: Alternation['rounds'] = [];
  for (let i = 0; i <= o.rounds; i++) {
    raws.push(await rawInserts(admin, { ...o.raw(`${o.tag}r${i}`), seconds: o.seconds }));
    if (i === o.rounds) break;
    await o.beforeApi?.(i);
    const run = closedLoop(admin, { ...closed, warmupSeconds: 2, tag: `${o.tag}c${i}` });
    const locks = await sampleLockWaits(o.lockUrl, run);
    rounds.push({ ...(await run), locks });
    await o.afterApi?.(i);
  }
  const rate = (r: LoadResult) => r.ok / (r.elapsedMs / 1000);
  const ratios = rounds.map((r, i) => rate(r.result) / ((raws[i].rate + raws[i + 1].rate) / 2));
  const ok = rounds.reduce((a, r) => a + r.result.ok, 0);
  return {
    raws,
    rounds,
    ratios,
    a1: median(ratios),
    rawRate: raws.reduce((a, r) => a + r.rate, 0) / raws.length,
    apiRate: ok / (rounds.reduce((a, r) => a + r.result.elapsedMs, 0) / 1000),
    ok,
    latencies: Float64Array.from(rounds.flatMap((r) => Array.from(r.result.latencies))),
    apiCpu: combineCpu(rounds.map((r) => ({ cpu: r.cpu, units: r.result.ok }))),
    rawCpu: combineCpu(raws.map((r) => ({ cpu: r.cpu, units: r.rate }))),
    loopBusy: rounds.reduce((a, r) => a + r.loopBusy, 0) / rounds.length,
    locks: {
      mean: rounds.reduce((a, r) => a + r.locks.mean, 0) / rounds.length,
      max: Math.max(...rounds.map((r) => r.locks.max)),
    },
  };
}
