/**
 * The 奖惩兑现 API (/api/rewards): rules, ledger entries, their transitions, the year view. Request shapes are checked
 * here (a malformed body is a 400); what a rule must satisfy — an amount for 以奖代补, points for 扣分, a rank for 排名,
 * a group the scheme has — is checked by the server and answered 422 with the field named in Chinese.
 */
import { z } from 'zod';
import { REWARD_ACTION_NAMES, REWARD_ENTRY_STATES, REWARD_KINDS, REWARD_MATCHES } from '../reward-workflow';
import { abilitiesOf, id, pageOf, timestamp } from './shared';

const optNum = (what: string) =>
  z
    .number({ error: `${what}须为数字` })
    .nullable()
    .optional();

export const rewardRuleBody = z.object({
  campaignId: z.uuid('创建项目编号格式不正确'),
  /** The scheme family (evaluation_schemes.scheme_key); absent or null: every scheme of the campaign. */
  schemeKey: z.uuid('考核方案编号格式不正确').nullable().optional(),
  name: z.string({ error: '请填写规则名称' }).trim().min(2, '规则名称至少 2 个字').max(50),
  match: z.enum(REWARD_MATCHES, { error: '条件为 list、rank、score_below、streak、proposal 或 veto' }),
  list: z.enum(['red', 'black'], { error: '榜单为 red（红榜）或 black（黑榜）' }).nullable().optional(),
  rank: optNum('名次'),
  score: optNum('分数'),
  streak: optNum('连续月数'),
  proposal: z.enum(['interview', 'accountability'], { error: '建议为 interview（约谈）或 accountability（问责）' }).nullable().optional(),
  groupName: z.string().trim().max(50).nullable().optional(),
  kind: z.enum(REWARD_KINDS, { error: '奖惩类型为 subsidy、commend、criticize、interview、accountability 或 deduct' }),
  amount: optNum('金额'),
  points: optNum('扣分'),
  active: z.boolean().optional(),
});
export type RewardRuleBody = z.infer<typeof rewardRuleBody>;
/** Editing posts the whole rule again with the version the editor saw (the campaign stays). */
export const updateRewardRuleBody = rewardRuleBody.omit({ campaignId: true }).extend({ version: z.number().int().min(1) });
export const deleteRewardRuleQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

const ruleFields = {
  name: z.string(),
  match: z.enum(REWARD_MATCHES),
  list: z.enum(['red', 'black']).nullable(),
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
  streak: z.number().int().nullable(),
  proposal: z.enum(['interview', 'accountability']).nullable(),
  groupName: z.string().nullable(),
  kind: z.enum(REWARD_KINDS),
  amount: z.number().nullable(),
  points: z.number().nullable(),
  /** 列入红榜 → 以奖代补 2000 元, in words. */
  description: z.string(),
};

export const rewardRuleResponse = z.object({
  id,
  campaignId: id,
  schemeKey: id.nullable(),
  schemeName: z.string().nullable(),
  ...ruleFields,
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: timestamp,
  abilities: abilitiesOf(['edit']),
});
export const rewardRulePage = z.object({
  items: z.array(rewardRuleResponse),
  total: z.number().int(),
  /** The shipped rules that apply where a scheme family and its campaign have none. */
  defaults: z.array(z.object(ruleFields)),
});

export const rewardEntryResponse = z.object({
  id,
  runId: id,
  runRevision: z.number().int(),
  runState: z.string(),
  campaignId: id,
  schemeKey: id,
  schemeName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  groupName: z.string(),
  subjectType: z.string(),
  subjectId: id,
  subjectName: z.string(),
  /** The result that matched: e.g. 县直部门 第1名，98.5分，红榜. */
  basis: z.string(),
  score: z.number(),
  rank: z.number().int(),
  ruleId: id.nullable(),
  ruleName: z.string(),
  /** The rule as it stood when the entry was proposed (an edit of the rule never changes it). */
  ruleDescription: z.string(),
  kind: z.enum(REWARD_KINDS),
  kindLabel: z.string(),
  amount: z.number().nullable(),
  points: z.number().nullable(),
  state: z.enum(REWARD_ENTRY_STATES),
  stateLabel: z.string(),
  /** An approved entry whose ranking was revised and no longer matches (the office decides). */
  flagged: z.boolean(),
  flagNote: z.string().nullable(),
  proposedAt: timestamp,
  approvedByName: z.string().nullable(),
  approvedAt: timestamp.nullable(),
  approveComment: z.string().nullable(),
  fulfilledByName: z.string().nullable(),
  fulfilledAt: timestamp.nullable(),
  proofFileId: id.nullable(),
  proofFileName: z.string().nullable(),
  fulfilNote: z.string().nullable(),
  withdrawnAt: timestamp.nullable(),
  withdrawReason: z.string().nullable(),
  version: z.number().int(),
  allowedActions: z.array(z.enum(REWARD_ACTION_NAMES)),
});
export const rewardEntryPage = pageOf(rewardEntryResponse);

export const rewardTransitionBody = z.object({
  action: z.enum(REWARD_ACTION_NAMES, { error: '操作为 approve、fulfil 或 withdraw' }),
  version: z.number().int().min(1).optional(),
  comment: z.string().max(500).optional(),
  fileId: z.string().max(64).optional(),
  note: z.string().max(500).optional(),
  reason: z.string().max(500).optional(),
});

const kindTotals = z.object({
  kind: z.enum(REWARD_KINDS),
  kindLabel: z.string(),
  /** 拟定, not yet approved. */
  proposed: z.number().int(),
  /** Approved or carried out: what was promised. */
  promised: z.number().int(),
  fulfilled: z.number().int(),
  promisedAmount: z.number(),
  fulfilledAmount: z.number(),
  promisedPoints: z.number(),
  fulfilledPoints: z.number(),
});

export const rewardYearResponse = z.object({
  year: z.number().int(),
  items: z.array(
    z.object({
      subjectType: z.string(),
      subjectId: id,
      subjectName: z.string(),
      kinds: z.array(kindTotals),
      promised: z.number().int(),
      fulfilled: z.number().int(),
    }),
  ),
  totals: z.array(kindTotals),
});
