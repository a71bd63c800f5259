/**
 * Report time in the tenant's zone (decided details 23 and 25).
 *
 * - Instants are epoch milliseconds; local calendar dates are ISO strings `YYYY-MM-DD`. A week is named by
 *   its Monday (`week_start`) and runs Monday 00:00 to the next Monday 00:00 local time, so a week that
 *   crosses a DST change lasts 167 or 169 hours, a day 23 or 25.
 * - Tenants choose among `REPORT_ZONES`: the US zones of the rules catalogue (`US_ZONES` of libs/rules) and
 *   the zones of the five inhabited US territories in its state table. The freely associated states
 *   (Micronesia, the Marshall Islands, Palau) are in that table for their ZIP codes but are not the US.
 *   Every one of these zones is a whole number of hours from UTC, so local days and weeks are sums of the
 *   rollups' UTC hours (the spec test checks the offsets).
 * - Every function refuses (RangeError) a zone outside that list, a malformed or impossible date and an
 *   instant outside the years 1900–9999.
 */
import { STATE_ZONES, US_ZONES } from '@floor-os/rules/tables';
import { DateTime } from 'luxon';
import { describeValue } from './util';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const DAYS_PER_WEEK = 7;

/** A tenant's zone until its Tenant Admin sets one (decided detail 23). */
export const DEFAULT_REPORT_ZONE = 'America/New_York';

/** USPS codes of the inhabited US territories: American Samoa, Guam, Northern Mariana Islands, Puerto Rico, US Virgin Islands. */
export const US_TERRITORY_CODES: readonly string[] = Object.freeze(['AS', 'GU', 'MP', 'PR', 'VI']);

/** Every zone a tenant may report in: the rules catalogue's US zones, then the territories' zones. */
export const REPORT_ZONES: readonly string[] = Object.freeze([
  ...new Set([...US_ZONES, ...US_TERRITORY_CODES.flatMap((code) => STATE_ZONES.get(code) ?? [])]),
]);

const REPORT_ZONE_SET: ReadonlySet<string> = new Set(REPORT_ZONES);

/** Plain names for the zones people pick most; the others show their IANA name. */
const ZONE_LABELS: ReadonlyMap<string, string> = new Map([
  ['America/New_York', 'Eastern (New York)'],
  ['America/Chicago', 'Central (Chicago)'],
  ['America/Denver', 'Mountain (Denver)'],
  ['America/Phoenix', 'Mountain, no daylight saving (Phoenix)'],
  ['America/Los_Angeles', 'Pacific (Los Angeles)'],
  ['America/Anchorage', 'Alaska (Anchorage)'],
  ['America/Adak', 'Hawaii–Aleutian (Adak)'],
  ['Pacific/Honolulu', 'Hawaii (Honolulu)'],
  ['America/Puerto_Rico', 'Atlantic (Puerto Rico)'],
  ['America/St_Thomas', 'Atlantic (US Virgin Islands)'],
  ['Pacific/Guam', 'Chamorro (Guam)'],
  ['Pacific/Saipan', 'Chamorro (Northern Mariana Islands)'],
  ['Pacific/Pago_Pago', 'Samoa (American Samoa)'],
]);

/** The zone picker's options: the named zones first (east to west, then the territories), then the rest. */
export const REPORT_ZONE_OPTIONS: readonly { id: string; label: string }[] = Object.freeze([
  ...[...ZONE_LABELS].filter(([id]) => REPORT_ZONE_SET.has(id)).map(([id, label]) => ({ id, label })),
  ...REPORT_ZONES.filter((id) => !ZONE_LABELS.has(id)).map((id) => ({ id, label: id.replaceAll('_', ' ') })),
]);

/** Whether `value` names a zone a tenant may report in (exact IANA spelling). */
export function isReportZone(value: unknown): value is string {
  return typeof value === 'string' && REPORT_ZONE_SET.has(value);
}

/**
 * The dates and instants the functions accept: dates from 1900-01-01 to 9999-12-31, instants a week inside
 * that range, so an instant's local date and its week's Monday are always valid dates too.
 */
const EARLIEST_DATE_MS = Date.UTC(1900, 0, 1);
const LATEST_DATE_MS = Date.UTC(9999, 11, 31);
const EARLIEST_MS = EARLIEST_DATE_MS + DAYS_PER_WEEK * DAY_MS;
const LATEST_MS = LATEST_DATE_MS - DAYS_PER_WEEK * DAY_MS;

/**
 * The longest window `hoursOfWindow` and its kin expand: decisions are kept at least three years (decided
 * detail 16), so three leap years of hours.
 */
export const MAX_WINDOW_HOURS = 3 * 366 * 24;

/** Local hour of the WeeklyReview's run on Mondays (decided detail 23). */
export const WEEKLY_RUN_LOCAL_HOUR = 7;

