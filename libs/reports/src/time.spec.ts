import { STATE_ZONES, US_ZONES } from '@floor-os/rules/tables';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  DEFAULT_REPORT_ZONE,
  HOUR_MS,
  hoursOfWindow,
  isMonday,
  isReportZone,
  isWeekFinished,
  lastFinishedWeek,
  latestDueWeek,
  localDate,
  localDayBounds,
  MAX_WINDOW_HOURS,
  missedWeeks,
  nextWeeklyRun,
  parseLocalDate,
  REPORT_ZONE_OPTIONS,
  REPORT_ZONES,
  trendBuckets,
  weekBounds,
  weeklyRunAt,
  weekStart,
  weekStartsOfWindow,
} from './time';

const NY = 'America/New_York';
const PHOENIX = 'America/Phoenix';
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const hours = (window: { from: number; to: number }) => (window.to - window.from) / HOUR_MS;

describe('report zones', () => {
  it('should be the rules catalogue’s US zones plus the five inhabited territories, and nothing else', () => {
    for (const zone of [
      'America/New_York',
      'America/Chicago',
      'America/Denver',
      'America/Phoenix',
      'America/Los_Angeles',
      'America/Anchorage',
      'America/Adak',
      'Pacific/Honolulu',
    ]) {
      expect(REPORT_ZONES).toContain(zone);
    }
    for (const zone of [
      'America/Puerto_Rico',
      'America/St_Thomas',
      'Pacific/Guam',
      'Pacific/Saipan',
      'Pacific/Pago_Pago',
    ])
      expect(REPORT_ZONES).toContain(zone);
    for (const zone of US_ZONES) expect(REPORT_ZONES).toContain(zone);
    // Freely associated states are in the rules' ZIP table but are not the US.
    for (const code of ['FM', 'MH', 'PW'])
      for (const zone of STATE_ZONES.get(code)!) expect(REPORT_ZONES).not.toContain(zone);
    expect(REPORT_ZONES).toHaveLength(US_ZONES.length + 5);
    expect(new Set(REPORT_ZONES).size).toBe(REPORT_ZONES.length);
    expect(REPORT_ZONES).toContain(DEFAULT_REPORT_ZONE);
  });

  it('should all be whole hours from UTC every day of 2026–2030, so local days and weeks are sums of UTC hours', () => {
    for (const zone of REPORT_ZONES) {
      const info = IANAZone.create(zone);
      expect(info.isValid, zone).toBe(true);
      for (let day = at('2026-01-01T00:00:00Z'); day < at('2031-01-01T00:00:00Z'); day += 24 * HOUR_MS) {
        for (const instant of [day, day + 12 * HOUR_MS]) {
          const offset = info.offset(instant);
          if (offset % 60 !== 0) throw new Error(`${zone} is ${offset} minutes from UTC at ${iso(instant)}`);
        }
      }
    }
  });

  it('should offer every zone once in the picker, named ones first', () => {
    expect(REPORT_ZONE_OPTIONS[0]).toEqual({ id: 'America/New_York', label: 'Eastern (New York)' });
    expect(REPORT_ZONE_OPTIONS.map((option) => option.id).sort()).toEqual([...REPORT_ZONES].sort());
    expect(REPORT_ZONE_OPTIONS.find((option) => option.id === 'America/Indiana/Tell_City')?.label).toBe(
      'America/Indiana/Tell City',
    );
  });

  it('should accept only exact report zone names', () => {
    expect(isReportZone('America/New_York')).toBe(true);
    expect(isReportZone('Pacific/Guam')).toBe(true);
    for (const value of [
      'america/new_york',
      'Europe/London',
      'UTC',
      'Pacific/Palau',
      '__proto__',
      'toString',
      'constructor',
      '',
      42,
      null,
      undefined,
    ]) {
      expect(isReportZone(value), String(value)).toBe(false);
    }
    expect(() => localDate(0, 'Europe/London')).toThrow(RangeError);
    expect(() => weekBounds('2026-03-02', '__proto__')).toThrow(/not a US time zone/);
  });
});

