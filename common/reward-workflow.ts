/**
 * 奖惩兑现 (the reward/penalty ledger) as data. When a monthly ranking is published, the rules of its scheme family (or
 * of its campaign, or the shipped defaults) propose entries (拟定) for every matching result; a leader approves them
 * (审批), the office carries them out with proof attached (已兑现), or withdraws them with a reason (撤销). The server's
 * kernel (server/platform/workflow.ts) enforces the table; the web reads the same table and payload schemas.
 */
import { z } from 'zod';
import { defineWorkflow, type WorkflowActionDef } from './workflow';

export const REWARD_ENTRY_STATES = ['proposed', 'approved', 'fulfilled', 'withdrawn'] as const;
export type RewardEntryState = (typeof REWARD_ENTRY_STATES)[number];
export const REWARD_ENTRY_STATE_LABELS: Record<RewardEntryState, string> = {
  proposed: '拟定',
  approved: '已审批',
  fulfilled: '已兑现',
  withdrawn: '已撤销',
};

/** What an entry gives or imposes. 以奖代补 carries an amount (元), 扣年度考核分 carries points. */
export const REWARD_KINDS = ['subsidy', 'commend', 'criticize', 'interview', 'accountability', 'deduct'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];
export const REWARD_KIND_LABELS: Record<RewardKind, string> = {
  subsidy: '以奖代补',
  commend: '通报表扬',
  criticize: '通报批评',
  interview: '约谈',
  accountability: '问责',
  deduct: '扣年度考核分',
};
/** Rewards (奖) and penalties (惩), for colours and the year view. */
export const REWARD_KIND_SIDE: Record<RewardKind, 'reward' | 'penalty'> = {
  subsidy: 'reward',
  commend: 'reward',
  criticize: 'penalty',
  interview: 'penalty',
  accountability: 'penalty',
  deduct: 'penalty',
};

/** What a rule looks at in a published result. */
export const REWARD_MATCHES = ['list', 'rank', 'score_below', 'streak', 'proposal', 'veto'] as const;
export type RewardMatch = (typeof REWARD_MATCHES)[number];
export const REWARD_MATCH_LABELS: Record<RewardMatch, string> = {
  list: '列入红榜/黑榜',
  rank: '排名前 N 名',
  score_below: '得分低于',
  streak: '连续上黑榜月数达到',
  proposal: '考核建议约谈/问责',
  veto: '一票否决',
};

/** A rule's condition and its entry (the stored shape; the server validates it and answers 422 naming the field). */
export interface RewardRuleShape {
  match: RewardMatch;
  list?: 'red' | 'black' | null;
  rank?: number | null;
  score?: number | null;
  streak?: number | null;
  proposal?: 'interview' | 'accountability' | null;
  /** Only results of this group of the scheme (its name); null: every group. */
  groupName?: string | null;
  kind: RewardKind;
  /** 以奖代补: 元. */
  amount?: number | null;
  /** 扣年度考核分: points. */
  points?: number | null;
}

/** Shipped rules, used when neither the scheme family nor its campaign has rules of its own. */
export const DEFAULT_REWARD_RULES: ReadonlyArray<RewardRuleShape & { name: string }> = [
  { name: '红榜通报表扬', match: 'list', list: 'red', kind: 'commend' },
  { name: '红榜以奖代补', match: 'list', list: 'red', kind: 'subsidy', amount: 2000 },
  { name: '黑榜通报批评', match: 'list', list: 'black', kind: 'criticize' },
  { name: '连续上黑榜约谈', match: 'proposal', proposal: 'interview', kind: 'interview' },
  { name: '连续上黑榜问责', match: 'proposal', proposal: 'accountability', kind: 'accountability' },
];

const PROPOSAL_LABEL = { interview: '约谈', accountability: '问责' } as const;

/** The condition in words, e.g. 列入红榜, 排名前 3 名, 得分低于 60 分, 连续 2 个月上黑榜. */
export function describeCondition(r: RewardRuleShape): string {
  const group = r.groupName ? `${r.groupName}：` : '';
  switch (r.match) {
    case 'list':
      return `${group}列入${r.list === 'black' ? '黑榜' : '红榜'}`;
    case 'rank':
      return `${group}排名前 ${r.rank} 名`;
    case 'score_below':
      return `${group}得分低于 ${r.score} 分`;
    case 'streak':
      return `${group}连续 ${r.streak} 个月及以上上黑榜`;
    case 'proposal':
      return `${group}考核建议${PROPOSAL_LABEL[r.proposal ?? 'interview']}`;
    case 'veto':
      return `${group}一票否决`;
  }
}

/** The entry in words, e.g. 以奖代补 2000 元, 扣年度考核分 2 分. */
export function describeEntry(e: { kind: RewardKind; amount?: number | null; points?: number | null }): string {
  if (e.kind === 'subsidy') return `${REWARD_KIND_LABELS.subsidy} ${e.amount ?? 0} 元`;
  if (e.kind === 'deduct') return `${REWARD_KIND_LABELS.deduct} ${e.points ?? 0} 分`;
  return REWARD_KIND_LABELS[e.kind];
}

/** office: 创建办 or 创建专班 of the campaign (evaluation.manage); leader: 领导小组 (evaluation.signOff). */
export type RewardActor = 'office' | 'leader';

export const REWARD_PAYLOADS = {
  approve: z.object({ comment: z.string().trim().max(500).optional() }),
  fulfil: z.object({
    fileId: z.uuid('请上传兑现证明'),
    note: z.string().trim().max(500).optional(),
  }),
  withdraw: z.object({ reason: z.string({ error: '请填写撤销理由' }).trim().min(2, '撤销理由至少 2 个字').max(500) }),
} as const;

export const REWARD_ACTIONS = defineWorkflow(REWARD_ENTRY_STATES, {
  approve: { from: ['proposed'], to: ['approved'], by: 'leader', payload: REWARD_PAYLOADS.approve },
  fulfil: { from: ['approved'], to: ['fulfilled'], by: 'office', payload: REWARD_PAYLOADS.fulfil },
  withdraw: { from: ['proposed', 'approved'], to: ['withdrawn'], by: 'office', payload: REWARD_PAYLOADS.withdraw },
} satisfies Record<string, WorkflowActionDef<RewardEntryState, RewardActor>>);
export type RewardAction = keyof typeof REWARD_ACTIONS;
export const REWARD_ACTION_NAMES = Object.keys(REWARD_ACTIONS) as [RewardAction, ...RewardAction[]];
export const REWARD_ACTION_LABELS: Record<RewardAction, string> = { approve: '审批', fulfil: '兑现', withdraw: '撤销' };
