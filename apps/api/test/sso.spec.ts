import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenant } from '../src/tenants/tenant.entity';
import { User } from '../src/users/user.entity';
import { freePort, startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD, unique } from './support/factories';
import { Http } from './support/http';
import { CookieWalker, TestIdp } from './support/oidc-provider';

const CLIENT = { client_id: 'floor-os-back-office', client_secret: 'idp-client-secret-0123456789' };

/** A cookie's value from a response's Set-Cookie lines. */
function setCookie(response: { headers: Headers }, name: string): string | undefined {
  const line = response.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  return line;
}

/**
 * Single sign-on (SPEC R7, decided detail 33) against a real OpenID provider (`oidc-provider`) on a loopback
 * port — the API runs with SSO_ALLOW_HTTP=true for that, and a second API without it shows the https and
 * public-address rules.
 */
describe('single sign-on with OpenID Connect', () => {
  let t: TestApp;
  let http: Http;
  let idp: TestIdp;
  let foreignIdp: TestIdp;
  let tenant: Tenant;
  let other: Tenant;
  let domain: string;
  let admin: User;
  let spareAdmin: User;
  let it_: User;
  let agent: User;
  let adminCookie: string;
  let itCookie: string;

  beforeAll(async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    t = await startApp({ PORT: String(port), PUBLIC_BASE_URL: baseUrl, SSO_ALLOW_HTTP: 'true' });
    http = new Http(t.baseUrl);
    const redirect_uri = `${baseUrl}/api/v1/auth/sso/callback`;
    idp = await new TestIdp({ ...CLIENT, redirect_uri }).start();
    foreignIdp = await new TestIdp({ ...CLIENT, redirect_uri }).start();
    domain = `${unique('acme')}.test`;
    tenant = await makeTenant(t.db);
    other = await makeTenant(t.db);
    admin = await makeUser(t.db, tenant, ['tenant_admin'], { email: `admin@${domain}`, name: 'Ada Admin' });
    spareAdmin = await makeUser(t.db, tenant, ['tenant_admin'], { email: `spare@${domain}` });
    it_ = await makeUser(t.db, tenant, ['it'], { email: `it@${domain}` });
    agent = await makeUser(t.db, tenant, ['agent'], { email: `agent@${domain}`, name: 'Alex Agent' });
    for (const user of [admin, spareAdmin, it_, agent]) idp.account(user.email);
    adminCookie = await http.login(admin.email, PASSWORD);
    itCookie = await http.login(it_.email, PASSWORD);
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
    await foreignIdp.close();
  });

  const settings = () => ({
    issuer: idp.issuer,
    client_id: CLIENT.client_id,
    client_secret: CLIENT.client_secret,
    email_domains: [domain.toUpperCase()],
    required: false,
  });

  /** Starts a sign-in for an email and returns the provider's address and the browser's binding cookie. */
  async function start(email: string) {
    const started = await http.post('/api/v1/auth/sso/start', { email });
    expect(started.status).toBe(200);
    const binding = setCookie(started, 'floor_sso');
    return {
      redirect: started.body.redirect_url as string,
      binding: binding?.split(';')[0] ?? '',
      bindingLine: binding ?? '',
    };
  }

  /** The callback as the browser makes it; answers where it was sent and the session cookie, if any. */
  async function callback(url: string, cookie: string) {
    const answer = await http.get(new URL(url).pathname + new URL(url).search, { cookie });
    expect(answer.status).toBe(303);
    const location = answer.headers.get('location') ?? '';
    const session = setCookie(answer, 'floor_session');
    return { location, session: session && !session.startsWith('floor_session=;') ? session.split(';')[0] : null };
  }

  async function signInThrough(provider: TestIdp, email: string) {
    const { redirect, binding } = await start(email);
    const back = await new CookieWalker().followUntil(redirect, new URL(t.baseUrl).origin);
    return { ...(await callback(back, binding)), back, binding, provider };
  }

  it('should keep the settings to the Tenant Admin and IT, validate them, keep the secret write-only and the tenants apart', async () => {
    const hr = await makeUser(t.db, tenant, ['hr']);
    const hrCookie = await http.login(hr.email, PASSWORD);
    expect((await http.get('/api/v1/sso', { cookie: hrCookie })).status).toBe(403);
    expect((await http.put('/api/v1/sso', settings(), { cookie: hrCookie })).status).toBe(403);

    const empty = await http.get('/api/v1/sso', { cookie: itCookie });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      configured: false,
      issuer: null,
      has_client_secret: false,
      email_domains: [],
      redirect_uri: `${t.baseUrl}/api/v1/auth/sso/callback`,
    });
    // IT chooses the break-glass admin among the active Tenant Admins without reading the users list.
    expect(empty.body.break_glass_candidates.map((c: { id: string }) => c.id).sort()).toEqual(
      [admin.id, spareAdmin.id].sort(),
    );
    expect(empty.body.break_glass_candidates.find((c: { id: string }) => c.id === admin.id)).toEqual({
      id: admin.id,
      name: 'Ada Admin',
      email: admin.email,
    });

    // The secret is required the first time; bad fields are named.
    const noSecret = await http.put('/api/v1/sso', { ...settings(), client_secret: undefined }, { cookie: itCookie });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.fields.client_secret).toBeDefined();
    const bad = await http.put(
      '/api/v1/sso',
      { issuer: 'ftp://idp', client_id: '', client_secret: 'x', email_domains: ['not a domain', 42], required: 'yes' },
      { cookie: itCookie },
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['client_id', 'email_domains', 'issuer', 'required']);
    expect(
      (await http.put('/api/v1/sso', { ...settings(), constructor: 1 }, { cookie: itCookie })).body.fields.constructor,
    ).toBeDefined();
    // An issuer that does not answer its discovery document is refused before anything is kept.
    const silent = await http.put(
      '/api/v1/sso',
      { ...settings(), issuer: `http://127.0.0.1:${await freePort()}` },
      { cookie: itCookie },
    );
    expect(silent.status).toBe(400);
    expect(silent.body.fields.issuer[0]).toMatch(/did not answer its discovery document/);
    // Requiring single sign-on needs a break-glass Tenant Admin (an active one of this tenant).
    expect(
      (await http.put('/api/v1/sso', { ...settings(), required: true }, { cookie: itCookie })).body.fields
        .break_glass_user_id,
    ).toBeDefined();
    expect(
      (
        await http.put(
          '/api/v1/sso',
          { ...settings(), required: true, break_glass_user_id: agent.id },
          { cookie: itCookie },
        )
      ).body.fields.break_glass_user_id,
    ).toBeDefined();

    const saved = await http.put('/api/v1/sso', settings(), { cookie: itCookie });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      configured: true,
      issuer: idp.issuer,
      client_id: CLIENT.client_id,
      has_client_secret: true,
      email_domains: [domain],
      required: false,
    });
    expect(saved.text).not.toContain(CLIENT.client_secret);
    // Leaving the secret out keeps the stored one.
    const kept = await http.put('/api/v1/sso', { ...settings(), client_secret: undefined }, { cookie: adminCookie });
    expect(kept.status).toBe(200);
    expect(kept.body.has_client_secret).toBe(true);
    const stored = await t.db.query(`SELECT sealed_client_secret FROM sso_config WHERE tenant_id = $1`, [tenant.id]);
    expect(stored[0].sealed_client_secret).not.toContain(CLIENT.client_secret);
    const audit = await t.db.query(
      `SELECT action, before, after FROM admin_audit_log WHERE entity_type = 'sso_config' AND tenant_id = $1 ORDER BY id`,
      [tenant.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'update']);
    expect(JSON.stringify(audit)).not.toContain(CLIENT.client_secret);
    expect(audit[0].after).toMatchObject({ issuer: idp.issuer, client_credential_changed: true });

    // Another tenant sees none of it, and cannot claim the domain.
    const otherAdmin = await makeUser(t.db, other, ['tenant_admin']);
    const otherCookie = await http.login(otherAdmin.email, PASSWORD);
    expect((await http.get('/api/v1/sso', { cookie: otherCookie })).body.configured).toBe(false);
    const claim = await http.put('/api/v1/sso', { ...settings(), email_domains: [domain] }, { cookie: otherCookie });
    expect(claim.status).toBe(409);
    expect(claim.body.code).toBe('SSO_DOMAIN_TAKEN');
    expect((await http.delete('/api/v1/sso', { cookie: otherCookie })).status).toBe(404);
    expect((await http.get('/api/v1/sso', { cookie: adminCookie })).body.configured).toBe(true);
  });

  it('should refuse http and private-address issuers unless SSO_ALLOW_HTTP is set', async () => {
    const strict = await startApp();
    try {
      const strictHttp = new Http(strict.baseUrl);
      const cookie = await strictHttp.login(admin.email, PASSWORD);
      const plain = await strictHttp.put('/api/v1/sso', settings(), { cookie });
      expect(plain.status).toBe(400);
      expect(plain.body.fields.issuer).toEqual(['The issuer must be an https URL']);
      for (const issuer of ['https://127.0.0.1:9', 'https://10.1.2.3', 'https://[::1]:9', 'https://localhost:9']) {
        const inward = await strictHttp.put('/api/v1/sso', { ...settings(), issuer }, { cookie });
        expect(inward.status, issuer).toBe(400);
        expect(inward.body.fields.issuer[0], issuer).toMatch(/does not resolve to public addresses only/);
      }
    } finally {
      await strict.close();
    }
  });

  it('should sign an existing user in through the provider, with the session cookie of a password sign-in', async () => {
    const { redirect, binding, bindingLine } = await start(`Agent@${domain.toUpperCase()}`);
    expect(new URL(redirect).origin).toBe(idp.issuer);
    const asked = new URL(redirect).searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('state')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();
    expect(bindingLine).toMatch(/SameSite=Lax/);
    expect(bindingLine).toMatch(/HttpOnly/);

    const back = await new CookieWalker().followUntil(redirect, new URL(t.baseUrl).origin);
    const signedIn = await callback(back, binding);
    expect(signedIn.location).toBe(`${t.baseUrl}/#/`);
    expect(signedIn.session).toBeTruthy();
    const me = await http.get('/api/v1/auth/me', { cookie: signedIn.session! });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(agent.email);
    const events = await t.db.query(`SELECT method FROM sign_in_event WHERE user_id = $1`, [agent.id]);
    expect(events.map((e: { method: string }) => e.method)).toContain('sso');
    const view = await http.get('/api/v1/sso', { cookie: adminCookie });
    expect(view.body.last_sign_in_user).toEqual({ id: agent.id, name: 'Alex Agent' });
    expect(view.body.last_sign_in_at).toBeTruthy();

    // The same callback again (a replayed code) finds its state used.
    expect(await callback(back, binding)).toMatchObject({
      location: `${t.baseUrl}/#/login?sso_error=expired`,
      session: null,
    });
    // The same code with a fresh state of this browser: the provider refuses a code twice (and PKCE differs).
    const fresh = await start(agent.email);
    const replay = new URL(back);
    replay.searchParams.set('state', new URL(fresh.redirect).searchParams.get('state')!);
    expect(await callback(replay.href, fresh.binding)).toMatchObject({
      location: `${t.baseUrl}/#/login?sso_error=idp_unverified`,
      session: null,
    });
  });

  it('should answer null for a domain without single sign-on, revealing nothing about users', async () => {
    const none = await http.post('/api/v1/auth/sso/start', { email: admin.email.replace(domain, 'elsewhere.test') });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ redirect_url: null });
    expect(setCookie(none, 'floor_sso')).toBeUndefined();
    // A user who does not exist, on a domain with single sign-on: the same answer as one who does.
    const ghost = await http.post('/api/v1/auth/sso/start', { email: `ghost@${domain}` });
    expect(new URL(ghost.body.redirect_url).origin).toBe(idp.issuer);
    expect((await http.post('/api/v1/auth/sso/start', { email: 'no-at-sign' })).body.fields.email).toBeDefined();
    expect(
      (await http.post('/api/v1/auth/sso/start', { email: 'a@b.test', extra: 1 })).body.fields.extra,
    ).toBeDefined();
  });

  it('should refuse a wrong state, another browser, a foreign issuer, an unknown or unverified email and an offboarding user, each with its reason', async () => {
    const origin = new URL(t.baseUrl).origin;
    const refused = (reason: string) => ({ location: `${t.baseUrl}/#/login?sso_error=${reason}`, session: null });

    // A state this browser never started.
    const started = await start(agent.email);
    const back = new URL(await new CookieWalker().followUntil(started.redirect, origin));
    back.searchParams.set('state', 'forged-state-value');
    expect(await callback(back.href, started.binding)).toMatchObject(refused('expired'));

    // The callback of a sign-in started in another browser (its binding cookie is not this one's).
    const elsewhere = await start(agent.email);
    const elsewhereBack = await new CookieWalker().followUntil(elsewhere.redirect, origin);
    expect(await callback(elsewhereBack, 'floor_sso=someone-elses')).toMatchObject(refused('browser'));

    // A foreign issuer: the sign-in started for this tenant's provider is answered by another one.
    foreignIdp.account(agent.email);
    const mixed = await start(agent.email);
    const foreignUrl = new URL(mixed.redirect);
    const swapped = new URL(foreignUrl.pathname + foreignUrl.search, foreignIdp.issuer);
    const foreignBack = await new CookieWalker().followUntil(swapped.href, origin);
    expect(new URL(foreignBack).searchParams.get('code')).toBeTruthy();
    expect(await callback(foreignBack, mixed.binding)).toMatchObject(refused('idp_unverified'));

    // The provider signs in someone with no user in the tenant.
    idp.account(`stranger@${domain}`);
    idp.nextLogin = `stranger@${domain}`;
    try {
      expect(await signInThrough(idp, agent.email)).toMatchObject(refused('no_account'));
      // An email of a domain the tenant does not route to this provider.
      idp.account(`agent@${domain}.evil.test`);
      idp.nextLogin = `agent@${domain}.evil.test`;
      expect(await signInThrough(idp, agent.email)).toMatchObject(refused('no_account'));
      // An email the provider does not vouch for.
      const unverified = await makeUser(t.db, tenant, ['agent'], { email: `unverified@${domain}` });
      idp.account(unverified.email, false);
      idp.nextLogin = unverified.email;
      expect(await signInThrough(idp, unverified.email)).toMatchObject(refused('email_unverified'));
    } finally {
      idp.nextLogin = null;
    }

    // An offboarding user: access is gone, through the provider too.
    const leaver = await makeUser(t.db, tenant, ['agent'], { email: `leaver@${domain}` });
    idp.account(leaver.email);
    const hr = await makeUser(t.db, tenant, ['hr']);
    const hrCookie = await http.login(hr.email, PASSWORD);
    expect(
      (await http.post('/api/v1/offboarding', { user_id: leaver.id, reason: 'Left the agency' }, { cookie: hrCookie }))
        .status,
    ).toBe(201);
    expect(await signInThrough(idp, leaver.email)).toMatchObject(refused('access_removed'));
    // The provider refusing (the user cancelled at the provider).
    const cancelled = await start(agent.email);
    const state = new URL(cancelled.redirect).searchParams.get('state')!;
    expect(
      await callback(`${t.baseUrl}/api/v1/auth/sso/callback?error=access_denied&state=${state}`, cancelled.binding),
    ).toMatchObject(refused('idp_refused'));
  });

  it('should activate an invited user at their first single sign-on, and never create one', async () => {
    const invited = await makeUser(t.db, tenant, ['agent'], {
      email: `invited@${domain}`,
      status: 'invited',
      passwordHash: null,
    });
    idp.account(invited.email);
    const result = await signInThrough(idp, invited.email);
    expect(result.session).toBeTruthy();
    expect((await t.db.getRepository(User).findOneByOrFail({ id: invited.id })).status).toBe('active');
    expect(await t.db.getRepository(User).countBy({ email: `stranger@${domain}` })).toBe(0);
  });

  it('should refuse password sign-in when the tenant requires single sign-on, except for the break-glass Tenant Admin', async () => {
    const required = await http.put(
      '/api/v1/sso',
      { ...settings(), client_secret: undefined, required: true, break_glass_user_id: spareAdmin.id },
      { cookie: adminCookie },
    );
    expect(required.status).toBe(200);
    expect(required.body.break_glass_user).toMatchObject({ id: spareAdmin.id, email: spareAdmin.email });
    try {
      const refused = await http.post('/api/v1/auth/login', { email: agent.email, password: PASSWORD });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('SSO_REQUIRED');
      expect(refused.body.message).toMatch(/choose Continue/);
      expect(setCookie(refused, 'floor_session')).toBeUndefined();
      // A user whose email is on no sign-on domain cannot use single sign-on either: the message says whom to ask.
      const outsider = await makeUser(t.db, tenant, ['agent']);
      const outside = await http.post('/api/v1/auth/login', { email: outsider.email, password: PASSWORD });
      expect(outside.status).toBe(403);
      expect(outside.body.message).toMatch(/not on one of its sign-on domains: ask your organisation's Tenant Admin/);
      // A wrong password still reads as a wrong password (nothing more is told).
      expect((await http.post('/api/v1/auth/login', { email: agent.email, password: 'wrong-password' })).status).toBe(
        401,
      );
      expect((await http.post('/api/v1/auth/login', { email: spareAdmin.email, password: PASSWORD })).status).toBe(200);
      // Single sign-on still works for everyone.
      expect((await signInThrough(idp, admin.email)).session).toBeTruthy();
    } finally {
      await http.put(
        '/api/v1/sso',
        { ...settings(), client_secret: undefined, required: false },
        { cookie: adminCookie },
      );
    }
    expect((await http.post('/api/v1/auth/login', { email: agent.email, password: PASSWORD })).status).toBe(200);
  });

  it("should show single sign-on on the pilot checklist's step 1.6, and remove the settings when asked", async () => {
    const operator = await makeUser(t.db, null, ['platform_operator']);
    const operatorCookie = await http.login(operator.email, PASSWORD);
    const fresh = await makeTenant(t.db);
    expect(
      (await http.post(`/sys/onboarding/${fresh.slug}`, { template: 'pilot' }, { cookie: operatorCookie })).status,
    ).toBe(201);
    const deferred = await http.get(`/sys/onboarding/${fresh.slug}`, { cookie: operatorCookie });
    const stepOf = (body: { steps: { key: string; evidence_check: Record<string, unknown> }[] }) =>
      body.steps.find((s) => s.key === '1.6')!.evidence_check;
    expect(stepOf(deferred.body)).toMatchObject({
      kind: 'sso_sign_in',
      seen: false,
      detail: 'Deferred: password sign-in for the pilot',
    });

    expect(
      (await http.post(`/sys/onboarding/${tenant.slug}`, { template: 'pilot' }, { cookie: operatorCookie })).status,
    ).toBe(201);
    const configured = await http.get(`/sys/onboarding/${tenant.slug}`, { cookie: operatorCookie });
    expect(stepOf(configured.body)).toMatchObject({
      kind: 'sso_sign_in',
      seen: true,
      detail: expect.stringMatching(
        new RegExp(`^Configured with ${new URL(idp.issuer).host}; last single sign-on by `),
      ),
    });

    expect((await http.delete('/api/v1/sso', { cookie: itCookie })).status).toBe(204);
    expect((await http.get('/api/v1/sso', { cookie: itCookie })).body.configured).toBe(false);
    expect((await http.post('/api/v1/auth/sso/start', { email: agent.email })).body).toEqual({ redirect_url: null });
    const audit = await t.db.query(
      `SELECT action FROM admin_audit_log WHERE entity_type = 'sso_config' AND tenant_id = $1 ORDER BY id DESC LIMIT 1`,
      [tenant.id],
    );
    expect(audit[0].action).toBe('delete');
  });
});
