import type { CapRuleId, Channel, RuleDefinition, RuleId } from './types';

const ALL: readonly Channel[] = ['voice', 'sms', 'email', 'payment'];
const CONTACT: readonly Channel[] = ['voice', 'sms', 'email'];

function rule(definition: Omit<RuleDefinition, 'mandatory' | 'description'>): RuleDefinition {
  return Object.freeze({
    ...definition,
    mandatory: definition.kind === 'mandatory',
    description: definition.reason,
    channels: Object.freeze([...definition.channels]),
  });
}

/** The rule catalogue (docs/rules.md), in catalogue order: findings and statutes follow this order. */
export const RULES: readonly RuleDefinition[] = Object.freeze([
  rule({
    id: 'BANKRUPTCY',
    statute: '11 U.S.C. § 362(a)(6); § 524(a)(2)',
    channels: ALL,
    kind: 'mandatory',
    scope: 'federal',
    reason:
      'Bankruptcy flag, or a case open or discharged, blocks (payment requests included); a dismissed case warns.',
    time_based: false,
  }),
  rule({
    id: 'CEASE',
    statute: '15 U.S.C. § 1692c(c); 12 CFR 1006.6(c)',
    channels: ALL,
    kind: 'mandatory',
    scope: 'federal',
    reason:
      'A cease/refuse-to-pay request on file blocks voice, SMS, email and payment requests; a contact the consumer started (an inbound call, or a payment the consumer starts) only warns.',
    time_based: false,
  }),
  rule({
    id: 'ATTORNEY',
    statute: '15 U.S.C. § 1692c(a)(2); 12 CFR 1006.6(b)(2)',
    channels: ALL,
    kind: 'mandatory',
    scope: 'federal',
    reason: 'The consumer is represented by an attorney: contact goes to the attorney.',
    time_based: false,
  }),
  rule({
    id: 'DISPUTE',
    statute: '15 U.S.C. § 1692g(b); 12 CFR 1006.38',
    channels: ALL,
    kind: 'mandatory',
    scope: 'federal',
    reason: 'A dispute is open and verification has not been sent: collection stops.',
    time_based: false,
  }),
  rule({
    id: 'DECEASED',
    statute: '12 CFR 1006.6(a)(4)',
    channels: CONTACT,
    kind: 'mandatory',
    scope: 'federal',
    reason: "The consumer is deceased: no contact at the consumer's own numbers and addresses.",
    time_based: false,
  }),
  rule({
    id: 'REG_F_7IN7',
    statute: '12 CFR 1006.14(b)(2)(i)(A)',
    channels: ['voice'],
    kind: 'mandatory',
    scope: 'federal',
    reason:
      '7 or more counted call attempts in the last 168 hours block the next one. An inbound call (the consumer called) only warns and is not counted.',
    time_based: true,
    default_cap: 7,
  }),
  rule({
    id: 'REG_F_POSTCONV',
    statute: '12 CFR 1006.14(b)(2)(i)(B)',
    channels: ['voice'],
    kind: 'mandatory',
    scope: 'federal',
    reason:
      'A telephone conversation in the last 168 hours (an inbound call included) blocks calls; an inbound call itself only warns.',
    time_based: true,
  }),
  rule({
    id: 'CALL_HOURS',
    statute: '15 U.S.C. § 1692c(a)(1); 12 CFR 1006.6(b)(1)(i)',
    channels: CONTACT,
    kind: 'mandatory',
    scope: 'federal',
    reason:
      'Local time must be within 08:00–21:00 in every candidate time zone of the consumer; an inbound call only warns (the consumer chose the time).',
    time_based: true,
  }),
  rule({
    id: 'WORKPLACE',
    statute: '15 U.S.C. § 1692c(a)(3)',
    channels: ['voice'],
    kind: 'mandatory',
    scope: 'federal',
    reason: 'The employer prohibits calls and the number is a work number.',
    time_based: false,
  }),
  rule({
    id: 'WORK_EMAIL',
    statute: '12 CFR 1006.22(f)(3)',
    channels: ['email'],
    kind: 'mandatory',
    scope: 'federal',
    reason: 'The email address is an employer-provided one.',
    time_based: false,
  }),
  rule({
    id: 'MEDIUM_BAN',
    statute: '12 CFR 1006.14(h)',
    channels: ALL,
    kind: 'mandatory',
    scope: 'federal',
    reason: 'The consumer asked not to be contacted by this medium.',
    time_based: false,
  }),
  rule({
    id: 'TCPA_CONSENT',
    statute: '47 U.S.C. § 227(b)(1)(A)(iii); 47 CFR 64.1200(a)',
    channels: ['voice', 'sms'],
    kind: 'mandatory',
    scope: 'federal',
    reason: 'Texts, and automated or prerecorded calls to a mobile number, need unrevoked consent.',
    time_based: false,
  }),
  rule({
    id: 'TCPA_REVOKE',
    statute: '47 CFR 64.1200(a)(10)',
    channels: ['voice', 'sms'],
    kind: 'mandatory',
    scope: 'federal',
    reason: 'Consent was revoked (a STOP-type reply or an agent record): calls and texts stop at once.',
    time_based: false,
  }),
  rule({
    id: 'E_OPT_OUT',
    statute: '12 CFR 1006.6(e)',
    channels: ['email', 'sms'],
    kind: 'mandatory',
    scope: 'federal',
    reason: 'The consumer opted out of electronic communications at this address or number.',
    time_based: false,
  }),
  rule({
    id: 'SUPPRESSION',
    statute: 'tenant policy',
    channels: CONTACT,
    kind: 'configurable',
    scope: 'tenant',
    reason: "The number or email is on the tenant's suppression list.",
    time_based: false,
  }),
  rule({
    id: 'TIME_BARRED',
    statute: '12 CFR 1006.26(b)',
    channels: ALL,
    kind: 'mandatory',
    scope: 'federal',
    reason:
      'Time-barred debt: no threat of legal action (warn). In New York, payment requests wait for the disclosure.',
    time_based: false,
  }),
  rule({
    id: 'SCRA',
    statute: '50 U.S.C. § 3901 et seq.',
    channels: ALL,
    kind: 'mandatory',
    scope: 'federal',
    reason: 'The consumer is on active military duty (warn).',
    time_based: false,
  }),
  rule({
    id: 'MA_2IN7',
    statute: '940 CMR 7.04(1)(f); 209 CMR 18.16',
    channels: ['voice', 'sms'],
    kind: 'mandatory',
    scope: 'state',
    reason:
      'Massachusetts: 2 or more collector-initiated calls or texts (voicemails count) in 168 hours block the next one. An inbound call only warns and is not counted.',
    time_based: true,
    default_cap: 2,
  }),
  rule({
    id: 'WA_3PERWEEK',
    statute: 'RCW 19.16.250',
    channels: ALL,
    kind: 'mandatory',
    scope: 'state',
    reason:
      'Washington: 3 or more communications in 168 hours block the next one. A contact the consumer started (an inbound call, or a payment the consumer starts) only warns and is not counted.',
    time_based: true,
    default_cap: 3,
  }),
  rule({
    id: 'NYC_3IN7',
    statute: '6 RCNY 5-77 (in force from 2026-09-01)',
    channels: ALL,
    kind: 'mandatory',
    scope: 'city',
    reason:
      'New York City (ZIP in the five boroughs), from 2026-09-01: 3 or more contacts or attempts in 168 hours across channels block the next one. A contact the consumer started (an inbound call, or a payment the consumer starts) only warns and is not counted.',
    time_based: true,
    default_cap: 3,
  }),
  rule({
    id: 'CA_ROSENTHAL',
    statute: 'Cal. Civ. Code § 1788.17',
    channels: ALL,
    kind: 'mandatory',
    scope: 'state',
    reason: 'California: the federal frequency and hour rules apply to first-party (creditor) tenants too.',
    time_based: true,
  }),
]);

export const RULE_IDS: readonly RuleId[] = Object.freeze(RULES.map((definition) => definition.id));

export const RULES_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(
  RULES.map((definition) => [definition.id, definition]),
);

/** Default caps ("block when count >= cap") of the numbers a tenant may tighten. */
export const DEFAULT_CAPS: Readonly<Record<CapRuleId, number>> = Object.freeze({
  REG_F_7IN7: 7,
  MA_2IN7: 2,
  WA_3PERWEEK: 3,
  NYC_3IN7: 3,
});

/** The default calling window, local time: [08:00, 21:00). */
export const DEFAULT_CALL_WINDOW = Object.freeze({ start_hour: 8, end_hour: 21 });
