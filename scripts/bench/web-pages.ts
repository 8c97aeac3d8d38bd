/**
 * `npm run bench:web`: how fast the main pages open in Chromium, and how much JavaScript they pull.
 *
 * Builds the web app once (production) and starts servers on one scratch embedded database with the demo county
 * (plus today's covert round for the demo inspector):
 *   now        the app as shipped: brotli/gzip answers, hashed assets cached a year, the service worker;
 *   plain      the same build and server with compression switched off (compression: false);
 *   before     (BENCH_BASELINE_DIST=<a web/dist built from an older commit>) that build, served uncompressed.
 * Each page is loaded BENCH_RUNS times (default 5) as its demo role (password Demo@2026), every variant once per
 * round, one after the other, so a change in the machine's load falls on all of them alike:
 *   cold       a fresh browser profile per load (no HTTP cache, no service worker), signed in beforehand;
 *   warm       one profile, the page reopened in a new tab after a first visit (service worker installed, caches full).
 * Time = navigation start → the page's main content visible (its text in <main>, no skeleton or spinner left), read
 * from the page's own clock (performance.now() in the frame that first shows it).
 * JS = the .js files the page requested (at the time it was ready / until the network was idle after load): bytes
 * as sent (encoded body; a service worker's copy counts decoded), decoded bytes, and the gzip -9 size of those built
 * files (the figure of the 250 kB budget).
 *
 * Options (environment): BENCH_RUNS=5, BENCH_PAGES=field,inspect (names below), BENCH_NO_BUILD=1 (use web/dist as
 * it is), BENCH_BASELINE_DIST=path, BENCH_JSON=path (the raw samples).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildApp } from '../../server/app';
import { systemClock } from '../../server/platform/clock';
import { openDatabase } from '../../server/platform/db';
import { registerWebApp } from '../../server/platform/serve-web';
import { migrate } from '../../server/platform/migrate';
import { loadReferenceData } from '../../server/reference-data';
import { seedDemo } from '../../server/setup/demo/seed-demo';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST = path.join(ROOT, 'web/dist');
const PASSWORD = 'Demo@2026';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: 1366, height: 860 } };
const PHONE: BrowserContextOptions = {
  locale: 'zh-CN',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

interface PageSpec {
  name: string;
  role: string | null;
  /** A path, or one computed from the role's data (the checklist of the inspector's first site). */
  path: string | ((ctx: BrowserContext, base: string) => Promise<string>);
  /** Text the page's main content shows once loaded. */
  text: string;
  device: BrowserContextOptions;
}

const PAGES: PageSpec[] = [
  { name: 'login', role: null, path: '/login', text: '登录', device: DESKTOP },
  { name: 'home', role: 'office', path: '/', text: '', device: DESKTOP },
  { name: 'problems', role: 'office', path: '/problems', text: '', device: DESKTOP },
  { name: 'workbench', role: 'office', path: '/problems/workbench', text: '办理工作台', device: DESKTOP },
  { name: 'inspections', role: 'office', path: '/inspections', text: '', device: DESKTOP },
  { name: 'sites', role: 'office', path: '/sites', text: '', device: DESKTOP },
  { name: 'field', role: 'grid', path: '/field', text: '问题类别', device: PHONE },
  { name: 'inspect', role: 'inspector', path: '/inspect', text: '今日任务', device: PHONE },
  { name: 'checklist', role: 'inspector', path: firstChecklist, text: '', device: PHONE },
];

interface Sample {
  page: string;
  variant: string;
  ms: number;
  requests: number;
  /** Every .js the page requested (until the network was idle after load). */
  jsFiles: string[];
  /** Those that had arrived when the main content showed. */
  jsReady: string[];
  jsEncoded: number;
  jsDecoded: number;
}

