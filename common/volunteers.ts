/**
 * 志愿之城: the shared vocabulary of the volunteer module — team and station kinds, a volunteer's application states,
 * activity and attendance states, star levels by certified hours (志愿服务记录办法: "谁组织、谁记录、谁认证"; the
 * thresholds are data, server/modules/volunteers/data/volunteer-stars.json), the rotating check-in code's timing and the geofence distance.
 * Server and web read the same rules.
 */

// ---- organisation --------------------------------------------------------------------------------------------------

/** 志愿队伍: 总队 → 支队 → 小队, plus specialist teams (专业队) anywhere in the tree. */
export const TEAM_KINDS = ['corps', 'detachment', 'squad', 'specialist'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];
export const TEAM_KIND_LABELS: Record<TeamKind, string> = { corps: '总队', detachment: '支队', squad: '小队', specialist: '专业队' };
/** Which kinds a team of each kind may hold (a specialist team may sit under any team, or at the top). */
export const TEAM_CHILD_KINDS: Record<TeamKind, readonly TeamKind[]> = {
  corps: ['detachment', 'squad', 'specialist'],
  detachment: ['squad', 'specialist'],
  squad: [],
  specialist: ['squad'],
};

/** 新时代文明实践: 中心 (county) → 所 (town) → 站 (village/community) → 点. */
export const STATION_LEVELS = ['center', 'institute', 'station', 'point'] as const;
export type StationLevel = (typeof STATION_LEVELS)[number];
export const STATION_LEVEL_LABELS: Record<StationLevel, string> = {
  center: '新时代文明实践中心',
  institute: '新时代文明实践所',
  station: '新时代文明实践站',
  point: '志愿服务点',
};
export const STATION_CHILD_LEVEL: Record<StationLevel, StationLevel | null> = {
  center: 'institute',
  institute: 'station',
  station: 'point',
  point: null,
};

/** Skills a volunteer offers and an activity wants (data-like; the office may add free text too). */
export const VOLUNTEER_SKILLS = [
  '文明劝导',
  '环境清洁',
  '交通引导',
  '关爱帮扶',
  '医疗救护',
  '心理疏导',
  '法律咨询',
  '文艺演出',
  '宣传讲解',
  '应急救援',
  '摄影摄像',
  '外语翻译',
] as const;

// ---- volunteers ----------------------------------------------------------------------------------------------------

/** A volunteer's registration: 待审核 → 已通过 / 未通过; an approved volunteer may leave (已退出). */
export const VOLUNTEER_STATES = ['pending', 'approved', 'rejected', 'left'] as const;
export type VolunteerState = (typeof VOLUNTEER_STATES)[number];
export const VOLUNTEER_STATE_LABELS: Record<VolunteerState, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  left: '已退出',
};

