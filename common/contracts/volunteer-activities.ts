/**
 * 志愿之城 — activities (/api/volunteers/activities): published by a team or a station with a place, a geofence and a
 * capacity; sign-ups with a waiting list; check-in and check-out by the rotating code the organiser's phone shows
 * (GET …/checkin-code, changes every 30 s) scanned inside the geofence (POST /api/volunteers/checkins → 201, or 422
 * `code_expired` / `code_used` / `outside_geofence` … with a Chinese message); hours computed from check-in/out and
 * certified by the organiser; corrections with a reason (audited).
 */
import { z } from 'zod';
import { ACTIVITY_STATES, ATTENDANCE_STATES, GEOFENCE_MAX_M, GEOFENCE_MIN_M, SIGNUP_STATES } from '../volunteers';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

const uuid = (what: string) => z.uuid(`${what}编号格式不正确`);
const when = (what: string) => z.iso.datetime({ offset: true, error: `${what}须为时间，如 2026-12-12T09:00:00+08:00` });
const location = z.object(
  {
    lat: z.number({ error: '纬度须为数字' }).min(-90).max(90),
    lng: z.number({ error: '经度须为数字' }).min(-180).max(180),
    /** The device's reported accuracy in metres (shown to the organiser when a scan is outside). */
    accuracy: z.number().min(0).max(100_000).optional(),
  },
  { error: '位置格式不正确' },
);

export const activityBody = z.object({
  teamId: uuid('组织队伍').nullable().optional(),
  stationId: uuid('服务阵地').nullable().optional(),
  title: z.string({ error: '请填写活动名称' }).trim().min(4, '活动名称至少 4 个字').max(60, '活动名称最多 60 个字'),
  description: z.string().trim().max(2000, '活动内容最多 2000 个字').nullable().optional(),
  startsAt: when('开始时间'),
  endsAt: when('结束时间'),
  place: z.string({ error: '请填写活动地点' }).trim().min(2, '请填写活动地点').max(100, '活动地点最多 100 个字'),
  location: location.omit({ accuracy: true }),
  geofenceM: z
    .number()
    .int()
    .min(GEOFENCE_MIN_M, `签到范围至少 ${GEOFENCE_MIN_M} 米`)
    .max(GEOFENCE_MAX_M, `签到范围最多 ${GEOFENCE_MAX_M} 米`)
    .optional(),
  capacity: z.number({ error: '请填写招募人数' }).int('招募人数须为整数').min(1, '招募人数至少 1 人').max(10_000),
  skills: z.array(z.string().trim().min(1).max(20)).max(12).optional(),
  /** Who runs check-in and certifies the hours (defaults to the publisher). */
  organiserId: uuid('组织者').optional(),
});
export type ActivityBody = z.infer<typeof activityBody>;
export const updateActivityBody = activityBody.partial().extend({ version: z.number().int().min(1) });
export const cancelActivityBody = z.object({
  version: z.number().int().min(1),
  reason: z.string({ error: '请填写取消原因' }).trim().min(2, '请填写取消原因').max(200),
});

export const activitiesQuery = z.object({
  teamId: uuid('志愿队伍').optional(),
  stationId: uuid('服务阵地').optional(),
  state: z.enum(ACTIVITY_STATES).optional(),
  /** upcoming (not yet ended), past (ended), mine (signed up or organising). */
  when: z.enum(['upcoming', 'past', 'all']).default('all'),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  search: z.string().trim().max(40).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['starts_at', 'created_at', 'title']).default('starts_at'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const activityResponse = z.object({
  id,
  regionId: id,
  teamId: id.nullable(),
  teamName: z.string().nullable(),
  stationId: id.nullable(),
  stationName: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  startsAt: timestamp,
  endsAt: timestamp,
  place: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }),
  geofenceM: z.number().int(),
  capacity: z.number().int(),
  skills: z.array(z.string()),
  state: z.enum(ACTIVITY_STATES),
  cancelReason: z.string().nullable(),
  organiserId: id,
  organiserName: z.string(),
  signedCount: z.number().int(),
  waitlistCount: z.number().int(),
  checkedInCount: z.number().int(),
  /** The caller's own sign-up and attendance, when the caller is a volunteer. */
  mySignup: z.enum(SIGNUP_STATES).nullable(),
  myAttendance: z
    .object({
      state: z.enum(ATTENDANCE_STATES),
      checkInAt: timestamp,
      checkOutAt: timestamp.nullable(),
      outside: z.boolean(),
      minutes: z.number().int().nullable(),
      certifiedMinutes: z.number().int().nullable(),
    })
    .nullable(),
  version: z.number().int(),
  abilities: abilitiesOf(['update', 'cancel', 'signUp', 'cancelSignup', 'showCode', 'certify']),
});
export type ActivityDto = z.input<typeof activityResponse>;
export const activityPage = pageOf(activityResponse);

