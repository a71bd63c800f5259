import { REPORT_CHANNELS, type WeeklyReviewNumbers } from '@floor-os/contracts';
import { RULES } from '@floor-os/rules';
import { COLOURS, facts, heading, note, openDocument, table, titleBlock, type ReportTenant } from './document';
import {
  CHANNEL_LABELS,
  arrowOf,
  formatChange,
  formatCount,
  formatMs,
  formatRate,
  formatSuccess,
  formatWindowUtc,
  instant,
  pdfDate,
  safeZone,
} from './format';
import { LATENCY_P95_TARGET_MS, WEBHOOK_SUCCESS_TARGET, latencyVerdict, successVerdict } from './targets';

/**
 * The WeeklyReview (SPEC P2) as a PDF: gate calls per channel against the week before with an arrow
 * (↑ ↓ →), blocks by statute, the top 5 reasons, disputes, webhook health and the gate's latency p95 against
 * its 120 ms target. Its dates are the week's end, so the stored snapshot's bytes follow from its numbers.
 */
export async function renderWeeklyReviewPdf(numbers: WeeklyReviewNumbers, tenant: ReportTenant): Promise<Buffer> {
  const zone = safeZone(numbers.timezone);
  const { doc, finish } = openDocument({
    title: `Weekly compliance review — ${tenant.legal_name} — week of ${weekDay(numbers.week_start, zone)}`,
    subject: `Weekly compliance review, ${formatWindowUtc(numbers.week_start, numbers.week_end)}`,
    keywords: `${tenant.slug}, weekly review`,
    date: pdfDate(numbers.week_end),
  });

  titleBlock(doc, 'Floor OS · Weekly review', 'Weekly compliance review', tenant);
  facts(
    doc,
    [
      ['Week', `${weekRange(numbers.week_start, numbers.week_end, zone)} (${zone})`],
      ['Week (UTC)', formatWindowUtc(numbers.week_start, numbers.week_end)],
      ['Compared with', `the week before, ${weekRange(shiftWeek(numbers.week_start, zone), numbers.week_start, zone)}`],
    ],
    110,
  );

  heading(doc, 'Gate calls per channel');
  const calls = REPORT_CHANNELS.map(
    (channel) => numbers.gate_calls.find((row) => row.channel === channel) ?? { channel, calls: 0, previous: 0 },
  );
  const totalNow = calls.reduce((sum, row) => sum + row.calls, 0);
  const totalBefore = calls.reduce((sum, row) => sum + row.previous, 0);
  const callRows = calls.map((row) => [
    CHANNEL_LABELS[row.channel],
    formatCount(row.calls),
    formatCount(row.previous),
    trend(row.calls, row.previous),
  ]);
  callRows.push(['All channels', formatCount(totalNow), formatCount(totalBefore), trend(totalNow, totalBefore)]);
  table(
    doc,
    [
      { header: 'Channel' },
      { header: 'This week', width: 95, align: 'right' },
      { header: 'Week before', width: 95, align: 'right' },
      { header: 'Trend', width: 95, align: 'right' },
    ],
    callRows,
    { boldRows: new Set([callRows.length - 1]) },
  );

  heading(doc, 'Blocks by statute');
  if (numbers.blocks_by_statute.length === 0) {
    note(doc, 'The gate blocked no contact this week or the week before.');
  } else {
    table(
      doc,
      [
        { header: 'Statute', width: 150 },
        { header: 'What the rule says' },
        { header: 'This week', width: 66, align: 'right' },
        { header: 'Week before', width: 80, align: 'right' },
        { header: 'Trend', width: 62, align: 'right' },
      ],
      numbers.blocks_by_statute.map((row) => [
        row.statute,
        ruleTitle(row.rule_id, numbers),
        formatCount(row.count),
        formatCount(row.previous),
        trend(row.count, row.previous),
      ]),
    );
  }

  heading(doc, 'Top reasons for blocks');
  const reasons = numbers.top_reasons.slice(0, 5);
  if (reasons.length === 0) {
    note(doc, 'No block this week.');
  } else {
    table(
      doc,
      [
        { header: '#', width: 24, align: 'right' },
        { header: 'Reason' },
        { header: 'Statute', width: 150 },
        { header: 'Blocks', width: 55, align: 'right' },
      ],
      reasons.map((row, i) => [String(i + 1), row.title, statuteOf(row.rule_id, numbers), formatCount(row.count)]),
    );
  }

  heading(doc, 'Disputes');
  facts(
    doc,
    [
      ['Opened this week', formatCount(numbers.disputes.opened)],
      ['Resolved this week', formatCount(numbers.disputes.resolved)],
    ],
    160,
  );

  heading(doc, 'Webhook health');
  const hooks = numbers.webhooks;
  const verdict = successVerdict(hooks.success_rate);
  facts(
    doc,
    [
      ['Outcomes received', formatCount(hooks.received)],
      ['Processed', formatCount(hooks.processed)],
      ['Failed', formatCount(hooks.failed)],
      ['Refused (bad signature or source)', formatCount(hooks.refused)],
    ],
    200,
  );
  doc.moveDown(0.2);
  facts(
    doc,
    [
      [
        'Delivery success rate',
        `${formatSuccess(hooks.success_rate)}   target ≥ ${formatRate(WEBHOOK_SUCCESS_TARGET)}   ${verdict.text}`,
      ],
    ],
    200,
  );

  heading(doc, 'Gate latency', 40);
  const latency = latencyVerdict(numbers.latency_p95_ms, LATENCY_P95_TARGET_MS);
  facts(
    doc,
    [
      [
        'Latency p95',
        `${formatMs(numbers.latency_p95_ms)}   target ≤ ${formatMs(LATENCY_P95_TARGET_MS)}   ${latency.text}`,
      ],
    ],
    200,
  );
  doc.moveDown(0.6);
  note(
    doc,
    'Arrows compare with the week before: ↑ more, ↓ fewer, → the same. Weeks run Monday to Sunday in the tenant’s time zone.',
    8.5,
  );
  doc.fillColor(COLOURS.text);

  return finish(
    `Floor OS · Weekly compliance review · ${tenant.legal_name} (${tenant.slug}) · week of ${weekDay(numbers.week_start, zone)}`,
  );
}

