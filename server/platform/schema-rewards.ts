/** Table types: 奖惩兑现 (migration 20261204_1101_rewards). */
import type { Generated } from 'kysely';

export interface RewardRulesTable {
  id: Generated<string>;
  campaign_id: string;
  scheme_key: string | null;
  name: string;
  match: 'list' | 'rank' | 'score_below' | 'streak' | 'proposal' | 'veto';
  list: 'red' | 'black' | null;
  rank: number | null;
  score: number | null;
  streak: number | null;
  proposal: 'interview' | 'accountability' | null;
  group_name: string | null;
  kind: 'subsidy' | 'commend' | 'criticize' | 'interview' | 'accountability' | 'deduct';
  amount: number | null;
  points: number | null;
  active: Generated<boolean>;
  retired_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
  /** Creation order: rules apply and list in it. */
  seq: Generated<number>;
}

export interface RewardEntriesTable {
  id: Generated<string>;
  run_id: string;
  campaign_id: string;
  scheme_key: string;
  period: string;
  group_index: number;
  group_name: string;
  subject_type: 'unit' | 'town' | 'site' | 'county';
  subject_id: string;
  subject_name: string;
  score: number;
  rank: number;
  basis: string;
  rule_id: string | null;
  rule_key: string;
  rule_name: string;
  rule_description: string;
  /** The rule's position among the rules that proposed the entry (the ledger's order within a unit). */
  position: Generated<number>;
  kind: 'subsidy' | 'commend' | 'criticize' | 'interview' | 'accountability' | 'deduct';
  amount: number | null;
  points: number | null;
  state: Generated<'proposed' | 'approved' | 'fulfilled' | 'withdrawn'>;
  flagged: Generated<boolean>;
  flag_note: string | null;
  proposed_at: Date;
  approved_by: string | null;
  approved_at: Date | null;
  approve_comment: string | null;
  fulfilled_by: string | null;
  fulfilled_at: Date | null;
  proof_file_id: string | null;
  fulfil_note: string | null;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
  superseded_by_run_id: string | null;
  version: Generated<number>;
}

export interface RewardsDB {
  reward_rules: RewardRulesTable;
  reward_entries: RewardEntriesTable;
}
