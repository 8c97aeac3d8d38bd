/** Small helpers for the benchmark: percentiles, the load worker, machine facts. */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import pg from 'pg';

/** Nearest-rank percentile of unsorted numbers (p in 0..100). */
export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values: ArrayLike<number>) => percentile(values, 50);

export interface LoadResult {
  latencies: Float64Array;
  /** When each measured request was sent (ms from the load worker's start; for the open loop: its scheduled time). */
  at: Float64Array;
  ok: number;
  errors: Record<string, number | string>;
  elapsedMs: number;
  sent: number;
  firstTotal: number | null;
  /** CPU ms of the load worker's thread over its whole life (warm-up included), from /proc/thread-self/stat (0 elsewhere). */
  threadCpuMs: number;
}

/** Runs one job of load-worker.mjs in a worker thread. */
export function runWorker(job: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`load worker exited with ${code}`)));
  });
}

/** Times `fn` `runs` times after one untimed warm-up (3 times when the warm-up took over 2 s); returns each duration in ms. */
export async function repeat(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const t0 = performance.now();
  await fn();
  if (performance.now() - t0 > 2000) runs = Math.min(runs, 3);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** The machine and database the figures were taken on. */
export async function machineFacts(url: string): Promise<Record<string, string>> {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? '?';
  const mhz = /cpu MHz\s*:\s*(.+)/.exec(cpuinfo)?.[1];
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '?';
    }
  };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const version = (await client.query('select version() as v')).rows[0].v as string;
    const settings = await client.query<{ name: string; setting: string; unit: string | null }>(
      `select name, setting, unit from pg_settings where name in ('shared_buffers','work_mem','effective_cache_size','max_parallel_workers_per_gather','jit','synchronous_commit','random_page_cost','autovacuum') order by name`,
    );
    const fmt = (s: { name: string; setting: string; unit: string | null }) => {
      if (s.unit === '8kB') return `${s.name}=${Math.round((Number(s.setting) * 8) / 1024)}MB`;
      if (s.unit === 'kB') return `${s.name}=${Math.round(Number(s.setting) / 1024)}MB`;
      return `${s.name}=${s.setting}`;
    };
    const dirty = sh('git status --porcelain') ? ' (working tree has uncommitted changes)' : '';
    return {
      cpu: `${model}${mhz ? ` @ ${Math.round(Number(mhz))} MHz` : ''}`,
      nproc: sh('nproc'),
      memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: version.split(' on ')[0],
      'postgres settings': settings.rows.map(fmt).join(', '),
      commit: `${sh('git rev-parse --short HEAD')}${dirty}`,
      // A shared machine: other work running at the same time shows up here (and in every figure).
      'load average at start': os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' / '),
    };
  } finally {
    await client.end();
  }
}

/**
 * CPU time used so far, in ms: by this Node process (all its threads: the app and the load generator's worker), by
 * PostgreSQL (the processes named `postgres` in /proc, or only those in `postgresPids` — the benchmark's backends
 * and the server's shared writers, so other users' sessions on the same server are not counted; 0 when the database
 * runs elsewhere), and by the whole machine (busy and idle, from /proc/stat). Two snapshots around a phase say who spent
 * the CPU a phase used, and how much of the machine others (other users' work) took meanwhile.
 */
export interface CpuSnapshot {
  node: number;
  /** Of `node`, the time in the kernel (system calls: sockets to PostgreSQL and to the clients). */
  nodeSystem: number;
  /** CPU ms of each PostgreSQL process counted, by pid. */
  postgres: Map<number, number>;
  machineBusy: number;
  machineIdle: number;
  /** Of `machineBusy`, the time the hypervisor ran other guests on this VM's CPUs (steal). */
  machineSteal: number;
}
export function cpuSnapshot(postgresPids?: ReadonlySet<number>): CpuSnapshot {
  const tick = 10; // USER_HZ is 100 on Linux: one tick is 10 ms
  const u = process.cpuUsage();
  const postgres = new Map<number, number>();
  let machineBusy = 0;
  let machineIdle = 0;
  let machineSteal = 0;
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
        if (postgresPids && !postgresPids.has(Number(pid))) continue;
        const f = stat.slice(close + 2).split(' ');
        postgres.set(Number(pid), (Number(f[11]) + Number(f[12])) * tick); // utime, stime (fields 14 and 15)
      } catch {
        // the process ended while we read
      }
    }
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    machineIdle = (cpu[3] + cpu[4]) * tick;
    // steal (field 8): time the hypervisor gave this VM's CPUs to others — counted apart, it is not this machine's work
    machineSteal = (cpu[7] ?? 0) * tick;
    machineBusy = cpu.reduce((a, b) => a + b, 0) * tick - machineIdle;
  } catch {
    // not Linux
  }
  return { node: (u.user + u.system) / 1000, nodeSystem: u.system / 1000, postgres, machineBusy, machineIdle, machineSteal };
}
/** CPU ms spent between two snapshots, per unit of work (e.g. per report). */
export function cpuPer(a: CpuSnapshot, b: CpuSnapshot, units: number, loadGeneratorMs = 0) {
  const per = (x: number) => x / Math.max(1, units);
  const node = b.node - a.node;
  // A process alive at both ends counts its difference, one started meanwhile all of its time; one that ended
  // meanwhile (an idle connection closed) is lost, so the figure errs low, never negative.
  let postgres = 0;
  for (const [pid, ms] of b.postgres) postgres += ms - (a.postgres.get(pid) ?? 0);
  const busy = b.machineBusy - a.machineBusy;
  const steal = b.machineSteal - a.machineSteal;
  return {
    nodeMs: per(node),
    nodeSystemMs: per(b.nodeSystem - a.nodeSystem),
    /** Of `nodeMs`, the load generator's worker thread (the clients, not the system measured). */
    loadGeneratorMs: per(loadGeneratorMs),
    postgresMs: per(postgres),
    othersMs: per(Math.max(0, busy - steal - node - postgres)),
    stealMs: per(steal),
    idleMs: per(b.machineIdle - a.machineIdle),
  };
}
