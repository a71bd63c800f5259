import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { expect } from 'vitest';

export const ROOT = resolve(__dirname, '../../../..');
export const SHOTS = resolve(ROOT, 'test-results/browser');
export const DEMO_PASSWORD = 'demo-password';

/** Debian's Chromium through playwright-core, with the flags this closed network needs. */
export async function launchChromium(): Promise<BrowserContext> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'floor-chromium-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Runs a browser step in a fresh page without cookies; keeps a screenshot under test-results/browser
 * (`<name>-FAILED.png` on failure) and fails on any uncaught page error.
 */
export async function step(context: BrowserContext, name: string, body: (page: Page) => Promise<void>): Promise<void> {
  await context.clearCookies();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await body(page);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    expect(errors).toEqual([]);
  } catch (error) {
    await page.screenshot({ path: join(SHOTS, `${name}-FAILED.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await page.close();
  }
}

/**
 * The sign-in page's first step: types the email and continues. An email whose domain has no single sign-on
 * gets the password step, which this waits for.
 */
export async function continueToPassword(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('input[name="password"]').waitFor({ timeout: 20_000 });
}

/** Signs in with a password on the login page (email, Continue, password) and waits for the home dashboard. */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await continueToPassword(page, baseUrl, email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-testid="dashboard"]').waitFor({ timeout: 20_000 });
}
