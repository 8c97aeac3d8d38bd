/** Table types for the accounts hardening tables (migrations 20261203_0201 and _0202). */
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;

export interface LoginThrottleTable {
  subject: string;
  ip: Generated<string>;
  attempts: Generated<number>;
  lock_count: Generated<number>;
  locked_until: Date | null;
  last_attempt_at: Date;
}

export interface PasswordHistoryTable {
  id: Generated<string>;
  user_id: string;
  password_hash: string;
  created_at: Date;
}

export interface PrivilegedChangesTable {
  id: Generated<string>;
  kind: 'create_user' | 'update_user' | 'reset_password';
  target_user_id: string | null;
  target_version: number | null;
  payload: Json;
  summary: string;
  status: Generated<'pending' | 'approved' | 'rejected' | 'withdrawn'>;
  requested_by: string;
  requester_role: string;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  result_user_id: string | null;
  created_at: Date;
}

export interface MessageOutboxTable {
  id: Generated<string>;
  channel: 'sms';
  recipient: string;
  user_id: string | null;
  purpose: string;
  body: string;
  created_at: Date;
  sent_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface AccountsDB {
  login_throttle: LoginThrottleTable;
  password_history: PasswordHistoryTable;
  privileged_changes: PrivilegedChangesTable;
  message_outbox: MessageOutboxTable;
}
