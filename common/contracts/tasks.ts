/**
 * The 实施方案 / 任务 / 月度进度 API (/api/plans, /api/tasks) and the 项目 API (/api/projects). Request shapes are
 * checked here (a malformed body is a 400 with the field named in Chinese); rules that need the database — a unit that
 * exists, a leader of the campaign's leading group, a file the caller uploaded — are checked by the server and
 * answered 422 naming the field.
 */
import { z } from 'zod';
import {
  MILESTONE_KINDS,
  PHOTO_STAGES,
  PLAN_KINDS,
  PROGRESS_ACTION_NAMES,
  PROGRESS_STATES,
  PROJECT_STATUSES,
  PROJECT_TYPE_CODES,
  TASK_STATUSES,
} from '../tasks';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

const date = (what: string) => z.iso.date({ error: `${what}须为日期，如 2026-11-30` });
const uuid = (what: string) => z.uuid(`${what}编号格式不正确`);
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11');

// ---- plans -------------------------------------------------------------------------------------------------------

export const createPlanBody = z.object({
  campaignId: uuid('创建项目'),
  /** A 专项行动 names its parent 实施方案. */
  parentId: uuid('上级方案').nullable().optional(),
  kind: z.enum(PLAN_KINDS, { error: '方案类型为 plan（实施方案）或 special（专项行动）' }),
  name: z.string({ error: '请填写方案名称' }).trim().min(2, '方案名称至少 2 个字').max(100, '方案名称最多 100 个字'),
  summary: z.string().trim().max(2000, '方案说明最多 2000 个字').nullable().optional(),
});
export type CreatePlanBody = z.infer<typeof createPlanBody>;
export const updatePlanBody = createPlanBody.pick({ name: true, summary: true }).extend({ version: z.number().int().min(1) });

export const plansQuery = z.object({
  campaignId: uuid('创建项目').optional(),
});

const statusCounts = z.object(
  Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof TASK_STATUSES)[number], z.ZodNumber>,
);

export const planResponse = z.object({
  id,
  campaignId: id,
  campaignName: z.string(),
  regionId: id,
  parentId: id.nullable(),
  kind: z.enum(PLAN_KINDS),
  name: z.string(),
  summary: z.string().nullable(),
  /** Tasks of this plan (sub-plans not included) by status today. */
  taskCount: z.number().int(),
  statusCounts,
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  abilities: abilitiesOf(['edit', 'addTask', 'import']),
});
export type PlanDto = z.input<typeof planResponse>;
export const planList = z.object({ items: z.array(planResponse) });

// ---- tasks -------------------------------------------------------------------------------------------------------

export const taskMilestone = z.object({
  name: z.string({ error: '请填写节点名称' }).trim().min(1, '请填写节点名称').max(50, '节点名称最多 50 个字'),
  date: date('节点日期'),
  done: z.boolean().default(false),
});

export const createTaskBody = z.object({
  parentId: uuid('上级任务').nullable().optional(),
  code: z.string().trim().max(20, '序号最多 20 个字').nullable().optional(),
  title: z.string({ error: '请填写工作任务' }).trim().min(2, '工作任务至少 2 个字').max(200, '工作任务最多 200 个字'),
  measures: z.string().trim().max(4000, '具体措施最多 4000 个字').nullable().optional(),
  leadUnitId: uuid('牵头单位'),
  coopUnitIds: z.array(uuid('配合单位')).max(30, '配合单位最多 30 个').default([]),
  leaderMemberId: uuid('责任领导').nullable().optional(),
  startDate: date('开始日期'),
  dueDate: date('完成时限'),
  milestones: z.array(taskMilestone).max(20, '节点最多 20 个').default([]),
  standardIds: z.array(uuid('测评标准')).max(50).default([]),
  siteIds: z.array(uuid('点位')).max(200).default([]),
});
export type CreateTaskBody = z.input<typeof createTaskBody>;
export const updateTaskBody = createTaskBody.omit({ parentId: true }).extend({ version: z.number().int().min(1) });

