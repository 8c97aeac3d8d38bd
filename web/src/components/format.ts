/** Display formatting shared by tables. */
import dayjs from 'dayjs';

/** `YYYY-MM-DD HH:mm` or — for empty values. */
export function formatTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

/** `YYYY-MM-DD HH:mm:ss` for the audit trail. */
export function formatSeconds(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** Empty → —. */
export function orDash(value: unknown): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}
