import { RULES } from './catalogue';
import { isNycZip, NYC_3IN7_IN_FORCE_AT } from './data/nyc-zips';
import { capAt, digestHistory, WINDOW_MS, type HistoryDigest } from './history';
import { effectiveSettings, type EffectiveSettings } from './settings';
import type {
  AccountFacts,
  Attempt,
  Channel,
  CheckRequest,
  Decision,
  DialMode,
  Finding,
  RuleDefinition,
  RuleId,
  RuleSettings,
  TenantContext,
} from './types';
import { CHANNELS, CONSUMER_INITIATED_CHANNELS } from './types';
import { insideWindow, localMinuteOfDay, nextInsideAllWindows, resolveZones, type ResolvedZones } from './zones';

/** What one rule says at one instant; `until` (time-based rules) is when it passes by itself, null = never by itself. */
interface Verdict {
  severity: 'block' | 'warn';
  message: string;
  until?: number | null;
}

/** Everything a rule may read for one check. Derived data is computed lazily, once per check. */
interface Context {
  readonly facts: AccountFacts;
  readonly history: readonly Attempt[];
  readonly request: CheckRequest;
  readonly channel: Channel;
  readonly tenant: TenantContext;
  readonly settings: EffectiveSettings;
  readonly now: number;
  readonly state: string | null;
  /** The number/address about to be used is the account's own (the one the facts describe). */
  readonly ownPhone: boolean;
  /** Decided detail 30: an inbound call or a payment the consumer starts (never sms/email). */
  readonly consumerInitiated: boolean;
  readonly ownEmail: boolean;
  digest: HistoryDigest | null;
  zones: ResolvedZones | null;
  /** `until` of the federal hour/frequency blocks found so far at the instant being evaluated (CA_ROSENTHAL reads them). */
  federalTimedBlocks: (number | null)[];
}

/**
 * Which exemptions a rule is subject to: `federal` = an FDCPA/Reg F hour or frequency rule (first-party
 * tenants outside CA and the smoke-test account are exempt); `overlay` = a state/city frequency cap
 * (the smoke-test account is exempt); `derived` = CA_ROSENTHAL.
 */
type Timing = 'federal' | 'overlay' | 'derived' | null;

interface Rule {
  readonly definition: RuleDefinition;
  readonly timing: Timing;
  check(ctx: Context, t: number): Verdict | null;
}

const block = (message: string, until?: number | null): Verdict => ({ severity: 'block', message, until });
const warn = (message: string): Verdict => ({ severity: 'warn', message });

function digest(ctx: Context): HistoryDigest {
  return (ctx.digest ??= digestHistory(ctx.history, ctx.now, ctx.settings.connectedCountsAsConversation));
}

function zonesOf(ctx: Context): ResolvedZones {
  return (ctx.zones ??= resolveZones(ctx.facts, ctx.request.phone_number ?? ctx.facts.phone_number));
}

