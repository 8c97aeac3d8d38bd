import { describe, expect, it } from 'vitest';
import { DEFAULT_REWARD_RULES } from '../../../common/reward-workflow';
import { basisOf, describeRule, propose, ruleMatches, type MatchableResult, type MatchableRule } from './match-rules';

const result = (over: Partial<MatchableResult>): MatchableResult => ({
  group_index: 0,
  group_name: '县直部门',
  subject_type: 'unit',
  subject_id: 'u1',
  subject_name: '城管局',
  score: 80,
  rank: 3,
  list: null,
  veto: false,
  black_streak: 0,
  proposal: null,
  ...over,
});
const rule = (over: Partial<MatchableRule>): MatchableRule => ({
  key: 'r',
  id: 'r',
  name: '规则',
  match: 'list',
  kind: 'commend',
  ...over,
});

describe('reward rule matcher', () => {
  it('list: red matches red only, black black only, an unlisted result neither', () => {
    expect(ruleMatches(rule({ list: 'red' }), result({ list: 'red' }))).toBe(true);
    expect(ruleMatches(rule({ list: 'red' }), result({ list: 'black' }))).toBe(false);
    expect(ruleMatches(rule({ list: 'black' }), result({ list: 'black' }))).toBe(true);
    expect(ruleMatches(rule({ list: 'black' }), result({ list: null }))).toBe(false);
  });

  it('rank ≤ N (ties included), never a vetoed subject', () => {
    const top3 = rule({ match: 'rank', rank: 3 });
    expect(ruleMatches(top3, result({ rank: 3 }))).toBe(true);
    expect(ruleMatches(top3, result({ rank: 1 }))).toBe(true);
    expect(ruleMatches(top3, result({ rank: 4 }))).toBe(false);
    expect(ruleMatches(top3, result({ rank: 1, veto: true }))).toBe(false);
  });

  it('score below X is strict', () => {
    const below60 = rule({ match: 'score_below', score: 60 });
    expect(ruleMatches(below60, result({ score: 59.99 }))).toBe(true);
    expect(ruleMatches(below60, result({ score: 60 }))).toBe(false);
  });

  it('black-list streak ≥ N, proposal exactly, veto', () => {
    expect(ruleMatches(rule({ match: 'streak', streak: 2 }), result({ black_streak: 3 }))).toBe(true);
    expect(ruleMatches(rule({ match: 'streak', streak: 2 }), result({ black_streak: 1 }))).toBe(false);
    expect(ruleMatches(rule({ match: 'proposal', proposal: 'interview' }), result({ proposal: 'interview' }))).toBe(true);
    expect(ruleMatches(rule({ match: 'proposal', proposal: 'interview' }), result({ proposal: 'accountability' }))).toBe(false);
    expect(ruleMatches(rule({ match: 'proposal', proposal: 'accountability' }), result({ proposal: null }))).toBe(false);
    expect(ruleMatches(rule({ match: 'veto' }), result({ veto: true }))).toBe(true);
    expect(ruleMatches(rule({ match: 'veto' }), result({}))).toBe(false);
  });

  it('a group restricts the rule to that group', () => {
    const towns = rule({ list: 'red', groupName: '乡镇街道' });
    expect(ruleMatches(towns, result({ list: 'red' }))).toBe(false);
    expect(ruleMatches(towns, result({ list: 'red', group_name: '乡镇街道' }))).toBe(true);
  });

  it('the shipped defaults: red → 通报表扬 + 以奖代补 2000 元, black → 通报批评, 约谈 and 问责 from the proposal', () => {
    const rules = DEFAULT_REWARD_RULES.map((r, i) => ({ ...r, key: `default:${i + 1}`, id: null }));
    const out = propose(rules, [
      result({ subject_id: 'a', rank: 1, list: 'red', score: 103 }),
      result({ subject_id: 'b', rank: 2 }),
      result({ subject_id: 'c', rank: 3, list: 'black', black_streak: 2, proposal: 'interview' }),
      result({ subject_id: 'd', rank: 4, list: 'black', veto: true, black_streak: 3, proposal: 'accountability' }),
    ]);
    expect(out.map((p) => [p.result.subject_id, p.rule.kind, p.rule.amount ?? null])).toEqual([
      ['a', 'commend', null],
      ['a', 'subsidy', 2000],
      ['c', 'criticize', null],
      ['c', 'interview', null],
      ['d', 'criticize', null],
      ['d', 'accountability', null],
    ]);
    expect(out[1].description).toBe('列入红榜 → 以奖代补 2000 元');
    expect(out[3].basis).toBe('县直部门 第3名，80分，黑榜，连续2个月上黑榜');
  });

  it('describes conditions and entries in Chinese', () => {
    expect(describeRule({ match: 'rank', rank: 3, kind: 'subsidy', amount: 5000, groupName: '乡镇街道' })).toBe(
      '乡镇街道：排名前 3 名 → 以奖代补 5000 元',
    );
    expect(describeRule({ match: 'score_below', score: 60, kind: 'deduct', points: 2 })).toBe('得分低于 60 分 → 扣年度考核分 2 分');
    expect(describeRule({ match: 'streak', streak: 3, kind: 'accountability' })).toBe('连续 3 个月及以上上黑榜 → 问责');
    expect(basisOf(result({ veto: true, list: 'black', rank: 4, score: 90 }))).toBe('县直部门 第4名，90分，黑榜，一票否决');
  });
});
