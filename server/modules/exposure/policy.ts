/**
 * 曝光台: who may do what. The office (创建办) proposes a problem for exposure, redacts it and submits it; a leader
 * (领导小组) approves or returns it; either takes a published item down. Office, leaders and the task force read the
 * board of their area. Nobody else sees a proposal before it is published; once published it is public (/api/public).
 */
import { definePolicy } from '../../platform/policy';

export const exposurePolicy = definePolicy('exposure', {
  read: ['office', 'leader', 'taskforce'],
  /** 提出曝光, 打码与公开文字, 提交审批. */
  manage: ['office'],
  /** 批准曝光 / 退回. */
  approve: ['leader'],
  /** 撤下 a published item. */
  takeDown: ['office', 'leader'],
});
