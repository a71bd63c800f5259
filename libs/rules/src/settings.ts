import { DEFAULT_CALL_WINDOW, DEFAULT_CAPS, RULES_BY_ID } from './catalogue';
import type { CapRuleId, RuleSettings } from './types';

/** Settings as the engine reads them: every number present, never looser than the catalogue. */
export interface EffectiveSettings {
  readonly disabled: ReadonlySet<string>;
  readonly caps: Readonly<Record<CapRuleId, number>>;
  /** Calling window in local minutes of the day, [start, end). */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly connectedCountsAsConversation: boolean;
}

const CAP_IDS = Object.keys(DEFAULT_CAPS) as CapRuleId[];
const SETTING_KEYS = new Set(['disabled', 'caps', 'call_window', 'connected_counts_as_conversation']);

const DEFAULT_EFFECTIVE: EffectiveSettings = Object.freeze({
  disabled: new Set<string>(),
  caps: DEFAULT_CAPS,
  windowStart: DEFAULT_CALL_WINDOW.start_hour * 60,
  windowEnd: DEFAULT_CALL_WINDOW.end_hour * 60,
  connectedCountsAsConversation: false,
});

// The gate keeps one settings object per tenant in its cache, so the effective form is computed once per object.
const effectiveCache = new WeakMap<object, EffectiveSettings>();

/**
 * The effective settings for `decide`. Defensive on purpose: even settings that bypassed
 * `validateSettings` can never loosen a mandatory rule (a looser cap or window falls back to the
 * catalogue's; a mandatory rule in `disabled` stays on).
 */
export function effectiveSettings(settings: RuleSettings | null | undefined): EffectiveSettings {
  if (!settings || typeof settings !== 'object') return DEFAULT_EFFECTIVE;
  const cached = effectiveCache.get(settings);
  if (cached) return cached;
  const disabled = new Set<string>();
  for (const id of Array.isArray(settings.disabled) ? settings.disabled : []) {
    if (RULES_BY_ID.get(id)?.kind === 'configurable') disabled.add(id);
  }
  const caps = { ...DEFAULT_CAPS };
  for (const id of CAP_IDS) {
    const value = settings.caps?.[id];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= DEFAULT_CAPS[id])
      caps[id] = value;
  }
  let windowStart = DEFAULT_EFFECTIVE.windowStart;
  let windowEnd = DEFAULT_EFFECTIVE.windowEnd;
  const window = settings.call_window;
  if (window && windowProblems(window.start_hour, window.end_hour).length === 0) {
    windowStart = window.start_hour * 60;
    windowEnd = window.end_hour * 60;
  }
  const effective: EffectiveSettings = Object.freeze({
    disabled,
    caps: Object.freeze(caps),
    windowStart,
    windowEnd,
    connectedCountsAsConversation: settings.connected_counts_as_conversation === true,
  });
  effectiveCache.set(settings, effective);
  return effective;
}

function isHalfHour(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Number.isInteger(value * 2);
}

function windowProblems(start: unknown, end: unknown): string[] {
  const problems: string[] = [];
  if (!isHalfHour(start) || !isHalfHour(end)) problems.push('hours must be whole or half hours');
  else {
    if (start < DEFAULT_CALL_WINDOW.start_hour) problems.push('start_hour');
    if (end > DEFAULT_CALL_WINDOW.end_hour) problems.push('end_hour');
    if (start >= end) problems.push('order');
  }
  return problems;
}

export type SettingsValidation = { ok: true; settings: RuleSettings } | { ok: false; errors: Record<string, string[]> };

/**
 * Validates tenant rule settings: a tenant may switch `configurable` rules off and tighten numbers, never
 * loosen or switch off a mandatory rule. Errors are keyed by field (`disabled`, `caps.REG_F_7IN7`,
 * `call_window.start_hour`, ...). On success the settings come back normalised (deduplicated, copied).
 */
