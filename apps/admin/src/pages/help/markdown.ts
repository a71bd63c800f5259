import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** Links that leave the panel: they open in a new tab, without handing it this window. */
const EXTERNAL = /^https?:\/\//i;

/** What the help pages never render, whatever the Markdown holds. */
const FORBID_TAGS = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'link',
  'meta',
  'base',
  'svg',
  'math',
];

let hooked = false;

/** Adds the hook that marks external links (once: DOMPurify's hooks are global to its instance). */
function hookExternalLinks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (EXTERNAL.test(href)) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else {
      node.removeAttribute('target');
    }
  });
}

/**
 * Markdown → safe HTML for the help pages: GitHub-flavoured Markdown (tables included) through `marked`,
 * then DOMPurify, which keeps the text and drops scripts, event handlers, `javascript:` URLs, frames,
 * forms and styles. External links open in a new tab with `rel="noopener noreferrer"`.
 */
export function renderMarkdown(markdown: string): string {
  hookExternalLinks();
  const html = marked.parse(markdown, { gfm: true, breaks: false, async: false });
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR: ['style', 'srcset', 'formaction'],
    ADD_ATTR: ['target'],
  });
}
