/** SQL for supervision notices (督办单); no rules, no authorization. */
import type { Db } from '../../platform/db';

/** One notice by id. */
export function findNotice(db: Db, id: string) {
  return db.selectFrom('supervision_notices').selectAll().where('id', '=', id).executeTakeFirst();
}
