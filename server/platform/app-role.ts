/**
 * Migrations as the owner, the app as a role that does not own the tables (README "A database role for the app").
 * With MIGRATION_DATABASE_URL set, start-up and `npm run migrate` connect with it to migrate, install the job queue's
 * schema and queues, and grant the app's role (APP_DATABASE_ROLE, default: the user in DATABASE_URL) its rights.
 */
import PgBoss from 'pg-boss';
import { sql } from 'kysely';
import { openDatabase } from './db';
import { migrate } from './migrate';

/** The app's role: APP_DATABASE_ROLE, or the user name in DATABASE_URL. */
export function appRoleName(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.APP_DATABASE_ROLE) return env.APP_DATABASE_ROLE;
  if (!env.DATABASE_URL) return null;
  try {
    return decodeURIComponent(new URL(env.DATABASE_URL).username) || null;
  } catch {
    return null;
  }
}

/** Migrates as the owner, prepares the job queues, grants the app role; returns the migrations applied. */
export async function migrateAsOwner(ownerUrl: string, queueNames: string[], appRole: string | null): Promise<string[]> {
  const owner = await openDatabase({ url: ownerUrl, poolSize: 2 });
  try {
    const applied = await migrate(owner.db);
    const boss = new PgBoss({ connectionString: ownerUrl, schema: 'pgboss', supervise: false, schedule: false, max: 2 });
    await boss.start();
    for (const name of queueNames) if (!(await boss.getQueue(name))) await boss.createQueue(name);
    await boss.stop({ graceful: false, wait: true });
    if (appRole) await sql`select grant_app_role(${appRole})`.execute(owner.db);
    return applied;
  } finally {
    await owner.close();
  }
}
