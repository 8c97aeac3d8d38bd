/** Shared bits of the 志愿之城 pages: stars, hours, activity timing, the states' tags. */
import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import {
  ATTENDANCE_STATE_LABELS,
  hoursOf,
  SIGNUP_STATE_LABELS,
  VOLUNTEER_STATE_LABELS,
  type AttendanceState,
  type SignupState,
  type VolunteerState,
} from '@common/volunteers';
import type { Activity } from '../../api/volunteers';

/** ★★☆☆☆ with the number spoken. */
export function Stars({ stars, size = 14 }: { stars: number; size?: number }) {
  return (
    <span
      aria-label={`${stars} 星`}
      title={`${stars} 星`}
      style={{ color: '#faad14', fontSize: size, letterSpacing: 1, whiteSpace: 'nowrap' }}
    >
      {'★'.repeat(stars)}
      <span style={{ color: '#d9d9d9' }}>{'★'.repeat(Math.max(0, 5 - stars))}</span>
    </span>
  );
}

/** 12.5 小时. */
export const hoursText = (minutes: number | null | undefined) =>
  minutes === null || minutes === undefined ? '—' : `${hoursOf(minutes)} 小时`;

const VOLUNTEER_COLORS: Record<VolunteerState, string> = { pending: 'gold', approved: 'green', rejected: 'red', left: 'default' };
export const VolunteerStateTag = ({ state }: { state: VolunteerState }) => (
  <Tag color={VOLUNTEER_COLORS[state]}>{VOLUNTEER_STATE_LABELS[state]}</Tag>
);

const SIGNUP_COLORS: Record<SignupState, string> = { signed: 'blue', waitlisted: 'orange', cancelled: 'default' };
export const SignupTag = ({ state }: { state: SignupState | null }) =>
  state ? <Tag color={SIGNUP_COLORS[state]}>{SIGNUP_STATE_LABELS[state]}</Tag> : <Tag>未报名</Tag>;

const ATTENDANCE_COLORS: Record<AttendanceState, string> = { checked_in: 'processing', checked_out: 'cyan', certified: 'green' };
export function AttendanceTag({ state, outside, confirmed }: { state: AttendanceState | null; outside?: boolean; confirmed?: boolean }) {
  if (!state) return <Tag>未签到</Tag>;
  return (
    <>
      <Tag color={ATTENDANCE_COLORS[state]}>{ATTENDANCE_STATE_LABELS[state]}</Tag>
      {outside && !confirmed && (
        <Tooltip title="在签到范围外扫码，需组织者确认后计入时长">
          <Tag color="warning">范围外待确认</Tag>
        </Tooltip>
      )}
      {outside && confirmed && <Tag color="default">范围外已确认</Tag>}
    </>
  );
}

/** 未开始 / 进行中 / 已结束 / 已取消 by the activity's state and times. */
export function activityPhase(a: Pick<Activity, 'state' | 'startsAt' | 'endsAt'>, now = Date.now()): { label: string; color: string } {
  if (a.state === 'cancelled') return { label: '已取消', color: 'default' };
  if (a.state === 'finished') return { label: '已结束', color: 'default' };
  const starts = new Date(a.startsAt as string).getTime();
  const ends = new Date(a.endsAt as string).getTime();
  if (now < starts) return { label: '报名中', color: 'blue' };
  if (now <= ends) return { label: '进行中', color: 'green' };
  return { label: '待认证', color: 'orange' };
}

/** 12月12日 周六 09:00–11:30 (the end's date too when it is another day). */
export function activityTime(a: Pick<Activity, 'startsAt' | 'endsAt'>): string {
  const s = dayjs(a.startsAt as string);
  const e = dayjs(a.endsAt as string);
  const week = '日一二三四五六'[s.day()];
  const start = `${s.format('M月D日')} 周${week} ${s.format('HH:mm')}`;
  return s.isSame(e, 'day') ? `${start}–${e.format('HH:mm')}` : `${start} – ${e.format('M月D日 HH:mm')}`;
}
