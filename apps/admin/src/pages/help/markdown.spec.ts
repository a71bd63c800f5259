import { parseCourseDocs, rewriteCourseLinks } from '@floor-os/onboarding';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

/** The rendered HTML as a DOM, to ask what is in it rather than match strings. */
function dom(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  return root;
}

describe('renderMarkdown (the help pages)', () => {
  it('should drop script tags but keep the text around them', () => {
    const root = dom(renderMarkdown('Before the tag.\n\n<script>window.hacked = true</script>\n\nAfter the tag.'));
    expect(root.querySelectorAll('script')).toHaveLength(0);
    expect(root.innerHTML).not.toContain('window.hacked');
    expect(root.textContent).toContain('Before the tag.');
    expect(root.textContent).toContain('After the tag.');
  });

  it('should drop onerror and onclick handlers and keep the element and its text', () => {
    const root = dom(
      renderMarkdown(
        '<img src="x.png" alt="a diagram" onerror="alert(1)">\n\n<p onclick="alert(2)">Click text stays</p>',
      ),
    );
    const image = root.querySelector('img');
    expect(image).not.toBeNull();
    expect(image!.getAttribute('onerror')).toBeNull();
    const paragraph = [...root.querySelectorAll('p')].find((p) => p.textContent === 'Click text stays');
    expect(paragraph).toBeDefined();
    expect(paragraph!.getAttribute('onclick')).toBeNull();
    expect(root.innerHTML).not.toMatch(/onerror|onclick|alert\(/);
  });

  it('should drop javascript: hrefs from Markdown and HTML links and keep the link text', () => {
    const root = dom(
      renderMarkdown('[Markdown link](javascript:alert(1)) and <a href="JavaScript:alert(2)">HTML link</a>'),
    );
    expect(root.innerHTML.toLowerCase()).not.toContain('javascript:');
    expect(root.textContent).toContain('Markdown link');
    expect(root.textContent).toContain('HTML link');
  });

  it('should drop iframes, forms and inline styles', () => {
    const html = renderMarkdown(
      'Text before.\n\n<iframe src="https://example.com/embed"></iframe>\n\n<form action="/steal"><input name="password"><button>Send</button></form>\n\n<p style="display:none">Styled text</p>\n\n<style>body { display: none }</style>',
    );
    const root = dom(html);
    expect(root.querySelectorAll('iframe, form, input, button, style')).toHaveLength(0);
    expect(root.querySelector('[style]')).toBeNull();
    expect(root.textContent).toContain('Text before.');
    expect(root.textContent).toContain('Styled text');
  });

  it('should render headings, lists, inline code and a GFM table', () => {
    const root = dom(
      renderMarkdown(
        '# Week 1\n\n## T1 — Provision\n\n### Steps\n\n- first `npm run provision-tenant`\n- second\n\n1. one\n2. two\n\n| Status | Meaning |\n| --- | --- |\n| `201` | created |\n| `409` | taken |\n',
      ),
    );
    expect(root.querySelector('h1')?.textContent).toBe('Week 1');
    expect(root.querySelector('h2')?.textContent).toBe('T1 — Provision');
    expect(root.querySelector('h3')?.textContent).toBe('Steps');
    expect(root.querySelectorAll('ul > li')).toHaveLength(2);
    expect(root.querySelectorAll('ol > li')).toHaveLength(2);
    expect(root.querySelector('li code')?.textContent).toBe('npm run provision-tenant');
    expect([...root.querySelectorAll('table thead th')].map((th) => th.textContent)).toEqual(['Status', 'Meaning']);
    const cells = [...root.querySelectorAll('table tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(cells).toEqual([
      ['201', 'created'],
      ['409', 'taken'],
    ]);
    expect(root.querySelector('table tbody td code')?.textContent).toBe('201');
    expect(root.innerHTML).not.toContain('## ');
    expect(root.innerHTML).not.toContain('| ---');
  });

  it('should keep <jar>-style placeholders in fenced and inline code as text, escaped', () => {
    const html = renderMarkdown(
      '```bash\n# signin <jar> <email> [password]\nfos <jar> "$BASE/api/v1/auth/me"\n```\n\nCall `GET /api/v1/users/<id>` next.',
    );
    const root = dom(html);
    const block = root.querySelector('pre code');
    expect(block?.textContent).toBe('# signin <jar> <email> [password]\nfos <jar> "$BASE/api/v1/auth/me"\n');
    expect(root.querySelector('p code')?.textContent).toBe('GET /api/v1/users/<id>');
    expect(html).toContain('&lt;jar&gt;');
    expect(root.querySelector('jar')).toBeNull();
  });

  it('should point links between course files at their help pages', () => {
    const pages = parseCourseDocs([
      { name: 'README.md', text: '# Floor OS operator course\n\nThe course.\n' },
      { name: 'week-1-foundations.md', text: '# Week 1 — Foundations\n\nSlug: `week-1-foundations`\n' },
      { name: 'mentor-guide.md', text: '# Mentor guide\n\nSlug: `mentor-guide`\n' },
    ]);
    const markdown =
      'Read [Week 1](week-1-foundations.md), the [helpers](README.md#shell-helpers) and [the guide](mentor-guide.md#after-autonomy).';
    const root = dom(renderMarkdown(rewriteCourseLinks(markdown, pages, '#/help/')));
    const links = [...root.querySelectorAll('a')].map((a) => [
      a.textContent,
      a.getAttribute('href'),
      a.getAttribute('target'),
    ]);
    expect(links).toEqual([
      ['Week 1', '#/help/week-1-foundations', null],
      ['helpers', '#/help/operator-course', null],
      ['the guide', '#/help/mentor-guide', null],
    ]);
  });

  it('should open external links in a new tab with rel="noopener noreferrer"', () => {
    const root = dom(
      renderMarkdown(
        'See [the TCPA text](https://www.ecfr.gov/current/title-47) and <a href="http://example.com" target="_self">this</a>.',
      ),
    );
    const links = [...root.querySelectorAll('a')];
    expect(links).toHaveLength(2);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(links[0].getAttribute('href')).toBe('https://www.ecfr.gov/current/title-47');
  });
});
