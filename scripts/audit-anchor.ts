/** `npm run audit:anchor`: writes the audit chain's current head, signed, to DATA_DIR/audit-anchors (see audit-anchor.ts). */
import { writeAnchor } from '../server/platform/audit-anchor';
import { openCliDatabase } from './cli-db';

const { database } = await openCliDatabase();
try {
  const { anchor, file } = await writeAnchor(database.db);
  console.log(`审计锚点已写入：${file}（第 ${anchor.seq} 条，哈希 ${anchor.hash.slice(0, 16)}…）。请另存一份到数据库服务器以外的地方。`);
} finally {
  await database.close();
}
