/**
 * The platform's calendar is Beijing time (UTC+8, no daylight saving): days, months, deadlines and phases are decided
 * by the Beijing day, whatever zone the server or the browser runs in. No imports (the public pages load it).
 */
export const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The Beijing calendar day of an instant (a Date or epoch milliseconds), 'YYYY-MM-DD'. */
export function beijingDay(at: number | Date): string {
  return new Date((typeof at === 'number' ? at : at.getTime()) + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' on the Beijing clock. */
export function formatBeijingMinute(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The Beijing calendar year of an instant. */
export const beijingYear = (at: Date): number => new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();
