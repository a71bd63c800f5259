import { COURSE_CHECKPOINTS, COURSE_TASKS } from '@floor-os/onboarding';
import { join, resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, ROOT, SHOTS, signIn as signInAs, step as runStep } from './support/browser';
import { startApp, TestApp } from '../../api/test/support/app';
import { makeUser, PASSWORD, unique } from '../../api/test/support/factories';
import { Http } from '../../api/test/support/http';
import type { User } from '../../api/src/users/user.entity';
import type { OperatorCourseView as OperatorCourse } from '@floor-os/contracts';

const T1 = COURSE_TASKS[0];
const T5 = COURSE_TASKS[4];
const T6 = COURSE_TASKS[5];
const [C1, C2, C3, C4, C5] = COURSE_CHECKPOINTS;
const C1_NOTE = 'Sandbox provisioned, invitation and isolation shown live; audit entries read back correctly';

/**
 * SPEC O7 in the panel: a trainee operator ticks week 1 on the course tracker and reads a task's help page;
 * a mentor operator (another browser) picks the trainee, cannot tick for them, signs C1 with a note, and
 * once C1–C5 are signed marks the trainee autonomous. The trainee's sidebar then drops the course, while
 * the tracker still opens by its address. Built bundle, real API, Debian's Chromium; the later weeks are
 * arranged through the real API.
 */
