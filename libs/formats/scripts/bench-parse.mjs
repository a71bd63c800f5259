#!/usr/bin/env node
// Parse throughput of the built library on a generated portfolio CSV (the shape measured in docs/formats.md:
// account id, phone like "(201) 555-0123", state, balance, date, Y/N flag, a quoted name with commas).
// Usage: node libs/formats/scripts/bench-parse.mjs [rows=1000000]   (after `npm run build:api`)
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parseStream, toE164 } = require('../dist/index.js');

const rows = Number(process.argv[2] ?? 1_000_000);
const file = join(tmpdir(), `floor-os-bench-${rows}.csv`);
if (!existsSync(file)) {
  const states = ['NJ', 'NY', 'CA', 'TX', 'FL', 'IL', 'PA', 'OH'];
  const parts = ['account_id,phone,state,balance,last_contact_at,bankruptcy_flag,name\n'];
  for (let i = 0; i < rows; i++) {
    const area = 201 + (i % 700);
    const phone = `(${area}) 555-${String(i % 10000).padStart(4, '0')}`;
    parts.push(
      `ACC${String(i).padStart(9, '0')},${phone},${states[i % 8]},${(i % 100000) / 100 + 10},2024-0${1 + (i % 9)}-1${i % 10}T10:00:00Z,${i % 17 ? 'N' : 'Y'},"Doe, John ${i % 1000}"\n`,
    );
  }
  writeFileSync(file, parts.join(''));
}
const bytes = statSync(file).size;

async function parseOnce() {
  const start = performance.now();
  let records = 0;
  let phones = 0;
  for await (const event of parseStream('csv', createReadStream(file, { highWaterMark: 64 * 1024 }))) {
    if (event.kind === 'record') {
      records++;
      if (withPhones && toE164(event.record.fields.phone)) phones++;
    }
  }
  return { ms: performance.now() - start, records, phones };
}

let withPhones = false;
const runs = [];
for (let i = 0; i < 3; i++) runs.push(await parseOnce());
withPhones = true;
const phoneRun = await parseOnce();
const best = runs.reduce((a, b) => (a.ms < b.ms ? a : b));
console.log(
  JSON.stringify({
    rows: best.records,
    mb: +(bytes / 1e6).toFixed(1),
    parse_seconds: +(best.ms / 1000).toFixed(2),
    rows_per_second: Math.round(best.records / (best.ms / 1000)),
    parse_plus_toE164_seconds: +(phoneRun.ms / 1000).toFixed(2),
    valid_phones: phoneRun.phones,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
