/**
 * 慈善之家: organisations (/api/charity/organisations), their projects (/api/charity/projects), receipts and the
 * append-only ledger of donations and spending, and the public ledger (/api/public/charity). Shapes are checked here
 * (a malformed body is a 400 naming the field in Chinese); rules that need the database (an organisation in scope, a
 * code already registered, an entry already corrected) answer 422 naming the field. Amounts are integers in fen.
 */
import { z } from 'zod';
import {
  CHARITY_CATEGORIES,
  CHARITY_DONATION_TYPES,
  CHARITY_ENTRY_KINDS,
  CHARITY_ORG_KINDS,
  CHARITY_ORG_STATUSES,
  CHARITY_PROJECT_STATUSES,
} from '../charity';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

const uuid = (what: string) => z.uuid(`${what}编号格式不正确`);
const text = (what: string, min: number, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(min, min > 1 ? `${what}至少 ${min} 个字` : `请填写${what}`)
    .max(max, `${what}最多 ${max} 个字`);
const optionalText = (what: string, max: number) => z.string().trim().max(max, `${what}最多 ${max} 个字`).nullable().optional();
const day = (what: string) => z.iso.date(`${what}须为 YYYY-MM-DD 格式的日期`);
const contactPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '联系电话应为手机号码或带区号的固定电话');
/** Fen: a whole number, at most 100 亿元. */
const fen = (what: string) =>
  z
    .number({ error: `${what}须为数字（单位：分）` })
    .int(`${what}须为整数（单位：分）`)
    .min(0, `${what}不能为负数`)
    .max(1_000_000_000_000, `${what}过大`);

// ---- organisations -------------------------------------------------------------------------------------------------

/** The code's shape only; its GB 32100 check (common/charity.ts isValidUscc) answers 422 from the command. */
export const creditCode = z
  .string({ error: '请填写统一社会信用代码' })
  .trim()
  .toUpperCase()
  .min(1, '请填写统一社会信用代码')
  .max(40, '统一社会信用代码应为 18 位');

const orgFields = {
  name: text('组织名称', 2, 80),
  kind: z.enum(CHARITY_ORG_KINDS, { error: '组织类型为 社会团体、基金会、社会服务机构 或 其他' }),
  registeredOn: day('登记日期').nullable().optional(),
  contactName: optionalText('联系人', 20),
  contactPhone: contactPhone.nullable().optional(),
  address: optionalText('地址', 200),
  description: optionalText('简介', 1000),
};

export const orgBody = z.object({ regionId: uuid('所属区划'), creditCode, ...orgFields });
export type OrgBody = z.infer<typeof orgBody>;
export const updateOrgBody = z.object({
  ...orgFields,
  creditCode,
  status: z.enum(CHARITY_ORG_STATUSES, { error: '状态为 正常、停止活动 或 注销' }),
  version: z.number().int().min(1),
});
export const orgAdminsBody = z.object({ userIds: z.array(uuid('管理员')).max(20, '每个组织最多 20 名管理员') });