/** 居民身份证号码 (GB 11643): 17 digits and a check character; the check is verified. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checks = '10X98765432';
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return checks[sum % 11] === id[17];
}

/** Shown masked everywhere: 3201********1234. */
export const maskIdNumber = (id: string) => `${id.slice(0, 4)}${'*'.repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;

// ---- activities and attendance -------------------------------------------------------------------------------------

/** An activity: 报名中 (published) → 已结束 (its hours are certified) or 已取消. Times decide 进行中. */
export const ACTIVITY_STATES = ['published', 'cancelled', 'finished'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];
export const ACTIVITY_STATE_LABELS: Record<ActivityState, string> = { published: '已发布', cancelled: '已取消', finished: '已结束' };

/** A sign-up: 已报名, 候补 (over capacity; promoted in order when a place frees), 已取消. */
export const SIGNUP_STATES = ['signed', 'waitlisted', 'cancelled'] as const;
export type SignupState = (typeof SIGNUP_STATES)[number];
export const SIGNUP_STATE_LABELS: Record<SignupState, string> = { signed: '已报名', waitlisted: '候补', cancelled: '已取消' };

/**
 * Attendance: 已签到 (checked in) → 已签退 (checked out; hours computed) → 已认证 (the organiser certified the hours).
 * A scan outside the geofence waits for the organiser (待确认) before it counts.
 */
export const ATTENDANCE_STATES = ['checked_in', 'checked_out', 'certified'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];
export const ATTENDANCE_STATE_LABELS: Record<AttendanceState, string> = {
  checked_in: '已签到',
  checked_out: '已签退',
  certified: '已认证',
};

/** The check-in code the organiser's phone shows changes every 30 s; the previous code is still taken (scan delay). */
export const CHECKIN_CODE_WINDOW_SECONDS = 30;
export const CHECKIN_CODE_GRACE_WINDOWS = 1;
/** The window a time falls in. */
export const codeWindow = (at: Date) => Math.floor(at.getTime() / 1000 / CHECKIN_CODE_WINDOW_SECONDS);
/** Seconds until the current code changes (the organiser's page shows a countdown). */
export const secondsLeftInWindow = (at: Date) =>
  CHECKIN_CODE_WINDOW_SECONDS - (Math.floor(at.getTime() / 1000) % CHECKIN_CODE_WINDOW_SECONDS);

/** Check-in opens this long before the start and check-out closes this long after the end. */
export const CHECKIN_OPENS_MINUTES_BEFORE = 60;
export const CHECKOUT_CLOSES_MINUTES_AFTER = 120;
/** Default and bounds of an activity's geofence radius (metres). */
export const GEOFENCE_DEFAULT_M = 300;
export const GEOFENCE_MIN_M = 50;
export const GEOFENCE_MAX_M = 5000;

/** Great-circle distance in metres (haversine; WGS-84 mean radius). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_008.8;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Service minutes of one attendance: from check-in to check-out, counted only inside the activity's time (arriving
 * early or leaving late adds nothing), never negative. Whole minutes, rounded down.
 */
export function serviceMinutes(activity: { startsAt: Date; endsAt: Date }, checkInAt: Date, checkOutAt: Date): number {
  const from = Math.max(activity.startsAt.getTime(), checkInAt.getTime());
  const to = Math.min(activity.endsAt.getTime(), checkOutAt.getTime());
  return Math.max(0, Math.floor((to - from) / 60_000));
}

/** Hours as shown: minutes / 60 with one decimal (12.5 小时). */
export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

// ---- stars ---------------------------------------------------------------------------------------------------------

/** Star thresholds in certified hours, ★1 … ★5 (server/modules/volunteers/data/volunteer-stars.json; the national default 100/300/600/1000/1500). */
export interface StarThresholds {
  version: number;
  /** Ascending hours for ★1 … ★5. */
  hours: number[];
  source: string;
}

export const DEFAULT_STAR_HOURS = [100, 300, 600, 1000, 1500] as const;

/** The star level (0–5) of a volunteer with these certified minutes. */
export function starLevel(certifiedMinutes: number, thresholdsHours: readonly number[] = DEFAULT_STAR_HOURS): number {
  const hours = certifiedMinutes / 60;
  let level = 0;
  for (const t of thresholdsHours) if (hours >= t) level += 1;
  return level;
}

/** Hours still needed for the next star, or null at the top. */
export function hoursToNextStar(certifiedMinutes: number, thresholdsHours: readonly number[] = DEFAULT_STAR_HOURS): number | null {
  const next = thresholdsHours[starLevel(certifiedMinutes, thresholdsHours)];
  return next === undefined ? null : Math.max(0, Math.round((next - certifiedMinutes / 60) * 10) / 10);
}

export const starText = (level: number) =>
  level > 0 ? `${'★'.repeat(level)} ${['', '一', '二', '三', '四', '五'][level]}星志愿者` : '未评星';

/** An activity's places as residents read them: "还剩 3 个名额（共 10 个）", or full with the waiting list open. */
export function placesText(a: { capacity: number; taken: number }): string {
  const left = Math.max(0, a.capacity - a.taken);
  return left > 0 ? `还剩 ${left} 个名额（共 ${a.capacity} 个）` : '名额已满，可报名候补';
}
