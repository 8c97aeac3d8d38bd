/** Table types: jobs after commit, notice channels and the deadline sweep's thresholds (migration 20261203_0501). */
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export interface OutboxJobsTable {
  id: Generated<string>;
  kind: string;
  subject_type: string | null;
  subject_id: string | null;
  payload: Json;
  created_at: Date;
  done_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface NoticeChannelsTable {
  id: Generated<string>;
  region_id: string | null;
  kind: string;
  channel: 'in_app' | 'sms' | 'webhook';
  enabled: boolean;
  roles: string[] | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface RegionEscalationSettingsTable {
  id: Generated<string>;
  region_id: string | null;
  remind_before_hours: number;
  escalate_after_hours: number;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface JobsDB {
  outbox_jobs: OutboxJobsTable;
  notice_channels: NoticeChannelsTable;
  region_escalation_settings: RegionEscalationSettingsTable;
}
