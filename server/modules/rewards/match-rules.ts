/**
 * The rule matcher (pure, tested in match-rules.test.ts): which entries a published result earns. A rule looks at one
 * thing of a result — its list (红榜/黑榜), its rank (前 N 名, never a vetoed subject), its score (低于 X 分), its
 * consecutive black-list months (≥ N), the run's proposal (约谈/问责, exactly) or a veto — optionally within one group
 * of the scheme; each matching (result, rule) pair is one proposal.
 */
import { describeCondition, describeEntry, type RewardRuleShape } from '../../../common/reward-workflow';

export interface MatchableResult {
  group_index: number;
  group_name: string;
  subject_type: 'unit' | 'town' | 'site' | 'county';
  subject_id: string;
  subject_name: string;
  score: number;
  rank: number;
  list: 'red' | 'black' | null;
  veto: boolean;
  black_streak: number;
  proposal: 'interview' | 'accountability' | null;
}

export interface MatchableRule extends RewardRuleShape {
  /** The rule's id, or default:<n> for a shipped rule: with the result, what makes a proposal unique. */
  key: string;
  id: string | null;
  name: string;
}

export interface Proposal {
  rule: MatchableRule;
  /** The rule's index in the rules given. */
  position: number;
  result: MatchableResult;
  basis: string;
  description: string;
}

/** Whether the rule matches the result. */
export function ruleMatches(rule: RewardRuleShape, r: MatchableResult): boolean {
  if (rule.groupName && rule.groupName !== r.group_name) return false;
  switch (rule.match) {
    case 'list':
      return r.list !== null && r.list === rule.list;
    case 'rank':
      return !r.veto && rule.rank != null && r.rank <= rule.rank;
    case 'score_below':
      return rule.score != null && r.score < rule.score;
    case 'streak':
      return rule.streak != null && r.black_streak >= rule.streak;
    case 'proposal':
      return r.proposal !== null && r.proposal === rule.proposal;
    case 'veto':
      return r.veto;
  }
}

/** The result in words: 县直部门 第1名，98.5分，红榜（一票否决，连续2个月上黑榜）. */
export function basisOf(r: MatchableResult): string {
  const parts = [`${r.group_name} 第${r.rank}名`, `${r.score}分`];
  if (r.list) parts.push(r.list === 'red' ? '红榜' : '黑榜');
  if (r.veto) parts.push('一票否决');
  if (r.black_streak >= 2) parts.push(`连续${r.black_streak}个月上黑榜`);
  return parts.join('，');
}

/** The rule and its entry in words: 列入红榜 → 以奖代补 2000 元. */
export const describeRule = (r: RewardRuleShape) => `${describeCondition(r)} → ${describeEntry(r)}`;

/** Every (result, rule) pair that matches, in the results' order then the rules'. */
export function propose(rules: readonly MatchableRule[], results: readonly MatchableResult[]): Proposal[] {
  const out: Proposal[] = [];
  for (const result of results)
    rules.forEach((rule, position) => {
      if (ruleMatches(rule, result)) out.push({ rule, position, result, basis: basisOf(result), description: describeRule(rule) });
    });
  return out;
}
