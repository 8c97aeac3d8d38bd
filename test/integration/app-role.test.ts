/**
 * The app can run as a role that does not own the tables (issue 7): granted by grant_app_role (migration
 * 20261203_0301), it reads and writes the tables and appends to the audit trail, but cannot disable the audit
 * triggers, nor update or delete audit rows. PostgreSQL only (the embedded engine has a single user).
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName, getHarness } from '../support/harness';

const onPostgres = !!process.env.TEST_DATABASE_URL;
const role = `cc_app_${crypto.randomBytes(4).toString('hex')}`;

describe.skipIf(!onPostgres)(`a database role that does not own the tables (${engineName})`, () => {
  beforeAll(async () => {
    const { database } = await getHarness();
    await sql.raw(`create role ${role} nologin`).execute(database.db);
    await sql`select grant_app_role(${role})`.execute(database.db);
  });
  afterAll(async () => {
    const { database } = await getHarness();
    await sql.raw(`drop owned by ${role}; drop role ${role}`).execute(database.db);
  });

  async function attempt(statement: string): Promise<string | null> {
    const { database } = await getHarness();
    class Rollback extends Error {}
    try {
      await database.db.transaction().execute(async (tx) => {
        await sql.raw(`set local role ${role}`).execute(tx);
        await sql.raw(statement).execute(tx);
        throw new Rollback();
      });
    } catch (e) {
      if (e instanceof Rollback) return null;
      return (e as Error).message;
    }
    return null;
  }

  it('cannot disable the audit triggers, nor change or delete audit rows', async () => {
    expect(await attempt('alter table audit_events disable trigger all')).toMatch(/must be owner/);
    expect(await attempt('alter table audit_events disable trigger audit_events_no_update')).toMatch(/must be owner/);
    expect(await attempt('update audit_events set actor_name = actor_name where id = (select max(id) from audit_events)')).toMatch(
      /permission denied/,
    );
    expect(await attempt('delete from audit_events where id = (select max(id) from audit_events)')).toMatch(/permission denied/);
    expect(await attempt('truncate audit_events')).toMatch(/permission denied/);
    // Nor their places in the chain (audit_chain, written by the sealer).
    expect(await attempt('update audit_chain set hash = hash where seq = (select max(seq) from audit_chain)')).toMatch(/permission denied/);
    expect(await attempt('delete from audit_chain where seq = (select max(seq) from audit_chain)')).toMatch(/permission denied/);
    expect(await attempt('truncate audit_chain')).toMatch(/permission denied/);
    expect(await attempt('drop table audit_events')).toMatch(/must be owner/);
  });

  it("can still do the app's work: read and write tables, append audit events (queued for the sealer), seal them", async () => {
    expect(await attempt('select count(*) from units')).toBeNull();
    expect(
      await attempt("insert into audit_events (occurred_at, actor_name, action, subject_type) values (now(), '系统', 'role.test', 'test')"),
    ).toBeNull();
    expect(await attempt('update units set name = name where false')).toBeNull();
    expect(await attempt('select audit_seal(10)')).toBeNull();
  });
});