describe('local dates', () => {
  it('should parse only real calendar dates in YYYY-MM-DD', () => {
    expect(parseLocalDate('2026-03-02')).toBe('2026-03-02');
    expect(parseLocalDate('2028-02-29')).toBe('2028-02-29');
    for (const value of [
      '2026-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-3-02',
      ' 2026-03-02',
      '2026-03-02T00:00',
      '20260302',
      '1899-12-31',
      '+02026-03-02',
      '',
      20260302,
      null,
    ]) {
      expect(parseLocalDate(value), String(value)).toBeNull();
    }
    expect(isMonday('2026-03-02')).toBe(true);
    expect(isMonday('2026-03-08')).toBe(false);
    expect(isMonday('nonsense')).toBe(false);
  });

  it('should add days on the calendar, across month ends, leap days and DST', () => {
    expect(addDays('2026-03-02', 7)).toBe('2026-03-09');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('2026-03-02', 0.5)).toThrow(RangeError);
  });

  it('should read an instant’s local date in the zone', () => {
    // 03:30 UTC on March 9 is 23:30 EDT on March 8.
    expect(localDate(at('2026-03-09T03:30:00Z'), NY)).toBe('2026-03-08');
    expect(localDate(at('2026-03-09T03:30:00Z'), 'Pacific/Guam')).toBe('2026-03-09');
    expect(() => localDate(Number.NaN, NY)).toThrow(RangeError);
    expect(() => localDate(8.64e15, NY)).toThrow(RangeError);
  });

  it('should bound a local day, 23 hours on the spring DST day and 25 on the fall one (New York, 2026)', () => {
    const spring = localDayBounds('2026-03-08', NY);
    expect([iso(spring.from), iso(spring.to), hours(spring)]).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
      23,
    ]);
    const fall = localDayBounds('2026-11-01', NY);
    expect([iso(fall.from), iso(fall.to), hours(fall)]).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
      25,
    ]);
    expect(hours(localDayBounds('2026-03-10', NY))).toBe(24);
    expect(hours(localDayBounds('2026-03-08', PHOENIX))).toBe(24);
    expect(() => localDayBounds('2026-02-30', NY)).toThrow(RangeError);
  });
});

