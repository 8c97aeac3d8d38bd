/** Opens the configured database for a command-line script. */
import path from 'node:path';
import { loadConfig } from '../server/platform/config';
import { openDatabase } from '../server/platform/db';
import { migrate } from '../server/platform/migrate';

/** The database from DATABASE_URL or DATA_DIR, migrated. */
export async function openCliDatabase() {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'db'), poolSize: 2 });
  await migrate(database.db);
  return { config, database };
}