export const signupResponse = z.object({ id, state: z.enum(SIGNUP_STATES), position: z.number().int().nullable() });

/** The organiser's rotating code: the QR payload, when it changes and how long it lives. */
export const checkinCodeResponse = z.object({
  code: z.string(),
  /** Six digits for a phone that cannot scan (typed on the activity's check-in page; same window). */
  shortCode: z.string(),
  expiresAt: timestamp,
  windowSeconds: z.number().int(),
});

export const checkinBody = z.object({
  code: z.string({ error: '请扫描签到码' }).trim().min(10, '签到码格式不正确').max(200, '签到码格式不正确'),
  location: location.nullable(),
  /**
   * The volunteer is on the spot but the phone places them outside the geofence (or has no location): record the scan
   * as outside, to be confirmed by the organiser. Without it such a scan answers 422 `outside_geofence`.
   */
  acceptOutside: z.boolean().optional(),
});
export const checkinResponse = z.object({
  attendanceId: id,
  activityId: id,
  direction: z.enum(['in', 'out']),
  at: timestamp,
  /** Outside the geofence: recorded, waits for the organiser's confirmation. */
  outside: z.boolean(),
  distanceM: z.number().int().nullable(),
  minutes: z.number().int().nullable(),
});

/** The organiser's roster: sign-ups with attendance. */
export const rosterResponse = z.object({
  items: z.array(
    z.object({
      volunteerId: id,
      name: z.string(),
      phone: z.string(),
      signupState: z.enum(SIGNUP_STATES).nullable(),
      signedAt: timestamp.nullable(),
      attendanceId: id.nullable(),
      attendanceState: z.enum(ATTENDANCE_STATES).nullable(),
      checkInAt: timestamp.nullable(),
      checkOutAt: timestamp.nullable(),
      checkInOutside: z.boolean(),
      checkOutOutside: z.boolean(),
      distanceM: z.number().int().nullable(),
      outsideConfirmed: z.boolean(),
      minutes: z.number().int().nullable(),
      certifiedMinutes: z.number().int().nullable(),
      corrections: z.array(
        z.object({
          oldMinutes: z.number().int().nullable(),
          newMinutes: z.number().int(),
          reason: z.string(),
          by: z.string(),
          at: timestamp,
        }),
      ),
      version: z.number().int().nullable(),
    }),
  ),
});

/** 确认场外签到: the organiser accepts a scan made outside the geofence. */
export const confirmOutsideBody = z.object({ version: z.number().int().min(1) });

/** 认证时长: all checked-out attendances of the activity at their computed minutes (or given ones). */
export const certifyBody = z.object({
  items: z
    .array(
      z.object({
        attendanceId: uuid('签到记录'),
        minutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60)
          .optional(),
      }),
    )
    .max(10_000)
    .optional(),
});
export const certifyResponse = z.object({ certified: z.number().int(), skipped: z.number().int() });

/** 更正时长: a certified attendance's minutes changed with a reason (audited, kept as history). */
export const correctHoursBody = z.object({
  version: z.number().int().min(1),
  minutes: z
    .number({ error: '请填写更正后的时长' })
    .int()
    .min(0)
    .max(24 * 60),
  reason: z.string({ error: '请填写更正原因' }).trim().min(4, '更正原因至少 4 个字').max(200),
});

/** A path parameter `:attendanceId`. */
export const attendanceParam = z.object({ attendanceId: uuid('签到记录') });