function hhmm(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

function capVerdict(times: readonly number[], t: number, cap: number, what: string): Verdict | null {
  const { count, until } = capAt(times, t, cap);
  if (until === null) return null;
  return block(`${count} ${what} in the last 168 h (cap ${cap})`, until);
}

const DEFINITIONS = new Map(RULES.map((definition) => [definition.id, definition]));

function rule(id: RuleId, timing: Timing, check: Rule['check']): Rule {
  return { definition: DEFINITIONS.get(id)!, timing, check };
}

const IMPLEMENTATIONS: Record<RuleId, Rule> = {
  BANKRUPTCY: rule('BANKRUPTCY', null, ({ facts }) => {
    // Literal catalogue reading: the flag blocks whatever the status (clear it once a dismissal is
    // confirmed); open/discharged block without the flag; dismissed alone only warns.
    if (facts.bankruptcy_status === 'open')
      return block('bankruptcy case open: automatic stay (payment requests included)');
    if (facts.bankruptcy_status === 'discharged') return block('debt discharged in bankruptcy');
    if (facts.bankruptcy_flag) {
      return block(
        facts.bankruptcy_status === 'dismissed'
          ? 'bankruptcy flag set (case marked dismissed: clear the flag once confirmed)'
          : 'bankruptcy on file',
      );
    }
    if (facts.bankruptcy_status === 'dismissed')
      return warn('bankruptcy case dismissed: the stay has lifted; confirm before collecting');
    return null;
  }),
  CEASE: rule('CEASE', null, ({ facts, channel, consumerInitiated }) => {
    if (facts.cease_requested_at === null || facts.cease_requested_at === undefined) return null;
    // 15 U.S.C. § 1692c(c) stops the collector's communications; a contact the consumer starts (decided detail
    // 30: an inbound call, or a payment the consumer starts) is answered, with a warning. A payment request
    // or a call the collector initiates is a communication and blocks.
    if (consumerInitiated) {
      return warn(
        channel === 'payment'
          ? 'cease request on file: accept the payment the consumer started, no further collection communication'
          : 'cease request on file: the consumer called in — answer the call, no further collection communication',
      );
    }
    return block(
      channel === 'payment'
        ? 'cease request on file: no collector-initiated payment requests'
        : 'consumer asked the collector to cease communication',
    );
  }),
  ATTORNEY: rule('ATTORNEY', null, ({ facts }) =>
    facts.attorney_represented ? block('consumer represented by an attorney: contact the attorney') : null,
  ),
  DISPUTE: rule('DISPUTE', null, ({ facts }) =>
    facts.dispute_open ? block('dispute open and verification not yet sent') : null,
  ),
  DECEASED: rule('DECEASED', null, ({ facts, channel, ownPhone, ownEmail }) => {
    if (!facts.deceased) return null;
    const own = channel === 'email' ? ownEmail : ownPhone;
    // The rule protects the consumer's own numbers and addresses; another one may be the estate's
    // representative's, which is allowed — with a warning to check.
    return own
      ? block("consumer deceased: no contact at the consumer's own numbers and addresses")
      : warn("consumer deceased: contact only the estate's representative");
  }),
  REG_F_7IN7: rule('REG_F_7IN7', 'federal', (ctx, t) =>
    capVerdict(digest(ctx).calls, t, ctx.settings.caps.REG_F_7IN7, 'counted call attempts'),
  ),
  REG_F_POSTCONV: rule('REG_F_POSTCONV', 'federal', (ctx, t) => {
    const last = digest(ctx).lastConversation;
    if (last <= t - WINDOW_MS) return null;
    const hours = Math.max(0, Math.floor((t - last) / 3_600_000));
    return block(`telephone conversation ${hours} h ago: no calls for 168 h after a conversation`, last + WINDOW_MS);
  }),
  CALL_HOURS: rule('CALL_HOURS', 'federal', (ctx, t) => {
    const zones = zonesOf(ctx);
    if (zones.unknown.length > 0) return block(`calling hours cannot be checked: ${zones.unknown.join('; ')}`, null);
    const { windowStart, windowEnd } = ctx.settings;
    let outside: string[] | null = null;
    let more = 0;
    for (const info of zones.infos) {
      if (insideWindow(info, t, windowStart, windowEnd)) continue;
      // The message names three zones at most; candidate_zones carries them all.
      if (outside === null) outside = [];
      if (outside.length < 3) outside.push(`${hhmm(localMinuteOfDay(info, t))} in ${info.name}`);
      else more++;
    }
    if (outside === null) return null;
    const local = `local time ${outside.join(', ')}${more > 0 ? ` (and ${more} more zones)` : ''}`;
    const window = `${hhmm(windowStart)}–${hhmm(windowEnd)}`;
    const next = nextInsideAllWindows(zones.infos, t, windowStart, windowEnd);
    if (next === null) {
      return block(
        `${local} is outside ${window}, and no instant in the next 48 h is inside ${window} in every candidate zone (${zones.zones.join(', ')}): state the consumer's zone`,
        null,
      );
    }
    return block(`${local} is outside ${window}`, next);
  }),
  WORKPLACE: rule('WORKPLACE', null, ({ facts, ownPhone }) => {
    if (!facts.employer_prohibits_calls) return null;
    // The facts carry no per-number "work number" flag: the flag is read as describing the account's own
    // number. Another number gets a warning to make sure it is not the work one.
    return ownPhone
      ? block('employer prohibits calls at work to this number')
      : warn('employer prohibits calls at work: make sure this is not a work number');
  }),
  WORK_EMAIL: rule('WORK_EMAIL', null, ({ facts, ownEmail }) =>
    facts.email_is_work && ownEmail ? block('employer-provided email address') : null,
  ),
  MEDIUM_BAN: rule('MEDIUM_BAN', null, ({ facts, channel }) =>
    facts.medium_bans?.includes(channel) ? block(`consumer asked not to be contacted by ${channel}`) : null,
  ),
  TCPA_CONSENT: rule('TCPA_CONSENT', null, ({ facts, channel, request }) => {
    const consent =
      facts.autodial_consent === true &&
      (facts.autodial_consent_revoked_at === null || facts.autodial_consent_revoked_at === undefined);
    if (consent) return null;
    if (channel === 'sms') return block('no unrevoked consent for text messages');
    if (!isAutomated(request.dial_mode)) return null;
    if (facts.phone_type === 'mobile')
      return block(`no unrevoked consent for ${request.dial_mode} calls to a mobile number`);
    // Catalogue: only phone_type=mobile blocks. An unknown type might be a mobile: say so without blocking.
    if (facts.phone_type === null || facts.phone_type === undefined || facts.phone_type === 'unknown') {
      return warn(`phone type unknown and no consent: ${request.dial_mode} calls need consent if it is a mobile`);
    }
    return null;
  }),
  TCPA_REVOKE: rule('TCPA_REVOKE', null, ({ facts }) =>
    // Catalogue: voice and SMS, whatever the dial mode, block at once.
    facts.autodial_consent_revoked_at !== null && facts.autodial_consent_revoked_at !== undefined
      ? block('consent revoked (STOP-type reply or agent record)')
      : null,
  ),
  E_OPT_OUT: rule('E_OPT_OUT', null, ({ facts, channel, ownPhone, ownEmail }) => {
    // 12 CFR 1006.6(e) opt-outs are per address/number: they describe the account's own ones.
    if (channel === 'email')
      return facts.email_opt_out_at !== null && facts.email_opt_out_at !== undefined && ownEmail
        ? block('consumer opted out of email at this address')
        : null;
    return facts.sms_opt_out_at !== null && facts.sms_opt_out_at !== undefined && ownPhone
      ? block('consumer opted out of text messages at this number')
      : null;
  }),
  SUPPRESSION: rule('SUPPRESSION', null, ({ tenant, channel }) =>
    (channel === 'email' ? tenant.suppressed_email : tenant.suppressed_phone)
      ? block(`${channel === 'email' ? 'email address' : 'number'} on the tenant's suppression list`)
      : null,
  ),
  TIME_BARRED: rule('TIME_BARRED', null, ({ facts, channel, state }) => {
    if (!facts.time_barred) return null;
    if (state === 'NY' && channel === 'payment' && !facts.time_barred_disclosure_given)
      return block('time-barred debt in New York: no payment request before the disclosure is given');
    return warn('time-barred debt: no threat of legal action');
  }),
  SCRA: rule('SCRA', null, ({ facts }) =>
    facts.scra_active_duty ? warn('consumer on active military duty: SCRA protections apply') : null,
  ),
  MA_2IN7: rule('MA_2IN7', 'overlay', (ctx, t) =>
    ctx.state === 'MA'
      ? capVerdict(digest(ctx).callsAndTexts, t, ctx.settings.caps.MA_2IN7, 'calls and texts (Massachusetts)')
      : null,
  ),
  WA_3PERWEEK: rule('WA_3PERWEEK', 'overlay', (ctx, t) =>
    ctx.state === 'WA'
      ? capVerdict(digest(ctx).communications, t, ctx.settings.caps.WA_3PERWEEK, 'communications (Washington)')
      : null,
  ),
  NYC_3IN7: rule('NYC_3IN7', 'overlay', (ctx, t) =>
    t >= NYC_3IN7_IN_FORCE_AT && isNycZip(ctx.facts.zip)
      ? capVerdict(digest(ctx).communications, t, ctx.settings.caps.NYC_3IN7, 'contacts or attempts (New York City)')
      : null,
  ),
  CA_ROSENTHAL: rule('CA_ROSENTHAL', 'derived', (ctx) => {
    // Fires only for first-party tenants (see `applies`): the federal hour/frequency blocks found at this
    // instant apply through the Rosenthal Act. It passes when they all pass.
    const blocks = ctx.federalTimedBlocks;
    if (blocks.length === 0) return null;
    let until: number | null = Number.NEGATIVE_INFINITY;
    for (const u of blocks) until = u === null || until === null ? null : Math.max(until, u);
    const where = ctx.state === 'CA' ? 'California' : 'state unknown, California not ruled out';
    return block(`${where}: the federal hour and frequency rules apply to creditors too`, until);
  }),
};

function isAutomated(mode: DialMode): boolean {
  return mode === 'automated' || mode === 'prerecorded';
}

/** The implementations in catalogue order. */
const ORDERED: readonly Rule[] = RULES.map((definition) => IMPLEMENTATIONS[definition.id]);
const TIME_BASED: readonly Rule[] = ORDERED.filter((r) => r.definition.time_based);
const CATALOGUE_INDEX = new Map(RULES.map((definition, index) => [definition.id as string, index]));

/**
 * First-party tenants are exempt from the federal hour/frequency rules except in California; with the
 * state unknown, California cannot be ruled out, so the exemption is not granted (fail closed).
 */
function mayBeCalifornia(ctx: Context): boolean {
  return ctx.state === null || ctx.state === 'CA';
}

function applies(r: Rule, ctx: Context): boolean {
  const definition = r.definition;
  if (!definition.channels.includes(ctx.channel)) return false;
  if (definition.kind === 'configurable' && ctx.settings.disabled.has(definition.id)) return false;
  if (r.timing === null) return true;
  // SPEC decided detail 10: the smoke-test account is exempt from frequency and hour rules.
  if (ctx.facts.is_test) return false;
  const firstParty = ctx.tenant.collector_kind === 'first_party';
  if (r.timing === 'federal') return !firstParty || mayBeCalifornia(ctx);
  if (r.timing === 'derived') return firstParty && mayBeCalifornia(ctx);
  return true;
}

/** Why a time-based block only warns when the consumer started the contact (decided detail 30). */
function consumerNote(id: RuleId, channel: Channel): string {
  if (id === 'CALL_HOURS') return 'the consumer called in and chose the time';
  if (id === 'REG_F_POSTCONV')
    return "the consumer called in: the pause limits the collector's calls, not the consumer's";
  if (channel === 'payment') return 'a payment the consumer started: the cap limits the collector-initiated contacts';
  return "the consumer called in: the cap limits the collector's calls, and this call is not counted";
}

/**
 * One rule at instant `t`. Decided detail 30: when the consumer started the contact (an inbound call, a
 * payment the consumer starts), the frequency caps and the calling hours — the time-based rules — warn
 * instead of blocking. CEASE decides it in its own check; every other block stands.
 */
function evaluate(r: Rule, ctx: Context, t: number): Verdict | null {
  const verdict = r.check(ctx, t);
  if (verdict === null || verdict.severity !== 'block' || !ctx.consumerInitiated || !r.definition.time_based)
    return verdict;
  return warn(`${verdict.message}; ${consumerNote(r.definition.id, ctx.channel)}`);
}

function digits(phone: string): string {
  return phone.replace(/\D/g, '');
}

function createContext(
  facts: AccountFacts,
  history: readonly Attempt[],
  request: CheckRequest,
  now: number,
  settings: RuleSettings,
  tenant: TenantContext,
): Context {
  const phone = request.phone_number;
  const email = request.email;
  return {
    facts,
    history,
    request,
    channel: request.channel,
    tenant,
    settings: effectiveSettings(settings),
    now,
    state: facts.state ? facts.state.toUpperCase() : null,
    ownPhone:
      phone === null ||
      phone === undefined ||
      phone === facts.phone_number ||
      (facts.phone_number !== null && digits(phone) === digits(facts.phone_number)),
    ownEmail:
      email === null ||
      email === undefined ||
      (facts.email !== null && email.trim().toLowerCase() === facts.email.trim().toLowerCase()),
    // On sms or email the statement means nothing (the API refuses it): read as collector-initiated, fail closed.
    consumerInitiated: request.initiated_by === 'consumer' && CONSUMER_INITIATED_CHANNELS.includes(request.channel),
    digest: null,
    zones: null,
    federalTimedBlocks: [],
  };
}

/**
 * Decides one contact check: runs the catalogue in order over the account's facts and history at `now`
 * (epoch ms; the library has no clock). Pure and deterministic. Throws a RangeError when `now` is not a
 * finite number (the caller fails closed).
 */
export function decide(
  facts: AccountFacts,
  history: readonly Attempt[],
  request: CheckRequest,
  now: number,
  settings: RuleSettings,
  tenant: TenantContext,
): Decision {
  if (!Number.isFinite(now)) throw new RangeError('decide: now must be epoch milliseconds');
  if (!CHANNELS.includes(request.channel)) throw new RangeError(`decide: unknown channel ${String(request.channel)}`);
  const ctx = createContext(facts, history, request, now, settings, tenant);
  const findings: Finding[] = [];
  const statutes: string[] = [];
  let blocks = 0;
  let timedBlocks = 0;
  let latest = now;
  let callHoursRan = false;
  for (const r of ORDERED) {
    if (!applies(r, ctx)) continue;
    if (r.definition.id === 'CALL_HOURS') callHoursRan = true;
    const verdict = evaluate(r, ctx, now);
    if (verdict === null) continue;
    const timeBased = r.definition.time_based && typeof verdict.until === 'number';
    findings.push({
      rule_id: r.definition.id,
      severity: verdict.severity,
      statute: r.definition.statute,
      message: verdict.message,
      time_based: timeBased,
    });
    if (verdict.severity !== 'block') continue;
    blocks++;
    if (!statutes.includes(r.definition.statute)) statutes.push(r.definition.statute);
    if (r.timing === 'federal') ctx.federalTimedBlocks.push(timeBased ? verdict.until! : null);
    if (timeBased) {
      timedBlocks++;
      if (verdict.until! > latest) latest = verdict.until!;
    }
  }
  return {
    allowed: blocks === 0,
    findings,
    statutes,
    next_allowed_at: blocks > 0 && blocks === timedBlocks ? settle(ctx, latest) : null,
    candidate_zones: callHoursRan && ctx.zones ? [...ctx.zones.zones] : [],
  };
}

/**
 * The earliest instant at which every time-based rule passes: start from the latest individual
 * `next_allowed_at`, re-check every time-based rule there (a later instant can fall outside calling hours,
 * or into the NYC rule's start), and repeat. Caps only relax as time passes, so a few rounds settle it.
 */
function settle(ctx: Context, from: number): number | null {
  let t = from;
  for (let round = 0; round < 16; round++) {
    ctx.federalTimedBlocks = [];
    let blocked = false;
    let next = t;
    for (const r of TIME_BASED) {
      if (!applies(r, ctx)) continue;
      const verdict = evaluate(r, ctx, t);
      if (verdict === null || verdict.severity !== 'block') continue;
      const until = typeof verdict.until === 'number' ? verdict.until : null;
      if (r.timing === 'federal') ctx.federalTimedBlocks.push(until);
      if (until === null) return null;
      blocked = true;
      if (until > next) next = until;
    }
    if (!blocked) return t;
    if (next <= t) return null;
    t = next;
  }
  return null;
}

/** Options of the intake scan. */
export interface ScanOptions {
  /** The account's usual channel set; every channel by default. */
  channels?: readonly Channel[];
  /** The dial mode voice is scanned with; `automated`, the gate's default for voice, by default. */
  dial_mode?: DialMode;
}

/**
 * docs/rules.md "Scan mode (imports)": the account-level rules (everything but CALL_HOURS and the frequency caps) for
 * the account's usual channels, with the account's own number and address. One finding per rule and
 * severity, in catalogue order, with `channels` naming where it fired. A row counts as blocked when a
 * finding blocks voice: see `blocksVoice`.
 */
export function scanAccount(
  facts: AccountFacts,
  settings: RuleSettings,
  tenant: TenantContext,
  options: ScanOptions = {},
): Finding[] {
  const merged = new Map<string, Finding & { channels: Channel[] }>();
  for (const channel of options.channels ?? CHANNELS) {
    const request: CheckRequest = {
      channel,
      dial_mode: options.dial_mode ?? 'automated',
      phone_number: null,
      email: null,
    };
    // Account-level rules never read the clock: 0 stands in for `now`.
    const ctx = createContext(facts, [], request, 0, settings, tenant);
    for (const r of ORDERED) {
      if (r.definition.time_based || !applies(r, ctx)) continue;
      const verdict = r.check(ctx, 0);
      if (verdict === null) continue;
      const key = `${r.definition.id}\u0000${verdict.severity}`;
      const existing = merged.get(key);
      if (existing) existing.channels.push(channel);
      else {
        merged.set(key, {
          rule_id: r.definition.id,
          severity: verdict.severity,
          statute: r.definition.statute,
          message: verdict.message,
          time_based: false,
          channels: [channel],
        });
      }
    }
  }
  return [...merged.values()].sort(
    (a, b) =>
      CATALOGUE_INDEX.get(a.rule_id)! - CATALOGUE_INDEX.get(b.rule_id)! ||
      (a.severity === b.severity ? 0 : a.severity === 'block' ? -1 : 1),
  );
}

/** Scan mode: a row counts as blocked when any finding blocks voice. */
export function blocksVoice(findings: readonly Finding[]): boolean {
  return findings.some(
    (finding) => finding.severity === 'block' && (finding.channels === undefined || finding.channels.includes('voice')),
  );
}

/** The gate's special block when the account is unknown: its history cannot be counted. */
export const ACCOUNT_NOT_FOUND: Finding = Object.freeze({
  rule_id: 'ACCOUNT_NOT_FOUND',
  severity: 'block',
  statute: '12 CFR 1006.14(b)',
  message: 'account not found: its facts and contact history cannot be checked',
  time_based: false,
});

/** The gate's special block when it cannot decide (database down, timeout): SPEC G6, fail closed. */
export const GATE_UNAVAILABLE: Finding = Object.freeze({
  rule_id: 'GATE_UNAVAILABLE',
  severity: 'block',
  statute: 'gate policy: fail closed',
  message: 'the gate could not decide (database unavailable or timeout)',
  time_based: false,
});

/** A decision made of one special finding (ACCOUNT_NOT_FOUND, GATE_UNAVAILABLE), shaped like `decide`'s. */
export function specialDecision(finding: Finding): Decision {
  const copy = { ...finding };
  return {
    allowed: copy.severity !== 'block',
    findings: [copy],
    statutes: copy.severity === 'block' ? [copy.statute] : [],
    next_allowed_at: null,
    candidate_zones: [],
  };
}