function trend(current: number, previous: number): string {
  return `${arrowOf(current, previous)} ${formatChange(current, previous)}`;
}

function weekDay(iso: string, zone: string): string {
  return instant(iso, zone).toFormat('LLL d, yyyy');
}

/** `Mon Mar 2 – Sun Mar 8, 2026`: the end is exclusive, so the last day is the one before it. */
function weekRange(startIso: string, endIso: string, zone: string): string {
  const start = instant(startIso, zone);
  const last = instant(endIso, zone).minus({ milliseconds: 1 });
  if (!start.isValid || !last.isValid) return `${startIso} – ${endIso}`;
  return `${start.toFormat('ccc LLL d')} – ${last.toFormat('ccc LLL d, yyyy')}`;
}

function shiftWeek(startIso: string, zone: string): string {
  const start = instant(startIso, zone);
  return start.isValid ? (start.minus({ weeks: 1 }).toUTC().toISO() ?? startIso) : startIso;
}

function ruleTitle(ruleId: string, numbers: WeeklyReviewNumbers): string {
  return (
    numbers.top_reasons.find((row) => row.rule_id === ruleId)?.title ??
    RULES.find((rule) => rule.id === ruleId)?.reason ??
    ruleId
  );
}

function statuteOf(ruleId: string, numbers: WeeklyReviewNumbers): string {
  return (
    numbers.blocks_by_statute.find((row) => row.rule_id === ruleId)?.statute ??
    RULES.find((rule) => rule.id === ruleId)?.statute ??
    '—'
  );
}