/** Windows up to this long trend by UTC hour; longer ones by local day (the coverage trend). */
export const HOURLY_TREND_MAX_MS = 72 * HOUR_MS;

/** How many missed weeks `missedWeeks` answers at most unless told otherwise: the newest year. */
export const MAX_CATCH_UP_WEEKS = 52;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An instant's window `[from, to)` in epoch milliseconds. */
export interface InstantWindow {
  from: number;
  to: number;
}

/** `value` when it is a real calendar date `YYYY-MM-DD` from 1900-01-01 to 9999-12-31, else null. */
export function parseLocalDate(value: unknown): string | null {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) return null;
  const date = DateTime.fromISO(value, { zone: 'utc' });
  if (!date.isValid || date.toISODate() !== value) return null;
  return date.toMillis() >= EARLIEST_DATE_MS && date.toMillis() <= LATEST_DATE_MS ? value : null;
}

/** Whether a local date is a Monday (false for anything that is not a date). */
export function isMonday(date: unknown): boolean {
  const parsed = parseLocalDate(date);
  return parsed !== null && DateTime.fromISO(parsed, { zone: 'utc' }).weekday === 1;
}

/** The calendar date `days` after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  const start = checkDate(date, 'date');
  if (!Number.isSafeInteger(days)) throw new RangeError('days must be an integer');
  const result = DateTime.fromISO(start, { zone: 'utc' }).plus({ days }).toISODate();
  const checked = parseLocalDate(result);
  if (checked === null) throw new RangeError(`${start} plus ${days} days is out of range`);
  return checked;
}

/** The local calendar date of an instant in the zone. */
export function localDate(instant: number, zone: string): string {
  return local(instant, zone).toISODate()!;
}

/** The instants a local day starts and ends (the next day's start): 23 or 25 hours apart on DST days. */
export function localDayBounds(date: string, zone: string): InstantWindow {
  checkZone(zone);
  const day = checkDate(date, 'date');
  return { from: startOfLocalDay(day, zone), to: startOfLocalDay(addDays(day, 1), zone) };
}

/** The Monday (local date) of the week holding the instant. */
export function weekStart(instant: number, zone: string): string {
  return local(instant, zone).startOf('week').toISODate()!;
}

/** A week's instants: its Monday 00:00 local to the next Monday 00:00 local (167, 168 or 169 hours). */
export function weekBounds(weekStartDate: string, zone: string): InstantWindow {
  checkZone(zone);
  const monday = checkMonday(weekStartDate, 'week start');
  return { from: startOfLocalDay(monday, zone), to: startOfLocalDay(addDays(monday, DAYS_PER_WEEK), zone) };
}

/**
 * The start of every UTC hour that overlaps `[from, to)`, oldest first: `from` rounded down to its hour,
 * then each hour before `to`. Empty when `from === to`; a RangeError when `to < from` or the window is
 * longer than `MAX_WINDOW_HOURS`. A local day or week in a report zone is exactly a run of these hours.
 */
export function hoursOfWindow(from: number, to: number): number[] {
  checkWindow(from, to);
  const hours: number[] = [];
  for (let hour = Math.floor(from / HOUR_MS) * HOUR_MS; hour < to; hour += HOUR_MS) hours.push(hour);
  return hours;
}

/** The Monday of the most recent week that has ended by `now` (the week before the current one). */
export function lastFinishedWeek(now: number, zone: string): string {
  return addDays(weekStart(now, zone), -DAYS_PER_WEEK);
}

/** Whether a week has ended by `now` (its end, the next Monday 00:00 local, is at or before `now`). */
export function isWeekFinished(weekStartDate: string, now: number, zone: string): boolean {
  checkInstant(now, 'now');
  return weekBounds(weekStartDate, zone).to <= now;
}

/** When a week's review is due: the Monday after it, 07:00 local. */
export function weeklyRunAt(weekStartDate: string, zone: string): number {
  checkZone(zone);
  return mondayRun(addDays(checkMonday(weekStartDate, 'week start'), DAYS_PER_WEEK), zone);
}

/** The next WeeklyReview run strictly after `now`: a Monday 07:00 local, as an instant. */
export function nextWeeklyRun(now: number, zone: string): number {
  const monday = weekStart(now, zone);
  const thisWeek = mondayRun(monday, zone);
  return thisWeek > now ? thisWeek : mondayRun(addDays(monday, DAYS_PER_WEEK), zone);
}

/** The newest week whose review is due by `now` (its run, the next Monday 07:00 local, is at or before `now`). */
export function latestDueWeek(now: number, zone: string): string {
  const finished = lastFinishedWeek(now, zone);
  return weeklyRunAt(finished, zone) <= now ? finished : addDays(finished, -DAYS_PER_WEEK);
}

export interface MissedWeeksOptions {
  /** The tenant's start: no week before the one holding it is ever due. */
  since?: number;
  /** Answer at most this many weeks, the newest (default `MAX_CATCH_UP_WEEKS`). */
  maxWeeks?: number;
}

