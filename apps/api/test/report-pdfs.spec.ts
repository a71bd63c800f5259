import type { GapReport, UsageReport, UsageWeek, WeeklyReviewNumbers } from '@floor-os/contracts';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  renderGapReportPdf,
  renderUsageReadoutPdf,
  renderWeeklyReviewPdf,
  type GapSignature,
} from '../src/reports/pdf';

/**
 * The report PDFs (SPEC P2–P4, decided detail 26) read back with a real text extractor: Poppler's
 * `pdftotext`, `pdfinfo` and `pdffonts` (Debian's poppler-utils, which `scripts/ensure-install.mjs --browser`
 * installs). An independent C++ PDF reader, not the library that wrote the file, so what it finds is what a
 * viewer shows.
 */

let dir: string;
let counter = 0;

function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts', pdf: Buffer, ...args: string[]): string {
  const file = join(dir, `doc-${++counter}.pdf`);
  writeFileSync(file, pdf);
  try {
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `${tool} is missing: run "node scripts/ensure-install.mjs --browser" (it installs Debian's poppler-utils) or "apt-get install -y poppler-utils"`,
      );
    }
    throw error;
  }
}

/**
 * The document's text with runs of white space folded to one space. In reading order by default (a wrapped
 * table cell stays whole); `layout` keeps the page's lines, so a table row or a label and its value read as
 * one line.
 */
function textOf(pdf: Buffer, mode: 'reading' | 'layout' = 'reading'): string {
  return poppler('pdftotext', pdf, '-enc', 'UTF-8', ...(mode === 'layout' ? ['-layout'] : [])).replace(/\s+/g, ' ');
}

