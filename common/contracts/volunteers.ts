/**
 * 志愿之城 — organisation and people: teams (/api/volunteers/teams), stations (/api/volunteers/stations), resident
 * population per town (/api/volunteers/population), volunteers (/api/volunteers, the public registration
 * /api/public/volunteers/register, a signed-in staff member joining /api/volunteers/join, approval by a team admin) and
 * the volunteer's own record (/api/volunteers/me). Activities, sign-ups and check-in are in volunteer-activities.ts.
 * Shapes are checked here (a malformed body is a 400 naming the field in Chinese); rules that need the database (a team
 * in scope, an ID number already registered) answer 422 naming the field. An ID number never leaves the server
 * unmasked.
 */
import { z } from 'zod';
import { isValidIdNumber, STATION_LEVELS, TEAM_KINDS, VOLUNTEER_SKILLS, VOLUNTEER_STATES } from '../volunteers';
import { challengeSolution } from './public-reports';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

const uuid = (what: string) => z.uuid(`${what}编号格式不正确`);
const name = (what: string, max = 60) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(2, `${what}至少 2 个字`)
    .max(max, `${what}最多 ${max} 个字`);
export const mobilePhone = z
  .string({ error: '请填写手机号码' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码');
const contactPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '联系电话应为手机号码或带区号的固定电话');
const point = {
  lat: z.number({ error: '纬度须为数字' }).min(3.8, '位置须在中国境内').max(53.6, '位置须在中国境内'),
  lng: z.number({ error: '经度须为数字' }).min(73.5, '位置须在中国境内').max(135.1, '位置须在中国境内'),
};
const skills = z.array(z.string().trim().min(1).max(20, '每项技能最多 20 个字'), { error: '技能格式不正确' }).max(12, '最多 12 项技能');

// ---- teams ---------------------------------------------------------------------------------------------------------

export const teamBody = z.object({
  regionId: uuid('所属区划'),
  parentId: uuid('上级队伍').nullable().optional(),
  kind: z.enum(TEAM_KINDS, { error: '队伍类型为 总队、支队、小队 或 专业队' }),
  name: name('队伍名称'),
  unitId: uuid('依托单位').nullable().optional(),
  contactName: z.string().trim().max(20).nullable().optional(),
  contactPhone: contactPhone.nullable().optional(),
  description: z.string().trim().max(1000, '队伍简介最多 1000 个字').nullable().optional(),
});
export type TeamBody = z.infer<typeof teamBody>;
export const updateTeamBody = teamBody.omit({ regionId: true, kind: true }).extend({ version: z.number().int().min(1) });
/** Team admins: users named by id (staff accounts or approved volunteers' accounts). */
export const teamAdminsBody = z.object({ userIds: z.array(uuid('管理员')).max(20, '每支队伍最多 20 名管理员') });

export const teamResponse = z.object({
  id,
  regionId: id,
  regionName: z.string(),
  parentId: id.nullable(),
  kind: z.enum(TEAM_KINDS),
  name: z.string(),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  description: z.string().nullable(),
  admins: z.array(z.object({ userId: id, name: z.string() })),
  /** Approved volunteers of this team (not of its sub-teams). */
  volunteerCount: z.number().int(),
  pendingCount: z.number().int(),
  version: z.number().int(),
  abilities: abilitiesOf(['update', 'manageAdmins', 'review']),
});
export type TeamDto = z.input<typeof teamResponse>;
export const teamList = z.object({ items: z.array(teamResponse) });

// ---- stations ------------------------------------------------------------------------------------------------------

export const stationBody = z.object({
  regionId: uuid('所属区划'),
  parentId: uuid('上级阵地').nullable().optional(),
  level: z.enum(STATION_LEVELS, { error: '阵地层级为 实践中心、实践所、实践站 或 服务点' }),
  name: name('阵地名称'),
  address: z.string().trim().max(200, '地址最多 200 个字').nullable().optional(),
  location: z.object(point, { error: '位置格式不正确' }).nullable().optional(),
  contactName: z.string().trim().max(20).nullable().optional(),
  contactPhone: contactPhone.nullable().optional(),
});
export type StationBody = z.infer<typeof stationBody>;
export const updateStationBody = stationBody.omit({ regionId: true, level: true }).extend({ version: z.number().int().min(1) });

export const stationResponse = z.object({
  id,
  regionId: id,
  regionName: z.string(),
  parentId: id.nullable(),
  level: z.enum(STATION_LEVELS),
  name: z.string(),
  address: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  /** Activities held here (all time) and in the last 30 days. */
  activityCount: z.number().int(),
  recentActivityCount: z.number().int(),
  version: z.number().int(),
  abilities: abilitiesOf(['update']),
});
export type StationDto = z.input<typeof stationResponse>;
export const stationList = z.object({ items: z.array(stationResponse) });

// ---- population ----------------------------------------------------------------------------------------------------

export const populationBody = z.object({
  year: z.number().int().min(2000).max(2100),
  items: z
    .array(
      z.object({
        regionId: uuid('乡镇'),
        population: z.number({ error: '常住人口须为数字' }).int('常住人口须为整数').min(0).max(50_000_000),
      }),
    )
    .min(1, '请至少填写一个乡镇的常住人口')
    .max(500),
});
export const populationResponse = z.object({
  year: z.number().int(),
  items: z.array(z.object({ regionId: id, regionName: z.string(), population: z.number().int().nullable() })),
});

// ---- volunteers ----------------------------------------------------------------------------------------------------

const idNumber = z
  .string({ error: '请填写身份证号码' })
  .trim()
  .toUpperCase()
  .refine(isValidIdNumber, '身份证号码不正确（18 位，末位校验码须正确）');

const profile = {
  name: name('姓名', 20),
  gender: z.enum(['male', 'female'], { error: '性别为 male 或 female' }).nullable().optional(),
  idNumber,
  skills: skills.optional(),
  availability: z.string().trim().max(100, '服务时间最多 100 个字').nullable().optional(),
  teamId: uuid('志愿队伍'),
};

/** A resident registers on the public door: an account (phone as the user name) and an application to a team. */
export const registerVolunteerBody = z.object({
  ...profile,
  phone: mobilePhone,
  /** The code sent by POST /api/public/phone-codes (the phone is verified before an account is made). */
  phoneCode: z.string().regex(/^\d{6}$/, '请填写 6 位短信验证码'),
  password: z.string({ error: '请设置密码' }).min(8, '密码至少 8 位').max(128),
  deviceId: z.string().min(8).max(64),
  proof: challengeSolution,
});
export type RegisterVolunteerBody = z.infer<typeof registerVolunteerBody>;

/** A signed-in staff member also volunteers (their account is used; phone from the body). */
export const joinVolunteerBody = z.object({ ...profile, phone: mobilePhone });
export type JoinVolunteerBody = z.infer<typeof joinVolunteerBody>;

/** 审核: a team admin (or the office) approves or rejects with a reason. */
export const reviewVolunteerBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), version: z.number().int().min(1), comment: z.string().trim().max(200).nullish() }),
  z.object({
    decision: z.literal('reject'),
    version: z.number().int().min(1),
    comment: z.string({ error: '请填写未通过的原因' }).trim().min(2, '请填写未通过的原因').max(200),
  }),
]);