describe('weeks', () => {
  it('should name a week by its local Monday', () => {
    // Sunday 23:59 EDT is still the week of March 2; Monday 00:00 EDT starts the next.
    expect(weekStart(at('2026-03-09T03:59:59.999Z'), NY)).toBe('2026-03-02');
    expect(weekStart(at('2026-03-09T04:00:00Z'), NY)).toBe('2026-03-09');
    expect(weekStart(at('2026-03-09T06:59:59Z'), PHOENIX)).toBe('2026-03-02');
    expect(weekStart(at('2026-03-09T07:00:00Z'), PHOENIX)).toBe('2026-03-09');
    // Guam is ahead of UTC: its Monday starts on Sunday in UTC.
    expect(weekStart(at('2026-03-01T14:00:00Z'), 'Pacific/Guam')).toBe('2026-03-02');
  });

  it('should make the spring DST week 167 hours and the fall one 169 in New York, 2026', () => {
    const spring = weekBounds('2026-03-02', NY);
    expect([iso(spring.from), iso(spring.to), hours(spring)]).toEqual([
      '2026-03-02T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
      167,
    ]);
    const fall = weekBounds('2026-10-26', NY);
    expect([iso(fall.from), iso(fall.to), hours(fall)]).toEqual([
      '2026-10-26T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
      169,
    ]);
    expect(hours(weekBounds('2026-03-09', NY))).toBe(168);
    expect(hours(weekBounds('2026-11-02', NY))).toBe(168);
  });

  it('should keep every Phoenix week at 168 hours (no DST)', () => {
    for (const monday of ['2026-03-02', '2026-10-26', '2026-11-02']) {
      const week = weekBounds(monday, PHOENIX);
      expect(hours(week)).toBe(168);
      expect(new Date(week.from).getUTCHours()).toBe(7);
    }
  });

  it('should refuse a week start that is not a Monday date', () => {
    for (const bad of ['2026-03-03', '2026-03-08', '2026-02-30', '2026-W10', ''])
      expect(() => weekBounds(bad, NY)).toThrow(RangeError);
  });

  it('should cut a DST week into exactly its 167 or 169 UTC hours', () => {
    for (const [monday, count] of [
      ['2026-03-02', 167],
      ['2026-10-26', 169],
      ['2026-06-01', 168],
    ] as const) {
      const week = weekBounds(monday, NY);
      const starts = hoursOfWindow(week.from, week.to);
      expect(starts).toHaveLength(count);
      expect(starts[0]).toBe(week.from);
      expect(starts[starts.length - 1]! + HOUR_MS).toBe(week.to);
      for (let index = 1; index < starts.length; index++) expect(starts[index]! - starts[index - 1]!).toBe(HOUR_MS);
    }
  });

  it('should list the hours a window touches, refusing backwards and overlong windows', () => {
    expect(hoursOfWindow(at('2026-03-02T10:30:00Z'), at('2026-03-02T12:15:00Z')).map(iso)).toEqual([
      '2026-03-02T10:00:00.000Z',
      '2026-03-02T11:00:00.000Z',
      '2026-03-02T12:00:00.000Z',
    ]);
    expect(hoursOfWindow(at('2026-03-02T10:00:00Z'), at('2026-03-02T11:00:00Z'))).toHaveLength(1);
    expect(hoursOfWindow(at('2026-03-02T10:00:00Z'), at('2026-03-02T10:00:00Z'))).toEqual([]);
    expect(() => hoursOfWindow(at('2026-03-02T11:00:00Z'), at('2026-03-02T10:00:00Z'))).toThrow(/ends before/);
    const from = at('2024-01-01T00:00:00Z');
    expect(hoursOfWindow(from, from + MAX_WINDOW_HOURS * HOUR_MS)).toHaveLength(MAX_WINDOW_HOURS);
    expect(() => hoursOfWindow(from, from + (MAX_WINDOW_HOURS + 1) * HOUR_MS)).toThrow(/longer than/);
    expect(() => hoursOfWindow(Number.NaN, from)).toThrow(RangeError);
  });

  it('should know the last finished week and whether a week has finished', () => {
    const mondayMidnight = at('2026-03-09T04:00:00Z'); // Monday 00:00 EDT
    expect(lastFinishedWeek(mondayMidnight, NY)).toBe('2026-03-02');
    expect(lastFinishedWeek(mondayMidnight - 1, NY)).toBe('2026-02-23');
    expect(isWeekFinished('2026-03-02', mondayMidnight, NY)).toBe(true);
    expect(isWeekFinished('2026-03-02', mondayMidnight - 1, NY)).toBe(false);
    expect(isWeekFinished('2026-03-09', mondayMidnight, NY)).toBe(false);
  });

  it('should list the Mondays of the weeks a window overlaps', () => {
    expect(weekStartsOfWindow(at('2026-02-11T15:00:00Z'), at('2026-03-09T04:00:00Z'), NY)).toEqual([
      '2026-02-09',
      '2026-02-16',
      '2026-02-23',
      '2026-03-02',
    ]);
    expect(weekStartsOfWindow(at('2026-02-11T15:00:00Z'), at('2026-03-09T04:00:00.001Z'), NY)).toHaveLength(5);
    expect(weekStartsOfWindow(at('2026-02-11T15:00:00Z'), at('2026-02-11T15:00:00Z'), NY)).toEqual([]);
  });
});

