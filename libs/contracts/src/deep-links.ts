/**
 * Quick Access deep links (SPEC V2): a vendor card's URL template, validated when it is saved and rendered
 * (values URL-encoded) when an agent opens it. Pure: the API validates and renders, the panel validates the
 * form with the same rules.
 *
 * Decided here:
 * - A template is an absolute `http:` or `https:` URL once its variables are replaced by a sample value;
 *   any other scheme (`javascript:`, `data:`, `vbscript:`, `file:`, a relative path) is refused, as is a
 *   variable in the scheme or the host (an account's data must never choose where the browser goes).
 * - "Where the browser goes" is decided by the WHATWG URL parser, not by a pattern: the template is parsed
 *   with harmless and with hostile values (`/`, `@`, `:`, `.`, `\`, empty…) in place of its variables, and
 *   every reading must keep the scheme and host that the literal text before the first variable already
 *   names. So `https:{{account_id}}/login`, `https:/{{account_id}}/x` and `https:\\{{account_id}}/x` (which
 *   the parser reads as a host taken from the variable) are refused.
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
  if (template.length > DEEP_LINK_TEMPLATE_MAX)
    return [`url_template must be at most ${DEEP_LINK_TEMPLATE_MAX} characters`];
  // eslint-disable-next-line no-control-regex -- control characters are what the pattern looks for
  if (/[\u0000-\u001f\u007f\s]/.test(template.replace(VARIABLE, '')))
    return ['url_template must not contain spaces or control characters'];
  const problems: string[] = [];
  for (const match of template.matchAll(VARIABLE)) {
    if (!(DEEP_LINK_VARIABLES as readonly string[]).includes(match[1])) {
      problems.push(
        `unknown variable {{${match[1]}}}; known: ${DEEP_LINK_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`,
      );
    }
  }
  const stripped = template.replace(VARIABLE, '');
  if (stripped.includes('{{') || stripped.includes('}}'))
    problems.push('url_template has an unclosed {{ or a stray }}');
  if (problems.length) return problems;
  return originProblems(template);
}

/** Harmless stand-ins for the variables: the URL a template means. */
const HARMLESS_PROBE = 'probe';
/**
 * Hostile stand-ins: each tries to move the host or the scheme (a path, a user@, a port, a dotted or
 * back-slashed name, an empty value). They are substituted raw (stricter than rendering, which encodes) and
 * encoded (what rendering does).
 */
const HOSTILE_PROBES = [
  '',
  '/',
  '//evil.example',
  '\\',
  '\\\\evil.example',
  'evil.example\\',
  'evil.example',
  '.evil.example',
  '@evil.example',
  'x@evil.example',
  ':8080',
  ':x',
  '..',
  '/../',
  '?',
  '#',
  '%2F%2Fevil.example',
  'https://evil.example/',
];

const HOST_MESSAGE = 'variables may appear in the path, query or fragment, not in the scheme or host';

function substitute(template: string, value: string): string {
  return template.replace(VARIABLE, () => value);
}

function parsed(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * The scheme and host must be literal: a variable before the path could point the browser anywhere. The
 * template is read by the WHATWG URL parser (the browser's) with its variables replaced by a harmless value,
 * then by each hostile one; every reading must have the same http(s) scheme and host, and that host must
 * already be the one of the literal text before the first variable.
 */
function originProblems(template: string): string[] {
  const first = template.search(/\{\{/);
  const literal = first >= 0 ? parsed(template.slice(0, first)) : null;
  const url = parsed(substitute(template, HARMLESS_PROBE));
  if (!url)
    return [
      literal && /^https?:$/.test(literal.protocol)
        ? HOST_MESSAGE
        : 'url_template must be an absolute http:// or https:// URL',
    ];
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return ['url_template must be an http:// or https:// URL'];
  if (first >= 0 && (!literal || literal.protocol !== url.protocol || literal.host !== url.host)) return [HOST_MESSAGE];
  if (url.username || url.password) return ['url_template must not carry credentials'];
  for (const probe of HOSTILE_PROBES) {
    for (const value of [probe, encodeURIComponent(probe)]) {
      const other = parsed(substitute(template, value));
      if (!other || other.protocol !== url.protocol || other.host !== url.host || other.username || other.password)
        return [HOST_MESSAGE];
    }
  }
  return [];
}

/** The literal origin (`https://host[:port]`) of a template `templateProblems` accepts. */
function templateOrigin(template: string): string {
  return new URL(substitute(template, HARMLESS_PROBE)).origin;
}

export type DeepLinkValues = Partial<Record<DeepLinkVariable, string | null | undefined>>;

/** Renders a valid template; each value URL-encoded. Throws on a template `templateProblems` refuses. */
export function renderDeepLink(template: string, values: DeepLinkValues): string {
  const problems = templateProblems(template);
  if (problems.length) throw new Error(`invalid deep-link template: ${problems.join('; ')}`);
  const rendered = template.replace(VARIABLE, (_whole, name: DeepLinkVariable) =>
    encodeURIComponent(values[name] ?? ''),
  );
  const url = new URL(rendered);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('rendered deep link is not http(s)');
  if (url.origin !== templateOrigin(template)) throw new Error("rendered deep link left the template's host");
  return rendered;
}
