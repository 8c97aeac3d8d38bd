/** `npm run audit:verify`: walks the audit hash chain; exits 1 naming the first bad row. */
import { verifyAuditChain } from '../server/platform/audit';
import { openCliDatabase } from './cli-db';

const { database } = await openCliDatabase();
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`审计链完整：已校验 ${result.checked} 条记录`);
  } else {
    console.error(`审计链校验失败：第一条异常记录 id=${result.firstBadId}。${result.reason}（此前 ${result.checked} 条完好）`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