/**
 * The weeks whose review is due by `now` but was not generated, oldest first (the worker's catch-up after a
 * missed Monday). `lastGenerated` is the Monday of the newest stored review; weeks after it are missed up to
 * `latestDueWeek`. With no stored review, the weeks from the one holding `since` (the tenant's start) are
 * missed, or only the latest due week when `since` is not given. A gap before `lastGenerated` is not looked
 * for (the Compliance Director can generate any finished week by hand). A week is due from its Monday-after
 * 07:00 local, not from midnight, so a worker starting on Monday at 03:00 leaves last week to the schedule.
 */
export function missedWeeks(
  lastGenerated: string | null,
  now: number,
  zone: string,
  options: MissedWeeksOptions = {},
): string[] {
  const latest = latestDueWeek(now, zone);
  const maxWeeks = options.maxWeeks ?? MAX_CATCH_UP_WEEKS;
  if (!Number.isSafeInteger(maxWeeks) || maxWeeks < 0) throw new RangeError('maxWeeks must be a non-negative integer');
  const floor = options.since === undefined ? null : weekStart(checkInstant(options.since, 'since'), zone);
  let first =
    lastGenerated === null
      ? (floor ?? latest)
      : addDays(checkMonday(lastGenerated, 'last generated week'), DAYS_PER_WEEK);
  if (floor !== null && first < floor) first = floor;
  if (first > latest || maxWeeks === 0) return [];
  const oldestAnswered = addDays(latest, -DAYS_PER_WEEK * (maxWeeks - 1));
  if (first < oldestAnswered) first = oldestAnswered;
  const weeks: string[] = [];
  for (let week = first; week <= latest; week = addDays(week, DAYS_PER_WEEK)) weeks.push(week);
  return weeks;
}

/** The Mondays of every week that overlaps `[from, to)`, oldest first (the usage readout's weeks). */
export function weekStartsOfWindow(from: number, to: number, zone: string): string[] {
  checkWindow(from, to);
  const weeks: string[] = [];
  if (from === to) return weeks;
  for (let week = weekStart(from, zone); weekBounds(week, zone).from < to; week = addDays(week, DAYS_PER_WEEK))
    weeks.push(week);
  return weeks;
}

/**
 * The coverage trend's buckets over `[from, to)`: UTC hours for a window up to 72 hours, otherwise local days
 * (each bucket's start as an instant; the first may start before `from`, as the rollups' hours do).
 */
export function trendBuckets(from: number, to: number, zone: string): { unit: 'hour' | 'day'; starts: number[] } {
  checkZone(zone);
  checkWindow(from, to);
  if (to - from <= HOURLY_TREND_MAX_MS) return { unit: 'hour', starts: hoursOfWindow(from, to) };
  const starts: number[] = [];
  for (
    let day = localDate(from, zone), start = startOfLocalDay(day, zone);
    start < to;
    day = addDays(day, 1), start = startOfLocalDay(day, zone)
  ) {
    starts.push(start);
  }
  return { unit: 'day', starts };
}

/** Throws unless `zone` is a report zone; answers it. */
export function checkZone(zone: unknown): string {
  if (!isReportZone(zone)) throw new RangeError(`not a US time zone for reports: ${describeValue(zone)}`);
  return zone;
}

function checkDate(value: unknown, name: string): string {
  const date = parseLocalDate(value);
  if (date === null)
    throw new RangeError(
      `${name} must be a date YYYY-MM-DD from 1900-01-01 to 9999-12-31, got ${describeValue(value)}`,
    );
  return date;
}

function checkMonday(value: unknown, name: string): string {
  const date = checkDate(value, name);
  if (!isMonday(date)) throw new RangeError(`${name} must be a Monday, got ${date}`);
  return date;
}

function checkInstant(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < EARLIEST_MS || value > LATEST_MS) {
    throw new RangeError(
      `${name} must be an instant in epoch milliseconds between the years 1900 and 9999, got ${describeValue(value)}`,
    );
  }
  return value;
}

function checkWindow(from: number, to: number): void {
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  if (to < from) throw new RangeError('the window ends before it starts');
  if (to - from > MAX_WINDOW_HOURS * HOUR_MS)
    throw new RangeError(`the window is longer than ${MAX_WINDOW_HOURS} hours`);
}

function local(instant: number, zone: string): DateTime {
  checkZone(zone);
  return DateTime.fromMillis(checkInstant(instant, 'instant'), { zone });
}

/** 00:00 local of a date (US zones change at 02:00, so midnight always exists). */
function startOfLocalDay(date: string, zone: string): number {
  return DateTime.fromISO(date, { zone }).toMillis();
}

/** 07:00 local on a Monday. */
function mondayRun(monday: string, zone: string): number {
  return DateTime.fromISO(monday, { zone }).set({ hour: WEEKLY_RUN_LOCAL_HOUR }).toMillis();
}
