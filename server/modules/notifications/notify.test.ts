/**
 * Notices without a database: `notify` only queues a job; at delivery the nearest office is the one on the closest
 * region at or above (not every ancestor), channel rows resolve by the nearest region with in-app on by default, and a
 * channel's `roles` narrow who gets it there.
 */
import { describe, expect, it } from 'vitest';
import { fakeDb } from '../../../test/support/fake-db';
import { FixedClock } from '../../platform/clock';
import type { OutboxJob } from '../../platform/jobs-after-commit';
import { channelsFor, deliverNotice, nearestOffice, notify } from './notify';

// City c → county k → town t, as materialised paths.
const TOWN = '/c/k/t/';

describe('notify', () => {
  it('writes one outbox job with the recipients as data, and counts it for the request', async () => {
    const { db, queries } = fakeDb();
    const tracker = { queued: 0 };
    await notify(
      { clock: new FixedClock(new Date('2026-12-01T00:00:00Z')), afterCommit: tracker },
      db,
      [{ nearestOffice: TOWN }, { users: ['u1', null] }],
      { kind: 'reported', title: 't', problemId: 'p1' },
    );
    expect(queries.map((q) => q.sql.split(' ').slice(0, 3).join(' '))).toEqual(['insert into "outbox_jobs"']);
    expect(JSON.parse(String(queries[0].parameters.find((x) => typeof x === 'string' && x.startsWith('{'))))).toEqual({
      notice: { kind: 'reported', title: 't', problemId: 'p1' },
      to: [{ nearestOffice: TOWN }, { users: ['u1'] }],
    });
    expect(tracker.queued).toBe(1);
  });
});

describe('nearestOffice', () => {
  it('takes the closest region with an office (the county), not the city above it', async () => {
    const { db } = fakeDb(() => [
      { id: 'city-office', scope_id: 'c' },
      { id: 'county-office-1', scope_id: 'k' },
      { id: 'county-office-2', scope_id: 'k' },
    ]);
    expect(await nearestOffice(db, TOWN)).toEqual(['county-office-1', 'county-office-2']);
  });
  it('goes up to the city when nothing nearer has an office, and finds nobody on an empty path', async () => {
    expect(await nearestOffice(fakeDb(() => [{ id: 'city-office', scope_id: 'c' }]).db, TOWN)).toEqual(['city-office']);
    expect(await nearestOffice(fakeDb(() => [{ id: 'x', scope_id: 'c' }]).db, '')).toEqual([]);
  });
});

describe('channelsFor', () => {
  it('has in-app on and nothing else when no row names the kind', async () => {
    expect(await channelsFor(fakeDb().db, 'reported', TOWN)).toEqual([{ channel: 'in_app', enabled: true, roles: null }]);
  });
  it("takes the nearest region's row per channel over the shipped default", async () => {
    const rows = [
      { region_id: null, channel: 'sms', enabled: false, roles: ['unit_head'] },
      { region_id: 'k', channel: 'sms', enabled: true, roles: ['unit_head'] },
      { region_id: 'c', channel: 'in_app', enabled: false, roles: null },
    ];
    const got = await channelsFor(fakeDb(() => rows).db, 'supervised', TOWN);
    expect(got).toEqual([
      { channel: 'in_app', enabled: false, roles: null, regionId: 'c' },
      { channel: 'sms', enabled: true, roles: ['unit_head'], regionId: 'k' },
    ]);
    // Another county inherits only the default: SMS off.
    expect((await channelsFor(fakeDb(() => rows).db, 'supervised', '/c/other/')).find((c) => c.channel === 'sms')?.enabled).toBe(false);
  });
});

describe('deliverNotice', () => {
  const job: OutboxJob = {
    id: 'j1',
    kind: 'notice',
    subject_type: 'problem',
    subject_id: 'p1',
    created_at: new Date('2026-12-01T00:00:00Z'),
    attempts: 0,
    payload: {
      notice: { kind: 'supervised', title: '督办', problemId: 'p1', regionPath: TOWN },
      to: [{ unit: 'uA', roles: ['unit_head', 'unit_liaison'] }],
    },
  };
  it('writes the bell for every recipient and SMS only for the roles the channel names, with a phone', async () => {
    const { db, queries } = fakeDb((sql) => {
      if (sql.includes('from "user_roles" as "g"'))
        return [
          { unit_id: 'uA', role: 'unit_head', id: 'head' },
          { unit_id: 'uA', role: 'unit_liaison', id: 'liaison' },
        ];
      if (sql.includes('from "notice_channels"'))
        return [{ kind: 'supervised', region_id: 'k', channel: 'sms', enabled: true, roles: ['unit_head'] }];
      if (sql.startsWith('select "user_id", "role" from "user_roles"')) return [{ user_id: 'head', role: 'unit_head' }];
      if (sql.includes('"phone" from "users"')) return [{ id: 'head', phone: '13900000001' }];
      if (sql.startsWith('insert into "message_outbox"')) return [{ id: 'm1' }];
      return [];
    });
    await deliverNotice(db, job);
    const bell = queries.find((q) => q.sql.startsWith('insert into "notifications"'))!;
    expect(bell.parameters.filter((x) => x === 'head' || x === 'liaison')).toEqual(['head', 'liaison']);
    const sms = queries.filter((q) => q.sql.startsWith('insert into "message_outbox"'));
    expect(sms).toHaveLength(1);
    expect(sms[0].parameters).toEqual(expect.arrayContaining(['13900000001', 'head', 'notice:supervised', '【创城】督办']));
  });
  it('writes nothing when nobody is left to tell', async () => {
    const { db, queries } = fakeDb();
    await deliverNotice(db, job);
    expect(queries.some((q) => q.sql.startsWith('insert'))).toBe(false);
  });
});
