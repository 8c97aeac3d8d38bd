/**
 * The platform's calendar is Beijing time (common/beijing.ts): the server decides days, months, deadlines and phases
 * by the Beijing day. Pages that compute "today", "this month" or "this year" take it here, so a browser set to
 * another zone (a laptop left on UTC, a user abroad) shows the day the server decides by.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { beijingDay } from '@common/beijing';

dayjs.extend(utc);

/** Now on the Beijing wall clock (for display: the date, the weekday, the hour of a greeting). */
export const beijingNow = (): Dayjs => dayjs().utcOffset(8 * 60);

/** Today's Beijing date, YYYY-MM-DD. */
export const beijingToday = (): string => beijingDay(Date.now());

/** This Beijing month, YYYY-MM. */
export const beijingMonth = (): string => beijingDay(Date.now()).slice(0, 7);