export const tasksQuery = z.object({
  planId: uuid('方案').optional(),
  campaignId: uuid('创建项目').optional(),
  unitId: uuid('单位').optional(),
  status: z.enum(TASK_STATUSES, { error: '状态为 not_started、in_progress、behind、done 或 overdue' }).optional(),
  /** Only tasks without an approved or pending report for this month (每月汇报 not yet in). */
  missingPeriod: period.optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(['seq', 'dueDate', '-dueDate', 'percent', '-percent']).default('seq'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const unitRef = z.object({ id, name: z.string() });

export const taskResponse = z.object({
  id,
  planId: id,
  planName: z.string(),
  parentId: id.nullable(),
  code: z.string().nullable(),
  seq: z.number().int(),
  title: z.string(),
  measures: z.string().nullable(),
  leadUnit: unitRef,
  coopUnits: z.array(unitRef),
  leader: z.object({ id, name: z.string(), post: z.string() }).nullable(),
  startDate: z.string(),
  dueDate: z.string(),
  baselineStart: z.string(),
  baselineDue: z.string(),
  percent: z.number().int(),
  completedAt: timestamp.nullable(),
  status: z.enum(TASK_STATUSES),
  /** Days past the due date (0 when not overdue). */
  overdueDays: z.number().int(),
  milestones: z.array(z.object({ name: z.string(), date: z.string(), done: z.boolean() })),
  standardIds: z.array(id),
  siteIds: z.array(id),
  escalationLevel: z.number().int(),
  /** The latest monthly report, if any. */
  lastProgress: z
    .object({ id, period: z.string(), percent: z.number().int(), state: z.enum(PROGRESS_STATES), submittedAt: timestamp })
    .nullable(),
  version: z.number().int(),
  abilities: abilitiesOf(['edit', 'report', 'review']),
});
export type TaskDto = z.input<typeof taskResponse>;
export const taskPage = pageOf(taskResponse);

/** POST /api/plans/:id/generate: one task per standard of the campaign's current standards version with a lead unit. */
export const generateTasksBody = z.object({
  dueDate: date('完成时限'),
  startDate: date('开始日期').optional(),
});
export const generateTasksResult = z.object({ created: z.number().int(), skipped: z.number().int() });

/** The plan tree: the plan, its sub-plans, and every task (flat, with parentId) for the tree and the Gantt. */
export const planTreeResponse = z.object({
  plan: planResponse,
  subPlans: z.array(planResponse),
  tasks: z.array(taskResponse),
  today: z.string(),
});

// ---- monthly progress --------------------------------------------------------------------------------------------

export const progressBody = z.object({
  period,
  percent: z
    .number({ error: '完成进度须为 0–100 的整数' })
    .int('完成进度须为整数')
    .min(0, '完成进度不能小于 0')
    .max(100, '完成进度不能大于 100'),
  summary: z.string({ error: '请填写本月完成情况' }).trim().min(5, '本月完成情况至少 5 个字').max(4000, '本月完成情况最多 4000 个字'),
  difficulties: z.string().trim().max(2000, '存在问题最多 2000 个字').nullable().optional(),
  fileIds: z.array(uuid('佐证材料')).max(20, '佐证材料最多 20 个').default([]),
});
export type ProgressBody = z.input<typeof progressBody>;

export const progressActionBody = z.object({
  action: z.enum(PROGRESS_ACTION_NAMES, { error: '操作为 approve（通过）或 return（退回补充）' }),
  version: z.number().int().min(1),
  comment: z.string().optional(),
});

export const progressQuery = z.object({
  period: period.optional(),
  state: z.enum(PROGRESS_STATES).optional(),
  unitId: uuid('单位').optional(),
  planId: uuid('方案').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * The evidence kinds a report's document may have (detected from the bytes at upload, never the name): PDF, Word
 * (.docx and legacy .doc), Excel (.xlsx), and a JPEG or PNG scan. Photos taken for a report go through /api/files.
 */
export const TASK_EVIDENCE_MIMES = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/jpeg',
  'image/png',
] as const;

/** POST /api/tasks/:id/evidence → 201: one stored evidence document (its id goes into a report's fileIds). */
export const taskEvidenceResponse = z.object({
  id,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  url: z.string(),
});
export type TaskEvidenceDto = z.input<typeof taskEvidenceResponse>;

/**
 * One piece of a report's evidence: a photo (/api/files, watermarked; `url` opens the evidence copy) or a document
 * (`url` downloads it from /api/tasks/:id/evidence/:fileId).
 */
export const progressEvidence = z.object({
  id,
  kind: z.enum(['photo', 'document']),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  url: z.string(),
});
export type ProgressEvidenceDto = z.input<typeof progressEvidence>;

export const progressResponse = z.object({
  id,
  taskId: id,
  taskTitle: z.string(),
  taskCode: z.string().nullable(),
  planId: id,
  leadUnit: unitRef,
  period: z.string(),
  percent: z.number().int(),
  summary: z.string(),
  difficulties: z.string().nullable(),
  files: z.array(progressEvidence),
  state: z.enum(PROGRESS_STATES),
  late: z.boolean(),
  submissions: z.number().int(),
  submittedAt: timestamp,
  submittedBy: z.string().nullable(),
  reviewComment: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  version: z.number().int(),
  abilities: abilitiesOf(['approve', 'return', 'resubmit']),
});
export type ProgressDto = z.input<typeof progressResponse>;
export const progressPage = pageOf(progressResponse);

export const taskEventResponse = z.object({
  id,
  action: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: timestamp,
});
export const taskDetailResponse = z.object({
  task: taskResponse,
  progress: z.array(progressResponse),
  events: z.array(taskEventResponse),
});

// ---- projects ----------------------------------------------------------------------------------------------------

const milestoneInput = z.object({
  kind: z.enum(MILESTONE_KINDS, { error: '节点为 approval、design、start、structure、acceptance 或 handover' }),
  plannedDate: date('计划日期'),
  actualDate: date('实际日期').nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});

export const createProjectBody = z.object({
  campaignId: uuid('创建项目').nullable().optional(),
  regionId: uuid('所在区域'),
  name: z.string({ error: '请填写项目名称' }).trim().min(2, '项目名称至少 2 个字').max(100, '项目名称最多 100 个字'),
  type: z.enum(PROJECT_TYPE_CODES, { error: '请选择项目类型' }),
  address: z.string().trim().max(200).nullable().optional(),
  lat: z.number().min(-90, '纬度超出范围').max(90, '纬度超出范围').nullable().optional(),
  lng: z.number().min(-180, '经度超出范围').max(180, '经度超出范围').nullable().optional(),
  /** The outline: [[lng, lat], …] with at least 3 points. */
  outline: z
    .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
    .min(3, '项目范围至少 3 个点')
    .max(500, '项目范围最多 500 个点')
    .nullable()
    .optional(),
  ownerUnitId: uuid('责任单位'),
  investmentPlanned: z.number({ error: '计划投资须为数字' }).min(0, '计划投资不能为负').max(1e12).default(0),
  investmentSpent: z.number({ error: '已完成投资须为数字' }).min(0, '已完成投资不能为负').max(1e12).default(0),
  handoverDate: date('交账日期'),
  description: z.string().trim().max(4000).nullable().optional(),
  taskId: uuid('关联任务').nullable().optional(),
  /** All six milestones with planned dates; absent: planned back from the hand-over date. */
  milestones: z.array(milestoneInput).max(6).optional(),
});
export type CreateProjectBody = z.input<typeof createProjectBody>;
export const updateProjectBody = createProjectBody.omit({ milestones: true }).extend({ version: z.number().int().min(1) });

/** A milestone reached (actual date) or re-planned, by the office or the owner unit. */
export const updateMilestoneBody = z.object({
  plannedDate: date('计划日期').optional(),
  actualDate: date('实际日期').nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
  version: z.number().int().min(1),
});

export const addProjectPhotoBody = z.object({
  fileId: uuid('照片'),
  milestoneId: uuid('节点').nullable().optional(),
  stage: z.enum(PHOTO_STAGES, { error: '阶段为 before（施工前）、during（施工中）或 after（完工后）' }),
  caption: z.string().trim().max(100).nullable().optional(),
});

export const projectsQuery = z.object({
  campaignId: uuid('创建项目').optional(),
  regionId: uuid('区域').optional(),
  type: z.enum(PROJECT_TYPE_CODES).optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  unitId: uuid('单位').optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(['daysToHandover', '-daysToHandover', 'name', 'investmentPlanned']).default('daysToHandover'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const milestoneResponse = z.object({
  id,
  kind: z.enum(MILESTONE_KINDS),
  plannedDate: z.string(),
  actualDate: z.string().nullable(),
  note: z.string().nullable(),
  /** Planned date passed without an actual date. */
  late: z.boolean(),
  version: z.number().int(),
});

export const projectPhotoResponse = z.object({
  id,
  fileId: id,
  milestoneId: id.nullable(),
  stage: z.enum(PHOTO_STAGES),
  caption: z.string().nullable(),
  url: z.string(),
  thumbUrl: z.string(),
  createdAt: timestamp,
});

export const projectResponse = z.object({
  id,
  campaignId: id.nullable(),
  regionId: id,
  regionName: z.string(),
  name: z.string(),
  type: z.enum(PROJECT_TYPE_CODES),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  outline: z.array(z.tuple([z.number(), z.number()])).nullable(),
  ownerUnit: unitRef,
  investmentPlanned: z.number(),
  investmentSpent: z.number(),
  handoverDate: z.string(),
  daysToHandover: z.number().int(),
  status: z.enum(PROJECT_STATUSES),
  /** The milestone reached last (its kind), or null before 立项. */
  currentMilestone: z.enum(MILESTONE_KINDS).nullable(),
  description: z.string().nullable(),
  taskId: id.nullable(),
  milestones: z.array(milestoneResponse),
  version: z.number().int(),
  abilities: abilitiesOf(['edit', 'updateMilestones', 'addPhotos']),
});
export type ProjectDto = z.input<typeof projectResponse>;
export const projectPage = pageOf(projectResponse);
export const projectDetailResponse = projectResponse.extend({ photos: z.array(projectPhotoResponse) });
