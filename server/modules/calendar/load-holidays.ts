/** Loads the shipped holiday calendar (data/holidays.json) into `calendar_days`, then into memory for deadline arithmetic. */
import type { Db } from '../../platform/db';
import { loadIfNewer } from '../../platform/reference-version';
import { daysOfFile, readHolidayFile, useCalendarDays } from './calendar';

/**
 * Inserts the days the database lacks when the file's version is newer; a day already there (edited locally, say a
 * province's extra day) is kept. Then the whole table becomes the in-memory calendar. Returns the days inserted.
 */
export async function loadHolidays(db: Db): Promise<number> {
  const file = readHolidayFile();
  const inserted = await loadIfNewer(db, file, async (tx) => {
    const rows = await tx
      .insertInto('calendar_days')
      .values(daysOfFile(file))
      .onConflict((oc) => oc.column('day').doNothing())
      .returning('day')
      .execute();
    return rows.length;
  });
  useCalendarDays(await db.selectFrom('calendar_days').select(['day', 'kind']).execute());
  return inserted;
}
