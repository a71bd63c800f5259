import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { passwordChecks } from '../src/auth/passwords';
import { startApp, TestApp } from './support/app';
import { makeTenant, makeUser, PASSWORD, unique } from './support/factories';
import { Http, HttpResult, requestFrom } from './support/http';

const LOGIN = '/api/v1/auth/login';

/** Redis keys of its own, so no earlier suite's sign-ins from 127.0.0.1 count against the limits here. */
const ownPrefix = () => `${inject('redisPrefix')}-${unique('lockout')}`;

describe('sign-in lockout (decided detail 32): counted before the password is checked', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    // The shipped limits: sign-in rate limit 100 a minute (above the lockout), pair lock 5, email lock 50.
    t = await startApp({ REDIS_PREFIX: ownPrefix(), RATE_LIMIT_SIGN_IN_PER_MINUTE: '' });
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  const from = (address: string, email: string, password: string) =>
    requestFrom(address, t.baseUrl, 'POST', LOGIN, { body: { email, password } });

  it('should check at most 5 passwords of 40 concurrent wrong guesses, refuse the right one after the lock with 423, and let another address sign in', async () => {
    expect(t.config).toMatchObject({
      signInRateLimit: 100,
      loginMaxFailures: 5,
      loginEmailMaxFailures: 50,
      trustProxy: false,
    });
    const user = await makeUser(t.db, await makeTenant(t.db), ['agent']);
    const before = passwordChecks();

    // 40 wrong guesses at once; the right password follows as soon as the first lock answer is back,
    // while the rest of the burst is still arriving.
    let right: Promise<HttpResult> | undefined;
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        http.post(LOGIN, { email: user.email, password: `wrong-guess-${i}` }).then((result) => {
          if (result.status === 423) right ??= http.post(LOGIN, { email: user.email, password: PASSWORD });
          return result;
        }),
      ),
    );
    const rightAnswer = await right!;

    expect(passwordChecks() - before).toBe(5);
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(36);
    expect(statuses.filter((s) => s === 429)).toHaveLength(0); // the lockout answers before the rate limit
    expect(rightAnswer.status).toBe(423);
    expect(rightAnswer.headers.get('set-cookie')).toBeNull();
    expect(rightAnswer.body).toMatchObject({ status_code: 423, error: 'Locked', code: 'ACCOUNT_LOCKED' });
    expect(rightAnswer.body.message).toMatch(
      /^Sign-in is temporarily locked after too many failed attempts: try again in 1[45] minutes$/,
    );

    // X-Forwarded-For names no other client unless TRUST_PROXY says so: still the locked pair.
    const spoofed = await http.post(
      LOGIN,
      { email: user.email, password: PASSWORD },
      { headers: { 'x-forwarded-for': '203.0.113.9' } },
    );
    expect(spoofed.status).toBe(423);
    expect(passwordChecks() - before).toBe(5);

    // The user, from another address, signs in: the lock is the pair's, not the email's.
    const elsewhere = await from('127.0.0.2', user.email, PASSWORD);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get('set-cookie')).toMatch(/^floor_session=/);
    expect(passwordChecks() - before).toBe(6);
  });

  it('should lock the email everywhere after 50 failures from every address together, counting no attempt an address was already locked out of', async () => {
    const user = await makeUser(t.db, await makeTenant(t.db), ['agent']);
    const before = passwordChecks();
    // One address hammers on past its lock: only its first 5 count against the email.
    for (let i = 0; i < 20; i++) await http.post(LOGIN, { email: user.email, password: `wrong-${i}` });
    // Eight more addresses, 5 failures each: 45 in all.
    for (let host = 2; host <= 9; host++) {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await from(`127.0.0.${host}`, user.email, `wrong-${host}-${i}`)).status);
      expect(statuses, `127.0.0.${host}`).toEqual([401, 401, 401, 401, 423]);
    }
    // Not locked yet: the right password from a fresh address signs in (and takes back only its own attempt).
    expect((await from('127.0.0.20', user.email, PASSWORD)).status).toBe(200);
    // The 50th failure locks the email.
    const last: number[] = [];
    for (let i = 0; i < 5; i++) last.push((await from('127.0.0.10', user.email, `wrong-10-${i}`)).status);
    expect(last).toEqual([401, 401, 401, 401, 423]);
    expect(passwordChecks() - before).toBe(51);

    // Now even the right password from an address that never failed is refused, unchecked.
    const locked = await from('127.0.0.11', user.email, PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.message).toMatch(/temporarily locked/);
    expect(passwordChecks() - before).toBe(51);
    // Another user is not affected.
    const other = await makeUser(t.db, await makeTenant(t.db), ['agent']);
    expect((await from('127.0.0.11', other.email, PASSWORD)).status).toBe(200);
  });

  it("should forgive the pair's failures before a success, so the user gets 5 more tries", async () => {
    const user = await makeUser(t.db, await makeTenant(t.db), ['agent']);
    for (let i = 0; i < 4; i++)
      expect((await http.post(LOGIN, { email: user.email, password: 'wrong-password' })).status).toBe(401);
    expect((await http.post(LOGIN, { email: user.email, password: PASSWORD })).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await http.post(LOGIN, { email: user.email, password: 'wrong-password' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
  });

  it('should treat an unknown email like a known one: the same answers and the same lock', async () => {
    const email = `${unique('nobody')}@example.test`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await http.post(LOGIN, { email, password: 'whatever-password' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
  });
});

describe('per-address rate limits (decided detail 32)', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp({
      REDIS_PREFIX: ownPrefix(),
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '3',
      RATE_LIMIT_INVITATIONS_PER_MINUTE: '2',
    });
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  it('should answer 429 past the configured sign-in limit of an address, whatever the email, and not for another address', async () => {
    const before = passwordChecks();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await http.post(LOGIN, { email: `${unique('someone')}@example.test`, password: 'a-wrong-password' })).status,
      );
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await http.post(LOGIN, {
      email: `${unique('someone')}@example.test`,
      password: 'a-wrong-password',
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status_code: 429, error: 'Too Many Requests', code: 'RATE_LIMITED' });
    expect(limited.body.message).toMatch(/^Too many requests from your address: try again in \d+ seconds?$/);
    expect(limited.body.correlation_id).toEqual(expect.any(String));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(passwordChecks() - before).toBe(3); // refused before the password is looked at
    // A forged X-Forwarded-For does not make a new client.
    expect(
      (
        await http.post(
          LOGIN,
          { email: 'x@example.test', password: 'a-wrong-password' },
          { headers: { 'x-forwarded-for': '198.51.100.7' } },
        )
      ).status,
    ).toBe(429);

    const user = await makeUser(t.db, await makeTenant(t.db), ['agent']);
    expect(
      (await requestFrom('127.0.0.3', t.baseUrl, 'POST', LOGIN, { body: { email: user.email, password: PASSWORD } }))
        .status,
    ).toBe(200);
  });

  it('should answer 429 past the configured invitation-acceptance limit of an address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (
          await http.post('/api/v1/invitations/accept', {
            token: `not-a-token-${'x'.repeat(40)}-${i}`,
            password: 'a-new-password-1',
          })
        ).status,
      );
    expect(statuses).toEqual([404, 404, 429]);
  });
});

describe('TRUST_PROXY', () => {
  let t: TestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startApp({ REDIS_PREFIX: ownPrefix(), TRUST_PROXY: '127.0.0.1' });
    http = new Http(t.baseUrl);
  });
  afterAll(() => t.close());

  it('should take the client address from X-Forwarded-For when the proxy in front is one TRUST_PROXY names', async () => {
    expect(t.config.trustProxy).toEqual(['127.0.0.1']);
    const user = await makeUser(t.db, await makeTenant(t.db), ['agent']);
    const via = (client: string, password: string) =>
      http.post(LOGIN, { email: user.email, password }, { headers: { 'x-forwarded-for': client } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await via('192.0.2.10', 'wrong-password')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await via('192.0.2.10', PASSWORD)).status).toBe(423);
    expect((await via('192.0.2.11', PASSWORD)).status).toBe(200);
  });
});