export function validateSettings(settings: unknown): SettingsValidation {
  // No prototype: a key named `constructor` or `__proto__` is reported like any other.
  const errors: Record<string, string[]> = Object.create(null);
  const fail = (field: string, message: string): void => {
    (errors[field] ??= []).push(message);
  };
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    return { ok: false, errors: { settings: ['must be an object'] } };
  }
  const input = settings as Record<string, unknown>;
  const out: RuleSettings = {};
  for (const key of Object.keys(input)) if (!SETTING_KEYS.has(key)) fail(key, 'is not a rule setting');

  if (input.disabled !== undefined) {
    if (!Array.isArray(input.disabled)) fail('disabled', 'must be a list of rule ids');
    else {
      const disabled: string[] = [];
      for (const id of input.disabled) {
        if (typeof id !== 'string') fail('disabled', 'must contain rule ids (strings)');
        else if (!RULES_BY_ID.has(id)) fail('disabled', `${id} is not a rule of the catalogue`);
        else if (RULES_BY_ID.get(id)!.kind === 'mandatory')
          fail('disabled', `${id} is mandatory and cannot be switched off`);
        else if (!disabled.includes(id)) disabled.push(id);
      }
      out.disabled = disabled;
    }
  }

  if (input.caps !== undefined) {
    if (input.caps === null || typeof input.caps !== 'object' || Array.isArray(input.caps))
      fail('caps', 'must be an object of rule id → number');
    else {
      const caps: Partial<Record<CapRuleId, number>> = {};
      for (const [id, value] of Object.entries(input.caps as Record<string, unknown>)) {
        const field = `caps.${id}`;
        if (!(CAP_IDS as string[]).includes(id)) {
          fail(field, `is not a number a tenant may set (one of ${CAP_IDS.join(', ')})`);
          continue;
        }
        const max = DEFAULT_CAPS[id as CapRuleId];
        if (typeof value !== 'number' || !Number.isInteger(value)) fail(field, 'must be a whole number');
        else if (value > max)
          fail(field, `must be at most ${max}: ${id} is mandatory and may only be tightened, never loosened`);
        else if (value < 1) fail(field, 'must be at least 1');
        else caps[id as CapRuleId] = value;
      }
      out.caps = caps;
    }
  }

  if (input.call_window !== undefined) {
    const window = input.call_window as Record<string, unknown> | null;
    if (window === null || typeof window !== 'object' || Array.isArray(window))
      fail('call_window', 'must be an object with start_hour and end_hour');
    else {
      for (const key of Object.keys(window))
        if (key !== 'start_hour' && key !== 'end_hour') fail(`call_window.${key}`, 'is not a call window field');
      const { start_hour: start, end_hour: end } = window;
      let valid = true;
      for (const [field, value] of [
        ['start_hour', start],
        ['end_hour', end],
      ] as const) {
        if (!isHalfHour(value)) {
          fail(`call_window.${field}`, 'must be a whole or half hour (e.g. 8, 8.5)');
          valid = false;
        }
      }
      if (valid) {
        const problems = windowProblems(start, end);
        if (problems.includes('start_hour'))
          fail(
            'call_window.start_hour',
            `must be at least ${DEFAULT_CALL_WINDOW.start_hour}: the calling window may only be narrowed`,
          );
        if (problems.includes('end_hour'))
          fail(
            'call_window.end_hour',
            `must be at most ${DEFAULT_CALL_WINDOW.end_hour}: the calling window may only be narrowed`,
          );
        if (problems.includes('order')) fail('call_window', 'start_hour must be before end_hour');
        if (problems.length === 0) out.call_window = { start_hour: start as number, end_hour: end as number };
      }
    }
  }

  if (input.connected_counts_as_conversation !== undefined) {
    if (typeof input.connected_counts_as_conversation !== 'boolean')
      fail('connected_counts_as_conversation', 'must be true or false');
    else out.connected_counts_as_conversation = input.connected_counts_as_conversation;
  }

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, settings: out };
}
