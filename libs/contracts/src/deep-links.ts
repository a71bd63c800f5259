/**
 * Quick Access deep links (SPEC V2): a vendor card's URL template, validated when it is saved and rendered
 * (values URL-encoded) when an agent opens it. Pure: the API validates and renders, the panel validates the
 * form with the same rules.
 *
 * Decided here:
 * - A template is an absolute `http:` or `https:` URL once its variables are replaced by a sample value;
 *   any other scheme (`javascript:`, `data:`, `vbscript:`, `file:`, a relative path) is refused, as is a
 *   variable in the scheme or the host (an account's data must never choose where the browser goes).
 * - Only `{{phone_e164}}`, `{{account_id}}`, `{{tenant_slug}}` and `{{agent_id}}` are known; whitespace
 *   inside the braces is allowed. An unknown variable or a stray `{{`/`}}` is an error.
 * - Rendered values are encoded with `encodeURIComponent`, so a value can neither end the query nor add a
 *   parameter; a missing value renders as the empty string.
 */

export const DEEP_LINK_VARIABLES = ['phone_e164', 'account_id', 'tenant_slug', 'agent_id'] as const;
export type DeepLinkVariable = (typeof DEEP_LINK_VARIABLES)[number];

export const DEEP_LINK_CATEGORIES = ['voice', 'sms', 'email', 'payment', 'other'] as const;
export type DeepLinkCategory = (typeof DEEP_LINK_CATEGORIES)[number];

/** Decided detail 18: every category but `other` asks the gate first. */
export function requiresGate(category: DeepLinkCategory): boolean {
  return category !== 'other';
}

export const DEEP_LINK_TEMPLATE_MAX = 2000;
export const DEEP_LINK_LABEL_MAX = 40;

const VARIABLE = /\{\{\s*([a-zA-Z0-9_]*)\s*\}\}/g;

/** What is wrong with a template; an empty list when it may be saved. */
export function templateProblems(template: unknown): string[] {
  if (typeof template !== 'string' || template.trim() === '') return ['url_template is required'];
  if (template.length > DEEP_LINK_TEMPLATE_MAX) return [`url_template must be at most ${DEEP_LINK_TEMPLATE_MAX} characters`];
  if (/[\u0000-\u001f\u007f\s]/.test(template.replace(VARIABLE, ''))) return ['url_template must not contain spaces or control characters'];
  const problems: string[] = [];
  for (const match of template.matchAll(VARIABLE)) {
    if (!(DEEP_LINK_VARIABLES as readonly string[]).includes(match[1])) {
      problems.push(`unknown variable {{${match[1]}}}; known: ${DEEP_LINK_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`);
    }
  }
  const stripped = template.replace(VARIABLE, '');
  if (stripped.includes('{{') || stripped.includes('}}')) problems.push('url_template has an unclosed {{ or a stray }}');
  if (problems.length) return problems;
  // The scheme and host must be literal: a variable before the path could point the browser anywhere.
  const sample = template.replace(VARIABLE, 'X');
  let url: URL;
  try {
    url = new URL(sample);
  } catch {
    return ['url_template must be an absolute http:// or https:// URL'];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return ['url_template must be an http:// or https:// URL'];
  const origin = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(template)?.[0] ?? '';
  if (origin.includes('{{')) return ['variables may appear in the path, query or fragment, not in the scheme or host'];
  if (url.username || url.password) return ['url_template must not carry credentials'];
  return [];
}

export type DeepLinkValues = Partial<Record<DeepLinkVariable, string | null | undefined>>;

/** Renders a valid template; each value URL-encoded. Throws on a template `templateProblems` refuses. */
export function renderDeepLink(template: string, values: DeepLinkValues): string {
  const problems = templateProblems(template);
  if (problems.length) throw new Error(`invalid deep-link template: ${problems.join('; ')}`);
  const rendered = template.replace(VARIABLE, (_whole, name: DeepLinkVariable) => encodeURIComponent(values[name] ?? ''));
  const url = new URL(rendered);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('rendered deep link is not http(s)');
  return rendered;
}