describe('the weekly review schedule', () => {
  it('should run on Monday at 07:00 local time, across both DST changes', () => {
    // Sunday March 8 (DST began at 02:00): the next run is Monday 07:00 EDT = 11:00 UTC.
    expect(iso(nextWeeklyRun(at('2026-03-08T12:00:00Z'), NY))).toBe('2026-03-09T11:00:00.000Z');
    // The week before, Monday 07:00 EST = 12:00 UTC.
    expect(iso(nextWeeklyRun(at('2026-03-01T12:00:00Z'), NY))).toBe('2026-03-02T12:00:00.000Z');
    expect(iso(nextWeeklyRun(at('2026-10-30T12:00:00Z'), NY))).toBe('2026-11-02T12:00:00.000Z');
    expect(iso(nextWeeklyRun(at('2026-10-23T12:00:00Z'), NY))).toBe('2026-10-26T11:00:00.000Z');
    expect(iso(nextWeeklyRun(at('2026-03-08T12:00:00Z'), PHOENIX))).toBe('2026-03-09T14:00:00.000Z');
    expect(iso(nextWeeklyRun(at('2026-11-01T12:00:00Z'), PHOENIX))).toBe('2026-11-02T14:00:00.000Z');
  });

  it('should answer the run strictly after now: at 07:00 sharp the next is a week later', () => {
    expect(iso(nextWeeklyRun(at('2026-03-09T10:59:59.999Z'), NY))).toBe('2026-03-09T11:00:00.000Z');
    expect(iso(nextWeeklyRun(at('2026-03-09T11:00:00Z'), NY))).toBe('2026-03-16T11:00:00.000Z');
  });

  it('should make a week due at the following Monday 07:00 local', () => {
    expect(iso(weeklyRunAt('2026-03-02', NY))).toBe('2026-03-09T11:00:00.000Z');
    expect(latestDueWeek(at('2026-03-09T11:00:00Z'), NY)).toBe('2026-03-02');
    expect(latestDueWeek(at('2026-03-09T10:59:59Z'), NY)).toBe('2026-02-23');
  });

  it('should catch up every missed week after the last stored review, oldest first', () => {
    const afterRun = at('2026-03-09T12:00:00Z');
    const beforeRun = at('2026-03-09T10:00:00Z'); // Monday 06:00 EDT: last week is not due yet
    expect(missedWeeks('2026-02-16', afterRun, NY)).toEqual(['2026-02-23', '2026-03-02']);
    expect(missedWeeks('2026-02-16', beforeRun, NY)).toEqual(['2026-02-23']);
    expect(missedWeeks('2026-03-02', afterRun, NY)).toEqual([]);
    expect(missedWeeks('2026-03-09', afterRun, NY)).toEqual([]);
  });

  it('should start from the tenant’s first week when nothing is stored, or only the latest week without a start', () => {
    const afterRun = at('2026-03-09T12:00:00Z');
    const started = at('2026-02-11T15:00:00Z'); // a Wednesday
    expect(missedWeeks(null, afterRun, NY)).toEqual(['2026-03-02']);
    expect(missedWeeks(null, afterRun, NY, { since: started })).toEqual([
      '2026-02-09',
      '2026-02-16',
      '2026-02-23',
      '2026-03-02',
    ]);
    expect(missedWeeks('2026-01-05', afterRun, NY, { since: started })).toEqual([
      '2026-02-09',
      '2026-02-16',
      '2026-02-23',
      '2026-03-02',
    ]);
    expect(missedWeeks(null, at('2026-02-16T11:00:00Z'), NY, { since: started })).toEqual([]);
  });

  it('should answer at most maxWeeks, the newest, and refuse a stored week that is not a Monday', () => {
    const afterRun = at('2026-03-09T12:00:00Z');
    // 60 weeks missed since January 2025: the newest 52 are answered.
    expect(missedWeeks('2025-01-06', afterRun, NY)).toHaveLength(52);
    expect(missedWeeks('2025-01-06', afterRun, NY)[0]).toBe('2025-03-10');
    expect(missedWeeks('2025-01-06', afterRun, NY).at(-1)).toBe('2026-03-02');
    expect(missedWeeks('2026-01-05', afterRun, NY, { maxWeeks: 2 })).toEqual(['2026-02-23', '2026-03-02']);
    expect(missedWeeks('2026-01-05', afterRun, NY, { maxWeeks: 0 })).toEqual([]);
    expect(() => missedWeeks('2026-03-03', afterRun, NY)).toThrow(/Monday/);
    expect(() => missedWeeks(null, afterRun, NY, { maxWeeks: -1 })).toThrow(RangeError);
  });
});

describe('trendBuckets', () => {
  it('should trend by UTC hour up to 72 hours', () => {
    const from = at('2026-03-06T00:00:00Z');
    const buckets = trendBuckets(from, from + 72 * HOUR_MS, NY);
    expect(buckets.unit).toBe('hour');
    expect(buckets.starts).toHaveLength(72);
  });

  it('should trend longer windows by local day, with the 23-hour DST day', () => {
    const week = weekBounds('2026-03-02', NY);
    const buckets = trendBuckets(week.from, week.to, NY);
    expect(buckets.unit).toBe('day');
    expect(buckets.starts.map(iso)).toEqual([
      '2026-03-02T05:00:00.000Z',
      '2026-03-03T05:00:00.000Z',
      '2026-03-04T05:00:00.000Z',
      '2026-03-05T05:00:00.000Z',
      '2026-03-06T05:00:00.000Z',
      '2026-03-07T05:00:00.000Z',
      '2026-03-08T05:00:00.000Z',
    ]);
    // The default coverage window, the last 168 hours, ends an hour into March 9 local time.
    expect(
      trendBuckets(week.from, week.from + 168 * HOUR_MS, NY)
        .starts.map(iso)
        .at(-1),
    ).toBe('2026-03-09T04:00:00.000Z');
  });
});
