// Quick throughput check of `decide` on the built library: `npx tsc -p libs/rules/tsconfig.json && node libs/rules/scripts/bench-decide.mjs`.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { decide, assertZoneTables } = require('../dist/index.js');

assertZoneTables();
const HOUR = 3_600_000;
const base = Date.UTC(2026, 2, 18, 17); // 12:00 in Chicago
const facts = {
  account_id: 'A-1',
  phone_number: '+18505550123',
  phone_type: 'mobile',
  state: 'FL',
  zip: '32501',
  timezone: null,
  email: 'pat@example.com',
  email_is_work: false,
  bankruptcy_flag: false,
  bankruptcy_status: null,
  cease_requested_at: null,
  attorney_represented: false,
  dispute_open: false,
  deceased: false,
  scra_active_duty: false,
  autodial_consent: true,
  autodial_consent_revoked_at: null,
  sms_opt_out_at: null,
  email_opt_out_at: null,
  employer_prohibits_calls: false,
  medium_bans: [],
  time_barred: false,
  time_barred_disclosure_given: false,
  is_test: false,
};
const history = Array.from({ length: 6 }, (_, i) => ({
  at: base - (i + 1) * 20 * HOUR,
  channel: i % 2 ? 'sms' : 'voice',
  outcome: i % 3 ? 'no_answer' : 'busy',
}));
const request = { channel: 'voice', dial_mode: 'automated', phone_number: null, email: null };
const tenant = { suppressed_phone: false, suppressed_email: false, collector_kind: 'third_party' };
const settings = { caps: { REG_F_7IN7: 6 } };

function run(label, n, at, h = history, f = facts) {
  let allowed = 0;
  for (let i = 0; i < 20_000; i++) decide(f, h, request, at(i), settings, tenant); // warm-up
  const start = performance.now();
  for (let i = 0; i < n; i++) if (decide(f, h, request, at(i), settings, tenant).allowed) allowed++;
  const us = ((performance.now() - start) * 1000) / n;
  console.log(`${label}: ${us.toFixed(2)} µs/decide (${n} calls, ${allowed} allowed)`);
}

run('allowed, 2 zones, 6 attempts, now advancing 1 s per call', 500_000, (i) => base + i * 1000);
run('blocked by hours (22:00 local), next_allowed_at search', 200_000, (i) => base + 10 * HOUR + (i % 60) * 1000);
run(
  'blocked by 7-in-7 + hours, 40 attempts',
  200_000,
  (i) => base + 10 * HOUR + (i % 60) * 1000,
  Array.from({ length: 40 }, (_, i) => ({ at: base - (i + 1) * 3 * HOUR, channel: 'voice', outcome: 'no_answer' })),
);
run('no location data (29 zones)', 200_000, (i) => base + 3 * HOUR + i * 1000, history, {
  ...facts,
  state: null,
  zip: null,
  phone_number: null,
});
