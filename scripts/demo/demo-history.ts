/**
 * `npm run demo:history`: writes the demo's three months of history (server/setup/demo/seed-history.ts) into the
 * configured database — the same step `npm start` runs on an empty database after seeding the demo county. Run it
 * on a database seeded with the demo county (`npm run seed`) while the server is stopped; a second run does nothing.
 */
import { openStorage } from '../../server/platform/storage';
import { seedHistory } from '../../server/setup/demo/seed-history';
import { loadReferenceData } from '../../server/reference-data';
import { openCliDatabase } from '../cli-db';

const { config, database } = await openCliDatabase();
try {
  await loadReferenceData(database.db);
  const storage = await openStorage(config.storage);
  const summary = await seedHistory(database.db, { storage, log: (line) => console.log(line) });
  if (!summary) console.log('演示历史已存在（或数据库中没有示范县），未做任何修改');
  else {
    console.log(
      `演示历史已写入：问题 ${summary.problems} 件，督查 ${summary.rounds} 轮，材料 ${summary.materials} 份，考核 ${summary.runs} 次，用时 ${(summary.ms / 1000).toFixed(1)} 秒`,
    );
    for (const r of summary.refused) console.log(`  未执行：${r}`);
  }
} finally {
  await database.close();
}