describe('the operator course tracker in Chromium', () => {
  let t: TestApp;
  let http: Http;
  // One browser per person: the trainee's page stays open while the mentor works in the other.
  let traineeContext: BrowserContext;
  let mentorContext: BrowserContext;
  let trainee: User;
  let mentor: User;
  let traineeCookie = '';
  let mentorCookie = '';

  beforeAll(async () => {
    t = await startApp({ ADMIN_DIST_DIR: resolve(ROOT, 'apps/admin/dist') });
    http = new Http(t.baseUrl);
    trainee = await makeUser(t.db, null, ['platform_operator'], {
      name: 'Tara Trainee',
      email: `${unique('trainee')}@example.test`,
    });
    mentor = await makeUser(t.db, null, ['platform_operator'], {
      name: 'Milo Mentor',
      email: `${unique('mentor')}@example.test`,
    });
    traineeCookie = await http.login(trainee.email, PASSWORD);
    mentorCookie = await http.login(mentor.email, PASSWORD);
    traineeContext = await launchChromium();
    mentorContext = await launchChromium();
  });
  afterAll(async () => {
    await traineeContext?.close();
    await mentorContext?.close();
    await t?.close();
  });

  const asTrainee = (name: string, body: (page: Page) => Promise<void>) => runStep(traineeContext, name, body);
  const asMentor = (name: string, body: (page: Page) => Promise<void>) => runStep(mentorContext, name, body);
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const textOf = async (locator: Locator) => (await locator.textContent())?.trim() ?? '';
  const sidebarIds = (page: Page) =>
    page
      .locator('[data-sidebar-item]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-sidebar-item') ?? ''));
  const task = (page: Page, slug: string) => page.locator(`[data-testid="task-${slug}"]`);
  const checkpoint = (page: Page, slug: string) => page.locator(`[data-testid="checkpoint-${slug}"]`);

  async function course(cookie: string, ref: string): Promise<OperatorCourse> {
    const answer = await http.get<OperatorCourse>(`/sys/operators/${ref}/course`, { cookie });
    expect(answer.status, answer.text).toBe(200);
    return answer.body;
  }
  async function tickAsTrainee(slug: string): Promise<void> {
    const answer = await http.put(`/sys/operators/me/course/tasks/${slug}`, { done: true }, { cookie: traineeCookie });
    expect(answer.status, answer.text).toBe(200);
  }
  async function signAsMentor(slug: string, note: string): Promise<void> {
    const answer = await http.put(
      `/sys/operators/${trainee.id}/course/checkpoints/${slug}`,
      { signed: true, note },
      { cookie: mentorCookie },
    );
    expect(answer.status, answer.text).toBe(200);
  }

  /** The tracker, opened as the mentor with the trainee picked in the operator picker. */
  async function openTraineeAsMentor(page: Page): Promise<void> {
    await signInAs(page, t.baseUrl, mentor.email, PASSWORD);
    await page.goto(`${t.baseUrl}/#/onboarding-progress`);
    await page.locator('[data-testid="course-view"]').waitFor();
    expect(await page.locator('[data-testid="course-view"]').getAttribute('data-operator')).toBe(mentor.id);
    await page.locator('[data-testid="operator-picker"] input').fill(trainee.email);
    await page.locator(`[data-testid="operator-option-${trainee.id}"]`).click();
    await page.waitForURL(new RegExp(`#/onboarding-progress\\?operator=${trainee.id}$`));
    await expect.poll(() => page.locator('[data-testid="course-view"]').getAttribute('data-operator')).toBe(trainee.id);
    expect(await textOf(page.locator('[data-testid="course-operator-email"]'))).toBe(trainee.email);
    expect(await page.locator('[data-testid="course-header"]').getAttribute('data-self')).toBe('false');
  }

  it("should let the trainee open the course from the sidebar, tick T1–T5 and read T1's help page, its chapter and the course index", async () => {
    await asTrainee('course-trainee-week-1', async (page) => {
      await signInAs(page, t.baseUrl, trainee.email, PASSWORD);
      const item = page.locator('[data-sidebar-item="onboarding_progress"]');
      await item.waitFor();
      expect(await textOf(item)).toContain('Operator course');
      await item.click();
      await page.waitForURL(/#\/onboarding-progress$/);
      await page.locator('[data-testid="course-page"] [data-testid="course-view"]').waitFor();
      expect(await textOf(page.locator('[data-testid="course-operator-email"]'))).toBe(trainee.email);
      expect(await textOf(page.locator('[data-testid="course-tasks-done"]'))).toBe('0 / 20');
      expect(await textOf(page.locator('[data-testid="course-checkpoints-signed"]'))).toBe('0 / 5');
      expect(await textOf(page.locator('[data-testid="course-self-hint"]'))).toBe(
        'Your mentor marks you autonomous once C1–C5 are signed; the course then leaves your sidebar.',
      );
      expect(await page.locator('[data-testid="course-autonomous"], [data-testid="mark-autonomous"]').count()).toBe(0);
      expect(await textOf(checkpoint(page, C1.slug))).toContain('Your mentor signs this checkpoint');
      expect(await page.locator(`[data-testid="signoff-${C1.slug}"]`).count()).toBe(0);

      for (const [index, { slug }] of COURSE_TASKS.slice(0, 5).entries()) {
        await task(page, slug).locator('input[type="checkbox"]').click();
        await expect.poll(() => task(page, slug).getAttribute('data-done')).toBe('true');
        await expect.poll(() => textOf(page.locator('[data-testid="course-tasks-done"]'))).toBe(`${index + 1} / 20`);
      }
      expect(await textOf(page.locator('[data-testid="course-tasks-done"]'))).toBe('5 / 20');
      expect(await textOf(task(page, T1.slug))).toContain('ticked');
      // The next open item is C1, linked to its help page.
      expect(await page.locator('[data-testid="course-next"] a').getAttribute('data-slug')).toBe(C1.slug);

      await task(page, T1.slug).locator(`[data-testid="help-link-${T1.slug}"]`).click();
      await page.waitForURL(new RegExp(`#/help/${T1.slug}$`));
      const help = page.locator('[data-testid="help-page"]');
      await help.waitFor();
      expect(await textOf(page.locator('[data-testid="help-title"]'))).toBe('T1 — Provision your sandbox tenant');
      const content = page.locator('[data-testid="help-content"]');
      expect(await content.locator('pre code').count()).toBeGreaterThan(0);
      const text = await textOf(help);
      expect(text).not.toContain('## ');
      expect(text).not.toContain('```');
      // The slug line is a caption of the section's facts, not Markdown.
      expect(await textOf(page.locator('[data-testid="help-meta"]'))).toContain('Runbook step 1.1');
      await shot(page, 'course-help-t1');

      // The breadcrumb leads to the whole chapter; its links between course files are help pages too.
      await page.locator('[data-testid="help-chapter"]').click();
      await page.waitForURL(/#\/help\/week-1-foundations$/);
      await expect.poll(() => textOf(page.locator('[data-testid="help-title"]'))).toBe('Week 1 — Foundations');
      const readme = page.locator('[data-testid="help-content"] a[href="#/help/operator-course"]').first();
      await readme.click();
      await page.waitForURL(/#\/help\/operator-course$/);
      await expect.poll(() => textOf(page.locator('[data-testid="help-title"]'))).toBe('Floor OS operator course');
      expect(await page.locator('[data-testid="help-content"] table').count()).toBeGreaterThan(0);
      await shot(page, 'course-help-index');

      // An unknown page says so and links to the course index.
      await page.goto(`${t.baseUrl}/#/help/no-such-page`);
      await expect
        .poll(() => textOf(page.locator('[data-testid="help-title"]')))
        .toBe('No help page called “no-such-page”');
      expect(await page.locator('[data-testid="help-page"]').getAttribute('data-found')).toBe('false');
      await page.locator('[data-testid="help-index-link"]').click();
      await page.waitForURL(/#\/help\/operator-course$/);

      // Back to the tracker through the breadcrumb.
      await page.locator('[data-testid="help-back"]').click();
      await page.waitForURL(/#\/onboarding-progress$/);
      await page.locator('[data-testid="course-view"]').waitFor();
    });

    const mine = await course(traineeCookie, 'me');
    expect(mine.summary).toMatchObject({ tasksDone: 5, checkpointsSigned: 0, next: C1.slug });
    expect(mine.items.filter((item) => item.done_at !== null).map((item) => item.code)).toEqual([
      'T1',
      'T2',
      'T3',
      'T4',
      'T5',
    ]);
  });

  it("should let a mentor pick the trainee, not tick the trainee's task, be refused C2 and sign C1 with a note the trainee then sees", async () => {
    await asTrainee('course-trainee-sees-c1', async (traineePage) => {
      await signInAs(traineePage, t.baseUrl, trainee.email, PASSWORD);
      await traineePage.goto(`${t.baseUrl}/#/onboarding-progress`);
      await traineePage.locator('[data-testid="course-view"]').waitFor();
      expect(await checkpoint(traineePage, C1.slug).getAttribute('data-signed')).toBe('false');

      await asMentor('course-mentor-signs-c1', async (page) => {
        await openTraineeAsMentor(page);
        expect(await textOf(page.locator('[data-testid="course-tasks-done"]'))).toBe('5 / 20');
        expect(await textOf(page.locator('[data-testid="course-role"]'))).toBe('you are the mentor');
        expect(await page.locator('[data-testid="course-self-hint"]').count()).toBe(0);

        // An open task is the trainee's to tick: the box is disabled for the mentor.
        expect(await task(page, T6.slug).getAttribute('data-done')).toBe('false');
        expect(await task(page, T6.slug).locator('input[type="checkbox"]').isDisabled()).toBe(true);
        // A ticked one may be unticked (after a confirmation): the box stays enabled.
        expect(await task(page, T1.slug).locator('input[type="checkbox"]').isDisabled()).toBe(false);
        expect(await page.locator('[data-testid="mark-autonomous"]').isDisabled()).toBe(true);
        expect(await textOf(page.locator('[data-testid="mark-autonomous-hint"]'))).toBe('C1–C5 must be signed first');

        // C2 waits for week 2's tasks: the API refuses, its message shows, nothing changes.
        await page.locator(`[data-testid="signoff-${C2.slug}"]`).click();
        await page.locator('[data-testid="signoff-confirm"]').click();
        await page.getByText('Tasks not ticked yet: T6, T7, T8, T9, T10').waitFor();
        expect(await checkpoint(page, C2.slug).getAttribute('data-signed')).toBe('false');
        expect(await textOf(page.locator('[data-testid="course-checkpoints-signed"]'))).toBe('0 / 5');

        await page.locator(`[data-testid="signoff-${C1.slug}"]`).click();
        await page.locator('[data-testid="signoff-note"]').fill(C1_NOTE);
        await page.locator('[data-testid="signoff-confirm"]').click();
        await expect.poll(() => checkpoint(page, C1.slug).getAttribute('data-signed')).toBe('true');
        expect(await textOf(page.locator(`[data-testid="checkpoint-status-${C1.slug}"]`))).toContain(
          `Signed by ${mentor.email} on `,
        );
        expect(await textOf(page.locator(`[data-testid="checkpoint-note-${C1.slug}"]`))).toContain(C1_NOTE);
        expect(await textOf(page.locator('[data-testid="course-checkpoints-signed"]'))).toBe('1 / 5');
        expect(await page.locator(`[data-testid="withdraw-${C1.slug}"]`).count()).toBe(1);

        // The mentor unticks T5 (its evidence did not hold up), after confirming.
        await task(page, T5.slug).locator('input[type="checkbox"]').click();
        await page.locator('[data-testid="untick-confirm"]').click();
        await expect.poll(() => task(page, T5.slug).getAttribute('data-done')).toBe('false');
        expect(await textOf(page.locator('[data-testid="course-tasks-done"]'))).toBe('4 / 20');
        // Now an open task: the mentor cannot tick it back.
        expect(await task(page, T5.slug).locator('input[type="checkbox"]').isDisabled()).toBe(true);
      });

      await traineePage.reload();
      await traineePage.locator('[data-testid="course-view"]').waitFor();
      await expect.poll(() => checkpoint(traineePage, C1.slug).getAttribute('data-signed')).toBe('true');
      expect(await textOf(checkpoint(traineePage, C1.slug))).toContain(`Signed by ${mentor.email}`);
      expect(await textOf(checkpoint(traineePage, C1.slug))).toContain(C1_NOTE);
      expect(await textOf(traineePage.locator('[data-testid="course-checkpoints-signed"]'))).toBe('1 / 5');
      expect(await traineePage.locator(`[data-testid="withdraw-${C1.slug}"]`).count()).toBe(0);

      // The trainee sees T5 open again and ticks it once redone.
      expect(await task(traineePage, T5.slug).getAttribute('data-done')).toBe('false');
      await task(traineePage, T5.slug).locator('input[type="checkbox"]').click();
      await expect.poll(() => textOf(traineePage.locator('[data-testid="course-tasks-done"]'))).toBe('5 / 20');
    });

    const mine = await course(traineeCookie, 'me');
    expect(mine.items.find((item) => item.slug === C1.slug)).toMatchObject({
      signed_off_by: { id: mentor.id, email: mentor.email },
      note: C1_NOTE,
    });
    expect(mine.items.find((item) => item.slug === C2.slug)).toMatchObject({ signed_off_at: null });
    expect(mine.items.find((item) => item.slug === T6.slug)).toMatchObject({ done_at: null });
    expect(mine.items.find((item) => item.slug === T5.slug)?.done_at).not.toBeNull();
  });

  it('should let the mentor mark the trainee autonomous once C1–C5 are signed; the course leaves their sidebar but still opens', async () => {
    // Weeks 2–4 through the API: the trainee ticks, the mentor signs C2–C4.
    for (const { slug } of COURSE_TASKS.slice(5)) await tickAsTrainee(slug);
    for (const { slug } of [C2, C3, C4]) await signAsMentor(slug, `${slug} reviewed with the trainee`);

    await asMentor('course-mentor-marks-autonomous', async (page) => {
      await openTraineeAsMentor(page);
      expect(await textOf(page.locator('[data-testid="course-tasks-done"]'))).toBe('20 / 20');
      expect(await textOf(page.locator('[data-testid="course-checkpoints-signed"]'))).toBe('4 / 5');
      // C5 is still open: "Mark autonomous" stays disabled.
      expect(await checkpoint(page, C5.slug).getAttribute('data-signed')).toBe('false');
      expect(await page.locator('[data-testid="mark-autonomous"]').isDisabled()).toBe(true);

      await signAsMentor(C5.slug, 'Solo onboarding of the sandbox tenant run end to end');
      await page.reload();
      await page.locator('[data-testid="course-view"]').waitFor();
      await expect.poll(() => textOf(page.locator('[data-testid="course-checkpoints-signed"]'))).toBe('5 / 5');
      expect(await page.locator('[data-testid="mark-autonomous-hint"]').count()).toBe(0);
      const mark = page.locator('[data-testid="mark-autonomous"]');
      expect(await mark.isDisabled()).toBe(false);
      await mark.click();
      await page.locator('[data-testid="course-autonomous"]').waitFor();
      expect(await textOf(page.locator('[data-testid="course-autonomous"]'))).toMatch(/^autonomous since /);
      expect(await page.locator('[data-testid="clear-autonomous"]').count()).toBe(1);
      expect(await page.locator('[data-testid="mark-autonomous"]').count()).toBe(0);
      // The notification gone, the tracker as the mentor sees it.
      await page.locator('.MuiSnackbar-root').waitFor({ state: 'detached', timeout: 15_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'course-tracker-mentor');
    });
    expect(await course(traineeCookie, 'me')).toMatchObject({
      autonomous: true,
      summary: { tasksDone: 20, checkpointsSigned: 5, next: null },
    });

    await asTrainee('course-trainee-autonomous', async (page) => {
      await signInAs(page, t.baseUrl, trainee.email, PASSWORD);
      await page.locator('[data-sidebar-item]').first().waitFor();
      const items = await sidebarIds(page);
      expect(items).toContain('onboarding');
      expect(items).not.toContain('onboarding_progress');

      await page.goto(`${t.baseUrl}/#/onboarding-progress`);
      await page.locator('[data-testid="course-view"]').waitFor();
      await page.locator('[data-testid="course-autonomous"]').waitFor();
      expect(await textOf(page.locator('[data-testid="course-tasks-done"]'))).toBe('20 / 20');
      expect(await page.locator('[data-testid="course-self-hint"]').count()).toBe(0);
      // Nothing to mark on oneself.
      expect(await page.locator('[data-testid="mark-autonomous"], [data-testid="clear-autonomous"]').count()).toBe(0);
    });
  });
});
