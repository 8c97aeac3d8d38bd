/** Table types for standards, sites, inspections and materials (Kysely). */
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string | null, string | null>;

export interface SiteTypesTable {
  code: string;
  name: string;
  short: string;
  sort: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface SitesTable {
  id: Generated<string>;
  name: string;
  site_type_code: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  polygon: Json;
  region_id: string;
  unit_id: string | null;
  lead_user_id: string | null;
  lead_name: string | null;
  lead_phone: string | null;
  photo_file_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StandardVersionsTable {
  id: Generated<string>;
  campaign_id: string;
  name: string;
  cloned_from: string | null;
  source: Generated<string>;
  created_by: string | null;
  created_at: Date;
}

export interface StandardItemsTable {
  id: Generated<string>;
  version_id: string;
  parent_id: string | null;
  level: number;
  name: string;
  sort: Generated<number>;
}

export interface StandardsTable {
  id: Generated<string>;
  version_id: string;
  item_id: string;
  code: string;
  text: string;
  method: string;
  points: ColumnType<number, number, number>;
  site_type_codes: ColumnType<string[], string[] | undefined, string[]>;
  lead_unit_id: string | null;
  negative: Generated<boolean>;
  sort: Generated<number>;
}

export interface StandardUnitsTable {
  standard_id: string;
  unit_id: string;
}

export interface InspectionRoundsTable {
  id: Generated<string>;
  name: string;
  kind: string;
  campaign_id: string;
  standard_version_id: string | null;
  region_id: string;
  start_date: ColumnType<string, string, string>;
  end_date: ColumnType<string, string, string>;
  sample: Json;
  pass_threshold: ColumnType<number, number | undefined, number>;
  is_covert: boolean;
  released_at: Date | null;
  released_by: string | null;
  created_by: string | null;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface InspectionRoundInspectorsTable {
  round_id: string;
  user_id: string;
}

export interface InspectionRoundSitesTable {
  round_id: string;
  site_id: string;
}

export interface InspectionVisitsTable {
  id: Generated<string>;
  round_id: string;
  site_id: string;
  inspector_id: string | null;
  visited_at: Date;
  passed: number;
  failed: number;
  not_applicable: number;
  score_rate: number | null;
  deduction_score: number;
  updated_at: Date;
}

export interface InspectionResultsTable {
  visit_id: string;
  standard_id: string;
  verdict: string;
  note: string | null;
  photo_ids: ColumnType<string[], string[] | undefined, string[]>;
  problem_id: string | null;
}

export interface MaterialSubmissionsTable {
  id: Generated<string>;
  standard_id: string;
  unit_id: string;
  period: string;
  note: string | null;
  status: string;
  submitted_by: string | null;
  submitted_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
  version: Generated<number>;
  updated_at: Date;
}

export interface MaterialFilesTable {
  id: Generated<string>;
  submission_id: string;
  original_name: string | null;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Date;
}

export interface InspectionDB {
  material_submissions: MaterialSubmissionsTable;
  material_files: MaterialFilesTable;
  site_types: SiteTypesTable;
  sites: SitesTable;
  standard_versions: StandardVersionsTable;
  standard_items: StandardItemsTable;
  standards: StandardsTable;
  standard_units: StandardUnitsTable;
  inspection_rounds: InspectionRoundsTable;
  inspection_round_inspectors: InspectionRoundInspectorsTable;
  inspection_round_sites: InspectionRoundSitesTable;
  inspection_visits: InspectionVisitsTable;
  inspection_results: InspectionResultsTable;
}