export const orgsQuery = z.object({
  regionId: uuid('区划').optional(),
  status: z.enum(CHARITY_ORG_STATUSES).optional(),
  kind: z.enum(CHARITY_ORG_KINDS).optional(),
  search: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['name', 'created_at', 'raised']).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type OrgsQuery = z.output<typeof orgsQuery>;

export const orgResponse = z.object({
  id,
  regionId: id,
  regionName: z.string(),
  name: z.string(),
  creditCode: z.string(),
  kind: z.enum(CHARITY_ORG_KINDS),
  status: z.enum(CHARITY_ORG_STATUSES),
  registeredOn: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  description: z.string().nullable(),
  admins: z.array(z.object({ userId: id, name: z.string() })),
  projectCount: z.number().int(),
  raisedFen: z.number().int(),
  spentFen: z.number().int(),
  createdAt: timestamp,
  version: z.number().int(),
  abilities: abilitiesOf(['update', 'manageAdmins', 'addProject']),
});
export type OrgDto = z.input<typeof orgResponse>;
export const orgPage = pageOf(orgResponse);

// ---- projects ------------------------------------------------------------------------------------------------------

const projectFields = {
  regionId: uuid('实施区域'),
  name: text('项目名称', 2, 80),
  category: z.enum(CHARITY_CATEGORIES, { error: '项目类别为 助学、助老、助残、应急救灾、扶贫济困 或 其他' }),
  goalFen: fen('筹款目标'),
  beneficiaries: text('受益对象', 2, 200),
  startsOn: day('开始日期'),
  endsOn: day('结束日期').nullable().optional(),
  description: optionalText('项目简介', 2000),
};
const periodOk = (b: { startsOn: string; endsOn?: string | null }) => !b.endsOn || b.endsOn >= b.startsOn;
const periodIssue = { message: '结束日期不能早于开始日期', path: ['endsOn'] };

export const projectBody = z.object({ orgId: uuid('慈善组织'), ...projectFields }).refine(periodOk, periodIssue);
export type ProjectBody = z.infer<typeof projectBody>;
export const updateProjectBody = z
  .object({
    ...projectFields,
    status: z.enum(CHARITY_PROJECT_STATUSES, { error: '项目状态为 筹备中、进行中 或 已结束' }),
    version: z.number().int().min(1),
  })
  .refine(periodOk, periodIssue);
export const projectActivitiesBody = z.object({ activityIds: z.array(uuid('志愿活动')).max(50, '每个项目最多关联 50 场志愿活动') });

export const projectsQuery = z.object({
  orgId: uuid('慈善组织').optional(),
  regionId: uuid('区划').optional(),
  status: z.enum(CHARITY_PROJECT_STATUSES).optional(),
  category: z.enum(CHARITY_CATEGORIES).optional(),
  search: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['name', 'starts_on', 'raised', 'created_at']).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ProjectsQuery = z.output<typeof projectsQuery>;

const sums = {
  raisedFen: z.number().int(),
  spentFen: z.number().int(),
  balanceFen: z.number().int(),
};

export const projectSummary = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  regionId: id,
  regionName: z.string(),
  name: z.string(),
  category: z.enum(CHARITY_CATEGORIES),
  goalFen: z.number().int(),
  beneficiaries: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(CHARITY_PROJECT_STATUSES),
  entryCount: z.number().int(),
  ...sums,
});
export const projectPage = pageOf(projectSummary);

/** A receipt as staff see it (the staff link) and as the public sees it (the public link, once attached). */
export const receiptResponse = z.object({ id, name: z.string(), mime: z.string(), size: z.number().int(), url: z.string() });
export type ReceiptDto = z.input<typeof receiptResponse>;

export const entryResponse = z.object({
  id,
  entryNo: z.number().int(),
  kind: z.enum(CHARITY_ENTRY_KINDS),
  donationType: z.enum(CHARITY_DONATION_TYPES).nullable(),
  amountFen: z.number().int(),
  goodsDescription: z.string().nullable(),
  goodsQuantity: z.string().nullable(),
  /** The donor as given, or 匿名. */
  donorName: z.string().nullable(),
  /** Staff only (the public presenter has no such field). */
  donorContact: z.string().nullable(),
  occurredOn: z.string(),
  purpose: z.string(),
  correctsId: id.nullable(),
  reason: z.string().nullable(),
  /** A later entry corrected this one: it no longer counts. */
  correctedById: id.nullable(),
  receipts: z.array(receiptResponse),
  recordedByName: z.string(),
  createdAt: timestamp,
  abilities: abilitiesOf(['correct']),
});
export type EntryDto = z.input<typeof entryResponse>;

export const linkedActivity = z.object({ id, title: z.string(), startsAt: timestamp, place: z.string(), state: z.string() });

export const projectResponse = projectSummary.extend({
  description: z.string().nullable(),
  entries: z.array(entryResponse),
  activities: z.array(linkedActivity),
  /** Complete public ledger: every spending entry carries a receipt (and there is at least one entry). */
  isLedgerComplete: z.boolean(),
  version: z.number().int(),
  abilities: abilitiesOf(['update', 'record', 'linkActivities']),
});
export type ProjectDto = z.input<typeof projectResponse>;

// ---- ledger entries ------------------------------------------------------------------------------------------------

