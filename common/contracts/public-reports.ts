/**
 * 随手拍 (citizen reports): the public API under /api/public (challenge, photos, phone codes, reports, tracking, rating)
 * and the office's triage queue and 回访 list under /api/citizen-reports. Public answers carry no reporter identity.
 */
import { z } from 'zod';
import { OPEN311_DATATYPES } from '../open311';
import { DEVICE_ID_PATTERN, FOLLOWUP_STATES, PUBLIC_SOURCES, PUBLIC_STATUSES, RATINGS } from '../public-reports';
import { abilitiesOf, pageOf, timestamp } from './shared';

/* ------------------------------------------------------------------ public */

/** A proof-of-work challenge: find `number` in 0…maxnumber with SHA-256(salt + number) = challenge (hex). */
export const publicChallenge = z.object({
  algorithm: z.literal('SHA-256'),
  challenge: z.string(),
  salt: z.string(),
  maxnumber: z.number().int(),
  expiresAt: timestamp,
});

export const challengeSolution = z.object(
  {
    challenge: z.string({ error: '缺少人机验证' }).regex(/^[0-9a-f]{64}$/, '人机验证格式不正确'),
    salt: z.string({ error: '缺少人机验证' }).min(1).max(200),
    number: z.number({ error: '缺少人机验证' }).int().min(0).max(10_000_000),
  },
  { error: '请完成人机验证' },
);

const deviceId = z.string({ error: '缺少设备标识' }).regex(DEVICE_ID_PATTERN, '设备标识格式不正确');
const phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码');

/** A category's 附加问题 as the public form asks them (common/category-questions.ts; the office edits them). */
export const publicQuestion = z.object({
  code: z.string(),
  datatype: z.enum(OPEN311_DATATYPES),
  required: z.boolean(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});

export type PublicQuestion = z.infer<typeof publicQuestion>;

export const publicCategories = z.object({
  categories: z.array(z.object({ code: z.string(), name: z.string(), questions: z.array(publicQuestion) })),
  /** The counties a report may be filed in, with the area their sites cover (for the tap-on-the-map picker). */
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      bounds: z.object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() }).nullable(),
      towns: z.array(z.object({ name: z.string(), lat: z.number(), lng: z.number() })),
    }),
  ),
});

export const publicUploadQuery = z.object({ deviceId });
export const publicFile = z.object({ id: z.string(), width: z.number().int(), height: z.number().int() });

export const phoneCodeBody = z.object({ phone, deviceId });
export const phoneCodeSent = z.object({ sentTo: z.string(), expiresInSeconds: z.number().int() });

export const publicReportBody = z.object({
  photoIds: z.array(z.uuid('照片编号格式不正确'), { error: '请上传照片' }).min(1, '请至少上传 1 张照片').max(4, '最多 4 张照片'),
  location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }, { error: '位置格式不正确' }).nullish(),
  /** The county chosen in the form (used when the location finds none). */
  countyCode: z.string().trim().max(20).nullish(),
  address: z.string().trim().max(200).nullish(),
  categoryCode: z.string({ error: '请选择问题类别' }).trim().min(1, '请选择问题类别').max(20),
  description: z.string({ error: '请描述问题' }).trim().min(5, '问题描述至少 5 个字').max(500, '问题描述最多 500 字'),
  name: z.string().trim().max(40, '姓名最多 40 字').nullish(),
  phone: phone.nullish(),
  phoneCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '验证码为 6 位数字')
    .nullish(),
  deviceId,
  proof: challengeSolution,
  /** Answers to the category's 附加问题: question code → the value (a list for a multiple choice); checked against them. */
  answers: z
    .record(z.string().max(40), z.union([z.string().max(1000, '回答不超过 1000 字'), z.array(z.string().max(40)).max(30)]), {
      error: '附加问题的回答格式不正确',
    })
    .refine((a) => Object.keys(a).length <= 20, '附加问题的回答过多')
    .nullish(),
});
export type PublicReportInput = z.infer<typeof publicReportBody>;

export const publicReportCreated = z.object({ trackingCode: z.string(), trackingUrl: z.string() });

export const trackingParam = z.object({ trackingCode: z.string().regex(/^[A-Z2-7]{20}$/, '查询码格式不正确') });
export const trackingPhotoParam = trackingParam.extend({ fileId: z.uuid('照片编号格式不正确') });

