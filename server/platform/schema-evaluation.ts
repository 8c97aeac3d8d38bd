/** Table types: 月评排名 (migration 20261204_1001_evaluation). */
import type { Generated, JSONColumnType } from 'kysely';

export interface EvaluationSchemesTable {
  id: Generated<string>;
  scheme_key: string;
  version: number;
  campaign_id: string;
  name: string;
  period_type: 'month';
  red_count: number;
  black_count: number;
  groups: JSONColumnType<unknown[], string, string>;
  escalation: JSONColumnType<Array<{ streak: number; action: 'interview' | 'accountability' }>, string, string>;
  objection_days: number;
  rollup_method: Generated<'average' | 'sum'>;
  created_by: string | null;
  created_at: Date;
}

export interface EvaluationRunsTable {
  id: Generated<string>;
  scheme_id: string;
  scheme_key: string;
  campaign_id: string;
  period: string;
  revision: Generated<number>;
  revises_run_id: string | null;
  state: 'draft' | 'publicized' | 'signed_off' | 'published' | 'superseded';
  computed_at: Date;
  created_by: string | null;
  created_at: Date;
  publicized_at: Date | null;
  objection_deadline: Date | null;
  signed_off_by: string | null;
  signed_off_at: Date | null;
  sign_off_comment: string | null;
  published_at: Date | null;
  diff: JSONColumnType<unknown[] | null, string | null, string | null>;
  bulletin_requirements: string | null;
  version: Generated<number>;
}

export interface EvaluationResultsTable {
  run_id: string;
  group_index: number;
  group_name: string;
  subject_type: 'unit' | 'town' | 'site' | 'county';
  subject_id: string;
  subject_name: string;
  computed_score: number;
  adjustment: Generated<number>;
  score: number;
  rank: number;
  list: 'red' | 'black' | null;
  veto: Generated<boolean>;
  black_streak: Generated<number>;
  proposal: 'interview' | 'accountability' | null;
}

export interface EvaluationValuesTable {
  run_id: string;
  group_index: number;
  subject_id: string;
  position: number;
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  points: number;
  vetoed: Generated<boolean>;
}

export interface EvaluationObjectionsTable {
  id: Generated<string>;
  run_id: string;
  subject_id: string;
  reason: string;
  file_ids: Generated<string[]>;
  filed_by: string | null;
  filed_at: Date;
  state: Generated<'pending' | 'adjusted' | 'rejected'>;
  answer: string | null;
  adjustment: number | null;
  answered_by: string | null;
  answered_at: Date | null;
  version: Generated<number>;
}

export interface EvaluationManualScoresTable {
  id: Generated<string>;
  code: 'manual.score' | 'manual.bonus';
  subject_type: 'unit' | 'town' | 'site' | 'county';
  subject_id: string;
  period: string;
  value: number;
  reason: string;
  file_id: string | null;
  entered_by: string | null;
  entered_at: Date;
}

export interface EvaluationAnnualItemsTable {
  id: Generated<string>;
  scheme_key: string;
  year: number;
  subject_type: 'unit' | 'town' | 'site' | 'county';
  subject_id: string;
  points: number;
  reason: string;
  file_id: string | null;
  entered_by: string | null;
  entered_at: Date;
}

export interface EvaluationDB {
  evaluation_schemes: EvaluationSchemesTable;
  evaluation_runs: EvaluationRunsTable;
  evaluation_results: EvaluationResultsTable;
  evaluation_values: EvaluationValuesTable;
  evaluation_objections: EvaluationObjectionsTable;
  evaluation_manual_scores: EvaluationManualScoresTable;
  evaluation_annual_items: EvaluationAnnualItemsTable;
}
