/**
 * 曝光台 (the public exposure board) as data. The office proposes a problem for exposure (草稿); before anything is
 * public it redacts the photos (boxes blurred on a public copy) and writes the public text (编辑), then submits it
 * (提交审批); a leader approves it (批准曝光 → 已曝光) or returns it with a reason (退回 → 草稿); a published item is
 * taken down with a reason (撤下 → 已撤下, hidden everywhere public). A problem fixed after publication gets its
 * after-photos through 公开整改后照片 (the office redacts them first). The server's kernel (server/platform/workflow.ts)
 * enforces the table; the web reads the same table and payload schemas.
 */
import { z } from 'zod';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

export const EXPOSURE_STATES = ['draft', 'submitted', 'published', 'taken_down'] as const;
export type ExposureState = (typeof EXPOSURE_STATES)[number];
export const EXPOSURE_STATE_LABELS: Record<ExposureState, string> = {
  draft: '草稿',
  submitted: '待审批',
  published: '已曝光',
  taken_down: '已撤下',
};

/** A box to blur, as fractions of the (oriented) photo: left, top, width, height, each between 0 and 1. */
export const redactionBox = z
  .object({
    x: z.number().min(0, '打码框超出照片').max(1, '打码框超出照片'),
    y: z.number().min(0, '打码框超出照片').max(1, '打码框超出照片'),
    w: z.number().gt(0, '打码框太小').max(1, '打码框超出照片'),
    h: z.number().gt(0, '打码框太小').max(1, '打码框超出照片'),
  })
  .refine((b) => b.x + b.w <= 1.0001 && b.y + b.h <= 1.0001, '打码框超出照片');
export type RedactionBox = z.infer<typeof redactionBox>;

/** office: 创建办 (exposure.manage: proposes, redacts, submits, takes down); leader: 领导小组 (exposure.approve). */
export type ExposureActor = 'office' | 'leader';

export const EXPOSURE_PAYLOADS = {
  edit: z.object({
    title: z.string({ error: '请填写公开标题' }).trim().min(4, '公开标题至少 4 个字').max(60, '公开标题至多 60 个字'),
    description: z.string({ error: '请填写公开说明' }).trim().min(10, '公开说明至少 10 个字').max(1000, '公开说明至多 1000 个字'),
    photos: z
      .array(z.object({ id: z.uuid('照片编号格式不正确'), boxes: z.array(redactionBox).max(30, '每张照片至多 30 个打码框') }))
      .max(20)
      .optional(),
  }),
  submit: z.object({}),
  approve: z.object({ comment: z.string().trim().max(500).optional() }),
  return: z.object({ reason: z.string({ error: '请填写退回理由' }).trim().min(2, '退回理由至少 2 个字').max(500) }),
  take_down: z.object({ reason: z.string({ error: '请填写撤下理由' }).trim().min(2, '撤下理由至少 2 个字').max(500) }),
  add_after: z.object({
    afterPhotos: z
      .array(z.object({ fileId: z.uuid('照片编号格式不正确'), boxes: z.array(redactionBox).max(30, '每张照片至多 30 个打码框') }), {
        error: '请选择整改后照片',
      })
      .min(1, '请选择整改后照片')
      .max(9),
  }),
} as const;

export const EXPOSURE_ACTIONS = defineWorkflow(EXPOSURE_STATES, {
  edit: { from: ['draft'], to: ['draft'], by: 'office', payload: EXPOSURE_PAYLOADS.edit },
  submit: { from: ['draft'], to: ['submitted'], by: 'office', payload: EXPOSURE_PAYLOADS.submit },
  approve: { from: ['submitted'], to: ['published'], by: 'leader', payload: EXPOSURE_PAYLOADS.approve },
  return: { from: ['submitted'], to: ['draft'], by: 'leader', payload: EXPOSURE_PAYLOADS.return },
  take_down: { from: ['published'], to: ['taken_down'], by: 'office', payload: EXPOSURE_PAYLOADS.take_down },
  // Once the problem is fixed after publication: its rectification photos, redacted by the office, join the item.
  add_after: { from: ['published'], to: ['published'], by: 'office', payload: EXPOSURE_PAYLOADS.add_after },
} satisfies Record<string, WorkflowActionDef<ExposureState, ExposureActor>>);
export type ExposureAction = keyof typeof EXPOSURE_ACTIONS;
export const EXPOSURE_ACTION_NAMES = Object.keys(EXPOSURE_ACTIONS) as [ExposureAction, ...ExposureAction[]];
export const EXPOSURE_ACTION_LABELS: Record<ExposureAction, string> = {
  edit: '编辑打码',
  submit: '提交审批',
  approve: '批准曝光',
  return: '退回修改',
  take_down: '撤下',
  add_after: '公开整改后照片',
};
