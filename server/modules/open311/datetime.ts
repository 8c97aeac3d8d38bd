/**
 * W3C date-times (https://www.w3.org/TR/NOTE-datetime) as Open311 uses them: answers in Beijing time with its
 * offset (`2026-12-04T09:30:00+08:00`); questions accept a date (Beijing midnight) or a date-time with `Z` or an offset.
 */
import { AppError } from '../../platform/errors';
import { BEIJING_OFFSET_MS } from '../../../common/beijing';

/** A moment as W3C with +08:00. */
export function w3c(d: Date | string | null): string | null {
  if (!d) return null;
  const t = new Date(d).getTime() + BEIJING_OFFSET_MS;
  return new Date(t).toISOString().slice(0, 19) + '+08:00';
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Parses a W3C date or date-time; 400 naming the parameter otherwise. */
export function parseW3c(name: string, value: string): Date {
  const m = W3C.exec(value.trim());
  const bad = () => new AppError('validation', `${name} 格式有误，须为 W3C 日期时间（如 2026-12-01T08:00:00+08:00）`);
  if (!m) throw bad();
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const iso = h ? `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ? '.' + frac.slice(0, 3) : ''}${zone}` : `${y}-${mo}-${d}T00:00:00+08:00`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || Number(mo) > 12 || Number(d) > 31 || (h && (Number(h) > 23 || Number(mi) > 59))) throw bad();
  // A date that rolls over (2026-02-31) is not a date.
  if (new Date(date.getTime() + BEIJING_OFFSET_MS).getUTCDate() !== Number(d) && !h) throw bad();
  return date;
}

/** The longest range one question may cover, and the default when none is given (GeoReport v2). */
export const MAX_RANGE_DAYS = 90;
const DAY = 86400_000;

/** The [start, end) of a list question: the 90 days before now by default, at most 90 days; 400 otherwise. */
export function rangeOf(q: { start_date?: string; end_date?: string }, now: Date): { start: Date; end: Date } {
  const start = q.start_date ? parseW3c('start_date', q.start_date) : null;
  const end = q.end_date ? parseW3c('end_date', q.end_date) : null;
  const s = start ?? new Date((end ?? now).getTime() - MAX_RANGE_DAYS * DAY);
  const e = end ?? (start ? new Date(Math.min(now.getTime(), start.getTime() + MAX_RANGE_DAYS * DAY)) : now);
  if (e.getTime() < s.getTime()) throw new AppError('validation', 'end_date 不能早于 start_date');
  if (e.getTime() - s.getTime() > MAX_RANGE_DAYS * DAY)
    throw new AppError('validation', `start_date 与 end_date 相距不能超过 ${MAX_RANGE_DAYS} 天`);
  return { start: s, end: e };
}
