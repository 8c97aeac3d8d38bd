/** Sign-in contract, lockout, CSRF, API tokens, idle sessions and the forced first password change. */
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/platform/auth/passwords';
import { REMEMBER_MS } from '../../server/platform/auth/tokens';
import { Client } from '../support/client';
import { anonymous, createTenant, PASSWORD, type Tenant } from '../support/factories';
import { engineName, getHarness } from '../support/harness';

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

describe(`auth (${engineName})`, () => {
  it('logs in with username or phone and returns the contract shape with an httpOnly SameSite=Lax cookie', async () => {
    const { app, database } = await getHarness();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: t.users.office.username, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({ id: t.users.office.id, name: 'office用户', roles: ['office'] });
    expect(typeof body.csrfToken).toBe('string');
    const cookie = res.cookies.find((c) => c.name === 'cc_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');

    await database.db
      .updateTable('users')
      // Eight digits from the tenant's tag: a long-lived test database holds many tenants, and phones are unique.
      .set({ phone: `138${String(parseInt(t.tag, 16) % 1e8).padStart(8, '0')}` })
      .where('id', '=', t.users.leader.id)
      .execute();
    const phone = (await database.db.selectFrom('users').select('phone').where('id', '=', t.users.leader.id).executeTakeFirstOrThrow())
      .phone!;
    const byPhone = await (await anonymous()).post('/api/auth/login', { username: phone, password: PASSWORD });
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.user.id).toBe(t.users.leader.id);
  });

  it('answers session with user, unit and region ids', async () => {
    const c = await t.as('unit');
    const res = await c.get('/api/auth/session');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: t.users.unit.id, roles: ['unit_liaison'], unitId: t.unitAId });
    expect(res.body.permissions).toContain('units.update');
    expect(res.body.permissions).not.toContain('users.list');
    // Neither the session nor an account answer carries a password or token hash (the contracts are allow-lists).
    const noHash = /password_?hash|token_?hash/i;
    expect(JSON.stringify(res.body)).not.toMatch(noHash);
    const sec = await t.as('security');
    const one = await sec.get(`/api/users/${t.users.unit.id}`);
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.body)).not.toMatch(noHash);
    const list = await sec.get(`/api/users?search=${t.users.unit.username}`);
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([t.users.unit.id]);
    expect(JSON.stringify(list.body)).not.toMatch(noHash);
  });

  it('rejects a wrong password with 401 invalid_credentials and unknown users the same way', async () => {
    const a = await anonymous();
    const wrong = await a.post('/api/auth/login', { username: t.users.inspector.username, password: 'Wrong@2026' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(wrong.body.error.message).toContain('用户名或密码错误');
    const unknown = await a.post('/api/auth/login', { username: `nobody_${t.tag}`, password: 'Wrong@2026' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('invalid_credentials');
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password, then lets it in', async () => {
    const { clock } = await getHarness();
    const a = await anonymous();
    const user = t.users.volunteer.username;
    for (let i = 0; i < 4; i++) expect((await a.post('/api/auth/login', { username: user, password: 'Wrong@2026' })).status).toBe(401);
    const fifth = await a.post('/api/auth/login', { username: user, password: 'Wrong@2026' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('account_locked');
    const right = await a.post('/api/auth/login', { username: user, password: PASSWORD });
    expect(right.status).toBe(423);
    expect(right.body.error.code).toBe('account_locked');
    clock.advanceMinutes(14);
    expect((await a.post('/api/auth/login', { username: user, password: PASSWORD })).status).toBe(423);
    clock.advanceMinutes(2);
    expect((await a.post('/api/auth/login', { username: user, password: PASSWORD })).status).toBe(200);
  });

  it('lets the security administrator unlock a locked account early', async () => {
    const a = await anonymous();
    const user = t.users.grid.username;
    for (let i = 0; i < 5; i++) await a.post('/api/auth/login', { username: user, password: 'Wrong@2026' });
    expect((await a.post('/api/auth/login', { username: user, password: PASSWORD })).body.error.code).toBe('account_locked');
    const sec = await t.as('security');
    const list = await sec.get(`/api/users?status=locked&search=${user}`);
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([t.users.grid.id]);
    expect((await sec.post(`/api/users/${t.users.grid.id}/unlock`)).status).toBe(204);
    expect((await a.post('/api/auth/login', { username: user, password: PASSWORD })).status).toBe(200);
  });

  it('refuses cookie mutations without the CSRF header (403 csrf) and changes nothing', async () => {
    const c = await t.as('office');
    const before = await c.get(`/api/units/${t.unitBId}`);
    const res = await c.request('PATCH', `/api/units/${t.unitBId}`, { headName: '赵六', version: before.body.version }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf');
    const wrong = await c.request(
      'PATCH',
      `/api/units/${t.unitBId}`,
      { headName: '赵六', version: before.body.version },
      { headers: { 'x-csrf-token': 'forged' }, csrf: false },
    );
    expect(wrong.status).toBe(403);
    expect((await c.get(`/api/units/${t.unitBId}`)).body.headName).toBe(before.body.headName);
    const ok = await c.patch(`/api/units/${t.unitBId}`, { headName: '赵六', version: before.body.version });
    expect(ok.status).toBe(200);
    expect(ok.body.headName).toBe('赵六');
  });

  it('issues personal API tokens that work as Bearer on every endpoint without CSRF, until revoked', async () => {
    const c = await t.as('office');
    const created = await c.post('/api/auth/tokens', { name: '台账同步脚本' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^cc_/);
    const { app } = await getHarness();
    const script = new Client(app);
    script.bearer = created.body.token;
    expect((await script.get('/api/auth/session')).body.user.id).toBe(t.users.office.id);
    expect((await script.get('/api/units')).status).toBe(200);
    const unit = await script.get(`/api/units/${t.unitAId}`);
    const patched = await script.patch(`/api/units/${t.unitAId}`, { headName: '钱七', version: unit.body.version });
    expect(patched.status).toBe(200);
    const listed = await c.get('/api/auth/tokens');
    expect(listed.body.items.some((x: { prefix: string }) => created.body.token.startsWith(x.prefix))).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    for (const item of listed.body.items) {
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix']);
    }
    expect((await c.delete(`/api/auth/tokens/${created.body.id}`)).status).toBe(204);
    const after = await script.get('/api/units');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('remembers a token for a second at most: a password change here ends it at once, a change made elsewhere within the second', async () => {
    // A tenant of its own: its grid worker's password changes.
    const own = await createTenant();
    const { app, database } = await getHarness();
    const tokenOf = async (key: string) => {
      const created = await (await own.as(key)).post('/api/auth/tokens', { name: '巡查数据同步' });
      expect(created.status).toBe(201);
      const script = new Client(app);
      script.bearer = created.body.token;
      return script;
    };
    const grid = await tokenOf('grid');
    expect((await grid.get('/api/auth/session')).status).toBe(200); // now remembered on this node
    const changed = await (await own.as('grid')).post('/api/auth/password', { oldPassword: PASSWORD, newPassword: 'Fresh#Rain42' });
    expect(changed.status).toBe(204);
    expect((await grid.get('/api/auth/session')).status).toBe(401);

    // Another node (or a script) disables the office account: this node sees it once the remembered lookup lapses.
    const office = await tokenOf('office');
    expect((await office.get('/api/auth/session')).status).toBe(200);
    await database.db.updateTable('users').set({ active: false }).where('id', '=', own.users.office.id).execute();
    await new Promise((r) => setTimeout(r, REMEMBER_MS + 50));
    expect((await office.get('/api/auth/session')).status).toBe(401);
  });

  it('ends a session idle for more than 30 minutes, and keeps an active one alive', async () => {
    const { clock } = await getHarness();
    const c = await t.as('leader');
    clock.advanceMinutes(20);
    expect((await c.get('/api/auth/session')).status).toBe(200);
    clock.advanceMinutes(20);
    expect((await c.get('/api/auth/session')).status).toBe(200);
    clock.advanceMinutes(31);
    const res = await c.get('/api/auth/session');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('session_expired');
  });

  it('forces a change of an initial password before anything else, checking the policy', async () => {
    const { database } = await getHarness();
    await database.db
      .updateTable('users')
      .set({ must_change_password: true, password_hash: await hashPassword('Init@2026a') })
      .where('id', '=', t.users.sitelead.id)
      .execute();
    const c = await new Client((await getHarness()).app).login(t.users.sitelead.username, 'Init@2026a');
    const blocked = await c.get('/api/units');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    expect((await c.get('/api/auth/session')).body.user.mustChangePassword).toBe(true);
    const weak = await c.post('/api/auth/password', { oldPassword: 'Init@2026a', newPassword: 'abcdefgh' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('password_policy');
    const wrongOld = await c.post('/api/auth/password', { oldPassword: 'nope', newPassword: 'Better#2026' });
    expect(wrongOld.status).toBe(401);
    expect((await c.post('/api/auth/password', { oldPassword: 'Init@2026a', newPassword: 'Better#2026' })).status).toBe(204);
    expect((await c.get('/api/units')).status).toBe(200);
    expect(
      (await (await anonymous()).post('/api/auth/login', { username: t.users.sitelead.username, password: 'Init@2026a' })).status,
    ).toBe(401);
  });

  it('logs out: the cookie stops working', async () => {
    const c = await t.as('taskforce');
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    c.cookie = cookie;
    expect((await c.get('/api/units')).status).toBe(401);
  });

  it('answers health with the engine and 401 for anonymous API calls', async () => {
    const a = await anonymous();
    const h = await a.get('/api/health');
    expect(h.body).toEqual({ status: 'ok', database: engineName });
    const res = await a.get('/api/units');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('returns 400 with a Chinese message for malformed input', async () => {
    const a = await anonymous();
    const res = await a.post('/api/auth/login', { username: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.message).toMatch(/输入有误/);
  });
});