async function firstChecklist(ctx: BrowserContext, base: string): Promise<string> {
  const rounds = (await (await ctx.request.get(`${base}/api/inspection-rounds?mine=true&pageSize=100`)).json()) as {
    items: { id: string }[];
  };
  const round = rounds.items[0];
  if (!round) throw new Error('the inspector has no round');
  const detail = (await (await ctx.request.get(`${base}/api/inspection-rounds/${round.id}`)).json()) as { sites: { id: string }[] };
  return `/inspect/${round.id}/${detail.sites[0].id}`;
}

/**
 * The demo county has no rounds: the office creates today's covert round (3 farmers' markets) for the demo inspector,
 * so /inspect and the checklist show real work.
 */
async function createRound(browser: Browser, base: string): Promise<void> {
  const ctx = await browser.newContext();
  try {
    const login = await ctx.request.post(`${base}/api/auth/login`, { data: { username: 'office', password: PASSWORD } });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const get = async <T>(url: string) => (await (await ctx.request.get(base + url)).json()) as T;
    const campaigns = await get<{ items: { id: string; name: string }[] }>('/api/campaigns?pageSize=100');
    const campaign = campaigns.items.find((c) => c.name.includes('文明城市')) ?? campaigns.items[0];
    const users = await get<{ items: { id: string; username: string }[] }>('/api/users?search=inspector&pageSize=100');
    const inspector = users.items.find((u) => u.username === 'inspector');
    const types = await get<{ items: { code: string; name: string }[] }>('/api/site-types');
    const market = types.items.find((t) => t.name.includes('农贸'));
    if (!campaign || !inspector || !market) throw new Error('demo county: campaign, inspector or site type missing');
    const today = new Date().toISOString().slice(0, 10);
    const res = await ctx.request.post(`${base}/api/inspection-rounds`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        name: '性能基准暗访',
        kind: 'covert',
        campaignId: campaign.id,
        startDate: today,
        endDate: today,
        sample: { siteTypeCodes: [market.code], perType: 3, seed: 'bench' },
        inspectorIds: [inspector.id],
      },
    });
    if (!res.ok()) throw new Error(`create round: ${res.status()} ${await res.text()}`);
  } finally {
    await ctx.close();
  }
}

/** The page is ready when <main> shows its text and nothing in it is still loading. */
function ready(text: string): number | false {
  const main = document.querySelector('main') ?? (document.querySelector('#root') as HTMLElement | null);
  if (!main || main.innerText.trim().length < 4) return false;
  if (text && !main.innerText.includes(text)) return false;
  if (main.querySelector('.ant-skeleton, .ant-spin-spinning')) return false;
  return performance.now();
}

async function measure(page: Page, url: string, text: string): Promise<Omit<Sample, 'page' | 'variant'>> {
  await page.goto(url, { waitUntil: 'commit' });
  let ms = NaN;
  try {
    const handle = await page.waitForFunction(ready, text, { polling: 'raf', timeout: 30_000 });
    ms = (await handle.jsonValue()) as number;
  } catch (error) {
    // Counted as a failed load (left out of the times, reported), with a picture of what the page showed.
    const file = path.join(os.tmpdir(), `bench-web-timeout-${Date.now()}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    console.error(`\n${url}: not ready after 30 s (${(error as Error).message.split('\n')[0]}); screenshot ${file}`);
  }
  // Let what the page starts after it shows (lazy chunks, the zod locale after load) finish before counting.
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  const entries = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
      name: e.name,
      end: e.responseEnd,
      encoded: e.encodedBodySize,
      decoded: e.decodedBodySize,
    })),
  );
  const js = entries.filter((e) => new URL(e.name).pathname.endsWith('.js'));
  return {
    ms,
    requests: entries.length + 1,
    jsFiles: js.map((e) => new URL(e.name).pathname),
    jsReady: js.filter((e) => e.end <= ms).map((e) => new URL(e.name).pathname),
    jsEncoded: js.reduce((s, e) => s + e.encoded, 0),
    jsDecoded: js.reduce((s, e) => s + e.decoded, 0),
  };
}

/** One server on the shared database: the shipped build (web/dist) or another build directory, compressed or not. */
async function startServer(dir: string, database: Awaited<ReturnType<typeof openDatabase>>, opts: { compression: boolean; dist?: string }) {
  const app: FastifyInstance = await buildApp({
    database,
    clock: systemClock,
    logLevel: 'silent',
    filesDir: path.join(dir, 'files'),
    compression: opts.compression,
    serveWeb: !opts.dist,
  });
  if (opts.dist) await registerWebApp(app, opts.dist, { compressed: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

/** Signs in through the API once per role and server; each measured profile starts from these cookies. */
async function signIn(browser: Browser, base: string, username: string) {
  const ctx = await browser.newContext();
  const res = await ctx.request.post(`${base}/api/auth/login`, { data: { username, password: PASSWORD } });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()} ${await res.text()}`);
  const state = await ctx.storageState();
  await ctx.close();
  return state;
}

const gzipCache = new Map<string, number>();
/** gzip -9 size of a built file (`/assets/x.js`) of a build directory. */
function gzipSize(dist: string, file: string): number {
  const p = path.join(dist, file);
  if (!gzipCache.has(p)) gzipCache.set(p, fs.existsSync(p) ? zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length : 0);
  return gzipCache.get(p)!;
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.ceil(q * s.length) - 1);
  return s[Math.max(0, i)];
}