export const publicTracking = z.object({
  status: z.enum(PUBLIC_STATUSES),
  statusText: z.string(),
  updatedAt: timestamp,
  reportedAt: timestamp,
  categoryName: z.string(),
  description: z.string(),
  /** The citizen-facing reason when declined (不属实 / 重复 / …), never the office's internal note. */
  rejectReason: z.string().nullable(),
  steps: z.array(z.object({ status: z.enum(PUBLIC_STATUSES), label: z.string(), done: z.boolean() })),
  /** URLs of the public copies (re-encoded, no EXIF). */
  photos: z.array(z.string()),
  afterPhotos: z.array(z.string()),
  rating: z.object({ value: z.enum(RATINGS), label: z.string(), comment: z.string().nullable(), ratedAt: timestamp }).nullable(),
  canRate: z.boolean(),
});

export const ratingBody = z.object({
  rating: z.enum(RATINGS, { error: '请选择满意、基本满意或不满意' }),
  comment: z.string().trim().max(500, '评价最多 500 字').nullish(),
});

/* ------------------------------------------------------------------ staff */

export const triageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['createdAt', '-createdAt']).default('createdAt'),
  source: z.enum(PUBLIC_SOURCES).optional(),
  regionId: z.uuid('区域编号格式不正确').optional(),
  categoryCode: z.string().trim().max(20).optional(),
  q: z.string().trim().max(50).optional(),
});

const triageActions = ['accept', 'reject', 'merge'] as const;

export const triageItem = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  description: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  source: z.string(),
  sourceLabel: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  createdAt: timestamp,
  photoIds: z.array(z.string()),
  /** The citizen (office only; never shown to the unit or publicly). */
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  phoneVerified: z.boolean(),
  /** The 附加问题 answered with the report (Open311 attributes or the 随手拍 form), as asked. */
  answers: z.array(z.object({ question: z.string(), display: z.string() })),
  abilities: abilitiesOf(triageActions),
});
export const triagePage = pageOf(triageItem);

export const mergeCandidates = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      description: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      distanceMeters: z.number(),
      createdAt: timestamp,
    }),
  ),
});

/** 公众类别: the list citizens pick from, whether the caller may edit it, and the categories it may hold. */
export const publicCategoryList = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string() })),
  editable: z.boolean(),
  choices: z.array(z.object({ code: z.string(), name: z.string() })),
});
export const publicCategoryListBody = z.object({
  codes: z
    .array(z.string().trim().min(1).max(20), { error: '请选择类别' })
    .min(1, '至少保留 1 个类别')
    .max(20, '最多 20 个类别（群众选择时一屏可见）'),
});

export const rejectReasons = z.object({ items: z.array(z.object({ code: z.string(), label: z.string(), publicText: z.string() })) });

export const triageRejectBody = z.object({
  version: z.number({ error: '缺少版本号' }).int().min(1),
  reasonCode: z.string({ error: '请选择不予受理的理由' }).trim().min(1, '请选择不予受理的理由').max(40),
  note: z.string().trim().max(500).nullish(),
});
export const triageMergeBody = z.object({
  version: z.number({ error: '缺少版本号' }).int().min(1),
  targetId: z.uuid('请选择要并入的问题'),
});
export const triageResult = z.object({ id: z.string(), code: z.string(), state: z.string(), duplicateOf: z.string().nullable() });

export const followupQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  state: z.enum(FOLLOWUP_STATES).optional(),
  sort: z.enum(['ratedAt', '-ratedAt']).default('-ratedAt'),
});
export const followupItem = z.object({
  id: z.string(),
  problemId: z.string(),
  problemCode: z.string(),
  problemState: z.string(),
  problemVersion: z.number().int(),
  description: z.string(),
  rating: z.enum(RATINGS),
  ratingLabel: z.string(),
  comment: z.string().nullable(),
  ratedAt: timestamp,
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  state: z.enum(FOLLOWUP_STATES),
  result: z.string().nullable(),
  reopened: z.boolean().nullable(),
  followupAt: timestamp.nullable(),
  canReopen: z.boolean(),
});
export const followupPage = pageOf(followupItem);
export const followupBody = z.object({
  result: z.string({ error: '请填写回访结果' }).trim().min(2, '回访结果至少 2 个字').max(500),
  reopen: z.boolean().default(false),
});
