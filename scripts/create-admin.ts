/** `npm run create-admin`: create the first 安全管理员 of an empty production database (password from INITIAL_ADMIN_PASSWORD or a prompt). */
import { systemClock } from '../server/platform/clock';
import { openCliDatabase } from './cli-db';
import { isEmpty, prepareFirstRun } from '../server/setup/first-run';

const { config, database } = await openCliDatabase();
try {
  if (!(await isEmpty(database.db))) {
    console.error('数据库中已有账号；请由现有安全管理员在“用户管理”中创建账号');
    process.exitCode = 1;
  } else {
    console.log(await prepareFirstRun(database.db, systemClock, { ...config, seedDemo: false }));
  }
} finally {
  await database.close();
}
