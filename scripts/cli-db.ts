/** Opens the configured database for a command-line script. */
import path from 'node:path';
import { loadConfig } from '../server/platform/config';
import { DataDirLockedError, openDatabase } from '../server/platform/db';
import { migrate } from '../server/platform/migrate';
import { appRoleName, migrateAsOwner } from '../server/platform/app-role';
import { JOBS } from '../server/jobs';

/** The database from DATABASE_URL or DATA_DIR, migrated. */
export async function openCliDatabase() {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'db'), poolSize: 2 }).catch(
    exitIfLocked,
  );
  if (process.env.MIGRATION_DATABASE_URL)
    await migrateAsOwner(
      process.env.MIGRATION_DATABASE_URL,
      JOBS.map((j) => j.name),
      appRoleName(),
    );
  else await migrate(database.db);
  return { config, database };
}

/** A data directory held by another process (the running server): say so in Chinese and exit 1, no stack trace. */
export function exitIfLocked(error: unknown): never {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
