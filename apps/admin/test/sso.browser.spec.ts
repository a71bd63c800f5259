import { SSO_SIGN_IN_ERRORS } from '@floor-os/contracts';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continueToPassword, launchChromium, ROOT, signIn as signInAs, step as runStep } from './support/browser';
import { freePort, startApp, TestApp } from '../../api/test/support/app';
import { makeTenant, makeUser, PASSWORD, unique } from '../../api/test/support/factories';
import { Http } from '../../api/test/support/http';
import { TestIdp } from '../../api/test/support/oidc-provider';
import type { User } from '../../api/src/users/user.entity';

/** The application registered at the identity provider for Floor OS. */
const CLIENT = { client_id: 'floor-os-panel', client_secret: 'panel-client-secret-0123456789' };

/**
 * Single sign-on in the panel (SPEC R7, decided detail 33): the Tenant Admin sets it up on Admin → Single
 * sign-on, then people sign in from the sign-in page through a real OpenID provider (`oidc-provider` on a
 * loopback port, which signs in the account it is asked for). The API runs on a known port, so its
 * public address — and the callback registered at the provider — is its real one, and with
 * SSO_ALLOW_HTTP=true so a loopback http issuer is accepted. Built bundle, real API, Debian's Chromium.
 */
describe('single sign-on in Chromium', () => {
  let t: TestApp;
  let http: Http;
  let idp: TestIdp;
  let context: BrowserContext;
  let baseUrl: string;
  let domain: string;
  let admin: User;
  let agent: User;
  let manager: User;
  let it_: User;
  let outsider: User;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    t = await startApp({
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      SSO_ALLOW_HTTP: 'true',
      ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist'),
    });
    http = new Http(t.baseUrl);
    idp = await new TestIdp({ ...CLIENT, redirect_uri: `${baseUrl}/api/v1/auth/sso/callback` }).start();
    domain = `${unique('sso')}.test`;
    const tenant = await makeTenant(t.db, { legalName: 'Single Sign-On Collections LLC' });
    admin = await makeUser(t.db, tenant, ['tenant_admin'], { email: `admin@${domain}`, name: 'Ada Admin' });
    agent = await makeUser(t.db, tenant, ['agent'], { email: `agent@${domain}`, name: 'Alex Agent' });
    it_ = await makeUser(t.db, tenant, ['it'], { email: `it@${domain}`, name: 'Ivy IT' });
    // A user of the same tenant whose email is on a domain that does not sign in with single sign-on.
    manager = await makeUser(t.db, tenant, ['manager'], {
      email: `manager@${unique('plain')}.test`,
      name: 'Morgan Manager',
    });
    // Someone of another organisation, which has no single sign-on at all.
    outsider = await makeUser(t.db, await makeTenant(t.db), ['agent'], { email: `agent@${unique('other')}.test` });
    for (const email of [admin.email, agent.email, it_.email, `stranger@${domain}`]) idp.account(email);
    context = await launchChromium();
  });
  afterAll(async () => {
    await context?.close();
    await t?.close();
    await idp?.close();
  });

  const step = (name: string, body: (page: Page) => Promise<void>) => runStep(context, name, body);
  const textOf = async (page: Page, testId: string) =>
    (await page.locator(`[data-testid="${testId}"]`).textContent()) ?? '';

  async function settings(): Promise<Record<string, unknown>> {
    const cookie = await http.login(admin.email, PASSWORD);
    const view = await http.get('/api/v1/sso', { cookie });
    expect(view.status, view.text).toBe(200);
    return view.body;
  }

  /** The Tenant Admin signs in (with the password, or through the provider once it is set up) and opens the page. */
  async function openSsoPage(page: Page, through: 'password' | 'single sign-on'): Promise<void> {
    if (through === 'password') {
      await signInAs(page, baseUrl, admin.email, PASSWORD);
    } else {
      await continueWith(page, admin.email);
      await page.locator('[data-testid="dashboard"]').waitFor({ timeout: 20_000 });
    }
    await page.locator('[data-sidebar-item="sso"]').click();
    await page.waitForURL(/#\/sso$/);
    await page.locator('[data-testid="sso-state"]').waitFor();
  }

  /** Types the email on the sign-in page and continues: with single sign-on, the browser goes to the provider. */
  async function continueWith(page: Page, email: string): Promise<void> {
    await page.goto(`${baseUrl}/#/login`);
    await page.locator('input[name="email"]').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  /** What the signed-in browser's session says about who it is. */
  async function signedInEmail(page: Page): Promise<string> {
    return page.evaluate(async () => {
      const response = await fetch('/api/v1/auth/me');
      return ((await response.json()) as { user: { email: string } }).user.email;
    });
  }

  it('should let the Tenant Admin set single sign-on up, with the provider checked and field errors on their fields', async () => {
    await step('sso-settings', async (page) => {
      await openSsoPage(page, 'password');
      expect(await textOf(page, 'sso-state')).toContain('Not set up');
      expect(await textOf(page, 'sso-callback-url')).toBe(`${baseUrl}/api/v1/auth/sso/callback`);

      // Nothing filled in: each field says what it needs, before anything is sent.
      await page.locator('[data-testid="sso-save"]').click();
      await page.getByText('Enter the issuer URL your identity provider gives').waitFor();
      await page.getByText('Enter the client secret your identity provider gave').waitFor();
      await page.getByText('Add at least one email domain').waitFor();

      // An issuer that answers nothing: the API's message lands on the issuer field.
      await page.locator('[data-testid="sso-issuer"]').fill(`http://127.0.0.1:${await freePort()}`);
      await page.locator('[data-testid="sso-client-id"]').fill(CLIENT.client_id);
      await page.locator('[data-testid="sso-client-secret"]').fill(CLIENT.client_secret);
      await page.locator('[data-testid="sso-domains-input"]').fill(domain);
      await page.locator('[data-testid="sso-domains-input"]').press('Enter');
      await page.locator('[data-testid="sso-save"]').click();
      await page.getByText(/The identity provider did not answer its discovery document/).waitFor();
      expect((await settings()).configured).toBe(false);

      await page.locator('[data-testid="sso-issuer"]').fill(idp.issuer);
      await page.locator('[data-testid="sso-save"]').click();
      await page.getByText('Single sign-on settings saved').waitFor();
      await expect.poll(() => textOf(page, 'sso-state')).toContain(`Through ${new URL(idp.issuer).host}`);
      expect(await textOf(page, 'sso-domains')).toContain(domain);
      expect(await textOf(page, 'sso-required')).toContain('single sign-on is optional');
      // The secret is write-only: the field is empty again and says one is stored.
      expect(await page.locator('[data-testid="sso-client-secret"]').inputValue()).toBe('');
      await page.getByText('A secret is stored. Leave this empty to keep it').waitFor();
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).not.toMatch(/client_secret|email_domains|break_glass|has_client_secret/);
      expect(main).not.toContain(CLIENT.client_secret);
    });
    expect(await settings()).toMatchObject({
      configured: true,
      issuer: idp.issuer,
      client_id: CLIENT.client_id,
      has_client_secret: true,
      email_domains: [domain],
      required: false,
    });
  });

  it('should sign an existing user in through the identity provider from the sign-in page', async () => {
    await step('sso-sign-in', async (page) => {
      await continueWith(page, agent.email);
      await page.locator('[data-testid="dashboard"]').waitFor({ timeout: 20_000 });
      expect(page.url()).toBe(`${baseUrl}/#/`);
      expect(await signedInEmail(page)).toBe(agent.email);
    });
    expect(await settings()).toMatchObject({ last_sign_in_user: { name: 'Alex Agent' } });
  });

  it('should show IT the settings and the callback address, and let IT choose the break-glass Tenant Admin by name', async () => {
    await step('sso-it', async (page) => {
      await continueWith(page, it_.email);
      await page.locator('[data-testid="dashboard"]').waitFor({ timeout: 20_000 });
      await page.locator('[data-sidebar-item="sso"]').click();
      await expect.poll(() => textOf(page, 'sso-state')).toContain('Set up');
      expect(await page.locator('[data-testid="sso-issuer"]').inputValue()).toBe(idp.issuer);
      expect(await textOf(page, 'sso-callback-url')).toBe(`${t.baseUrl}/api/v1/auth/sso/callback`);
      await page.locator('[data-testid="sso-required-switch"]').check();
      // IT holds no users permission: the candidates come with the settings, by name.
      await page.getByRole('combobox', { name: 'Break-glass Tenant Admin' }).click();
      expect(await page.getByRole('option').allTextContents()).toEqual([`Ada Admin${admin.email}`]);
      await page.keyboard.press('Escape');
    });
  });

  it("should bring someone the provider knows but Floor OS does not back to the sign-in page with the 'no account' sentence", async () => {
    idp.nextLogin = `stranger@${domain}`;
    try {
      await step('sso-no-account', async (page) => {
        await continueWith(page, agent.email);
        await page.waitForURL(/#\/login\?sso_error=no_account$/, { timeout: 20_000 });
        const problem = page.locator('[data-testid="sign-in-problem"]');
        await problem.waitFor();
        expect(await problem.textContent()).toBe(SSO_SIGN_IN_ERRORS.no_account);
        expect(await page.locator('body').textContent()).not.toContain('no_account');
        // The page is ready to start again.
        await page.locator('input[name="email"]').waitFor();
      });
    } finally {
      idp.nextLogin = null;
    }
  });

  it('should ask for the password when the email domain has no single sign-on', async () => {
    await step('sso-password-step', async (page) => {
      await continueToPassword(page, baseUrl, outsider.email);
      expect(await textOf(page, 'sign-in-email')).toBe(outsider.email);
      // The email can be changed: back to the first step, still filled in.
      await page.getByRole('button', { name: 'Change' }).click();
      expect(await page.locator('input[name="email"]').inputValue()).toBe(outsider.email);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('input[name="password"]').waitFor();
      expect(await textOf(page, 'sign-in-email')).toBe(outsider.email);
    });
    await step('sso-password-sign-in', async (page) => {
      await signInAs(page, baseUrl, outsider.email, PASSWORD);
      expect(await signedInEmail(page)).toBe(outsider.email);
    });
  });

  it('should require single sign-on with a break-glass Tenant Admin picked by name, refuse passwords with the reason, and remove it after confirming', async () => {
    await step('sso-required', async (page) => {
      await openSsoPage(page, 'single sign-on');
      expect(await textOf(page, 'sso-last-sign-in')).toContain('Ada Admin');
      await page.locator('[data-testid="sso-required-switch"]').check();
      // Required without a break-glass Tenant Admin is refused on the page.
      await page.locator('[data-testid="sso-save"]').click();
      await page.getByText('Choose the Tenant Admin who keeps password sign-in').waitFor();
      await page.getByRole('combobox', { name: 'Break-glass Tenant Admin' }).click();
      const options = page.getByRole('option');
      await options.first().waitFor();
      // Only the tenant's active Tenant Admins, by name.
      expect(await options.count()).toBe(1);
      await page.getByRole('option', { name: /Ada Admin/ }).click();
      await page.locator('[data-testid="sso-save"]').click();
      await page.getByText('Single sign-on settings saved').waitFor();
      await expect
        .poll(() => textOf(page, 'sso-required'))
        .toContain('Only Ada Admin can still sign in with a password');
    });
    expect(await settings()).toMatchObject({ required: true, break_glass_user: { name: 'Ada Admin' } });

    await step('sso-required-refuses-password', async (page) => {
      await continueToPassword(page, baseUrl, manager.email);
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Back to the email step, with the reason.
      await page.getByText('Your organisation signs in with single sign-on').waitFor();
      expect(await page.locator('input[name="email"]').inputValue()).toBe(manager.email);
      expect(await page.locator('[data-testid="dashboard"]').count()).toBe(0);
    });

    await step('sso-break-glass', async (page) => {
      await page.goto(`${baseUrl}/#/login`);
      await page.locator('input[name="email"]').fill(admin.email);
      await page.getByRole('button', { name: 'Sign in with a password instead' }).click();
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('[data-testid="dashboard"]').waitFor({ timeout: 20_000 });
      expect(await signedInEmail(page)).toBe(admin.email);

      await page.locator('[data-sidebar-item="sso"]').click();
      await page.locator('[data-testid="sso-remove"]').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
      await page.getByText('Single sign-on removed').waitFor();
      await expect.poll(() => textOf(page, 'sso-state')).toContain('Not set up');
    });
    expect(await settings()).toMatchObject({ configured: false });

    await step('sso-removed-password-step', async (page) => {
      await continueToPassword(page, baseUrl, agent.email);
    });
  });
});