const kb = (n: number) => (n / 1024).toFixed(0);

async function main() {
  if (!process.env.BENCH_NO_BUILD) {
    console.log('vite build …');
    const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (r.status !== 0) throw new Error('vite build failed');
  }
  const wanted = process.env.BENCH_PAGES?.split(',');
  const pages = wanted ? PAGES.filter((p) => wanted.includes(p.name)) : PAGES;
  const loadBefore = os.loadavg();
  const loadSamples: number[] = [];
  const loadTimer = setInterval(() => loadSamples.push(os.loadavg()[0]), 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-web-'));
  const database = await openDatabase({ dataDir: path.join(dir, 'db') });
  await migrate(database.db);
  await loadReferenceData(database.db);
  await seedDemo(database.db, systemClock);
  const now = await startServer(dir, database, { compression: true });
  const plain = await startServer(dir, database, { compression: false });
  const baselineDist = process.env.BENCH_BASELINE_DIST;
  const before = baselineDist ? await startServer(dir, database, { compression: false, dist: path.resolve(baselineDist) }) : null;
  const variants: Array<{ name: string; kind: 'cold' | 'warm'; server: typeof now; dist: string }> = [
    { name: 'cold', kind: 'cold', server: now, dist: DIST },
    { name: 'warm', kind: 'warm', server: now, dist: DIST },
    { name: 'plain', kind: 'cold', server: plain, dist: DIST },
  ];
  if (before && baselineDist) {
    variants.push({ name: 'before cold', kind: 'cold', server: before, dist: path.resolve(baselineDist) });
    variants.push({ name: 'before warm', kind: 'warm', server: before, dist: path.resolve(baselineDist) });
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const samples: Sample[] = [];
  try {
    await createRound(browser, now.base);
    const states = new Map<string, Awaited<ReturnType<typeof signIn>>>();
    const stateFor = async (base: string, role: string | null) => {
      if (!role) return undefined;
      const key = `${base} ${role}`;
      if (!states.has(key)) states.set(key, await signIn(browser, base, role));
      return states.get(key);
    };

    // Each round measures every variant once, one after the other, so a change in the machine's load (other jobs)
    // falls on all of them alike.
    for (const spec of pages) {
      const cold = variants.filter((v) => v.kind === 'cold');
      const warm = variants.filter((v) => v.kind === 'warm');
      const targets = new Map<string, string>();
      const targetFor = async (ctx: BrowserContext, base: string) => {
        if (typeof spec.path === 'string') return spec.path;
        if (!targets.has(base)) targets.set(base, await spec.path(ctx, base));
        return targets.get(base)!;
      };
      // Warm profiles: the first visit installs the service worker and fills the caches; each round reopens the
      // page in a new tab.
      const profiles = new Map<string, BrowserContext>();
      for (const v of warm) {
        const ctx = await browser.newContext({ ...spec.device, storageState: await stateFor(v.server.base, spec.role) });
        const first = await ctx.newPage();
        await measure(first, v.server.base + (await targetFor(ctx, v.server.base)), spec.text);
        await first.evaluate(async () => {
          if (!('serviceWorker' in navigator)) return;
          const reg = await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 20_000))]);
          if (reg) await new Promise((r) => setTimeout(r, 500));
        });
        await first.close();
        profiles.set(v.name, ctx);
      }
      for (let i = 0; i < RUNS; i += 1) {
        for (const v of cold) {
          const ctx = await browser.newContext({ ...spec.device, storageState: await stateFor(v.server.base, spec.role) });
          const url = v.server.base + (await targetFor(ctx, v.server.base));
          const page = await ctx.newPage();
          samples.push({ page: spec.name, variant: v.name, ...(await measure(page, url, spec.text)) });
          await ctx.close();
        }
        for (const v of warm) {
          const ctx = profiles.get(v.name)!;
          const page = await ctx.newPage();
          samples.push({
            page: spec.name,
            variant: v.name,
            ...(await measure(page, v.server.base + (await targetFor(ctx, v.server.base)), spec.text)),
          });
          await page.close();
        }
      }
      for (const ctx of profiles.values()) await ctx.close();
      process.stdout.write(`${spec.name} `);
      if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(samples, null, 2));
    }
    process.stdout.write('\n');
  } finally {
    await browser.close();
    await now.app.close();
    await plain.app.close();
    await before?.app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = os.loadavg();
  const loadDuring = loadSamples.length ? (loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length).toFixed(2) : '—';
  clearInterval(loadTimer);

  const rows: string[] = [];
  rows.push(
    '| page | role | variant | requests | JS files (at ready / all) | JS on the wire kB | JS decoded kB | JS gzip kB (at ready / all) | median ms | p95 ms |',
  );
  rows.push('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const med = (values: number[]) => quantile(values, 0.5);
  for (const spec of pages) {
    for (const { name: variant, dist } of variants) {
      const gzipOf = (files: string[]) => files.reduce((sum, f) => sum + gzipSize(dist, f), 0);
      const set = samples.filter((s) => s.page === spec.name && s.variant === variant);
      if (set.length === 0) continue;
      const ms = set.map((s) => s.ms).filter((m) => Number.isFinite(m));
      const failed = set.length - ms.length;
      const cells = [
        spec.name,
        spec.role ?? '—',
        variant,
        med(set.map((s) => s.requests)),
        `${med(set.map((s) => s.jsReady.length))} / ${med(set.map((s) => s.jsFiles.length))}`,
        kb(med(set.map((s) => s.jsEncoded))),
        kb(med(set.map((s) => s.jsDecoded))),
        `${kb(med(set.map((s) => gzipOf(s.jsReady))))} / ${kb(med(set.map((s) => gzipOf(s.jsFiles))))}`,
        med(ms).toFixed(0),
        quantile(ms, 0.95).toFixed(0) + (failed ? ` (${failed} not ready)` : ''),
      ];
      rows.push(`| ${cells.join(' | ')} |`);
    }
  }
  const all = (variant: string) => samples.filter((s) => s.variant === variant && Number.isFinite(s.ms)).map((s) => s.ms);
  console.log(rows.join('\n'));
  const summary = variants.map(({ name }) => `${name} ${quantile(all(name), 0.5).toFixed(0)} (${quantile(all(name), 0.95).toFixed(0)})`);
  console.log(`\nall pages, median (p95) ms: ${summary.join(', ')}`);
  console.log(
    `runs per page and variant: ${RUNS}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, load average before ${loadBefore
      .map((l) => l.toFixed(2))
      .join(
        ' ',
      )}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}, 1-minute average during the run ${loadDuring}; chromium ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'}`,
  );
}

await main();
