/** Starts the server: embedded database by default, PostgreSQL when DATABASE_URL is set. */
import path from 'node:path';
import { buildApp } from './app';
import { clockFromEnv } from './platform/clock';
import { loadConfig } from './platform/config';
import { DataDirLockedError, openDatabase } from './platform/db';
import { migrate } from './platform/migrate';
import { appRoleName, migrateAsOwner } from './platform/app-role';
import { prepareDatabase } from './setup/first-run';
import { loadReferenceData } from './reference-data';
import { JOBS } from './jobs';
import { startJobs } from './platform/jobs';
import { DRAIN_EVERY_MS } from './platform/jobs-after-commit';
import { openStorage } from './platform/storage';

// process.uptime() counts from the process start, so module loading (tsx transpiling) is in the figures too.
const phases: Record<string, number> = {};
let last = 0;
const phase = (name: string) => {
  const now = Math.round(process.uptime() * 1000);
  phases[name] = now - last;
  last = now;
};
phase('load');
// A wrong setting (STORAGE, S3_*) stops the start with one line naming it, not a stack trace.
const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
})();
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'db') }).catch((error: unknown) => {
  // Another server or a command (seed, demo:round, …) holds the embedded database: say who, exit 1.
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
// With MIGRATION_DATABASE_URL the owner migrates and grants; the app itself runs as a role that owns nothing (app-role.ts).
const applied = process.env.MIGRATION_DATABASE_URL
  ? await migrateAsOwner(
      process.env.MIGRATION_DATABASE_URL,
      JOBS.map((j) => j.name),
      appRoleName(),
    )
  : await migrate(database.db);
phase('openAndMigrate');
const reference = await loadReferenceData(database.db);
phase('reference');
const clock = clockFromEnv();
const firstRun = await prepareDatabase(database.db, clock, config);
phase('firstRun');
// One storage for every module and every node's requests: the local disk, or with STORAGE=s3 the shared object store
// (its bucket is checked now: a wrong setting stops the start here, not at the first upload).
const storage = await openStorage(config.storage).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
const app = await buildApp({
  database,
  clock,
  logLevel: config.logLevel,
  cookieSecure: config.cookieSecure,
  filesDir: config.filesDir,
  storage,
  outboxDir: config.outboxDir,
  trustProxy: config.trustProxy,
  afterCommitDrainMs: DRAIN_EVERY_MS,
});
phase('buildApp');
await app.listen({ port: config.port, host: config.host });
phase('listen');
// Answering requests from here; the scheduled jobs start next (pg-boss: schema check, queues, schedules).
const startupMs = Math.round(process.uptime() * 1000);
// CPU time spent until then (user + system, all threads): on a busy machine the wall-clock phases mostly measure waiting.
const startupCpu = process.cpuUsage();
let closing = false;
let jobs: Awaited<ReturnType<typeof startJobs>> | null = null;
const startTheJobs = async () => {
  if (process.env.JOBS === 'false' || closing) return;
  jobs = await startJobs(database, clock, JOBS, (msg, extra) => app.log.info({ extra }, msg));
};
if (!firstRun.history) {
  await startTheJobs();
  phase('jobs');
}
app.log.info(
  {
    engine: database.engine,
    storage: config.storage.kind,
    migrations: applied.length,
    reference,
    firstRun: firstRun.summary,
    startupMs,
    startupCpuMs: Math.round((startupCpu.user + startupCpu.system) / 1000),
    phasesMs: phases,
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
  },
  `创城 ready on http://127.0.0.1:${config.port} (${database.engine})`,
);
// The demo's three months of history are written now, while the server already answers (about a minute; until then
// the demo's pages show less); the scheduled jobs start once the story is complete.
if (firstRun.history) {
  app.log.info('演示历史生成中（约 1 分钟），完成前页面上的演示数据不完整');
  void firstRun
    .history()
    .then((summary) => app.log.info({ history: summary }, '演示历史已生成'))
    .catch((error: unknown) => app.log.error({ err: error }, '演示历史生成失败'))
    .then(startTheJobs)
    .catch((error: unknown) => app.log.error({ err: error }, 'scheduled jobs did not start'));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await jobs?.stop();
    await database.close();
    process.exit(0);
  });
}
