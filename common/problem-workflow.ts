/**
 * The problem loop (问题闭环) as data: states, actions, who may take each action and what it needs.
 * The server enforces this table (server/platform/workflow.ts); the web reads it to label states and actions and
 * takes its form rules from the payload schemas.
 */
import { z } from 'zod';
import { defineWorkflow, type WorkflowActionDef } from './workflow';
export const PROBLEM_STATES = ['pending', 'rejected', 'accepted', 'dispatched', 'rectifying', 'verifying', 'closed'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];

export const PROBLEM_SOURCES = ['inspection', 'covert', 'citizen', 'grid', 'hotline', 'media', 'leader', 'recheck'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

export const PROBLEM_SEVERITIES = ['normal', 'major', 'serious', 'urgent'] as const;
export type ProblemSeverity = (typeof PROBLEM_SEVERITIES)[number];

/**
 * Who takes an action, relative to the problem:
 * - office: 创建办 / 创建专班 whose scope covers the problem;
 * - unit: the head or liaison of the unit the problem is dispatched to;
 * - verifier: office or inspector in scope, and not the person who submitted the rectification.
 */
export type ProblemActor = 'office' | 'unit' | 'verifier';

export interface ProblemActionDef extends WorkflowActionDef<ProblemState, ProblemActor> {
  /** Extra condition on the problem's extension request. */
  readonly extension?: 'none_pending' | 'pending';
}

const comment = z.string().trim().max(500).optional();
const photoIds = z.array(z.uuid('照片编号格式不正确')).max(9, '最多 9 张照片');

/** The payload each action needs: the server validates with these, the web's forms take their rules from them. */
export const PROBLEM_PAYLOADS = {
  accept: z.object({ comment }),
  reject: z.object({ reason: z.string({ error: '请填写不予立案的理由' }).trim().min(2, '不予立案的理由至少 2 个字').max(500) }),
  dispatch: z.object({
    unitId: z.uuid('请选择责任单位'),
    deadline: z.coerce.date({ error: '整改时限格式不正确' }).optional(),
    assigneeId: z.uuid().optional(),
    comment,
  }),
  acknowledge: z.object({ comment }),
  dispute: z.object({ reason: z.string({ error: '请填写退回理由' }).trim().min(2, '退回理由至少 2 个字').max(500) }),
  request_extension: z.object({
    days: z.number('请填写延期天数').int('延期天数须为整数').min(1, '延期天数至少 1 天').max(60, '延期天数不能超过 60 天'),
    reason: z.string({ error: '请填写延期理由' }).trim().min(2, '延期理由至少 2 个字').max(500),
  }),
  approve_extension: z.object({ comment }),
  deny_extension: z.object({ reason: z.string({ error: '请填写驳回理由' }).trim().min(2, '驳回理由至少 2 个字').max(500) }),
  submit_rectification: z.object({
    measures: z.string({ error: '请填写整改措施' }).trim().min(2, '整改措施至少 2 个字').max(2000),
    photoIds: z.array(z.uuid('照片编号格式不正确'), { error: '请上传整改后照片' }).min(1, '请上传整改后照片').max(9, '最多 9 张照片'),
  }),
  verify: z
    .object({
      passed: z.boolean({ error: '请选择核查结果' }),
      comment: z.string().trim().max(1000).optional(),
      photoIds: photoIds.default([]),
    })
    .refine((v) => v.passed || (v.comment?.length ?? 0) >= 2, { message: '核查不通过时请填写原因', path: ['comment'] }),
  reopen: z.object({
    reason: z.string({ error: '请填写反弹情况' }).trim().min(2, '反弹情况至少 2 个字').max(1000),
    photoIds: photoIds.default([]),
  }),
} as const;

export const PROBLEM_ACTIONS = defineWorkflow(PROBLEM_STATES, {
  accept: { from: ['pending'], to: ['accepted'], by: 'office', payload: PROBLEM_PAYLOADS.accept },
  reject: { from: ['pending'], to: ['rejected'], by: 'office', payload: PROBLEM_PAYLOADS.reject },
  dispatch: { from: ['accepted'], to: ['dispatched'], by: 'office', payload: PROBLEM_PAYLOADS.dispatch },
  acknowledge: { from: ['dispatched'], to: ['rectifying'], by: 'unit', payload: PROBLEM_PAYLOADS.acknowledge },
  dispute: { from: ['dispatched'], to: ['accepted'], by: 'unit', payload: PROBLEM_PAYLOADS.dispute },
  request_extension: {
    from: ['rectifying'],
    to: ['rectifying'],
    by: 'unit',
    payload: PROBLEM_PAYLOADS.request_extension,
    extension: 'none_pending',
  },
  approve_extension: {
    from: ['rectifying'],
    to: ['rectifying'],
    by: 'office',
    payload: PROBLEM_PAYLOADS.approve_extension,
    extension: 'pending',
  },
  deny_extension: {
    from: ['rectifying'],
    to: ['rectifying'],
    by: 'office',
    payload: PROBLEM_PAYLOADS.deny_extension,
    extension: 'pending',
  },
  submit_rectification: { from: ['rectifying'], to: ['verifying'], by: 'unit', payload: PROBLEM_PAYLOADS.submit_rectification },
  // 核查: passed closes the case, failed sends it back for rework.
  verify: { from: ['verifying'], to: ['closed', 'rectifying'], by: 'verifier', payload: PROBLEM_PAYLOADS.verify },
  // 回头看: the closed case stays closed (its relapse is a new, linked problem).
  reopen: { from: ['closed'], to: ['closed'], by: 'verifier', payload: PROBLEM_PAYLOADS.reopen },
} satisfies Record<string, ProblemActionDef>);
export type ProblemAction = keyof typeof PROBLEM_ACTIONS;
export const PROBLEM_ACTION_NAMES = Object.keys(PROBLEM_ACTIONS) as ProblemAction[];

/** States in which a problem is still open (not closed, not rejected). */
export const OPEN_STATES: readonly ProblemState[] = ['pending', 'accepted', 'dispatched', 'rectifying', 'verifying'];
/** States in which the unit's clock runs: past the deadline here, a problem is 超期. */
export const DEADLINE_STATES: readonly ProblemState[] = ['dispatched', 'rectifying'];

export const PROBLEM_STATE_LABELS: Record<ProblemState, string> = {
  pending: '待受理',
  rejected: '不予立案',
  accepted: '已立案',
  dispatched: '已派遣',
  rectifying: '整改中',
  verifying: '待核查',
  closed: '已结案',
};

export const PROBLEM_ACTION_LABELS: Record<ProblemAction, string> = {
  accept: '立案',
  reject: '不予立案',
  dispatch: '派遣',
  acknowledge: '签收',
  dispute: '退回',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  deny_extension: '驳回延期',
  submit_rectification: '提交整改',
  verify: '核查',
  reopen: '回头看反弹',
};

/**
 * Which sources each role may report under; the first is the default. The server derives the source from the
 * reporter's role: covert findings and 回头看 relapses come only from rounds, never from a report form, and only the
 * office enters cases that arrived by the hotline, the media or a leader's instruction.
 */
export const REPORT_SOURCES_BY_ROLE: Record<string, readonly ProblemSource[]> = {
  office: ['inspection', 'hotline', 'media', 'leader', 'citizen'],
  taskforce: ['inspection', 'hotline', 'media', 'leader', 'citizen'],
  leader: ['leader'],
  inspector: ['inspection'],
  unit_head: ['inspection'],
  unit_liaison: ['inspection'],
  site_lead: ['inspection'],
  grid_worker: ['grid'],
  volunteer: ['citizen'],
};

export const PROBLEM_SOURCE_LABELS: Record<ProblemSource, string> = {
  inspection: '督查',
  covert: '暗访',
  citizen: '随手拍',
  grid: '网格巡查',
  hotline: '12345热线',
  media: '媒体曝光',
  leader: '领导交办',
  recheck: '回头看',
};

export const PROBLEM_SEVERITY_LABELS: Record<ProblemSeverity, string> = {
  normal: '一般',
  major: '较重',
  serious: '严重',
  urgent: '紧急',
};

/** Kinds of problem category (GB/T 30428 部件 / 事件, plus the creation-specific classes). */
export const PROBLEM_CATEGORY_KINDS = ['component', 'event', 'creation'] as const;
export type ProblemCategoryKind = (typeof PROBLEM_CATEGORY_KINDS)[number];

export const PROBLEM_CATEGORY_KIND_LABELS: Record<ProblemCategoryKind, string> = {
  component: '部件',
  event: '事件',
  creation: '创建专用',
};

/** Timeline entries written outside the workflow table (report, relapse and the deadline sweep). */
export const PROBLEM_EVENT_LABELS: Record<string, string> = {
  report: '上报',
  relapse: '反弹重新派遣',
  remind: '到期提醒',
  supervise: '超期督办',
  escalate: '升级督办',
  finding_attached: '督查再次发现',
  covert_released: '暗访结果发布',
};