export const volunteersQuery = z.object({
  teamId: uuid('志愿队伍').optional(),
  regionId: uuid('区划').optional(),
  state: z.enum(VOLUNTEER_STATES).optional(),
  search: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['name', 'created_at', 'hours']).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const volunteerResponse = z.object({
  id,
  userId: id,
  name: z.string(),
  /** Masked for everyone but the volunteer and the team's admins (138****5678). */
  phone: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  /** Always masked: 3201**********1234. */
  idNumber: z.string(),
  skills: z.array(z.string()),
  availability: z.string().nullable(),
  teamId: id,
  teamName: z.string(),
  regionId: id,
  state: z.enum(VOLUNTEER_STATES),
  reviewComment: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  createdAt: timestamp,
  /** Certified hours (total) and the star level from them. */
  certifiedMinutes: z.number().int(),
  stars: z.number().int(),
  version: z.number().int(),
  abilities: abilitiesOf(['review']),
});
export type VolunteerDto = z.input<typeof volunteerResponse>;
export const volunteerPage = pageOf(volunteerResponse);

export const registeredVolunteer = z.object({ id, state: z.enum(VOLUNTEER_STATES), username: z.string() });

/** GET /api/volunteers/me — the volunteer's own record (issue contract: hours { year, total }, stars, activities). */
/** 活动招募: a published activity that has not ended, as residents see it (nothing about the people). */
export const publicActivity = z.object({
  id,
  title: z.string(),
  description: z.string().nullable(),
  startsAt: timestamp,
  endsAt: timestamp,
  place: z.string(),
  regionName: z.string(),
  teamName: z.string().nullable(),
  capacity: z.number().int(),
  /** Places taken (signed, not waitlisted or cancelled). */
  taken: z.number().int(),
  skills: z.array(z.string()),
});
/** A county's 活动招募 on the public pages, soonest first. */
export const publicActivityList = z.object({ items: z.array(publicActivity) });

export const myVolunteerRecord = z.object({
  volunteer: volunteerResponse.nullable(),
  hours: z.object({ year: z.number(), total: z.number() }),
  minutes: z.object({ year: z.number().int(), total: z.number().int() }),
  stars: z.number().int(),
  /** Hours still needed for the next star (null at ★5). */
  hoursToNextStar: z.number().nullable(),
  starThresholds: z.array(z.number()),
  /** Problems this volunteer reported as 文明啄木鸟 (source volunteer). */
  reportsFiled: z.number().int(),
  activities: z.array(
    z.object({
      activityId: id,
      title: z.string(),
      startsAt: timestamp,
      endsAt: timestamp,
      place: z.string(),
      signupState: z.enum(['signed', 'waitlisted', 'cancelled']).nullable(),
      attendanceState: z.enum(['checked_in', 'checked_out', 'certified']).nullable(),
      minutes: z.number().int().nullable(),
      certifiedMinutes: z.number().int().nullable(),
    }),
  ),
  /** The certificate's public verification code, once issued. */
  certificateCode: z.string().nullable(),
  /** While the registration waits for approval: what the county is recruiting for (sign-up opens once approved). */
  recruiting: z.array(publicActivity).nullable(),
});
export type MyVolunteerRecordDto = z.input<typeof myVolunteerRecord>;

/** The public certificate check (/api/public/volunteer-certificates/:code): what anyone may read. */
export const publicCertificate = z.object({
  code: z.string(),
  /** 张** (the name masked after the first character). */
  name: z.string(),
  teamName: z.string(),
  certifiedHours: z.number(),
  stars: z.number().int(),
  activityCount: z.number().int(),
  issuedAt: timestamp,
  issuer: z.string(),
});

export { VOLUNTEER_SKILLS };

// ---- additions (queries and the public registration's team list) ---------------------------------------------------

/** GET /api/volunteers/teams and /stations: optionally only inside one region. */
export const orgQuery = z.object({ regionId: uuid('区划').optional() });
/** GET /api/volunteers/population: a county's towns for a year. */
export const populationQuery = z.object({ countyId: uuid('区县'), year: z.coerce.number().int().min(2000).max(2100) });
/** GET /api/public/volunteer-teams?countyCode=: the teams a resident may apply to (name and kind only). */
export const publicTeamsQuery = z.object({
  countyCode: z
    .string()
    .trim()
    .regex(/^\d{6,12}$/, '区县代码格式不正确'),
});
export const publicTeamList = z.object({
  items: z.array(z.object({ id, name: z.string(), kind: z.enum(TEAM_KINDS), regionName: z.string(), parentId: id.nullable() })),
});
export const certificateCodeParam = z.object({ code: z.string().regex(/^[A-Z0-9]{12}$/, '验证码格式不正确') });
