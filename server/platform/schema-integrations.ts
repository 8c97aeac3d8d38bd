/** Table types: integrator keys, Open311 requests, 12345 work orders (migration 20261205_0201_open311_hotline). */
import type { Generated } from 'kysely';

export interface IntegrationKeysTable {
  id: Generated<string>;
  integrator: string;
  region_id: string;
  key_hash: string;
  key_prefix: string;
  note: string | null;
  rate_limit_per_minute: Generated<number>;
  window_start: Date | null;
  window_count: Generated<number>;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  version: Generated<number>;
}

export interface PublicInterfaceSettingsTable {
  region_id: string;
  public_sources: string[] | string;
  hotline_callback_url: string | null;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Date;
}

export interface Open311RequestsTable {
  problem_id: string;
  key_id: string;
  token: string;
  service_code: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  device_id: string | null;
  account_id: string | null;
  media_url: string | null;
  address_string: string | null;
  attributes: Generated<unknown>;
  created_at: Date;
}

export interface HotlineOrdersTable {
  problem_id: string;
  county_id: string;
  order_no: string;
  caller_masked: string | null;
  transfer_unit: string | null;
  called_at: Date;
  due_at: Date | null;
  key_id: string | null;
  imported_by: string | null;
  created_at: Date;
  replied_at: Date | null;
  callback_sent_at: Date | null;
}

/** 附加问题 of a category (migration 20261213_0101_category_questions; common/category-questions.ts). */
export interface CategoryQuestionsTable {
  category_code: string;
  questions: unknown;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Date;
}

/** The answers given with a report (staff only). */
export interface ProblemQuestionAnswersTable {
  problem_id: string;
  answers: unknown;
  created_at: Date;
}

export interface IntegrationsDB {
  category_questions: CategoryQuestionsTable;
  problem_question_answers: ProblemQuestionAnswersTable;
  integration_keys: IntegrationKeysTable;
  public_interface_settings: PublicInterfaceSettingsTable;
  open311_requests: Open311RequestsTable;
  hotline_orders: HotlineOrdersTable;
}
