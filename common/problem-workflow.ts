/**
 * The problem loop (问题闭环): states, sources, action names and their Chinese labels. The action table itself (who
 * may take each action, from and to which states, and the payload schemas) is in ./problem-actions.ts, apart from
 * this file so that pages which only label problems do not load zod.
 */
export const PROBLEM_STATES = ['pending', 'rejected', 'accepted', 'dispatched', 'rectifying', 'verifying', 'closed'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];

/** The actions of the loop; ./problem-actions.ts defines each of them (a missing or extra one does not compile). */
export const PROBLEM_ACTION_NAMES = [
  'accept',
  'reject',
  'dispatch',
  'acknowledge',
  'dispute',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'submit_rectification',
  'verify',
  'reopen',
] as const;
export type ProblemAction = (typeof PROBLEM_ACTION_NAMES)[number];

export const PROBLEM_SOURCES = [
  'inspection',
  'covert',
  'citizen',
  'grid',
  'hotline',
  'media',
  'leader',
  'recheck',
  'open311',
  'volunteer',
] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

export const PROBLEM_SEVERITIES = ['normal', 'major', 'serious', 'urgent'] as const;
export type ProblemSeverity = (typeof PROBLEM_SEVERITIES)[number];

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
  // 文明啄木鸟: a volunteer's report is counted on the volunteer's record
  volunteer: ['volunteer'],
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
  open311: 'Open311',
  volunteer: '文明啄木鸟',
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
