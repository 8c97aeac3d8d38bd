/**
 * `npm run audit:verify [-- --against <anchor.json>]`: seals what is waiting, then walks the audit hash chain; with an anchor (audit-anchor.ts),
 * also checks that the chain still reaches the anchored row with the anchored hash (catches deleted newest rows and
 * a rewritten chain). Exits 1 naming the problem.
 */
import { anchorKey, readAnchor, verifyAgainstAnchor } from '../server/platform/audit-anchor';
import { verifyAuditChain } from '../server/platform/audit';
import { openCliDatabase } from './cli-db';

const at = process.argv.indexOf('--against');
const anchorFile = at >= 0 ? process.argv[at + 1] : undefined;
if (at >= 0 && !anchorFile) {
  console.error('用法：npm run audit:verify -- --against <锚点文件>');
  process.exit(1);
}
const anchor = anchorFile ? readAnchor(anchorFile) : null;

const { database } = await openCliDatabase();
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`审计链完整：已校验 ${result.checked} 条记录${result.unsealed ? `；另有 ${result.unsealed} 条尚未封存` : ''}`);
  } else {
    console.error(`审计链校验失败：第一条异常记录为链上第 ${result.firstBadId} 条。${result.reason}（此前 ${result.checked} 条完好）`);
    process.exitCode = 1;
  }
  if (anchor) {
    const check = await verifyAgainstAnchor(database.db, anchor, anchorKey());
    if (check.ok) console.log(`与锚点一致：第 ${anchor.seq} 条的哈希与 ${anchor.anchoredAt} 的锚点相同`);
    else {
      console.error(`与锚点不符：${check.reason}`);
      process.exitCode = 1;
    }
  }
} finally {
  await database.close();
}
