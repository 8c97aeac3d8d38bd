/** On an empty database: seed the demo county, or create the first 安全管理员 of a real deployment. */
import readline from 'node:readline/promises';
import { sql } from 'kysely';
import { passwordProblem } from '../../common/password-policy';
import { systemActor } from '../platform/actor';
import { hashPassword } from '../platform/auth/passwords';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { Db } from '../platform/db';
import { insertUser } from '../modules/users/create-user';
import { openStorage } from '../platform/storage';
import { seedDemo } from './demo/seed-demo';
import { seedHistory } from './demo/seed-history';

/** True when no account exists yet. */
export async function isEmpty(db: Db): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from users`.execute(db);
  return r.rows[0].n === 0;
}

/** Creates the first administrator (安全管理员, who then creates every other account). */
export async function createFirstAdmin(db: Db, clock: Clock, username: string, password: string): Promise<void> {
  const problem = passwordProblem(password, username);
  if (problem) throw new Error(`初始管理员密码不符合要求：${problem}`);
  const hash = await hashPassword(password);
  const ctx = { actor: systemActor, db, clock, meta: { ip: null, userAgent: 'first-run' } };
  await db.transaction().execute(async (tx) => {
    const id = await insertUser(tx, ctx, { username, name: '安全管理员', roles: [{ role: 'security_admin' }] }, hash);
    await tx.updateTable('users').set({ must_change_password: false }).where('id', '=', id).execute();
  });
}

async function askPassword(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question('请设置初始安全管理员 (secadmin) 的密码：');
  rl.close();
  return answer.trim();
}

/**
 * Prepares an empty database; returns what it did. With the demo, its three months of history (seed-history.ts, about
 * a minute) are returned as `history`, to run after the server listens (main.ts): a newcomer's browser and health
 * checks get answers at once, and the scheduled jobs start when the story is written (they must not act on it halfway).
 */
export async function prepareDatabase(db: Db, clock: Clock, config: Config): Promise<{ summary: string; history?: () => Promise<string> }> {
  if (!(await isEmpty(db))) return { summary: 'existing' };
  if (config.seedDemo) {
    const counts = await seedDemo(db, clock);
    const seeded = `demo seeded (${counts.regions} regions, ${counts.units} units, ${counts.campaigns} campaigns, ${counts.users} users, ${counts.standards} standards, ${counts.sites} sites; Open311 api_key for integrator demo: ${counts.open311Key})`;
    // Three months of the demo's story through the real commands (DEMO_HISTORY=false skips it).
    if (process.env.DEMO_HISTORY === 'false') return { summary: seeded };
    const history = async () => {
      const h = await seedHistory(db, {
        storage: await openStorage(config.storage),
        now: clock.now(),
        log: (line) => console.log(line),
      });
      if (!h) return 'history: already there';
      for (const r of h.refused) console.warn(`演示历史：未执行 ${r}`);
      return `history ${h.problems} problems, ${h.rounds} rounds, ${h.materials} materials, ${h.runs} runs in ${(h.ms / 1000).toFixed(1)} s`;
    };
    return { summary: seeded, history };
  }
  return { summary: await createAdminFromEnv(db, clock) };
}

/** Prepares an empty database, the demo's history included (scripts); returns what it did. */
export async function prepareFirstRun(db: Db, clock: Clock, config: Config): Promise<string> {
  const { summary, history } = await prepareDatabase(db, clock, config);
  return history ? `${summary}; ${await history()}` : summary;
}

/** The first 安全管理员 of a real deployment, from INITIAL_ADMIN_PASSWORD or the terminal. */
async function createAdminFromEnv(db: Db, clock: Clock): Promise<string> {
  const username = process.env.INITIAL_ADMIN_USERNAME || 'secadmin';
  let password = process.env.INITIAL_ADMIN_PASSWORD ?? '';
  if (!password && process.stdin.isTTY) password = await askPassword();
  if (!password) throw new Error('空数据库且 SEED_DEMO=false：请设置环境变量 INITIAL_ADMIN_PASSWORD，或在终端中运行以输入初始管理员密码');
  await createFirstAdmin(db, clock, username, password);
  return `first administrator ${username} created`;
}
