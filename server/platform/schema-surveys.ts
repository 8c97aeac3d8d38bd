/** Table types: 问卷调查 (migration 20261206_0101_surveys). */
import type { Generated, JSONColumnType } from 'kysely';
import type { Answers, QuestionnaireDefinition } from '../../common/surveys';

export interface SurveyQuestionnairesTable {
  id: Generated<string>;
  family_key: string;
  version: number;
  region_id: string;
  name: string;
  definition: JSONColumnType<QuestionnaireDefinition, string, string>;
  created_by: string | null;
  created_at: Date;
  retired_at: Date | null;
}

export interface SurveyWavesTable {
  id: Generated<string>;
  region_id: string;
  campaign_id: string | null;
  questionnaire_id: string;
  name: string;
  state: Generated<'draft' | 'open' | 'closed'>;
  starts_on: string;
  ends_on: string;
  target_size: number;
  quota_by_gender: Generated<boolean>;
  min_duration_seconds: Generated<number>;
  public_token: string | null;
  created_by: string | null;
  created_at: Date;
  opened_at: Date | null;
  closed_at: Date | null;
  updated_at: Date;
  version: Generated<number>;
}

export interface SurveyPopulationTable {
  wave_id: string;
  town_id: string;
  group_code: string;
  population: number;
}

export interface SurveyQuotasTable {
  wave_id: string;
  town_id: string;
  group_code: string;
  gender: Generated<string>;
  target: number;
  done: Generated<number>;
}

export interface SurveyInterviewersTable {
  wave_id: string;
  user_id: string;
  town_id: string;
}

export interface SurveyResponsesTable {
  id: Generated<string>;
  wave_id: string;
  mode: 'interview' | 'public';
  method: 'door' | 'street' | null;
  interviewer_id: string | null;
  client_id: string | null;
  device_hash: string | null;
  address_hash: string | null;
  town_id: string;
  group_code: string;
  gender: string;
  age: number;
  age_band: string | null;
  residence: string;
  eligible: boolean;
  answers: JSONColumnType<Answers, string, string>;
  lat: number | null;
  lng: number | null;
  accuracy_m: number | null;
  started_at: Date | null;
  finished_at: Date | null;
  duration_seconds: number | null;
  received_at: Date;
  flags: Generated<string[]>;
  review: 'kept' | 'voided' | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

export interface SurveyResponseItemsTable {
  response_id: string;
  wave_id: string;
  question_code: string;
  rate: 'awareness' | 'support' | 'participation' | 'satisfaction';
  valid: boolean;
  counted: boolean;
}

export interface SurveysDB {
  survey_questionnaires: SurveyQuestionnairesTable;
  survey_waves: SurveyWavesTable;
  survey_population: SurveyPopulationTable;
  survey_quotas: SurveyQuotasTable;
  survey_interviewers: SurveyInterviewersTable;
  survey_responses: SurveyResponsesTable;
  survey_response_items: SurveyResponseItemsTable;
}
