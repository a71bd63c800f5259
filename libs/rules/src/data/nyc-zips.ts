// NYC_3IN7 (6 RCNY 5-77) applies to consumers whose address is in the five boroughs. USPS ZIP prefixes
// (sectional centers) that lie wholly inside the city: 100–102 Manhattan, 103 Staten Island, 104 Bronx,
// 111 Long Island City, 112 Brooklyn, 113 Flushing, 114 Jamaica, 116 Far Rockaway (all Queens). From the
// Nassau-side 110 prefix only Glen Oaks (11004) and Floral Park, Queens (11005) are in the city (checked
// against the USPS ZIP locale list as republished by kjhealy/nyczips).
const NYC_PREFIXES = new Set(['100', '101', '102', '103', '104', '111', '112', '113', '114', '116']);
const NYC_EXTRA_ZIPS = new Set(['11004', '11005']);

/** Whether a ZIP (5 digits, or ZIP+4) is in one of New York City's five boroughs. */
export function isNycZip(zip: string | null | undefined): boolean {
  if (!zip || zip.length < 5) return false;
  const five = zip.length === 5 ? zip : zip.slice(0, 5);
  if (!/^\d{5}$/.test(five)) return false;
  return NYC_PREFIXES.has(five.slice(0, 3)) || NYC_EXTRA_ZIPS.has(five);
}

/** 6 RCNY 5-77's frequency limit is in force from 2026-09-01, midnight in New York (04:00 UTC, EDT). */
export const NYC_3IN7_IN_FORCE_AT = Date.UTC(2026, 8, 1, 4, 0, 0);
