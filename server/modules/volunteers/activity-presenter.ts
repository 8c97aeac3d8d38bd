/** 志愿之城 activity rows → the API shapes of common/contracts/volunteer-activities.ts, with the caller's abilities. */
import type { z } from 'zod';
import type { activityResponse, rosterResponse } from '../../../common/contracts/volunteer-activities';
import {
  CHECKIN_OPENS_MINUTES_BEFORE,
  CHECKOUT_CLOSES_MINUTES_AFTER,
  type ActivityState,
  type AttendanceState,
  type SignupState,
} from '../../../common/volunteers';
import type { Actor } from '../../platform/actor';
import { mayManageActivity, mayShowCode } from './activity-access';
import type { ActivityRow } from './activity-repository';

const MINUTE = 60_000;

/** Whether the check-in code is shown now: from an hour before the start until two hours after the end. */
export const codeWindowOpen = (a: { starts_at: Date; ends_at: Date }, now: Date) =>
  now.getTime() >= a.starts_at.getTime() - CHECKIN_OPENS_MINUTES_BEFORE * MINUTE &&
  now.getTime() <= a.ends_at.getTime() + CHECKOUT_CLOSES_MINUTES_AFTER * MINUTE;

const asDate = (v: unknown) => (v == null ? null : new Date(v as string));

/** One activity as the caller sees it. */
export function presentActivity(a: ActivityRow, actor: Actor, now: Date): z.output<typeof activityResponse> {
  const manage = mayManageActivity(actor, a);
  const open = a.state === 'published';
  const ended = a.ends_at.getTime() <= now.getTime();
  const started = a.starts_at.getTime() <= now.getTime();
  const att = a.my_attendance as Record<string, unknown> | null;
  const hasAttendance = !!att;
  return {
    id: a.id,
    regionId: a.region_id,
    teamId: a.team_id,
    teamName: a.team_name,
    stationId: a.station_id,
    stationName: a.station_name,
    title: a.title,
    description: a.description,
    startsAt: a.starts_at,
    endsAt: a.ends_at,
    place: a.place,
    location: { lat: a.lat, lng: a.lng },
    geofenceM: a.geofence_m,
    capacity: a.capacity,
    skills: a.skills,
    state: a.state as ActivityState,
    cancelReason: a.cancel_reason,
    organiserId: a.organiser_id,
    organiserName: a.organiser_name,
    signedCount: a.signed_count,
    waitlistCount: a.waitlist_count,
    checkedInCount: a.checked_in_count,
    mySignup: (a.my_signup as SignupState | null) ?? null,
    myAttendance: att
      ? {
          state: att.state as AttendanceState,
          checkInAt: asDate(att.check_in_at)!,
          checkOutAt: asDate(att.check_out_at),
          outside: !!att.outside,
          minutes: (att.minutes as number | null) ?? null,
          certifiedMinutes: (att.certified_minutes as number | null) ?? null,
        }
      : null,
    version: a.version,
    abilities: {
      update: manage && open && !ended,
      cancel: manage && open && !started,
      signUp: open && !ended && !!a.local_volunteer_id && (a.my_signup === null || a.my_signup === 'cancelled'),
      cancelSignup: open && !started && (a.my_signup === 'signed' || a.my_signup === 'waitlisted') && !hasAttendance,
      showCode: mayShowCode(actor, a) && open && codeWindowOpen(a, now),
      certify: manage && a.state !== 'cancelled' && a.checked_in_count > 0,
    },
  };
}

type RosterData = Awaited<ReturnType<typeof import('./activity-repository').rosterOf>>;

/** The organiser's roster. */
export function presentRoster({ rows, corrections }: RosterData): z.output<typeof rosterResponse> {
  return {
    items: rows.map((r) => ({
      volunteerId: r.volunteer_id,
      name: r.name,
      phone: r.phone,
      signupState: (r.signup_state as SignupState | null) ?? null,
      signedAt: r.signed_at ?? null,
      attendanceId: r.attendance_id,
      attendanceState: (r.attendance_state as AttendanceState | null) ?? null,
      checkInAt: r.check_in_at ?? null,
      checkOutAt: r.check_out_at ?? null,
      checkInOutside: !!r.check_in_outside,
      checkOutOutside: !!r.check_out_outside,
      distanceM: r.check_out_distance_m ?? r.check_in_distance_m ?? null,
      outsideConfirmed: !!r.outside_confirmed_at,
      minutes: r.minutes ?? null,
      certifiedMinutes: r.certified_minutes ?? null,
      corrections: corrections
        .filter((c) => c.attendance_id === r.attendance_id)
        .map((c) => ({ oldMinutes: c.old_minutes, newMinutes: c.new_minutes, reason: c.reason, by: c.by, at: c.corrected_at })),
      version: r.version ?? null,
    })),
  };
}
