/**
 * 工作日 (working days) by the published holiday calendar: a 法定节假日 is no working day even on a weekday, a 调休上班日
 * is a working day even on a Saturday or Sunday; any other day works Monday–Friday. Days are Beijing calendar days.
 *
 * The calendar is reference data (data/holidays.json → table `calendar_days`, loaded by load-holidays.ts). Deadline
 * arithmetic is synchronous, so the days are held in memory: the shipped file at import (unit tests, scripts), then
 * what the database holds once reference data is loaded at start-up (`useCalendarDays`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BEIJING_OFFSET_MS, beijingDay } from '../../../common/beijing';

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  day: string;
  kind: CalendarDayKind;
  name: string;
  source: string | null;
}

interface HolidayFile {
  name: string;
  version: number;
  years: Array<{ year: number; source: string; holidays: Array<{ name: string; from: string; to: string; workdays: string[] }> }>;
}

export const HOLIDAY_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data/holidays.json');

const DAY_MS = 24 * 3600_000;

/** The days a holiday file lists: every day off from–to, and each 调休上班日. */
export function daysOfFile(file: HolidayFile): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (const y of file.years) {
    for (const h of y.holidays) {
      for (let t = Date.parse(`${h.from}T00:00:00Z`); t <= Date.parse(`${h.to}T00:00:00Z`); t += DAY_MS) {
        out.push({ day: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name: h.name, source: y.source });
      }
      for (const d of h.workdays) out.push({ day: d, kind: 'workday', name: `${h.name}调休上班`, source: y.source });
    }
  }
  return out;
}

/** The shipped holiday file. */
export function readHolidayFile(): HolidayFile {
  return JSON.parse(fs.readFileSync(HOLIDAY_FILE, 'utf8')) as HolidayFile;
}

let days = new Map<string, CalendarDayKind>(daysOfFile(readHolidayFile()).map((d) => [d.day, d.kind]));

/** Replaces the in-memory calendar (after reference data is loaded from the database). */
export function useCalendarDays(rows: Array<{ day: string; kind: string }>): void {
  days = new Map(rows.map((r) => [r.day, r.kind as CalendarDayKind]));
}

/** The Beijing calendar day (YYYY-MM-DD) of an instant: common/beijing.ts, re-exported for the server's callers. */
export { beijingDay };

/** Whether the Beijing calendar day holding the instant is a working day. */
export function isWorkingDay(t: number | Date): boolean {
  const ms = typeof t === 'number' ? t : t.getTime();
  const kind = days.get(beijingDay(ms));
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  const weekday = new Date(ms + BEIJING_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
