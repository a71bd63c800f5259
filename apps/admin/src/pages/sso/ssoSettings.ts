import type { SsoSettingsView } from '@floor-os/contracts';

/** Where the identity provider sends people back after signing in: registered there as the redirect URI. */

/** The settings form as it is being edited; the client secret is empty unless a new one is typed. */
export interface SsoDraft {
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailDomains: string[];
  required: boolean;
  breakGlassUserId: string | null;
}

/** The form's fields, by the names the API's `fields` use for them. */
export type SsoField = 'issuer' | 'client_id' | 'client_secret' | 'email_domains' | 'required' | 'break_glass_user_id';

const FIELD_NAMES: Record<SsoField, string> = {
  issuer: 'The issuer URL',
  client_id: 'The client ID',
  client_secret: 'The client secret',
  email_domains: 'The email domains',
  required: 'Require single sign-on',
  break_glass_user_id: 'The break-glass Tenant Admin',
};

// As the API checks an email's domain: two labels or more, letters, digits and inner hyphens.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_DOMAINS = 50;

export function draftOf(view: SsoSettingsView): SsoDraft {
  return {
    issuer: view.issuer ?? '',
    clientId: view.client_id ?? '',
    clientSecret: '',
    emailDomains: [...view.email_domains],
    required: view.required,
    breakGlassUserId: view.break_glass_user_id,
  };
}

/** Domains typed or pasted as a list ("acme.com, @acme.co.uk"): lower case, without "@", each once. */
export function domainsOf(text: string): string[] {
  const domains: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const domain = part.trim().toLowerCase().replace(/^@/, '');
    if (domain && !domains.includes(domain)) domains.push(domain);
  }
  return domains;
}

export function isEmailDomain(domain: string): boolean {
  return DOMAIN.test(domain);
}

/** What the browser can tell before saving; the API checks again, and checks the identity provider too. */
export function draftProblems(draft: SsoDraft, hasStoredSecret: boolean): Partial<Record<SsoField, string>> {
  const problems: Partial<Record<SsoField, string>> = {};
  const issuer = draft.issuer.trim();
  if (!issuer) problems.issuer = 'Enter the issuer URL your identity provider gives, such as https://login.example.com';
  else if (!/^https?:\/\/[^\s/]/i.test(issuer)) problems.issuer = 'The issuer URL starts with https://';
  if (!draft.clientId.trim()) problems.client_id = 'Enter the client ID your identity provider gave for Floor OS';
  if (!hasStoredSecret && !draft.clientSecret)
    problems.client_secret = 'Enter the client secret your identity provider gave for Floor OS';
  const wrong = draft.emailDomains.filter((domain) => !isEmailDomain(domain));
  if (draft.emailDomains.length === 0)
    problems.email_domains = 'Add at least one email domain, such as acme-collections.com';
  else if (wrong.length > 0) problems.email_domains = `Not an email domain: ${wrong.join(', ')}`;
  else if (draft.emailDomains.length > MAX_DOMAINS) problems.email_domains = `At most ${MAX_DOMAINS} email domains`;
  if (draft.required && !draft.breakGlassUserId) {
    problems.break_glass_user_id =
      'Choose the Tenant Admin who keeps password sign-in, for the day the identity provider is down';
  }
  return problems;
}

/** The `PUT /sso` body: the secret only when a new one was typed (left out, the stored one is kept). */
export function bodyOf(draft: SsoDraft): Record<string, unknown> {
  return {
    issuer: draft.issuer.trim(),
    client_id: draft.clientId.trim(),
    ...(draft.clientSecret ? { client_secret: draft.clientSecret } : {}),
    email_domains: draft.emailDomains,
    required: draft.required,
    break_glass_user_id: draft.required ? draft.breakGlassUserId : null,
  };
}

/**
 * The API's message for a field, in the words of the form: its own name at the start ("issuer must be …")
 * and any other field's key inside it become the field's label.
 */
export function readableFieldMessage(field: string, message: string): string {
  let text = message;
  const own = FIELD_NAMES[field as SsoField];
  if (own && text.startsWith(`${field} `)) text = `${own}${text.slice(field.length)}`;
  for (const [key, name] of Object.entries(FIELD_NAMES)) {
    if (key.includes('_')) text = text.replaceAll(key, name.charAt(0).toLowerCase() + name.slice(1));
  }
  return text;
}

/** The API's field messages that belong to this form, readable; `other` holds any it does not show on a field. */
export function serverProblems(fields: Record<string, string>): {
  byField: Partial<Record<SsoField, string>>;
  other: string[];
} {
  const byField: Partial<Record<SsoField, string>> = {};
  const other: string[] = [];
  for (const [field, message] of Object.entries(fields)) {
    if (Object.hasOwn(FIELD_NAMES, field)) byField[field as SsoField] = readableFieldMessage(field, message);
    else other.push(readableFieldMessage(field, message));
  }
  return { byField, other };
}

/** "login.acme.com" for an issuer URL (the whole text when it is not a URL). */
export function issuerHost(issuer: string | null): string {
  if (!issuer) return '';
  try {
    return new URL(issuer).host;
  } catch {
    return issuer;
  }
}
