import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invitation } from '../src/users/invitation.entity';
import { User } from '../src/users/user.entity';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD } from './support/factories';
import { Http } from './support/http';

describe('sign-in, sessions and invitations', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp();
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  it('should answer user, personas and permissions and set an httpOnly SameSite=Strict cookie when the password is right', async () => {
    const tenant = await makeTenant(t.db);
    const user = await makeUser(t.db, tenant, ['it']);
    const result = await http.post('/api/v1/auth/login', { email: user.email.toUpperCase(), password: PASSWORD });
    expect(result.status).toBe(200);
    expect(result.body.user).toMatchObject({ id: user.id, email: user.email, tenant_id: tenant.id, status: 'active' });
    expect(result.body.personas).toEqual(['it']);
    expect(result.body.permissions).toContain('api_keys.write');
    expect(result.body.tenant).toMatchObject({ slug: tenant.slug, pilot_mode: true, enforcement_mode: 'shadow' });
    const cookie = result.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^floor_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(JSON.stringify(result.body)).not.toMatch(/argon2|password_hash/);
    const stored = await t.db.getRepository(User).findOneByOrFail({ id: user.id });
    expect(stored.lastLoginAt).not.toBeNull();
  });

  it('should end the session on logout so the cookie no longer works', async () => {
    const user = await makeUser(t.db, await makeTenant(t.db), ['hr']);
    const cookie = await http.login(user.email, PASSWORD);
    expect((await http.get('/api/v1/auth/me', { cookie })).status).toBe(200);
    const logout = await http.post('/api/v1/auth/logout', undefined, { cookie });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await http.get('/api/v1/auth/me', { cookie })).status).toBe(401);
  });

  it("should answer the browser's session, or null before sign-in and after logout, always with 200", async () => {
    const user = await makeUser(t.db, await makeTenant(t.db), ['hr']);
    const before = await http.get('/api/v1/auth/session');
    expect(before.status, before.text).toBe(200);
    expect(before.body).toEqual({ session: null });
    expect(
      (await http.get('/api/v1/auth/session', { cookie: 'floor_session=not-a-session-token-at-all-0123456789abcdef' }))
        .body,
    ).toEqual({ session: null });
    const cookie = await http.login(user.email, PASSWORD);
    const signedIn = await http.get('/api/v1/auth/session', { cookie });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.session).toEqual((await http.get('/api/v1/auth/me', { cookie })).body);
    expect(signedIn.body.session.user).toMatchObject({ id: user.id, email: user.email });
    await http.post('/api/v1/auth/logout', undefined, { cookie });
    expect((await http.get('/api/v1/auth/session', { cookie })).body).toEqual({ session: null });
  });

  it('should answer 401 with the error shape when the password is wrong or the email unknown', async () => {
    const user = await makeUser(t.db, await makeTenant(t.db), ['hr']);
    const wrong = await http.post('/api/v1/auth/login', { email: user.email, password: 'not-the-password' });
    const unknown = await http.post('/api/v1/auth/login', {
      email: 'nobody@example.test',
      password: 'whatever-password',
    });
    for (const result of [wrong, unknown]) {
      expect(result.status).toBe(401);
      expect(result.body).toMatchObject({
        status_code: 401,
        error: 'Unauthorized',
        code: 'INVALID_CREDENTIALS',
        message: 'Email or password is wrong',
      });
      expect(result.body.correlation_id).toEqual(expect.any(String));
      expect(result.headers.get('set-cookie')).toBeNull();
    }
  });

  it('should lock the email after 5 failed sign-ins, even for the right password', async () => {
    const user = await makeUser(t.db, await makeTenant(t.db), ['agent']);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await http.post('/api/v1/auth/login', { email: user.email, password: `wrong-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const right = await http.post('/api/v1/auth/login', { email: user.email, password: PASSWORD });
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    expect(right.headers.get('set-cookie')).toBeNull();
  });

  it('should reset the failure count after a successful sign-in', async () => {
    const user = await makeUser(t.db, await makeTenant(t.db), ['agent']);
    for (let i = 0; i < 4; i++)
      await http.post('/api/v1/auth/login', { email: user.email, password: 'wrong-password' });
    await http.login(user.email, PASSWORD);
    for (let i = 0; i < 4; i++)
      expect((await http.post('/api/v1/auth/login', { email: user.email, password: 'wrong-password' })).status).toBe(
        401,
      );
  });

  it('should refuse a disabled or invited user with the same 401', async () => {
    const tenant = await makeTenant(t.db);
    const disabled = await makeUser(t.db, tenant, ['agent'], { status: 'disabled' });
    expect((await http.post('/api/v1/auth/login', { email: disabled.email, password: PASSWORD })).status).toBe(401);
  });

  it('should answer 400 with a message per field when the login body is malformed', async () => {
    const result = await http.post('/api/v1/auth/login', { email: 'not-an-email' });
    expect(result.status).toBe(400);
    expect(result.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(result.body.fields).sort()).toEqual(['email', 'password']);
    expect(result.body.fields.email).toEqual(['email must be an email']);
    // An unknown key is named on its own (decided detail 32).
    const extra = await http.post('/api/v1/auth/login', {
      email: 'someone@example.test',
      password: 'a-password',
      extra: 1,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('UNKNOWN_FIELD');
    expect(Object.keys(extra.body.fields)).toEqual(['extra']);
  });

  it('should let an invited user set a password through the one-time link, once', async () => {
    const tenant = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant, ['tenant_admin']);
    const cookie = await http.login(admin.email, PASSWORD);
    const created = await http.post(
      '/api/v1/users',
      { email: 'New.Agent@Example.test', name: 'New Agent', personas: ['agent'] },
      { cookie },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.agent@example.test', status: 'invited', personas: ['agent'] });
    const token = new URL(created.body.invitation_url.replace('/#/', '/')).searchParams.get('token')!;
    expect(token.length).toBeGreaterThan(40);

    expect(
      (await http.post('/api/v1/auth/login', { email: 'new.agent@example.test', password: 'a-new-password-1' })).status,
    ).toBe(401);
    const short = await http.post('/api/v1/invitations/accept', { token, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.fields.password[0]).toContain('longer than or equal to 12');

    const accepted = await http.post('/api/v1/invitations/accept', { token, password: 'a-new-password-1' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ email: 'new.agent@example.test' });
    expect(
      (await http.post('/api/v1/auth/login', { email: 'new.agent@example.test', password: 'a-new-password-1' })).status,
    ).toBe(200);

    const again = await http.post('/api/v1/invitations/accept', { token, password: 'another-password-2' });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('INVITATION_NOT_FOUND');
  });

  it('should refuse an expired invitation with 410 and leave the user invited', async () => {
    const tenant = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant, ['tenant_admin']);
    const cookie = await http.login(admin.email, PASSWORD);
    const created = await http.post('/api/v1/users', { email: 'late@example.test', personas: ['hr'] }, { cookie });
    const token = new URL(created.body.invitation_url.replace('/#/', '/')).searchParams.get('token')!;
    await t.db
      .getRepository(Invitation)
      .update({ userId: created.body.id }, { expiresAt: new Date(Date.now() - 1000) });

    const result = await http.post('/api/v1/invitations/accept', { token, password: 'a-new-password-1' });
    expect(result.status).toBe(410);
    expect(result.body.code).toBe('INVITATION_EXPIRED');
    const user = await t.db.getRepository(User).findOneByOrFail({ id: created.body.id });
    expect(user.status).toBe('invited');
    const invitation = await t.db.getRepository(Invitation).findOneByOrFail({ userId: created.body.id });
    expect(invitation.status).toBe('expired');
  });

  it('should make an earlier link invalid when a new invitation is issued', async () => {
    const tenant = await makeTenant(t.db);
    const admin = await makeUser(t.db, tenant, ['tenant_admin']);
    const cookie = await http.login(admin.email, PASSWORD);
    const created = await http.post('/api/v1/users', { email: 'twice@example.test', personas: ['agent'] }, { cookie });
    const first = new URL(created.body.invitation_url.replace('/#/', '/')).searchParams.get('token')!;
    const reissued = await http.post(`/api/v1/users/${created.body.id}/invitation`, undefined, { cookie });
    expect(reissued.status).toBe(201);
    expect((await http.post('/api/v1/invitations/accept', { token: first, password: 'a-new-password-1' })).status).toBe(
      404,
    );
    const second = new URL(reissued.body.invitation_url.replace('/#/', '/')).searchParams.get('token')!;
    expect(
      (await http.post('/api/v1/invitations/accept', { token: second, password: 'a-new-password-1' })).status,
    ).toBe(200);
  });

  it('should refuse a state-changing panel request from another origin', async () => {
    const admin = await makeUser(t.db, await makeTenant(t.db), ['tenant_admin']);
    const cookie = await http.login(admin.email, PASSWORD);
    const result = await http.post(
      '/api/v1/users',
      { email: 'csrf@example.test', personas: ['agent'] },
      { cookie, headers: { origin: 'https://evil.example' } },
    );
    expect(result.status).toBe(403);
    expect(result.body.code).toBe('BAD_ORIGIN');
    const same = await http.post(
      '/api/v1/users',
      { email: 'csrf@example.test', personas: ['agent'] },
      { cookie, headers: { origin: t.baseUrl } },
    );
    expect(same.status).toBe(201);
  });

  it('should let a platform operator switch into a tenant and back, and refuse it to tenant users', async () => {
    const tenant = await makeTenant(t.db, { pilotMode: true });
    const operator = await makeUser(t.db, null, ['platform_operator']);
    const cookie = await http.login(operator.email, PASSWORD);
    expect((await http.get('/api/v1/auth/me', { cookie })).body.tenant).toBeNull();
    expect((await http.get('/api/v1/users', { cookie })).body.code).toBe('TENANT_NOT_SELECTED');

    const switched = await http.post('/api/v1/auth/switch-tenant', { tenant_id: tenant.slug }, { cookie });
    expect(switched.status).toBe(200);
    expect(switched.body.tenant).toMatchObject({ id: tenant.id, pilot_mode: true });
    expect((await http.get('/api/v1/users', { cookie })).status).toBe(200);

    const back = await http.post('/api/v1/auth/switch-tenant', { tenant_id: null }, { cookie });
    expect(back.body.tenant).toBeNull();
    expect((await http.post('/api/v1/auth/switch-tenant', { tenant_id: 'no-such-tenant' }, { cookie })).status).toBe(
      404,
    );

    const tenantUser = await makeUser(t.db, await makeTenant(t.db), ['tenant_admin']);
    const userCookie = await http.login(tenantUser.email, PASSWORD);
    expect(
      (await http.post('/api/v1/auth/switch-tenant', { tenant_id: tenant.slug }, { cookie: userCookie })).status,
    ).toBe(403);
  });
});