function pagesOf(pdf: Buffer): number {
  const match = /^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', pdf));
  return Number(match?.[1]);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** `REPORT_PDF_OUT=/some/dir` keeps the rendered samples there, to look at them (`pdftoppm -png -r 60`). */
function keep(name: string, pdf: Buffer): void {
  if (process.env.REPORT_PDF_OUT) writeFileSync(join(process.env.REPORT_PDF_OUT, name), pdf);
}

const TENANT = { slug: 'societe-generale-recouvrement', legal_name: 'Société Générale Recouvrement' };
const ZONE = 'America/New_York';

function gapReport(): GapReport {
  return {
    from: '2026-03-02T05:00:00.000Z',
    to: '2026-03-05T05:00:00.000Z',
    as_of: '2026-03-05T14:30:00.000Z',
    tenant: TENANT,
    decisions: 12_345,
    would_block: 57,
    by_statute: [
      {
        rule_id: 'REG_F_7IN7',
        statute: '12 CFR 1006.14(b)(2)(i)(A)',
        title: '7 or more counted call attempts in the last 168 hours block the next one.',
        count: 41,
        samples: [
          {
            audit_id: '01JNQ8Z4K6T3W9YB2C5D7E8F9G',
            account_id: 'ACC-100234',
            phone_number: '+12125550142',
            agent_id: 'agent-17',
            at: '2026-03-03T15:04:05.000Z',
          },
          {
            audit_id: '01JNQ8Z4K6T3W9YB2C5D7E8F9H',
            account_id: 'ACC-100235',
            phone_number: '+13125550199',
            agent_id: null,
            at: '2026-03-03T16:10:00.000Z',
          },
        ],
      },
      {
        rule_id: 'CEASE',
        statute: '15 U.S.C. § 1692c(c); 12 CFR 1006.6(c)',
        title: 'A cease/refuse-to-pay request on file blocks voice, SMS, email and payment requests.',
        count: 16,
        samples: [
          {
            audit_id: '01JNQ90000AAAABBBBCCCCDDDD',
            account_id: 'ACC-200001',
            phone_number: null,
            agent_id: 'agent-3',
            at: '2026-03-04T13:00:00.000Z',
          },
        ],
      },
    ],
  };
}

const SIGNATURE: GapSignature = {
  signed_by: 'José Núñez',
  signed_at: '2026-03-06T14:12:00.000Z',
  note: 'Reviewed with the floor managers; enforce from Monday.',
};

function weeklyNumbers(): WeeklyReviewNumbers {
  return {
    week_start: '2026-03-02T05:00:00.000Z',
    week_end: '2026-03-09T04:00:00.000Z',
    timezone: ZONE,
    gate_calls: [
      { channel: 'voice', calls: 12_400, previous: 11_000 },
      { channel: 'sms', calls: 3_000, previous: 3_000 },
      { channel: 'email', calls: 500, previous: 800 },
      { channel: 'payment', calls: 90, previous: 0 },
    ],
    blocks_by_statute: [
      { rule_id: 'REG_F_7IN7', statute: '12 CFR 1006.14(b)(2)(i)(A)', count: 310, previous: 280 },
      { rule_id: 'CEASE', statute: '15 U.S.C. § 1692c(c); 12 CFR 1006.6(c)', count: 22, previous: 40 },
    ],
    top_reasons: [
      {
        rule_id: 'REG_F_7IN7',
        title: '7 or more counted call attempts in the last 168 hours block the next one.',
        count: 310,
      },
      { rule_id: 'CEASE', title: 'A cease/refuse-to-pay request on file blocks contact.', count: 22 },
    ],
    disputes: { opened: 7, resolved: 5 },
    webhooks: { received: 15_000, processed: 14_990, failed: 6, refused: 4, success_rate: 0.9996 },
    latency_p95_ms: 14,
  };
}

function usageWeek(i: number): UsageWeek {
  const start = new Date(Date.UTC(2026, 2, 2 + 7 * i, 5)).toISOString();
  return {
    week_start: start,
    gate_calls: { voice: 9000 + 250 * i, sms: 2000 + 40 * i, email: 400 + 5 * i, payment: i % 3 === 0 ? 0 : 60 + i },
    block_rate: {
      voice: 0.03 + 0.001 * i,
      sms: 0.012,
      email: i === 4 ? null : 0.004,
      payment: i % 3 === 0 ? null : 0.01,
    },
    blocks_by_statute: [{ rule_id: 'REG_F_7IN7', statute: '12 CFR 1006.14(b)(2)(i)(A)', count: 270 + 10 * i }],
    active_users: { compliance: 3 + (i % 2), operations: 20 + i, support: 2 },
    drilldowns: 30 + i,
    webhook_success_rate: i === 2 ? 0.991 : 0.998,
    latency_p95_ms: 12 + (i % 4),
    queue_throughput: 1500 + 20 * i,
  };
}

function usageReport(weeks = 13, reasons?: string[]): UsageReport {
  return {
    from: '2026-03-02T05:00:00.000Z',
    to: new Date(Date.UTC(2026, 2, 2 + 7 * weeks, 4)).toISOString(),
    as_of: '2026-06-01T13:00:00.000Z',
    timezone: ZONE,
    weeks: Array.from({ length: weeks }, (_, i) => usageWeek(i)),
    trends: {
      gate_calls: 'up',
      block_rate: 'down',
      active_users: 'up',
      drilldowns: 'flat',
      webhook_success_rate: 'flat',
      latency_p95_ms: 'down',
      queue_throughput: 'up',
    },
    targets: { webhook_success_rate: 0.995, latency_p95_ms: 120, queue_throughput_baseline: 1400 },
    recommendation: {
      action: 'expand',
      reasons: reasons ?? [
        'Webhook delivery success met its target in all weeks but one.',
        'Gate latency p95 stayed under 120 ms every week.',
        'Operations users signing in grew every week.',
      ],
    },
    decisions: [
      {
        day: 30,
        decision: 'continue',
        note: 'Keep the pilot on voice and SMS; Émilie Côté owns the rollout.',
        decided_by: 'Zoë Ångström',
        decided_at: '2026-04-01T15:00:00.000Z',
      },
    ],
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-pdfs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

describe('gap report PDF (SPEC P3)', () => {
  it('names the tenant, the window, the statutes with their counts and the samples', async () => {
    const pdf = await renderGapReportPdf(gapReport(), undefined, { timezone: ZONE });
    const text = textOf(pdf);
    const lines = textOf(pdf, 'layout');
    expect(text).toContain('Compliance gap report');
    expect(text).toContain('Société Générale Recouvrement');
    expect(text).toContain('societe-generale-recouvrement');
    // The window in the tenant's zone and in UTC.
    expect(lines).toContain('Window Mar 2, 2026 00:00 EST – Mar 5, 2026 00:00 EST (America/New_York)');
    expect(lines).toContain('Window (UTC) 2026-03-02 05:00 UTC – 2026-03-05 05:00 UTC');
    expect(lines).toContain('Shadow decisions 12,345');
    expect(lines).toContain('Would have blocked 57 (0.5 % of the decisions)');
    // One table row per statute: citation, rule, the start of its title (the rest wraps below) and the count.
    expect(lines).toMatch(
      /12 CFR 1006\.14\(b\)\(2\)\(i\)\(A\) REG_F_7IN7 7 or more counted call attempts[^§]{0,40} 41 /,
    );
    expect(lines).toMatch(/15 U\.S\.C\. § 1692c\(c\);[^§]{0,30}CEASE A cease\/refuse-to-pay request[^§]{0,40} 16 /);
    expect(lines).toMatch(/All statutes Decisions that would have blocked[^§]{0,20} 57 /);
    // Each statute with its citation, rule, title and count.
    expect(text).toContain('12 CFR 1006.14(b)(2)(i)(A)');
    expect(text).toContain('15 U.S.C. § 1692c(c); 12 CFR 1006.6(c)');
    expect(text).toContain('7 or more counted call attempts in the last 168 hours block the next one.');
    expect(text).toMatch(/REG_F_7IN7 · 41 would-block decisions · 2 shown/);
    expect(text).toMatch(/CEASE · 16 would-block decisions · 1 shown/);
    // Samples: audit ids, accounts, phones in full, agents, local time.
    for (const id of [
      '01JNQ8Z4K6T3W9YB2C5D7E8F9G',
      '01JNQ8Z4K6T3W9YB2C5D7E8F9H',
      '01JNQ90000AAAABBBBCCCCDDDD',
      'ACC-100234',
      'ACC-200001',
      'agent-17',
    ]) {
      expect(text).toContain(id);
    }
    expect(lines).toContain('01JNQ8Z4K6T3W9YB2C5D7E8F9G ACC-100234 +1 212 555 0142 agent-17 Mar 3, 2026 10:04 EST');
    expect(lines).toContain('01JNQ90000AAAABBBBCCCCDDDD ACC-200001 — agent-3 Mar 4, 2026 08:00 EST');
  });

  it('fills the signature block with the signer, the date and the note', async () => {
    const text = textOf(await renderGapReportPdf(gapReport(), SIGNATURE, { timezone: ZONE }), 'layout');
    expect(text).toContain('Signed by José Núñez');
    expect(text).toContain('Date Mar 6, 2026 09:12 EST (2026-03-06 14:12 UTC)');
    expect(text).toContain('Note Reviewed with the floor managers; enforce from Monday.');
  });

  it('leaves blank lines to sign when unsigned, and shows an empty window in words', async () => {
    const unsignedPdf = await renderGapReportPdf(gapReport());
    keep('gap-unsigned.pdf', unsignedPdf);
    const unsigned = textOf(unsignedPdf);
    expect(unsigned).toContain('Sign-off');
    expect(unsigned).not.toContain('José');
    expect(unsigned).toContain('Window (UTC)');
    const empty = textOf(
      await renderGapReportPdf({ ...gapReport(), would_block: 0, by_statute: [] }, undefined, { timezone: ZONE }),
    );
    expect(empty).toContain('No shadow decision in this window would have blocked a contact.');
  });

  it('runs over several pages with every sample when there are many', async () => {
    const report = gapReport();
    report.by_statute[0].samples = Array.from({ length: 120 }, (_, i) => ({
      ...report.by_statute[0].samples[0],
      audit_id: `01JNQ8Z4K6T3W9YB2C5D${String(i).padStart(6, '0')}`,
    }));
    const pdf = await renderGapReportPdf(report, SIGNATURE, { timezone: ZONE });
    keep('gap-long.pdf', pdf);
    expect(pagesOf(pdf)).toBeGreaterThan(1);
    const text = textOf(pdf);
    expect(text).toContain('01JNQ8Z4K6T3W9YB2C5D000000');
    expect(text).toContain('01JNQ8Z4K6T3W9YB2C5D000119');
    expect(text).toContain('José Núñez');
    expect(text).toMatch(new RegExp(`Page ${pagesOf(pdf)} of ${pagesOf(pdf)}`));
  });

  it('embeds DejaVu Sans and no standard font (decided detail 26)', async () => {
    const fonts = poppler('pdffonts', await renderGapReportPdf(gapReport(), SIGNATURE, { timezone: ZONE }));
    expect(fonts).toMatch(/DejaVuSans\S*\s+CID TrueType/);
    expect(fonts).not.toMatch(/Helvetica|Times|Courier/);
    for (const row of fonts.split('\n').slice(2).filter(Boolean))
      expect(row).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
  });
});

describe('weekly review PDF (SPEC P2)', () => {
  it('shows calls per channel in words against the week before with arrows', async () => {
    const text = textOf(await renderWeeklyReviewPdf(weeklyNumbers(), TENANT), 'layout');
    expect(text).toContain('Weekly compliance review');
    expect(text).toContain('Société Générale Recouvrement');
    expect(text).toContain('Mon Mar 2 – Sun Mar 8, 2026 (America/New_York)');
    expect(text).toMatch(/Voice 12,400 11,000 ↑ \+13 %/);
    expect(text).toMatch(/SMS 3,000 3,000 → ?0 ?%/);
    expect(text).toMatch(/Email 500 800 ↓ −37 %/);
    expect(text).toMatch(/Payment 90 0 ↑ new/);
    expect(text).toMatch(/All channels 15,990 14,800 ↑ \+8 %/);
    expect(text).not.toMatch(/\b(voice|sms|email|payment)\b/);
  });

  it('shows blocks by statute with titles, the top reasons, disputes, webhook health and latency', async () => {
    const pdf = await renderWeeklyReviewPdf(weeklyNumbers(), TENANT);
    const text = textOf(pdf);
    const lines = textOf(pdf, 'layout');
    expect(text).toContain('12 CFR 1006.14(b)(2)(i)(A)');
    expect(text).toContain('7 or more counted call attempts in the last 168 hours block the next one.');
    expect(lines).toMatch(/12 CFR 1006\.14\(b\)\(2\)\(i\)\(A\) 7 or more counted[^§]{0,60} 310 280 ↑ \+11 %/);
    expect(lines).toMatch(/15 U\.S\.C\. § 1692c\(c\);[^§]{0,60} 22 40 ↓ −45 %/);
    expect(lines).toMatch(/Top reasons for blocks # Reason Statute Blocks 1 7 or more counted call attempts/);
    expect(lines).toContain('Opened this week 7 Resolved this week 5');
    expect(lines).toContain('Delivery success rate 99.96 % target ≥ 99.5 % ✓ met');
    expect(lines).toContain('Latency p95 14 ms target ≤ 120 ms ✓ within target');
  });

  it('says so when the latency is over target and the webhooks below it', async () => {
    const numbers = {
      ...weeklyNumbers(),
      latency_p95_ms: 180,
      webhooks: { ...weeklyNumbers().webhooks, success_rate: 0.97 },
    };
    const text = textOf(await renderWeeklyReviewPdf(numbers, TENANT), 'layout');
    expect(text).toMatch(/97\.00 % target ≥ 99\.5 % ✗ below target/);
    expect(text).toMatch(/180 ms target ≤ 120 ms ✗ over target/);
  });
});

describe('usage readout PDF (SPEC P4)', () => {
  it('is one page with 13 weeks of data and names the figures, targets, channels, clusters and the decision', async () => {
    const pdf = await renderUsageReadoutPdf(usageReport(13), 30, TENANT);
    expect(pagesOf(pdf)).toBe(1);
    const text = textOf(pdf);
    expect(text).toContain('Day 30 usage readout');
    expect(text).toContain('Société Générale Recouvrement');
    expect(text).toContain('13 weeks');
    // Headline figures of the latest week, with their arrows.
    expect(text).toContain('latest week (week of May 25, 2026)');
    for (const figure of ['14,940 ↑', '3.6 % ↓', '37 ↑', '42 →', '99.80 % →', '12 ms ↓', '1,740 ↑'])
      expect(text).toContain(figure);
    // Targets with their verdicts.
    expect(text).toContain('Webhook delivery success ≥ 99.5 %');
    expect(text).toContain('Gate latency p95 ≤ 120 ms');
    const lines = textOf(pdf, 'layout');
    expect(lines).toContain('Webhook delivery success ≥ 99.5 % 99.80 % 12 of 13 ✓ met');
    expect(lines).toContain('Gate latency p95 ≤ 120 ms 12 ms 13 of 13 ✓ within target');
    expect(lines).toContain('Voice 12,000 136,500 3.0 % 4.2 % ↑');
    expect(lines).toContain('Operations 32 32 20 ↑');
    // Channels and clusters in words.
    for (const word of ['Voice', 'SMS', 'Email', 'Payment', 'Compliance', 'Operations', 'Support'])
      expect(text).toContain(word);
    expect(text).toContain('Expand the pilot');
    expect(text).toContain('Gate latency p95 stayed under 120 ms every week.');
    expect(text).toMatch(/Continue — decided by Zoë Ångström, Apr 1, 2026 11:00 EDT/);
    expect(text).toContain('Émilie Côté');
  });

  it('stays one page with long reasons and a long note, and shows a missing decision in words', async () => {
    const long = Array.from(
      { length: 12 },
      (_, i) =>
        `Reason ${i + 1}: ${'the numbers of this week say something worth reading carefully before the meeting '.repeat(3)}`,
    );
    const report = usageReport(13, long);
    report.decisions = [{ ...report.decisions[0], note: 'A very long note. '.repeat(80) }];
    const day60 = await renderUsageReadoutPdf(report, 60, TENANT);
    keep('usage-day60-long.pdf', day60);
    expect(pagesOf(day60)).toBe(1);
    const text = textOf(day60);
    expect(text).toContain('Day 60 milestone decision');
    expect(text).toContain('Not recorded yet');
    expect(text).toMatch(/Earlier: Day 30: Continue \(Apr 1, 2026\)/);
    expect(text).toMatch(/and \d+ more reasons/);
    expect(pagesOf(await renderUsageReadoutPdf(report, 30, TENANT))).toBe(1);
    expect(pagesOf(await renderUsageReadoutPdf(usageReport(0, []), 90, TENANT))).toBe(1);
    expect(pagesOf(await renderUsageReadoutPdf(usageReport(1), 30, TENANT))).toBe(1);
  });
});

describe('the same input gives the same bytes (snapshots keep a SHA-256)', () => {
  it('renders byte-identical PDFs at different times, and dates them from the data', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-06T14:12:00Z'));
    const gap = await renderGapReportPdf(gapReport(), SIGNATURE, { timezone: ZONE });
    const weekly = await renderWeeklyReviewPdf(weeklyNumbers(), TENANT);
    const usage = await renderUsageReadoutPdf(usageReport(13), 30, TENANT);
    vi.setSystemTime(new Date('2031-11-20T03:00:00Z'));
    expect(sha256(await renderGapReportPdf(gapReport(), SIGNATURE, { timezone: ZONE }))).toBe(sha256(gap));
    expect((await renderWeeklyReviewPdf(weeklyNumbers(), TENANT)).equals(weekly)).toBe(true);
    expect((await renderUsageReadoutPdf(usageReport(13), 30, TENANT)).equals(usage)).toBe(true);
    vi.useRealTimers();
    keep('gap-signed.pdf', gap);
    keep('weekly-review.pdf', weekly);
    keep('usage-day30.pdf', usage);

    expect(gap.toString('latin1')).toContain('(D:20260306141200Z)'); // signed_at
    expect(weekly.toString('latin1')).toContain('(D:20260309040000Z)'); // the week's end
    expect(usage.toString('latin1')).toContain('(D:20260601130000Z)'); // as_of
    expect(await renderGapReportPdf(gapReport())).not.toEqual(await renderGapReportPdf(gapReport(), SIGNATURE));
    const other = await renderGapReportPdf(gapReport(), { ...SIGNATURE, signed_by: 'Jose Nunez' }, { timezone: ZONE });
    expect(sha256(other)).not.toBe(sha256(gap));
  });
});
