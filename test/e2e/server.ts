/** A real server for browser tests: the built web app on a fresh embedded database with the demo county. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildApp } from '../../server/app';
import { systemClock } from '../../server/platform/clock';
import { openDatabase, type Database } from '../../server/platform/db';
import { inject } from 'vitest';

export const SHOTS = path.resolve('test-results/screenshots');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Chromium's full (new) headless mode opens the address bar's pop-up in each window — a browser context here — as two
  // WebUI pages (chrome://omnibox-popup.top-chrome/), each a renderer process costing about a second of CPU on a slow
  // 2-core machine: 30 % of the browser's CPU in a typical file. Nobody types into an address bar here, so they are
  // switched off. Chromium keeps only the last --disable-features it is given, so Playwright's own list (1.65,
  // chromiumSwitches.ts) is repeated in front of ours.
  `--disable-features=${[
    'AvoidUnnecessaryBeforeUnloadCheckSync',
    'DestroyProfileOnBrowserClose',
    'HttpsUpgrades',
    'HttpsFirstBalancedModeAutoEnable',
    'LensOverlay',
    'MediaRouter',
    'PaintHolding',
    'ThirdPartyStoragePartitioning',
    'AvoidCorsURLLoaderRestartOnRedirect',
    'OptimizationHints',
    'NetworkTimeServiceQuerying',
    'AimEnabled',
    'PreconnectToSearch',
    'WebUIOmniboxPopup',
    'WebUIOmniboxFullPopup',
    'WebUIOmniboxAimPopup',
  ].join(',')}`,
];

/** The browsers of this worker's running files, for the failure report (setup-file.ts). */
export const openBrowsers = new Set<Browser>();
/** What each page met that the failure report should tell: page errors and answers of 400 and more, the latest last. */
export const pageEvents = new WeakMap<Page, string[]>();
/**
 * E2E_CPU_THROTTLE=4 runs each page's scripts four times slower (Chromium's own throttling): the slow CI machine's
 * timing, on purpose, to find waits that assume a fast one.
 */
function throttle(page: Page): void {
  const rate = Number(process.env.E2E_CPU_THROTTLE);
  if (!(rate > 1)) return;
  void page
    .context()
    .newCDPSession(page)
    .then((cdp) => cdp.send('Emulation.setCPUThrottlingRate', { rate }))
    .catch(() => undefined);
}
function track(page: Page): void {
  const events: string[] = [];
  pageEvents.set(page, events);
  const add = (line: string) => {
    events.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (events.length > 12) events.shift();
  };
  page.on('pageerror', (error) => add(`page error: ${error.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) add(`${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()}`);
  });
  page.on('crash', () => add('page crashed'));
}

export interface E2E {
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

let demoTar: Blob | null = null;
/**
 * This file's own copy of the run's demo database (global-setup.ts), in memory: its changes stay its own and nothing
 * is copied on disk. (The tar is read once per worker; a worker runs many files.)
 */
export async function openDemoCopy(): Promise<Database> {
  demoTar ??= new Blob([fs.readFileSync(inject('e2eTemplateDb'))]);
  return openDatabase({ dataDir: 'memory://', snapshot: demoTar });
}

/** Chromium as every browser test runs it (CHROMIUM_PATH, or Debian's). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Starts the server on a copy of the run's demo database (the web app is built by global-setup.ts) and launches Chromium. */
export async function startE2E(): Promise<E2E> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-'));
  const database: Database = await openDemoCopy();
  const app: FastifyInstance = await buildApp({ database, clock: systemClock, logLevel: 'silent', filesDir: path.join(dir, 'files') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await launchChromium();
  // Every context asks for reduced motion (antd then skips its animations: nothing to wait for, fewer frames to paint)
  // and runs without the service worker, which precaches the whole app (~290 files) in each new context. The tests of
  // offline use and of animations say otherwise in their options (serviceWorkers: 'allow'; E2E_MOTION=1 for all).
  // The browser speaks Chinese as our users' do (navigator.language, Accept-Language, the native date and time pickers'
  // format); its time zone stays the machine's (UTC in CI), so a page that used the browser's zone instead of Beijing's
  // shows it.
  openBrowsers.add(browser);
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options?: BrowserContextOptions) => {
    const context = await newContext({
      locale: 'zh-CN',
      reducedMotion: process.env.E2E_MOTION === '1' ? 'no-preference' : 'reduce',
      serviceWorkers: 'block',
      ...options,
    });
    context.on('page', (page) => {
      throttle(page);
      track(page);
    });
    return context;
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      openBrowsers.delete(browser);
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo accounts' password (server/setup/demo). */
export const DEMO_PASSWORD = 'Demo@2026';
export const DESKTOP: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 860 } };
export const PHONE: BrowserContextOptions = {
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};

/**
 * A person at their own browser: a new context (closed with the browser), signed in, on their home screen. The sign-in
 * goes through the same API the login page calls (the login page itself is tested in roles.e2e, once per role), which
 * spares every test a page load. Page errors are logged with the account's name (a blank page in a test is otherwise
 * silent).
 */
export async function signIn(
  e2e: E2E,
  username: string,
  options: BrowserContextOptions = DESKTOP,
  password = DEMO_PASSWORD,
): Promise<Page> {
  const context = await e2e.browser.newContext(options);
  const res = await context.request.post(`${e2e.baseUrl}/api/auth/login`, { data: { username, password } });
  if (res.status() !== 200) throw new Error(`sign-in of ${username}: ${res.status()} ${await res.text()}`);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${username}] page error: ${error.message}\n${error.stack ?? ''}`));
  await page.goto(`${e2e.baseUrl}/`);
  return page;
}
