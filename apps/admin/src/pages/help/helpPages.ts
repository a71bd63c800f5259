import { courseItem, parseCourseDocs, rewriteCourseLinks, type HelpPage } from '@floor-os/onboarding';
import { renderMarkdown } from './markdown';

/** The tracker: the course's home in the panel. */
export const COURSE_TRACKER_PATH = '/onboarding-progress';

/** The panel's address of a help page (a hash route: the links inside the Markdown carry the `#`). */
export const helpPath = (slug: string) => `/help/${slug}`;
export const HELP_LINK_PREFIX = '#/help/';

/** The operator course (`docs/onboarding/*.md`), bundled at build time as text. */
const FILES = import.meta.glob<string>('../../../../../docs/onboarding/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const HELP_PAGES: readonly HelpPage[] = parseCourseDocs(
  Object.entries(FILES).map(([path, text]) => ({ name: path.split('/').pop() ?? path, text })),
);

export function helpPage(slug: string): HelpPage | undefined {
  return HELP_PAGES.find((page) => page.slug === slug);
}

/** The page of the whole document a task or checkpoint section belongs to (undefined for whole documents). */
export function chapterOf(page: HelpPage): HelpPage | undefined {
  return page.slug === page.document ? undefined : helpPage(page.document);
}

/** A page as the panel shows it: the facts of its slug line (days, runbook step…) and the body, both as safe HTML. */
export interface RenderedHelpPage {
  /** "Day 1–2 · Runbook step 1.1": the slug line without the slug, or null when there is nothing else on it. */
  meta: string | null;
  html: string;
}

const SLUG_LINE = /^Slug: `[a-z0-9-]+`\s*(?:·\s*)?(.*)$/;

/**
 * A page's Markdown as the panel shows it: the leading heading goes (the page shows its title itself), the
 * slug line becomes a caption of its facts, and links between course files point at their help pages.
 */
export function renderHelpPage(page: HelpPage, pages: readonly HelpPage[] = HELP_PAGES): RenderedHelpPage {
  const lines = page.markdown.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first >= 0 && /^#{1,2} /.test(lines[first]) && lines[first].replace(/^#{1,2} /, '').trim() === page.title)
    lines.splice(first, 1);
  let meta: string | null = null;
  const slugLine = lines.findIndex((line) => line.trim() !== '');
  const match = slugLine >= 0 ? SLUG_LINE.exec(lines[slugLine]) : null;
  if (match) {
    lines.splice(slugLine, 1);
    meta = match[1].trim() ? renderMarkdown(match[1].trim()) : null;
  }
  return { meta, html: renderMarkdown(rewriteCourseLinks(lines.join('\n'), pages, HELP_LINK_PREFIX)) };
}

/** "T1 — Provision your sandbox tenant" for a task or checkpoint slug, else the page title, else the slug. */
export function helpLabel(slug: string): string {
  const item = courseItem(slug);
  if (item) return `${item.code} — ${item.title}`;
  return helpPage(slug)?.title ?? slug;
}
