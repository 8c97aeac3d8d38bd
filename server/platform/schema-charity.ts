/** Table types: 慈善之家 — organisations, their admins, projects, receipts and the append-only ledger (migration 20261212_0101_charity). */
import type { ColumnType, Generated } from 'kysely';
import type {
  CharityCategory,
  CharityDonationType,
  CharityEntryKind,
  CharityOrgKind,
  CharityOrgStatus,
  CharityProjectStatus,
} from '../../common/charity';

/** A date column: written as 'YYYY-MM-DD', read as text (the pg type parser leaves dates as strings). */
type DateText = ColumnType<string, string, string>;
/** bigint amounts in fen (parsed as numbers; the app's amounts stay far below 2^53). */
type Fen = ColumnType<number, number, number>;

export interface CharityOrganisationsTable {
  id: Generated<string>;
  region_id: string;
  name: string;
  credit_code: string;
  kind: CharityOrgKind;
  status: Generated<CharityOrgStatus>;
  registered_on: DateText | null;
  contact_name: string | null;
  contact_phone: string | null;
  address: string | null;
  description: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface CharityOrgAdminsTable {
  org_id: string;
  user_id: string;
  created_at: Date;
}

export interface CharityProjectsTable {
  id: Generated<string>;
  org_id: string;
  region_id: string;
  name: string;
  category: CharityCategory;
  goal_fen: Fen;
  beneficiaries: string;
  starts_on: DateText;
  ends_on: DateText | null;
  status: Generated<CharityProjectStatus>;
  description: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface CharityProjectActivitiesTable {
  project_id: string;
  activity_id: string;
  created_by: string | null;
  created_at: Date;
}

export interface CharityReceiptsTable {
  id: Generated<string>;
  project_id: string;
  uploaded_by: string;
  mime: string;
  ext: string;
  original_name: string;
  size_bytes: number;
  storage_key: string;
  created_at: Date;
}

export interface CharityLedgerEntriesTable {
  id: Generated<string>;
  project_id: string;
  entry_no: Generated<number>;
  kind: CharityEntryKind;
  donation_type: CharityDonationType | null;
  amount_fen: Fen;
  goods_description: string | null;
  goods_quantity: string | null;
  donor_name: string | null;
  donor_contact: string | null;
  occurred_on: DateText;
  purpose: string;
  corrects_id: string | null;
  reason: string | null;
  recorded_by: string;
  created_at: Date;
}

export interface CharityEntryReceiptsTable {
  entry_id: string;
  receipt_id: string;
}

export interface CharityDB {
  charity_organisations: CharityOrganisationsTable;
  charity_org_admins: CharityOrgAdminsTable;
  charity_projects: CharityProjectsTable;
  charity_project_activities: CharityProjectActivitiesTable;
  charity_receipts: CharityReceiptsTable;
  charity_ledger_entries: CharityLedgerEntriesTable;
  charity_entry_receipts: CharityEntryReceiptsTable;
}
