/**
 * The values of the API's enumerations as people read them. A key of the code (`would_block`, `no_answer`,
 * `data-quality`) is never shown as text: every page says it with these words, and a value this panel does
 * not know yet still reads as words (`inWords`).
 */

/** `some_key` or `some-key` → "Some key". */
export function inWords(key: string | null | undefined): string {
  if (!key) return '—';
  const text = key.replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const wordsFrom =
  (labels: Readonly<Record<string, string>>) =>
  (key: string | null | undefined): string =>
    key ? (labels[key] ?? inWords(key)) : '—';

/** A gate decision's outcome. */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  allowed: 'Allowed',
  blocked: 'Blocked',
  would_block: 'Would block',
};
export const outcomeLabel = wordsFrom(OUTCOME_LABELS);

/** What a contact attempt came to, as a dialer, an SMS platform or an import reported it. */
export const DISPOSITION_LABELS: Readonly<Record<string, string>> = {
  no_answer: 'No answer',
  voicemail: 'Voicemail',
  busy: 'Busy',
  failed: 'Failed',
  connected: 'Connected',
  answered: 'Answered',
  conversation: 'Conversation',
  delivered: 'Delivered',
  opt_out: 'Opted out',
  pending: 'Waiting for the outcome',
};
export const dispositionLabel = wordsFrom(DISPOSITION_LABELS);

/** What a dispute (an annotation on a decision) is about. */
export const DISPUTE_CATEGORY_LABELS: Readonly<Record<string, string>> = {
  'data-quality': 'Data quality',
  disagree: 'Disagrees with the decision',
  other: 'Other',
};
export const disputeCategoryLabel = wordsFrom(DISPUTE_CATEGORY_LABELS);

/** Choices for a select over these values, labelled in words. */
export const choicesInWords = (values: readonly string[], label: (value: string) => string = inWords) =>
  values.map((value) => ({ id: value, name: label(value) }));

/** A channel of contact. */
export const CHANNEL_WORDS: Readonly<Record<string, string>> = {
  voice: 'Voice',
  sms: 'SMS',
  email: 'Email',
  payment: 'Payment',
};
export const channelWord = wordsFrom(CHANNEL_WORDS);

/** How a call was dialled. */
export const DIAL_MODE_LABELS: Readonly<Record<string, string>> = { manual: 'Manual', automated: 'Automated (dialer)' };
export const dialModeLabel = wordsFrom(DIAL_MODE_LABELS);

/** The enforcement mode a decision was made in. */
export const MODE_LABELS: Readonly<Record<string, string>> = { shadow: 'Shadow', enforce: 'Enforce' };
export const modeLabel = wordsFrom(MODE_LABELS);
