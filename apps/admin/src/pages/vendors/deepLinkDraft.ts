import {
  DEEP_LINK_LABEL_MAX,
  templateProblems,
  type DeepLinkCategory,
  type DeepLinkView,
  type VendorCardView,
  type VendorKind,
} from '@floor-os/contracts';

/** The deep-link form of a vendor card, as typed (the sort order stays text until it is sent). */
export interface DeepLinkDraft {
  enabled: boolean;
  label: string;
  category: DeepLinkCategory;
  url_template: string;
  sort_order: string;
}

/** What `PUT /vendors/{vendor}` takes; the secret only when one was typed (it is write-only). */
export interface VendorUpdate {
  enabled: boolean;
  webhook_secret?: string;
  deep_link: {
    enabled: boolean;
    label: string;
    category: DeepLinkCategory;
    url_template: string;
    sort_order: number;
  } | null;
}

export const SECRET_MIN = 16;
export const SECRET_MAX = 200;

// A new link starts in the category its vendor is for; a CRM link asks no gate by default.
const DEFAULT_CATEGORY: Record<VendorKind, DeepLinkCategory> = {
  dialer: 'voice',
  sms: 'sms',
  email: 'email',
  payment: 'payment',
  crm: 'other',
};

export function draftOf(link: DeepLinkView | null, kind: VendorKind): DeepLinkDraft {
  if (!link) return { enabled: true, label: '', category: DEFAULT_CATEGORY[kind], url_template: '', sort_order: '0' };
  return {
    enabled: link.enabled,
    label: link.label,
    category: link.category,
    url_template: link.url_template,
    sort_order: String(link.sort_order),
  };
}

/** No template and no label: the card has no deep link (saving removes one it had). */
export function isEmptyDraft(draft: DeepLinkDraft): boolean {
  return draft.url_template.trim() === '' && draft.label.trim() === '';
}

/** Problems per deep-link field (`url_template`, `label`, `sort_order`), the API's rules checked in the browser. */
export function draftProblems(draft: DeepLinkDraft): Record<string, string> {
  if (isEmptyDraft(draft)) return {};
  const problems: Record<string, string> = {};
  const template = templateProblems(draft.url_template);
  if (template.length > 0) problems.url_template = template.join('; ');
  const label = draft.label.trim();
  if (label === '') problems.label = 'label is required';
  else if (label.length > DEEP_LINK_LABEL_MAX)
    problems.label = `label must be at most ${DEEP_LINK_LABEL_MAX} characters`;
  if (!/^\d{1,3}$/.test(draft.sort_order.trim()))
    problems.sort_order = 'sort order must be a whole number from 0 to 999';
  return problems;
}

export function secretProblem(secret: string): string | undefined {
  if (secret === '' || (secret.length >= SECRET_MIN && secret.length <= SECRET_MAX)) return undefined;
  return `the secret must be ${SECRET_MIN} to ${SECRET_MAX} characters`;
}

export function updateOf(enabled: boolean, secret: string, draft: DeepLinkDraft): VendorUpdate {
  const update: VendorUpdate = {
    enabled,
    deep_link: isEmptyDraft(draft)
      ? null
      : {
          enabled: draft.enabled,
          label: draft.label.trim(),
          category: draft.category,
          url_template: draft.url_template.trim(),
          sort_order: Number(draft.sort_order.trim()),
        },
  };
  if (secret !== '') update.webhook_secret = secret;
  return update;
}

const VENDOR_NAMES: Record<string, string> = {
  five9: 'Five9',
  twilio: 'Twilio',
  convoso: 'Convoso',
  generic: 'Generic dialer',
  crm: 'CRM',
  payment: 'Payment processor',
  sms: 'SMS sender',
  email: 'Email sender',
};

export function vendorName(card: Pick<VendorCardView, 'vendor'>): string {
  return VENDOR_NAMES[card.vendor] ?? card.vendor;
}

/** How each signing scheme works, in the words a vendor's admin console uses (SPEC W2). */
export const SIGNING_SCHEMES: Record<NonNullable<VendorCardView['signing']>, string> = {
  twilio:
    "X-Twilio-Signature: Twilio's own HMAC-SHA1 over the public URL and the form parameters, with this secret as the auth token",
  floor:
    'X-Floor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>, accepted within 5 minutes',
  hmac_or_token:
    'X-Signature-SHA256: hex HMAC-SHA256(secret, raw body); or, where the dialer cannot sign, this secret as a token in X-Floor-Token or ?token=',
};
