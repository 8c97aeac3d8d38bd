/**
 * HTTP load generator, run in a worker thread so the client's event loop is not the server's.
 * undici with keep-alive (a light client: on a 2-core machine every cycle the client spends is taken from the
 * server or the database; its thread's CPU is reported, `threadCpuMs`). Jobs:
 *   closed   — `clients` loops, each sending the next report as soon as the last one answered; with `probe`, the
 *              same loop sends a floor request instead: `health` (GET /api/health: HTTP and one `select 1`, no
 *              authentication) or `refused` (the report without its description: HTTP, the authentication statement,
 *              the body parsed and refused by the schema with a 400 — everything a report does before its own work);
 *   open     — reports sent on a fixed schedule (`rate` per second) whatever the answers, after `warmupSeconds` at
 *              the same rate that are not measured; latency is measured from the scheduled time, so a backlog shows
 *              up (no coordinated omission);
 *   sequence — the given GET requests one after another (list and metrics latencies), optionally
 *              stopped after `budgetMs` once `minRequests` were measured.
 * Posts back { latencies: Float64Array (ms), ok, errors: { status: count }, elapsedMs, sent, firstTotal }
 * (firstTotal: the `total` of the first answer of a sequence).
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'undici';

const job = workerData;
// undici (Node's own HTTP client project) over keep-alive connections: about half the CPU per request of node:http's
// client, measured here as the load generator's thread time, which on a 2-core machine is taken from the server.
const pool = new Pool(`http://127.0.0.1:${job.port}`, { connections: job.maxSockets ?? 64, pipelining: 1 });

async function request(method, path, token, body) {
  const headers = { 'user-agent': 'cc-bench' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-type'] = 'application/json';
  try {
    const res = await pool.request({ method, path, headers, body: body ? JSON.stringify(body) : undefined });
    return { status: res.statusCode, text: await res.body.text() };
  } catch (e) {
    return { status: `error:${e.code ?? e.message}`, text: '' };
  }
}

const SEVERITIES = ['normal', 'normal', 'normal', 'major', 'serious', 'urgent'];
const PHRASES = [
  '人行道上机动车乱停放，影响通行',
  '小区门口垃圾满溢未及时清运',
  '商铺门前占道经营',
  '公交站台张贴非法小广告',
  '绿化带内积存建筑垃圾',
  '路口井盖破损存在安全隐患',
];
let seq = 0;

/** A report like the phone app sends: its own clientId, a village, a category, a location. */
function nextReport() {
  const i = seq++;
  const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
  return {
    token: job.tokens[i % job.tokens.length],
    // The grid worker's own town (the source is his role's default: 网格巡查).
    body: {
      clientId: `${job.tag}-${i}`,
      description: `${pick(PHRASES)}（压测 ${i}）`,
      categoryCode: pick(job.categories),
      severity: pick(SEVERITIES),
      location: { lat: 30.25 + (Math.random() - 0.5) * 0.4, lng: 120.15 + (Math.random() - 0.5) * 0.5 },
      address: `人民路${1 + Math.floor(Math.random() * 300)}号`,
      regionId: pick(job.villagesOf[i % job.tokens.length]),
    },
  };
}

const errors = {};
const latencies = [];
/** When each measured request was sent (ms from the worker's start), beside its latency: where a tail comes from. */
const sentAt = [];
const workerStart = performance.now();
let ok = 0;
const record = (res, ms, expected) => {
  if (expected.includes(res.status)) {
    ok += 1;
    latencies.push(ms);
    sentAt.push(performance.now() - ms - workerStart);
  } else {
    errors[res.status] = (errors[res.status] ?? 0) + 1;
    if (!errors.sample) errors.sample = String(res.text).slice(0, 300);
  }
};

/** The closed loop's request: the next report, or the floor request named by `job.probe`. */
function closedRequest() {
  const r = nextReport();
  if (job.probe === 'health') return request('GET', '/api/health', null);
  if (job.probe === 'refused') return request('POST', '/api/problems', r.token, { ...r.body, description: undefined });
  return request('POST', '/api/problems', r.token, r.body);
}
const closedExpected = job.probe === 'health' ? [200] : job.probe === 'refused' ? [400] : [201];

async function closed() {
  const warmEnd = performance.now() + job.warmupSeconds * 1000;
  while (performance.now() < warmEnd) {
    await Promise.all(Array.from({ length: job.clients }, () => closedRequest()));
  }
  const start = performance.now();
  const end = start + job.seconds * 1000;
  let lastDone = start;
  await Promise.all(
    Array.from({ length: job.clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await closedRequest();
        lastDone = performance.now();
        record(res, lastDone - t, closedExpected);
      }
    }),
  );
  return lastDone - start;
}

/** Open-loop requests measured (the warm-up's are sent but not counted). */
let openMeasured = 0;
async function open() {
  // A warm-up at the same rate first, as the closed loop has: the first second otherwise measures the client opening
  // its sockets and the pool its connections, not the sustained rate.
  const warm = Math.round(job.rate * (job.warmupSeconds ?? 0));
  const total = warm + Math.round(job.rate * job.seconds);
  const interval = 1000 / job.rate;
  const t0 = performance.now() + 20;
  const measureFrom = t0 + warm * interval;
  const pending = [];
  let sent = 0;
  let lastDone = measureFrom;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && t0 + sent * interval <= now) {
        const scheduled = t0 + sent * interval;
        const counted = sent >= warm;
        const r = nextReport();
        pending.push(
          request('POST', '/api/problems', r.token, r.body).then((res) => {
            lastDone = performance.now();
            // A warm-up request that failed still shows among the errors.
            if (counted || res.status !== 201) record(res, lastDone - scheduled, [201]);
          }),
        );
        sent += 1;
        if (counted) openMeasured += 1;
      }
      if (sent < total) setTimeout(tick, Math.max(0, t0 + sent * interval - performance.now()));
      else resolve();
    };
    setTimeout(tick, 20);
  });
  await Promise.all(pending);
  return lastDone - measureFrom;
}

let firstTotal = null;
async function sequence() {
  const start = performance.now();
  const warmup = job.warmup ?? 0;
  for (let i = 0; i < job.requests.length; i++) {
    // A time budget keeps a slow scenario from taking the whole run; it still measures at least `minRequests`.
    if (job.budgetMs && i - warmup >= (job.minRequests ?? 20) && performance.now() - start > job.budgetMs) break;
    const { path, token } = job.requests[i];
    const t = performance.now();
    const res = await request('GET', path, token);
    const ms = performance.now() - t;
    if (i === 0) {
      try {
        firstTotal = JSON.parse(res.text).total ?? null;
      } catch {
        firstTotal = null;
      }
    }
    // The first `warmup` requests prime the caches and are not counted.
    if (i >= warmup) record(res, ms, [200]);
    else if (res.status !== 200) record(res, ms, [200]);
  }
  return performance.now() - start;
}

/** This thread's CPU ms so far (utime + stime of /proc/thread-self/stat, in 10 ms ticks; 0 where there is none). */
function threadCpuMs() {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

const elapsedMs = await (job.kind === 'closed' ? closed() : job.kind === 'open' ? open() : sequence());
await pool.close();
const cpuMs = threadCpuMs();
const out = Float64Array.from(latencies);
const at = Float64Array.from(sentAt);
parentPort.postMessage(
  { latencies: out, at, ok, errors, elapsedMs, sent: job.kind === 'open' ? openMeasured : seq, firstTotal, threadCpuMs: cpuMs },
  [out.buffer, at.buffer],
);