const entryCommon = {
  occurredOn: day('日期'),
  receiptIds: z.array(uuid('票据')).max(20, '每条最多附 20 张票据').default([]),
};
const donationFields = {
  kind: z.literal('donation'),
  donationType: z.enum(CHARITY_DONATION_TYPES, { error: '捐赠类型为 资金 或 物资' }),
  amountFen: fen('金额（物资为估值）'),
  goodsDescription: optionalText('物资名称', 100),
  goodsQuantity: optionalText('物资数量', 40),
  /** Empty or absent: 匿名. */
  donorName: optionalText('捐赠人', 60),
  donorContact: optionalText('捐赠人联系方式', 60),
  purpose: text('捐赠用途', 2, 200),
  ...entryCommon,
};
const spendingFields = {
  kind: z.literal('spending'),
  amountFen: fen('支出金额'),
  purpose: text('支出用途', 2, 200),
  ...entryCommon,
};
const goodsNamed = (b: { kind: string; donationType?: string; goodsDescription?: string | null }) =>
  b.kind !== 'donation' || b.donationType !== 'goods' || !!b.goodsDescription;
const goodsIssue = { message: '物资捐赠请填写物资名称', path: ['goodsDescription'] };

/** A new entry: a donation or a spending (with its receipts). Amounts of new entries are above zero. */
export const entryBody = z
  .discriminatedUnion('kind', [
    z.object({ ...donationFields, amountFen: fen('金额（物资为估值）').min(1, '金额须大于 0') }),
    z.object({ ...spendingFields, amountFen: fen('支出金额').min(1, '支出金额须大于 0') }),
  ])
  .refine(goodsNamed, goodsIssue);
export type EntryBody = z.output<typeof entryBody>;

/**
 * 更正: a new entry of the same kind replacing the named one, with the reason. An amount of 0 voids the entry (录错了).
 */
export const correctionBody = z
  .discriminatedUnion('kind', [
    z.object({ ...donationFields, reason: text('更正原因', 4, 200) }),
    z.object({ ...spendingFields, reason: text('更正原因', 4, 200) }),
  ])
  .refine(goodsNamed, goodsIssue);
export type CorrectionBody = z.output<typeof correctionBody>;

export const entryParams = z.object({ id: uuid('项目'), entryId: uuid('台账条目') });
export const receiptParams = z.object({ id: uuid('项目'), receiptId: uuid('票据') });

// ---- public --------------------------------------------------------------------------------------------------------

export const publicProjectsQuery = z.object({
  countyCode: z
    .string({ error: '请提供区县代码' })
    .trim()
    .regex(/^\d{6,12}$/, '区县代码格式不正确'),
  category: z.enum(CHARITY_CATEGORIES).optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export const publicProjectSummary = z.object({
  id,
  orgName: z.string(),
  regionName: z.string(),
  name: z.string(),
  category: z.enum(CHARITY_CATEGORIES),
  goalFen: z.number().int(),
  beneficiaries: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: z.enum(CHARITY_PROJECT_STATUSES),
  ...sums,
});
export const publicProjectPage = z.object({ countyName: z.string(), items: z.array(publicProjectSummary), total: z.number().int() });

export const publicReceipt = z.object({ id, name: z.string(), mime: z.string(), url: z.string() });
export const publicEntry = z.object({
  id,
  entryNo: z.number().int(),
  kind: z.enum(CHARITY_ENTRY_KINDS),
  donationType: z.enum(CHARITY_DONATION_TYPES).nullable(),
  amountFen: z.number().int(),
  goodsDescription: z.string().nullable(),
  goodsQuantity: z.string().nullable(),
  donorName: z.string().nullable(),
  occurredOn: z.string(),
  purpose: z.string(),
  correctsId: id.nullable(),
  reason: z.string().nullable(),
  correctedById: id.nullable(),
  receipts: z.array(publicReceipt),
  createdAt: timestamp,
});
export const publicProject = publicProjectSummary.extend({
  orgCreditCode: z.string(),
  description: z.string().nullable(),
  entries: z.array(publicEntry),
  activities: z.array(z.object({ title: z.string(), startsAt: timestamp, place: z.string() })),
});
export type PublicProjectDto = z.input<typeof publicProject>;
