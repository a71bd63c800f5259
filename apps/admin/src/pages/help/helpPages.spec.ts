import { COURSE_CHAPTERS, COURSE_ITEMS, COURSE_README_SLUG, MENTOR_GUIDE_SLUG } from '@floor-os/onboarding';
import { describe, expect, it } from 'vitest';
import { chapterOf, helpPage, HELP_PAGES, renderHelpPage } from './helpPages';

describe('the bundled help pages (docs/onboarding)', () => {
  it('should have a page for the course index, the mentor guide, every chapter, task and checkpoint', () => {
    const slugs = HELP_PAGES.map((page) => page.slug);
    for (const slug of [
      COURSE_README_SLUG,
      MENTOR_GUIDE_SLUG,
      ...COURSE_CHAPTERS.map((c) => c.slug),
      ...COURSE_ITEMS.map((i) => i.slug),
    ]) {
      expect(slugs, slug).toContain(slug);
    }
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it("should render T1's section without its own heading, raw Markdown or links to .md files", () => {
    const page = helpPage('t01-provision-sandbox-tenant')!;
    expect(page.title).toBe('T1 — Provision your sandbox tenant');
    expect(chapterOf(page)?.slug).toBe('week-1-foundations');
    const root = document.createElement('div');
    const rendered = renderHelpPage(page);
    root.innerHTML = rendered.html;
    expect(root.querySelector('h2')?.textContent).not.toBe(page.title);
    expect(root.textContent).not.toContain('Slug:');
    expect(rendered.meta).toContain('Runbook step 1.1');
    expect(rendered.meta).not.toContain('t01-provision-sandbox-tenant');
    expect(root.textContent).not.toMatch(/^#{1,3} /m);
    expect(root.querySelectorAll('pre code').length).toBeGreaterThan(0);
  });

  it('should point every course link of every page at a help page that exists', () => {
    for (const page of HELP_PAGES) {
      const root = document.createElement('div');
      root.innerHTML = renderHelpPage(page).html;
      for (const link of root.querySelectorAll('a')) {
        const href = link.getAttribute('href') ?? '';
        expect(href, `${page.slug}: ${href}`).not.toMatch(/\.md(#|$)/);
        if (href.startsWith('#/help/')) expect(helpPage(href.slice('#/help/'.length)), href).toBeDefined();
      }
    }
  });
});
