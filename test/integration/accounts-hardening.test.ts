/**
 * Issue 7, accounts and sign-in: atomic lockout per account and address, 三员 changes that need a second 三员's
 * approval with the temporary password sent to the owner, API token expiry and revocation, weak and reused
 * passwords, X-Forwarded-For only from trusted proxies, security headers and the Secure cookie.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { Client } from '../support/client';
import { createTenant, PASSWORD, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const WRONG = 'Wrong@2026';
const OUTBOX = path.join(os.tmpdir(), 'outbox', 'sms.log');

/** A sign-in from a given source address (the in-process socket address). */
async function loginFrom(app: FastifyInstance, ip: string, username: string, password: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip, headers });
  return { status: res.statusCode, body: res.json(), res };
}

/** A unique mobile number for this tenant. */
function phoneFor(n: number): string {
  return `13${String(parseInt(t.tag, 16) % 100_000_000).padStart(8, '0')}${n}`.slice(0, 11);
}

/** The SMS messages the outbox transport wrote for a phone number. */
function messagesTo(phone: string): Array<{ to: string; text: string }> {
  if (!fs.existsSync(OUTBOX)) return [];
  return fs
    .readFileSync(OUTBOX, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((m) => m.to === phone);
}
const passwordIn = (text: string) => /临时密码：(\S+?)。/.exec(text)?.[1] ?? null;

describe(`sign-in lockout per account and address (${engineName})`, () => {
  it('40 parallel wrong passwords lock the account, and the right password afterwards is refused', async () => {
    const { app, database } = await getHarness();
    const user = t.users.inspector.username;
    const results = await Promise.all(Array.from({ length: 40 }, () => loginFrom(app, '10.7.0.1', user, WRONG)));
    expect(results.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    // Exactly five guesses were checked; every later one was refused as locked.
    expect(results.filter((r) => r.status === 401).length).toBe(4);
    const right = await loginFrom(app, '10.7.0.1', user, PASSWORD);
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('account_locked');
    const row = await database.db
      .selectFrom('login_throttle')
      .selectAll()
      .where('subject', '=', `user:${t.users.inspector.id}`)
      .where('ip', '=', '10.7.0.1')
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
  });

  it('a guess that races past the limit is refused even when it carries the right password', async () => {
    const { app } = await getHarness();
    const user = t.users.leader.username;
    const attempts = [...Array.from({ length: 39 }, () => WRONG), PASSWORD];
    const results = await Promise.all(attempts.map((pw) => loginFrom(app, '10.7.0.2', user, pw)));
    // At most one of the first five reserved attempts can be the right one; the rest are refused unchecked.
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    expect(results.filter((r) => r.status === 423).length).toBeGreaterThanOrEqual(30);
    expect((await loginFrom(app, '10.7.0.2', user, PASSWORD)).status).toBe(423);
  });

  it('answers an unknown name exactly as a known one, through to the lock', async () => {
    const { app } = await getHarness();
    const known = t.users.unithead.username;
    const unknown = `ghost_${t.tag}`;
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const started = Date.now();
      const a = await loginFrom(app, '10.7.0.3', known, WRONG);
      const knownMs = Date.now() - started;
      const s2 = Date.now();
      const b = await loginFrom(app, '10.7.0.3', unknown, WRONG);
      const unknownMs = Date.now() - s2;
      expect(b.status).toBe(a.status);
      expect(b.body).toEqual(a.body);
      knownTimes.push(knownMs);
      unknownTimes.push(unknownMs);
    }
    // Both spend a password hash verification (argon2id), so neither is instant. The fastest of five is compared: a
    // busy machine only ever adds time, so one slow known attempt cannot make an honest unknown one look instant.
    expect(Math.min(...unknownTimes)).toBeGreaterThan(Math.min(...knownTimes) / 4);
    expect((await loginFrom(app, '10.7.0.3', unknown, WRONG)).status).toBe(423);
  });

  it('a stranger locking the account from one address does not lock out the real user at another', async () => {
    const { app } = await getHarness();
    const user = t.users.sitelead.username;
    for (let i = 0; i < 5; i++) await loginFrom(app, '198.51.100.7', user, WRONG);
    expect((await loginFrom(app, '198.51.100.7', user, PASSWORD)).status).toBe(423);
    expect((await loginFrom(app, '10.7.0.4', user, PASSWORD)).status).toBe(200);
  });

  it('the security administrator sees current locks (account and address) and lifts them', async () => {
    const { app, clock } = await getHarness();
    const user = t.users.unit2.username;
    for (let i = 0; i < 5; i++) await loginFrom(app, '203.0.113.50', user, WRONG);
    const sec = await t.as('security');
    const locks = await sec.get('/api/users/login-locks');
    expect(locks.status).toBe(200);
    const mine = locks.body.items.find((l: { user: { id: string } | null }) => l.user?.id === t.users.unit2.id);
    expect(mine).toMatchObject({ ip: '203.0.113.50', subject: `user:${t.users.unit2.id}` });
    // Later than the app's clock (another file in this worker may have set it to another day).
    expect(new Date(mine.lockedUntil).getTime()).toBeGreaterThan(clock.now().getTime());
    const listed = await sec.get(`/api/users?search=${user}`);
    expect(listed.body.items[0].locked).toBe(true);
    // Not for anyone else.
    expect((await (await t.as('office')).get('/api/users/login-locks')).status).toBe(403);
    expect((await sec.post('/api/users/login-locks/release', { subject: mine.subject, ip: mine.ip })).status).toBe(204);
    expect((await loginFrom(app, '203.0.113.50', user, PASSWORD)).status).toBe(200);
    expect((await sec.get(`/api/users?search=${user}`)).body.items[0].locked).toBe(false);
  });

  it('locks again for twice as long after the first lock ends without a success (15 → 30 minutes)', async () => {
    const { app, clock } = await getHarness();
    const user = t.users.taskforce.username;
    for (let i = 0; i < 5; i++) await loginFrom(app, '10.7.0.6', user, WRONG);
    clock.advanceMinutes(16);
    for (let i = 0; i < 5; i++) await loginFrom(app, '10.7.0.6', user, WRONG);
    clock.advanceMinutes(16);
    expect((await loginFrom(app, '10.7.0.6', user, PASSWORD)).status).toBe(423);
    clock.advanceMinutes(15);
    expect((await loginFrom(app, '10.7.0.6', user, PASSWORD)).status).toBe(200);
  });

  it('wrong old passwords on the change-password form count toward the same lock', async () => {
    const { app } = await getHarness();
    const c = await t.as('grid');
    for (let i = 0; i < 4; i++) {
      const res = await c.post('/api/auth/password', { oldPassword: WRONG, newPassword: 'Fresh#Rain42' });
      expect(res.status).toBe(401);
    }
    const fifth = await c.post('/api/auth/password', { oldPassword: WRONG, newPassword: 'Fresh#Rain42' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('account_locked');
    // Even the right old password is refused now, and so is a sign-in from the same address.
    expect((await c.post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'Fresh#Rain42' })).status).toBe(423);
    expect((await loginFrom(app, '127.0.0.1', t.users.grid.username, PASSWORD)).status).toBe(423);
  });
});

describe(`三员分立 between people (${engineName})`, () => {
  let sec: Client;
  let aud: Client;
  let adm: Client;
  beforeAll(async () => {
    const { database } = await getHarness();
    for (const [i, key] of (['admin', 'security', 'auditor'] as const).entries()) {
      await database.db
        .updateTable('users')
        .set({ phone: phoneFor(i + 1) })
        .where('id', '=', t.users[key].id)
        .execute();
    }
    [sec, aud, adm] = await Promise.all([t.as('security'), t.as('auditor'), t.as('admin')]);
  });

  it('the security administrator alone cannot create an auditor, nor sign in with it', async () => {
    const username = `aud2_${t.tag}`;
    const res = await sec.post('/api/users', { username, name: '第二审计', phone: phoneFor(4), roles: [{ role: 'auditor' }] });
    expect(res.status).toBe(202);
    expect(res.body.pending).toMatchObject({ kind: 'create_user', status: 'pending' });
    expect(JSON.stringify(res.body)).not.toMatch(/initialPassword|password"/);
    expect((await sec.get(`/api/users?search=${username}`)).body.total).toBe(0);
    // The requester cannot approve their own request.
    const self = await sec.post(`/api/users/privileged-changes/${res.body.pending.id}/approve`);
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('separation_of_duties');
    expect((await sec.get(`/api/users?search=${username}`)).body.total).toBe(0);
  });

  it('a 三员 account needs its owner’s mobile number (400 without one)', async () => {
    const res = await sec.post('/api/users', { username: `aud3_${t.tag}`, name: '无手机审计', roles: [{ role: 'auditor' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('手机号');
  });

  it('with the auditor’s approval the account is created and its password reaches only its owner’s phone', async () => {
    const username = `aud4_${t.tag}`;
    const phone = phoneFor(5);
    const req = await sec.post('/api/users', { username, name: '新审计员', phone, roles: [{ role: 'auditor' }] });
    expect(req.status).toBe(202);
    const pending = await aud.get('/api/users/privileged-changes');
    const item = pending.body.items.find((c: { id: string }) => c.id === req.body.pending.id);
    expect(item.abilities).toMatchObject({ approve: true, reject: true });
    // The reviewer reads where the password will go, masked: the full number is the owner's, not every 三员's.
    expect(item.summary).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(JSON.stringify(item)).not.toContain(phone);
    const ok = await aud.post(`/api/users/privileged-changes/${req.body.pending.id}/approve`);
    expect(ok.status).toBe(200);
    expect(ok.body.change.status).toBe('approved');
    expect(ok.body.delivery).toEqual({
      channel: 'sms',
      to: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      message: `临时密码已发送至 ${phone.slice(0, 3)}****${phone.slice(-4)}`,
    });
    const sms = messagesTo(phone);
    expect(sms.length).toBe(1);
    const password = passwordIn(sms[0].text)!;
    expect(password).toBeTruthy();
    expect(JSON.stringify(ok.body)).not.toContain(password);
    expect(JSON.stringify(req.body)).not.toContain(password);
    // The owner signs in with it and must change it first.
    const owner = await new Client((await getHarness()).app).login(username, password);
    expect((await owner.get('/api/auth/session')).body.user).toMatchObject({ roles: ['auditor'], mustChangePassword: true });
    // Nothing in the database keeps the text after delivery.
    const { database } = await getHarness();
    const stored = await database.db.selectFrom('message_outbox').select(['body', 'sent_at']).where('recipient', '=', phone).execute();
    expect(stored.length).toBe(1);
    expect(stored[0].sent_at).not.toBeNull();
    expect(stored[0].body).not.toContain(password);
  });

  it('the security administrator cannot reset the auditor’s or the system administrator’s password and receive it', async () => {
    const { app } = await getHarness();
    for (const key of ['auditor', 'admin'] as const) {
      const res = await sec.post(`/api/users/${t.users[key].id}/reset-password`);
      expect(res.status).toBe(202);
      expect(res.body.password).toBeUndefined();
      expect(res.body.pending.kind).toBe('reset_password');
      // Nothing changed yet: the owner's password still works.
      expect((await loginFrom(app, '10.7.1.1', t.users[key].username, PASSWORD)).status).toBe(200);
      // The target cannot approve a change to their own account.
      const target = key === 'auditor' ? aud : adm;
      const own = await target.post(`/api/users/privileged-changes/${res.body.pending.id}/approve`);
      expect(own.status).toBe(422);
      await target
        .post(`/api/users/privileged-changes/${res.body.pending.id}/reject`, { note: '本人未申请' })
        .then((r) => expect(r.status).toBe(422));
      await sec.post(`/api/users/privileged-changes/${res.body.pending.id}/reject`).then((r) => expect(r.body.status).toBe('withdrawn'));
    }
  });

  it('resetting the system administrator’s password, approved by the auditor, sends it to the administrator only', async () => {
    const { app } = await getHarness();
    const req = await sec.post(`/api/users/${t.users.admin.id}/reset-password`);
    expect(req.status).toBe(202);
    const before = messagesTo(phoneFor(1)).length;
    const ok = await aud.post(`/api/users/privileged-changes/${req.body.pending.id}/approve`, { note: '本人来电确认' });
    expect(ok.status).toBe(200);
    expect(ok.body.delivery.to).toBe(`${phoneFor(1).slice(0, 3)}****${phoneFor(1).slice(-4)}`);
    const sms = messagesTo(phoneFor(1));
    expect(sms.length).toBe(before + 1);
    const password = passwordIn(sms.at(-1)!.text)!;
    expect(JSON.stringify(ok.body)).not.toContain(password);
    expect((await loginFrom(app, '10.7.1.2', t.users.admin.username, PASSWORD)).status).toBe(401);
    expect((await loginFrom(app, '10.7.1.2', t.users.admin.username, password)).status).toBe(200);
    // A decided request cannot be decided again.
    expect((await aud.post(`/api/users/privileged-changes/${req.body.pending.id}/approve`)).status).toBe(409);
    adm = await new Client(app).login(t.users.admin.username, password);
  });

  it('the security administrator cannot turn the auditor into a second 安全管理员 without the system administrator', async () => {
    const { app } = await getHarness();
    const current = await sec.get(`/api/users/${t.users.auditor.id}`);
    const res = await sec.patch(`/api/users/${t.users.auditor.id}`, { roles: [{ role: 'security_admin' }], version: current.body.version });
    expect(res.status).toBe(202);
    expect((await sec.get(`/api/users/${t.users.auditor.id}`)).body.roles.map((g: { role: string }) => g.role)).toEqual(['auditor']);
    // The auditor is the target: she cannot approve it; another security administrator's role is the requester's.
    expect((await aud.post(`/api/users/privileged-changes/${res.body.pending.id}/approve`)).status).toBe(422);
    // One open request per account.
    const second = await sec.patch(`/api/users/${t.users.auditor.id}`, { phone: phoneFor(9), version: current.body.version });
    expect(second.status).toBe(409);
    // The system administrator (who must first change the password issued above) approves.
    await adm.post('/api/auth/password', { oldPassword: passwordIn(messagesTo(phoneFor(1)).at(-1)!.text), newPassword: 'Admin#Harbor77' });
    const ok = await adm.post(`/api/users/privileged-changes/${res.body.pending.id}/approve`);
    expect(ok.status).toBe(200);
    expect((await sec.get(`/api/users/${t.users.auditor.id}`)).body.roles.map((g: { role: string }) => g.role)).toEqual(['security_admin']);
    // Role changed: old sessions end; she signs in with her own password again.
    expect((await aud.get('/api/auth/session')).status).toBe(401);
    expect((await loginFrom(app, '10.7.1.3', t.users.auditor.username, PASSWORD)).status).toBe(200);
    // Changing a 三员 account's phone (where its passwords go) needs approval too; its name does not.
    const now = await sec.get(`/api/users/${t.users.admin.id}`);
    const phone = await sec.patch(`/api/users/${t.users.admin.id}`, { phone: phoneFor(9), version: now.body.version });
    expect(phone.status).toBe(202);
    expect((await sec.get(`/api/users/${t.users.admin.id}`)).body.phone).toBe(phoneFor(1));
    await sec.post(`/api/users/privileged-changes/${phone.body.pending.id}/reject`);
    const renamed = await sec.patch(`/api/users/${t.users.admin.id}`, { name: '系统管理员甲', version: now.body.version });
    expect(renamed.status).toBe(200);
  });

  it('an ordinary account that gains a 三员 role gets a new password sent to its owner (the requester may know the old one)', async () => {
    const { app, database } = await getHarness();
    await database.db
      .updateTable('users')
      .set({ phone: phoneFor(7) })
      .where('id', '=', t.users.volunteer.id)
      .execute();
    const reset = await sec.post(`/api/users/${t.users.volunteer.id}/reset-password`);
    expect(reset.status).toBe(200);
    const known = reset.body.password as string;
    const current = await sec.get(`/api/users/${t.users.volunteer.id}`);
    const res = await sec.patch(`/api/users/${t.users.volunteer.id}`, { roles: [{ role: 'auditor' }], version: current.body.version });
    expect(res.status).toBe(202);
    expect((await adm.post(`/api/users/privileged-changes/${res.body.pending.id}/approve`)).status).toBe(200);
    expect((await loginFrom(app, '10.7.1.4', t.users.volunteer.username, known)).status).toBe(401);
    const password = passwordIn(messagesTo(phoneFor(7)).at(-1)!.text)!;
    expect((await loginFrom(app, '10.7.1.4', t.users.volunteer.username, password)).status).toBe(200);
  });

  it('ordinary accounts keep the one-time temporary password shown to the security administrator', async () => {
    const res = await sec.post('/api/users', {
      username: `vol_${t.tag}`,
      name: '普通志愿者',
      roles: [{ role: 'volunteer', scopeId: t.townAId }],
    });
    expect(res.status).toBe(201);
    expect(res.body.initialPassword.length).toBeGreaterThanOrEqual(8);
  });

  it('the approval list is for the 三员 only', async () => {
    expect((await (await t.as('office')).get('/api/users/privileged-changes')).status).toBe(403);
    expect((await sec.get('/api/users/privileged-changes?status=decided')).body.items.length).toBeGreaterThan(0);
  });
});

describe(`API tokens (${engineName})`, () => {
  it('expire (default 90 days, shown at creation and in the list)', async () => {
    const { app, clock } = await getHarness();
    const c = await t.as('office');
    const created = await c.post('/api/auth/tokens', { name: '默认有效期' });
    expect(created.status).toBe(201);
    const days = (new Date(created.body.expiresAt).getTime() - clock.now().getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    const listed = (await c.get('/api/auth/tokens')).body.items.find((x: { id: string }) => x.id === created.body.id);
    expect(listed.expiresAt).toBe(created.body.expiresAt);
    const short = await c.post('/api/auth/tokens', { name: '一天', expiresInDays: 1 });
    const script = new Client(app);
    script.bearer = short.body.token;
    expect((await script.get('/api/auth/session')).status).toBe(200);
    clock.advanceMinutes(25 * 60);
    expect((await script.get('/api/auth/session')).status).toBe(401);
  });

  it('cannot be created with a token (403), so a leaked token cannot mint survivors', async () => {
    const script = await t.asScript('unit');
    const res = await script.post('/api/auth/tokens', { name: '子令牌' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('are revoked when the owner changes the password or the security administrator resets it', async () => {
    const { app } = await getHarness();
    const script = await t.asScript('unithead');
    const person = await new Client(app).login(t.users.unithead.username, PASSWORD);
    expect((await person.post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'River#Stone58' })).status).toBe(204);
    expect((await script.get('/api/auth/session')).status).toBe(401);

    const s2 = new Client(app);
    await s2.login(t.users.unithead.username, 'River#Stone58');
    const token = (await s2.post('/api/auth/tokens', { name: '第二个' })).body.token as string;
    const script2 = new Client(app);
    script2.bearer = token;
    expect((await script2.get('/api/auth/session')).status).toBe(200);
    const sec = await t.as('security');
    expect((await sec.post(`/api/users/${t.users.unithead.id}/reset-password`)).status).toBe(200);
    expect((await script2.get('/api/auth/session')).status).toBe(401);
  });
});

describe(`weak and reused passwords (${engineName})`, () => {
  it('refuses well-known passwords with a clear Chinese message', async () => {
    const c = await t.as('unit');
    for (const weak of ['Password1', 'Aa123456', 'Qwerty123', 'P@ssw0rd']) {
      const res = await c.post('/api/auth/password', { oldPassword: PASSWORD, newPassword: weak });
      expect(res.status).toBe(422);
      expect(res.body.error.message).toContain('常见弱口令');
    }
  });

  it('refuses the last 5 passwords', async () => {
    const c = await t.as('office');
    const chain = [PASSWORD, 'Maple#Field31', 'Cedar#Brook52', 'Aspen#Ridge73'];
    for (let i = 1; i < chain.length; i++) {
      expect((await c.post('/api/auth/password', { oldPassword: chain[i - 1], newPassword: chain[i] })).status).toBe(204);
    }
    for (const old of chain.slice(0, -1)) {
      const res = await c.post('/api/auth/password', { oldPassword: chain.at(-1), newPassword: old });
      expect(res.status).toBe(422);
      expect(res.body.error.message).toBe('新密码不能与最近 5 次使用过的密码相同');
    }
  });
});

describe(`proxies, headers and the session cookie (${engineName})`, () => {
  let proxied: FastifyInstance;
  beforeAll(async () => {
    const { database, clock } = await getHarness();
    proxied = await buildApp({
      database,
      clock,
      logLevel: 'silent',
      serveWeb: false,
      filesDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cc-files-')),
      trustProxy: ['10.0.0.0/8'],
    });
    await proxied.ready();
  });
  afterAll(async () => {
    await proxied?.close();
  });

  const lastSessionIp = async (userId: string) => {
    const { database } = await getHarness();
    const row = await database.db
      .selectFrom('sessions')
      .select('ip')
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return row.ip;
  };

  it('does not record a forged X-Forwarded-For as the login address unless it comes from a trusted proxy', async () => {
    const { app, clock } = await getHarness();
    clock.advanceMinutes(1);
    const forged = await loginFrom(app, '198.51.100.20', t.users.leader.username, PASSWORD, { 'x-forwarded-for': '192.0.2.99' });
    expect(forged.status).toBe(200);
    expect(await lastSessionIp(t.users.leader.id)).toBe('198.51.100.20');
    clock.advanceMinutes(1);
    // Through a proxy configured in TRUST_PROXY, the client address it reports is the one recorded.
    const viaProxy = await loginFrom(proxied, '10.1.2.3', t.users.leader.username, PASSWORD, { 'x-forwarded-for': '192.0.2.77' });
    expect(viaProxy.status).toBe(200);
    expect(await lastSessionIp(t.users.leader.id)).toBe('192.0.2.77');
    clock.advanceMinutes(1);
    // The same header from a machine that is not a trusted proxy is ignored on that app too.
    await loginFrom(proxied, '198.51.100.21', t.users.leader.username, PASSWORD, { 'x-forwarded-for': '192.0.2.78' });
    expect(await lastSessionIp(t.users.leader.id)).toBe('198.51.100.21');
  });

  it('sets the Secure cookie flag exactly when the request came over HTTPS (via a trusted proxy)', async () => {
    const { app } = await getHarness();
    const secure = (r: Awaited<ReturnType<typeof loginFrom>>) => r.res.cookies.find((c) => c.name === 'cc_session')!.secure === true;
    expect(secure(await loginFrom(app, '198.51.100.30', t.users.leader.username, PASSWORD))).toBe(false);
    expect(secure(await loginFrom(app, '198.51.100.30', t.users.leader.username, PASSWORD, { 'x-forwarded-proto': 'https' }))).toBe(false);
    expect(secure(await loginFrom(proxied, '10.1.2.4', t.users.leader.username, PASSWORD, { 'x-forwarded-proto': 'https' }))).toBe(true);
  });

  it('sends CSP, frame, referrer and sniffing headers on the API, and keeps the API documentation working', async () => {
    const { app } = await getHarness();
    for (const url of ['/api/health', '/api/auth/session', '/api/nothing-here']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
    const spec = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    expect(spec.json().paths['/api/auth/login']).toBeDefined();
  });
});
