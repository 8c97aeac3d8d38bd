/**
 * The problem loop's action table as data: for each action, the states it leaves from and may lead to, who takes it
 * and the payload it needs (zod). The server enforces this table (server/platform/workflow.ts); the web takes its
 * form rules from the payload schemas. States and labels: ./problem-workflow.ts.
 */
import { z } from 'zod';
import { PROBLEM_STATES, type ProblemAction, type ProblemState } from './problem-workflow';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

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
} satisfies Record<ProblemAction, ProblemActionDef>);
