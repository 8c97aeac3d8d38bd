/** Table types: 好人之城 — selections, nominations, files, votes, flags (migration 20261211_0101_honours). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { NominationSource, NominationState, SelectionKind, SelectionState, SuspicionRule } from '../../common/honours';

type Strings = JSONColumnType<string[], string, string>;
/** A date column (Beijing calendar day) read as 'YYYY-MM-DD' text by the queries that select it. */
type Day = ColumnType<string, string, string>;
type Num = ColumnType<number, number | string, number | string>;

export interface HonourCategoriesTable {
  code: string;
  name: string;
  description: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface HonourSelectionsTable {
  id: Generated<string>;
  region_id: string;
  kind: SelectionKind;
  title: string;
  period: string;
  categories: Strings;
  /** 分类名额: category code → places (migration 20261214_0201). */
  category_quotas: JSONColumnType<Record<string, number>, string | undefined, string>;
  description: string | null;
  nomination_starts_on: Day;
  nomination_ends_on: Day;
  voting_starts_on: Day;
  voting_ends_on: Day;
  publish_on: Day;
  winners_count: Generated<number>;
  vote_weight: Num;
  review_weight: Num;
  state: Generated<SelectionState>;
  published_at: Date | null;
  published_by: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface HonourNominationsTable {
  id: Generated<string>;
  selection_id: string;
  category_code: string;
  nominee_name: string;
  gender: 'male' | 'female' | null;
  age: number | null;
  affiliation: string | null;
  headline: string;
  story: string;
  source: NominationSource;
  nominating_unit_id: string | null;
  nominated_by: string | null;
  recommender_name: string | null;
  contact_name: string;
  contact_phone: string;
  state: Generated<NominationState>;
  verification_note: string | null;
  reject_reason: string | null;
  verified_by: string | null;
  verified_at: Date | null;
  review_score: ColumnType<number | null, number | null | undefined, number | null>;
  review_note: string | null;
  is_winner: Generated<boolean>;
  forwarded_from_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface HonourNominationFilesTable {
  nomination_id: string;
  file_id: string;
  kind: 'photo' | 'material';
  sort: Generated<number>;
}

export interface HonourVotesTable {
  id: Generated<string>;
  selection_id: string;
  candidate_id: string;
  voted_at: Date;
  vote_day: Day;
  ip_hash: string;
  device_hash: string;
  phone_hash: string | null;
  ua_family: string;
  is_excluded: Generated<boolean>;
  excluded_reason: string | null;
  excluded_by: string | null;
  excluded_at: Date | null;
}

export interface HonourVoteFlagsTable {
  id: Generated<string>;
  selection_id: string;
  vote_id: string;
  rule: SuspicionRule;
  evidence: JSONColumnType<Record<string, unknown>, string, string>;
  detected_at: Date;
}

export interface HonoursDB {
  honour_categories: HonourCategoriesTable;
  honour_selections: HonourSelectionsTable;
  honour_nominations: HonourNominationsTable;
  honour_nomination_files: HonourNominationFilesTable;
  honour_votes: HonourVotesTable;
  honour_vote_flags: HonourVoteFlagsTable;
}
