/**
 * Who administers a record, kept as a relation of accounts (谁组织、谁记录: a volunteer team's admins review its
 * volunteers; a charity organisation's admins keep its ledger). Setting them replaces the whole list in one
 * transaction: the accounts are checked by the module's own rule (who may be named), the old rows go, the new ones
 * come, and one audit event names the list before and after.
 */
import { sql } from 'kysely';
import { recordEvent } from './audit';
import type { Ctx } from './context';
import type { Tx } from './db';
import { AppError } from './errors';

/** The admin relations and the column naming their record. */
const OWNER_COLUMN = { volunteer_team_admins: 'team_id', charity_org_admins: 'org_id' } as const;

export interface ReplaceAdmins {
  table: keyof typeof OWNER_COLUMN;
  ownerId: string;
  userIds: string[];
  /** The subset of `ids` that may be named (the module's rule, in SQL); anything missing is refused. */
  eligible: (tx: Tx, ids: string[]) => Promise<string[]>;
  /** The Chinese message when an account may not be named. */
  refusal: string;
  action: string;
  subjectType: string;
}

/** Replaces the admins of one record; 422 (nothing changed) when an account may not be named. */
export async function replaceAdmins(ctx: Ctx, spec: ReplaceAdmins): Promise<void> {
  const ids = [...new Set(spec.userIds)];
  const table = sql.table(spec.table);
  const owner = sql.ref(OWNER_COLUMN[spec.table]);
  await ctx.db.transaction().execute(async (tx) => {
    if (ids.length) {
      const ok = new Set(await spec.eligible(tx, ids));
      if (ids.some((id) => !ok.has(id))) throw new AppError('unprocessable', spec.refusal, { field: 'userIds' });
    }
    const before = await sql<{ user_id: string }>`
      select a.user_id from ${table} a join users u on u.id = a.user_id where a.${owner} = ${spec.ownerId} order by u.name`.execute(tx);
    await sql`delete from ${table} where ${owner} = ${spec.ownerId}`.execute(tx);
    if (ids.length) {
      const now = ctx.clock.now();
      await sql`insert into ${table} (${owner}, user_id, created_at) values ${sql.join(ids.map((id) => sql`(${spec.ownerId}, ${id}, ${now})`))}`.execute(
        tx,
      );
    }
    await recordEvent(tx, ctx, {
      action: spec.action,
      subjectType: spec.subjectType,
      subjectId: spec.ownerId,
      before: { admins: before.rows.map((r) => r.user_id) },
      after: { admins: ids },
    });
  });
}
