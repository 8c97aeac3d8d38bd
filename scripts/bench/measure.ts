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
  ok: number;
  errors: Record<string, number | string>;
  elapsedMs: number;
  sent: number;
  firstTotal: number | null;
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
