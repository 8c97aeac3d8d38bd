/** `npm run seed [-- --reset]`: seed the demo county into an empty database, or rebuild it. */
import { sql } from 'kysely';
import { systemClock } from '../server/platform/clock';
import { migrate } from '../server/platform/migrate';
import { openCliDatabase } from './cli-db';
import { isEmpty } from '../server/setup/first-run';
import { seedDemo } from '../server/setup/demo/seed-demo';
import { loadReferenceData } from '../server/reference-data';

const reset = process.argv.includes('--reset');
const force = process.argv.includes('--force');
const { database } = await openCliDatabase();
const db = database.db;
try {
  if (!(await isEmpty(db))) {
    if (!reset) {
      console.error('数据库已有数据；要重建演示数据请运行 npm run seed -- --reset');
      process.exit(1);
    }
    const demo = await sql<{ n: number }>`select count(*)::int as n from users where is_demo`.execute(db);
    if (!demo.rows[0].n && !force) {
      console.error('这不是演示数据库（没有演示账号），拒绝清空。确需清空请加 --force');
      process.exit(1);
    }
    // The audit trail refuses DELETE/TRUNCATE by design; a demo reset drops and recreates the schema.
    await sql`drop schema public cascade; create schema public`.execute(db);
    await migrate(db);
    console.log('已清空数据库并重新迁移');
  }
  await loadReferenceData(db);
  const counts = await seedDemo(db, systemClock);
  console.log(`Open311 / 12345 对接密钥（对接方 demo，示范县）：${counts.open311Key}`);
  console.log(
    `演示县已生成：${counts.regions} 个区划、${counts.units} 个单位、${counts.campaigns} 个创建项目、${counts.users} 个演示账号（密码 Demo@2026）、${counts.standards} 条测评标准、${counts.sites} 个点位`,
  );
} finally {
  await database.close();
}
