/**
 * The SQL status (task-status-sql.ts) against common/tasks.ts `taskStatus` on a matrix of dates, percents and
 * completion, evaluated by the database the tests run on (PGlite, or PostgreSQL with TEST_DATABASE_URL).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { taskStatus, TASK_STATUSES } from '../../../common/tasks';
import { engineName, getHarness } from '../../../test/support/harness';
import { taskStatusSql } from './task-status-sql';

const START = '2026-11-01';
const DUES = ['2026-11-01', '2026-11-10', '2026-11-30', '2026-12-31'];
const TODAYS = [
  '2026-10-31',
  '2026-11-01',
  '2026-11-02',
  '2026-11-05',
  '2026-11-10',
  '2026-11-11',
  '2026-11-16',
  '2026-11-30',
  '2026-12-01',
  '2027-01-01',
];
const PERCENTS = [0, 1, 10, 15, 20, 33, 50, 85, 99, 100];

describe(`task status in SQL agrees with taskStatus (${engineName})`, () => {
  it('on every combination of the matrix', async () => {
    const { database } = await getHarness();
    const cases: Array<{ today: string; due: string; percent: number; completed: boolean }> = [];
    for (const today of TODAYS)
      for (const due of DUES)
        for (const percent of PERCENTS)
          for (const completed of [false, true])
            if (!completed || percent === 100 || percent === 50) cases.push({ today, due, percent, completed });
    const seen = new Set<string>();
    for (const today of TODAYS) {
      const rows = cases.filter((c) => c.today === today);
      const values = sql.join(
        rows.map(
          (c, i) =>
            sql`(${i}::int, ${START}::date, ${c.due}::date, ${c.percent}::int, ${c.completed ? '2026-11-20T02:00:00Z' : null}::timestamptz)`,
        ),
      );
      const result = await sql<{ i: number; status: string }>`
        select x.i, ${taskStatusSql(today, {
          startDate: sql.ref('x.start_date'),
          dueDate: sql.ref('x.due_date'),
          percent: sql.ref('x.percent'),
          completedAt: sql.ref('x.completed_at'),
        })} as status
        from (values ${values}) as x(i, start_date, due_date, percent, completed_at)`.execute(database.db);
      expect(result.rows).toHaveLength(rows.length);
      for (const r of result.rows) {
        const c = rows[r.i];
        const js = taskStatus(
          { startDate: START, dueDate: c.due, percent: c.percent, completedAt: c.completed ? '2026-11-20' : null },
          today,
        );
        expect(r.status, JSON.stringify({ ...c })).toBe(js);
        seen.add(js);
      }
    }
    // The matrix reaches every status.
    expect([...seen].sort()).toEqual([...TASK_STATUSES].sort());
  });
});
