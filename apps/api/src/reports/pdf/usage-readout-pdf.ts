import { REPORT_CHANNELS, type TrendArrow, type UsageReport, type UsageWeek } from '@floor-os/contracts';
import { COLOURS, CONTENT_WIDTH, PAGE, openDocument, setFont, type Doc, type ReportTenant } from './document';
import {
  ARROWS,
  CHANNEL_LABELS,
  CLUSTER_LABELS,
  formatCount,
  formatDay,
  formatLocal,
  formatMs,
  formatRate,
  formatSuccess,
  formatUtc,
  pdfDate,
  safeZone,
} from './format';
import { asShare, latencyVerdict, successVerdict, throughputVerdict, type Verdict } from './targets';

export type ReadoutDay = 30 | 60 | 90;

const ACTIONS: Record<UsageReport['recommendation']['action'], string> = {
  continue: 'Continue the pilot as planned',
  expand: 'Expand the pilot',
  pause: 'Pause the pilot',
  fix_integration: 'Fix the integration before deciding',
};
const DECISIONS: Record<UsageReport['decisions'][number]['decision'], string> = {
  continue: 'Continue',
  expand: 'Expand',
  pause: 'Pause',
};
const CLUSTERS = ['compliance', 'operations', 'support'] as const;

const LEFT = PAGE.margin;
/** Nothing is drawn below this line: the footer lives under it and the readout is one page. */
const BOTTOM = PAGE.height - PAGE.margin;

/**
 * The Day 30 (60, 90) usage readout (SPEC P4) on ONE page: headline figures of the latest week with trend
 * arrows, the targets (webhook success ≥ 99.5 %, gate latency p95 ≤ 120 ms, queue throughput against the
 * tenant's baseline), gate calls and block rate per channel, active users per cluster (each with a weekly
 * sparkline), the recommended next step with its reasons, and the milestone decision when recorded.
 *
 * Every block has a fixed place and height whatever the number of weeks; the only free text (reasons, the
 * decision's note) is cut to the room left, so the page never overflows. Its dates are the report's `as_of`.
 */
export async function renderUsageReadoutPdf(
  report: UsageReport,
  day: ReadoutDay,
  tenant: ReportTenant,
): Promise<Buffer> {
  const zone = safeZone(report.timezone);
  const { doc, finish } = openDocument({
    title: `Day ${day} usage readout — ${tenant.legal_name}`,
    subject: `Pilot usage readout for day ${day}, ${formatUtc(report.from)} – ${formatUtc(report.to)}`,
    keywords: `${tenant.slug}, usage readout, day ${day}`,
    date: pdfDate(report.as_of),
  });

  const weeks = report.weeks;
  const latest: UsageWeek | undefined = weeks[weeks.length - 1];
  const previous: UsageWeek | undefined = weeks[weeks.length - 2];
  const latestLabel = latest ? `week of ${formatDay(latest.week_start, zone)}` : '';

  // Title.
  let y: number = PAGE.margin;
  setFont(doc, 'Sans')
    .fontSize(8.5)
    .fillColor(COLOURS.muted)
    .text('FLOOR OS · PILOT READOUT', LEFT, y, { characterSpacing: 0.6, lineBreak: false });
  y += 13;
  setFont(doc, 'Sans-Bold')
    .fontSize(18)
    .fillColor(COLOURS.accent)
    .text(`Day ${day} usage readout`, LEFT, y, { lineBreak: false });
  y += 24;
  line(doc, `${tenant.legal_name}  (${tenant.slug})`, LEFT, y, CONTENT_WIDTH, { font: 'Sans-Bold', size: 11 });
  y += 16;
  line(
    doc,
    `${formatDay(report.from, zone)} – ${formatDay(report.to, zone)} · ${weeks.length} ${weeks.length === 1 ? 'week' : 'weeks'} · ${zone} · numbers as of ${formatLocal(report.as_of, zone)}`,
    LEFT,
    y,
    CONTENT_WIDTH,
    { size: 8.5, colour: COLOURS.muted },
  );
  y += 16;
  line(
    doc,
    latest
      ? `Headline figures of the latest week (${latestLabel}); arrows show the trend over the weeks.`
      : 'No week of gate traffic yet.',
    LEFT,
    y,
    CONTENT_WIDTH,
    { size: 8.5, colour: COLOURS.muted },
  );
  y += 15;

  // Headline figures: two rows of four cards.
  const success = successVerdict(latest?.webhook_success_rate, report.targets.webhook_success_rate);
  const latency = latencyVerdict(latest?.latency_p95_ms, report.targets.latency_p95_ms);
  const throughput = throughputVerdict(latest?.queue_throughput, report.targets.queue_throughput_baseline);
  const totalCalls = weeks.reduce((sum, week) => sum + sumCalls(week), 0);
  const cards: Card[] = [
    {
      label: 'Gate calls',
      value: formatCount(latest ? sumCalls(latest) : null),
      trend: report.trends.gate_calls,
      sub: `${formatCount(totalCalls)} since the start`,
    },
    {
      label: 'Block rate',
      value: formatRate(latest ? overallBlockRate(latest) : null),
      trend: report.trends.block_rate,
      sub: 'of gate calls, all channels',
    },
    {
      label: 'Active users',
      value: formatCount(latest ? sumUsers(latest) : null),
      trend: report.trends.active_users,
      sub: 'distinct users signed in',
    },
    {
      label: 'Audit drilldowns',
      value: formatCount(latest?.drilldowns),
      trend: report.trends.drilldowns,
      sub: 'decisions opened',
    },
    {
      label: 'Webhook success',
      value: formatSuccess(latest?.webhook_success_rate),
      trend: report.trends.webhook_success_rate,
      sub: `target ≥ ${formatRate(asShare(report.targets.webhook_success_rate))}`,
      verdict: success,
    },
    {
      label: 'Gate latency p95',
      value: formatMs(latest?.latency_p95_ms),
      trend: report.trends.latency_p95_ms,
      sub: `target ≤ ${formatMs(report.targets.latency_p95_ms)}`,
      verdict: latency,
    },
    {
      label: 'Queue throughput',
      value: formatCount(latest?.queue_throughput),
      trend: report.trends.queue_throughput,
      sub:
        report.targets.queue_throughput_baseline != null
          ? `baseline ${formatCount(report.targets.queue_throughput_baseline)}`
          : 'no baseline entered',
      verdict: report.targets.queue_throughput_baseline != null ? throughput : undefined,
    },
    {
      label: 'Weeks of data',
      value: formatCount(weeks.length),
      sub: weeks[0] ? `since ${formatDay(weeks[0].week_start, zone)}` : 'no gate traffic yet',
    },
  ];
  const gap = 6;
  const cardWidth = (CONTENT_WIDTH - 3 * gap) / 4;
  const cardHeight = 54;
  cards.forEach((card, i) =>
    drawCard(
      doc,
      card,
      LEFT + (i % 4) * (cardWidth + gap),
      y + Math.floor(i / 4) * (cardHeight + gap),
      cardWidth,
      cardHeight,
    ),
  );
  y += 2 * cardHeight + gap + 14;

  // Targets.
  y = sectionTitle(doc, 'Targets', y);
  y = grid(
    doc,
    y,
    [
      { header: 'Target', width: 200 },
      { header: 'Latest week', width: 90, align: 'right' },
      { header: 'Weeks met', width: 90, align: 'right' },
      { header: 'Verdict' },
    ],
    [
      [
        `Webhook delivery success ≥ ${formatRate(asShare(report.targets.webhook_success_rate))}`,
        formatSuccess(latest?.webhook_success_rate),
        weeksMet(weeks, (w) => successVerdict(w.webhook_success_rate, report.targets.webhook_success_rate)),
        success.text,
      ],
      [
        `Gate latency p95 ≤ ${formatMs(report.targets.latency_p95_ms)}`,
        formatMs(latest?.latency_p95_ms),
        weeksMet(weeks, (w) => latencyVerdict(w.latency_p95_ms, report.targets.latency_p95_ms)),
        latency.text,
      ],
      [
        report.targets.queue_throughput_baseline != null
          ? `Queue throughput ≥ baseline ${formatCount(report.targets.queue_throughput_baseline)}`
          : 'Queue throughput against a baseline',
        formatCount(latest?.queue_throughput),
        weeksMet(weeks, (w) => throughputVerdict(w.queue_throughput, report.targets.queue_throughput_baseline)),
        throughput.text,
      ],
    ],
    { colour: (row, col) => (col === 3 ? verdictColour([success, latency, throughput][row]) : undefined) },
  );
  y += 12;

  // Channels.
  y = sectionTitle(doc, 'Gate calls and block rate per channel', y);
  const channelSeries = REPORT_CHANNELS.map((channel) => weeks.map((week) => week.block_rate[channel] ?? null));
  y = grid(
    doc,
    y,
    [
      { header: 'Channel', width: 70 },
      { header: 'Calls, latest week', width: 76, align: 'right' },
      { header: 'Calls, all weeks', width: 76, align: 'right' },
      { header: 'Block rate, first week', width: 76, align: 'right' },
      { header: 'Block rate, latest week', width: 76, align: 'right' },
      { header: 'Trend', width: 40, align: 'center' },
      { header: 'Block rate by week' },
    ],
    REPORT_CHANNELS.map((channel, i) => [
      CHANNEL_LABELS[channel],
      formatCount(latest?.gate_calls[channel]),
      formatCount(weeks.reduce((sum, week) => sum + (week.gate_calls[channel] ?? 0), 0)),
      formatRate(firstValue(channelSeries[i])),
      formatRate(latest?.block_rate[channel]),
      weekArrow(latest?.block_rate[channel], previous?.block_rate[channel]),
      '',
    ]),
    { sparkline: (row) => channelSeries[row] },
  );
  y += 12;

  // Clusters.
  y = sectionTitle(doc, 'Active users per cluster', y);
  const clusterSeries = CLUSTERS.map((cluster) => weeks.map((week) => week.active_users[cluster] ?? 0));
  y = grid(
    doc,
    y,
    [
      { header: 'Cluster', width: 146 },
      { header: 'Latest week', width: 76, align: 'right' },
      { header: 'Peak week', width: 76, align: 'right' },
      { header: 'First week', width: 76, align: 'right' },
      { header: 'Trend', width: 40, align: 'center' },
      { header: 'Active users by week' },
    ],
    CLUSTERS.map((cluster, i) => [
      CLUSTER_LABELS[cluster],
      formatCount(latest?.active_users[cluster]),
      formatCount(clusterSeries[i].length ? Math.max(...clusterSeries[i]) : null),
      formatCount(clusterSeries[i][0]),
      weekArrow(latest?.active_users[cluster], previous?.active_users[cluster]),
      '',
    ]),
    { sparkline: (row) => clusterSeries[row] },
  );
  y += 12;

  // The recommendation takes what the milestone decision leaves: the decision needs its title, one line,
  // one line of note and the earlier decisions.
  const decisionReserve = 60;
  y = sectionTitle(doc, 'Recommended next step', y);
  line(doc, ACTIONS[report.recommendation.action] ?? report.recommendation.action, LEFT, y, CONTENT_WIDTH, {
    font: 'Sans-Bold',
    size: 10.5,
  });
  y += 16;
  y = bullets(doc, report.recommendation.reasons, y, BOTTOM - decisionReserve - 10);
  y += 10;

  drawDecision(doc, report, day, zone, y, BOTTOM - y);

  return finish(
    `Floor OS · Day ${day} usage readout · ${tenant.legal_name} (${tenant.slug}) · as of ${formatUtc(report.as_of)}`,
  );
}

interface Card {
  label: string;
  value: string;
  trend?: TrendArrow;
  sub: string;
  verdict?: Verdict;
}

function drawCard(doc: Doc, card: Card, x: number, y: number, width: number, height: number): void {
  doc.save().roundedRect(x, y, width, height, 4).fillAndStroke(COLOURS.headerFill, COLOURS.rule).restore();
  const inner = width - 16;
  line(doc, card.label, x + 8, y + 6, inner, { size: 8, colour: COLOURS.muted });
  const value = card.trend ? `${card.value} ${ARROWS[card.trend]}` : card.value;
  line(doc, value, x + 8, y + 18, inner, {
    font: 'Sans-Bold',
    size: 15,
    colour: card.verdict?.met === false ? COLOURS.bad : COLOURS.text,
  });
  const sub =
    card.verdict && card.verdict.met !== null ? `${card.sub} · ${card.verdict.met ? '✓ met' : '✗ not met'}` : card.sub;
  line(doc, sub, x + 8, y + 39, inner, {
    size: 7,
    colour: card.verdict ? verdictColour(card.verdict) : COLOURS.muted,
    font: 'Sans-Condensed',
  });
}

function sectionTitle(doc: Doc, text: string, y: number): number {
  line(doc, text, LEFT, y, CONTENT_WIDTH, { font: 'Sans-Bold', size: 11, colour: COLOURS.accent });
  doc
    .save()
    .strokeColor(COLOURS.rule)
    .lineWidth(0.5)
    .moveTo(LEFT, y + 15)
    .lineTo(LEFT + CONTENT_WIDTH, y + 15)
    .stroke()
    .restore();
  return y + 20;
}

interface LineStyle {
  font?: 'Sans' | 'Sans-Bold' | 'Sans-Condensed';
  size?: number;
  colour?: string;
  align?: 'left' | 'right' | 'center';
}

/** One line of text that never wraps and never runs past `width` (an ellipsis ends it). */
function line(doc: Doc, text: string, x: number, y: number, width: number, style: LineStyle = {}): void {
  setFont(doc, style.font ?? 'Sans')
    .fontSize(style.size ?? 9)
    .fillColor(style.colour ?? COLOURS.text);
  doc.text(fit(doc, text, width), x, y, { width, align: style.align ?? 'left', lineBreak: false });
}

/** `text`, shortened with an ellipsis until it fits `width` at the current font. */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 0 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

interface GridColumn {
  header: string;
  width?: number;
  align?: 'left' | 'right' | 'center';
}

const ROW = 15;
const HEADER = 22;

/**
 * A small fixed-height table for the one-pager: every row is one line, so its height is known before it is
 * drawn. `sparkline` draws a row's weekly series in the last column.
 */
function grid(
  doc: Doc,
  top: number,
  columns: GridColumn[],
  rows: string[][],
  options: {
    colour?: (row: number, col: number) => string | undefined;
    sparkline?: (row: number) => (number | null)[];
  } = {},
): number {
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const free = columns.filter((c) => c.width == null).length;
  const widths = columns.map((c) => c.width ?? (CONTENT_WIDTH - fixed) / Math.max(1, free));
  const xs = widths.map((_, i) => LEFT + widths.slice(0, i).reduce((a, b) => a + b, 0));

  doc.save().rect(LEFT, top, CONTENT_WIDTH, HEADER).fill(COLOURS.headerFill).restore();
  columns.forEach((column, i) => {
    setFont(doc, 'Sans-Bold').fontSize(7.5).fillColor(COLOURS.text);
    const width = widths[i] - 8;
    const height = doc.heightOfString(column.header, { width });
    doc.text(column.header, xs[i] + 4, top + Math.max(2, (HEADER - height) / 2), {
      width,
      height: HEADER - 2,
      align: column.align ?? 'left',
      ellipsis: true,
    });
  });
  let y = top + HEADER;
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell)
        line(doc, cell, xs[c] + 4, y + 3.5, widths[c] - 8, {
          size: 8.5,
          align: columns[c].align,
          colour: options.colour?.(r, c),
        });
    });
    const series = options.sparkline?.(r);
    if (series) sparkline(doc, series, xs[xs.length - 1] + 6, y + 3, widths[widths.length - 1] - 12, ROW - 6);
    y += ROW;
    doc
      .save()
      .strokeColor(COLOURS.rule)
      .lineWidth(0.5)
      .moveTo(LEFT, y)
      .lineTo(LEFT + CONTENT_WIDTH, y)
      .stroke()
      .restore();
  });
  return y;
}

/** A weekly series as a line from 0 to its maximum; a week without a value breaks the line. */
function sparkline(doc: Doc, values: (number | null)[], x: number, y: number, width: number, height: number): void {
  const known = values.filter((v): v is number => v != null && Number.isFinite(v));
  if (known.length === 0) {
    line(doc, 'no data', x, y + 1, width, { size: 7, colour: COLOURS.muted });
    return;
  }
  const max = Math.max(...known, 0);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const at = (i: number, v: number) =>
    [x + (values.length > 1 ? i * step : width / 2), y + height - (max > 0 ? (v / max) * height : 0)] as const;
  doc
    .save()
    .strokeColor(COLOURS.rule)
    .lineWidth(0.4)
    .moveTo(x, y + height)
    .lineTo(x + width, y + height)
    .stroke()
    .restore();
  doc.save().strokeColor(COLOURS.accent).lineWidth(1);
  let drawing = false;
  values.forEach((v, i) => {
    if (v == null || !Number.isFinite(v)) {
      drawing = false;
      return;
    }
    const [px, py] = at(i, v);
    if (drawing) doc.lineTo(px, py);
    else doc.moveTo(px, py);
    drawing = true;
  });
  doc.stroke().restore();
  const lastIndex = values.length - 1;
  const last = values[lastIndex];
  if (last != null && Number.isFinite(last)) {
    const [px, py] = at(lastIndex, last);
    doc.save().fillColor(COLOURS.accent).circle(px, py, 1.6).fill().restore();
  }
}

/** The reasons as bullets, cut to end above `limit`; what does not fit is counted. */
function bullets(doc: Doc, reasons: string[], top: number, limit: number): number {
  let y = top;
  const width = CONTENT_WIDTH - 14;
  setFont(doc, 'Sans').fontSize(9);
  const lineHeight = doc.currentLineHeight(true);
  for (let i = 0; i < reasons.length; i++) {
    const reserve = i < reasons.length - 1 ? lineHeight + 2 : 0;
    setFont(doc, 'Sans').fontSize(9);
    // Two lines at most each: the usage report has them in full.
    const height = Math.min(doc.heightOfString(reasons[i], { width }), 2 * lineHeight);
    if (y + height + reserve > limit) {
      const left = reasons.length - i;
      if (y + lineHeight <= limit)
        line(doc, `… and ${left} more ${left === 1 ? 'reason' : 'reasons'} in the usage report.`, LEFT + 14, y, width, {
          size: 9,
          colour: COLOURS.muted,
        });
      return Math.min(y + lineHeight, limit);
    }
    doc.fillColor(COLOURS.accent).text('•', LEFT + 4, y, { lineBreak: false });
    doc.fillColor(COLOURS.text).text(reasons[i], LEFT + 14, y, { width, height, ellipsis: true });
    y += height + 2;
  }
  if (reasons.length === 0) {
    line(doc, 'No reasons given.', LEFT + 14, y, width, { size: 9, colour: COLOURS.muted });
    y += lineHeight;
  }
  return y;
}

function drawDecision(doc: Doc, report: UsageReport, day: ReadoutDay, zone: string, top: number, height: number): void {
  let y = sectionTitle(doc, `Day ${day} milestone decision`, top);
  const decision = report.decisions.find((d) => d.day === day);
  const earlier = report.decisions
    .filter((d) => d.day < day)
    .sort((a, b) => a.day - b.day)
    .map((d) => `Day ${d.day}: ${DECISIONS[d.decision] ?? d.decision} (${formatDay(d.decided_at, zone)})`)
    .join(' · ');
  if (!decision) {
    line(
      doc,
      `Not recorded yet: the Day ${day} checkpoint records continue, expand or pause, with a note.`,
      LEFT,
      y,
      CONTENT_WIDTH,
      { size: 9, colour: COLOURS.muted },
    );
    y += 13;
  } else {
    line(
      doc,
      `${DECISIONS[decision.decision] ?? decision.decision} — decided by ${decision.decided_by}, ${formatLocal(decision.decided_at, zone)}`,
      LEFT,
      y,
      CONTENT_WIDTH,
      { font: 'Sans-Bold', size: 10 },
    );
    y += 14;
    if (decision.note?.trim()) {
      const room = top + height - y - (earlier ? 12 : 0);
      setFont(doc, 'Sans').fontSize(9).fillColor(COLOURS.text);
      const lines = Math.min(5, Math.max(1, Math.floor(room / doc.currentLineHeight(true))));
      const noteHeight = Math.min(
        doc.heightOfString(decision.note.trim(), { width: CONTENT_WIDTH }),
        lines * doc.currentLineHeight(true),
      );
      doc.text(decision.note.trim(), LEFT, y, { width: CONTENT_WIDTH, height: noteHeight, ellipsis: true });
      y += noteHeight + 1;
    }
  }
  if (earlier && y + 11 <= top + height)
    line(doc, `Earlier: ${earlier}`, LEFT, y, CONTENT_WIDTH, { size: 8, colour: COLOURS.muted });
}

function sumCalls(week: UsageWeek): number {
  return REPORT_CHANNELS.reduce((sum, channel) => sum + (week.gate_calls[channel] ?? 0), 0);
}

function sumUsers(week: UsageWeek): number {
  return CLUSTERS.reduce((sum, cluster) => sum + (week.active_users[cluster] ?? 0), 0);
}

/** The week's block rate over all channels, weighted by each channel's gate calls. */
function overallBlockRate(week: UsageWeek): number | null {
  let calls = 0;
  let blocks = 0;
  for (const channel of REPORT_CHANNELS) {
    const rate = week.block_rate[channel];
    const count = week.gate_calls[channel] ?? 0;
    if (rate == null || count === 0) continue;
    calls += count;
    blocks += rate * count;
  }
  return calls === 0 ? null : blocks / calls;
}

function firstValue(series: (number | null)[]): number | null {
  return series.find((v) => v != null) ?? null;
}

function weekArrow(current: number | null | undefined, before: number | null | undefined): string {
  if (current == null || before == null) return '—';
  return ARROWS[current > before ? 'up' : current < before ? 'down' : 'flat'];
}

function weeksMet(weeks: UsageWeek[], verdict: (week: UsageWeek) => Verdict): string {
  const judged = weeks.map(verdict).filter((v) => v.met !== null);
  return judged.length === 0 ? '—' : `${judged.filter((v) => v.met).length} of ${judged.length}`;
}

function verdictColour(verdict: Verdict): string {
  return verdict.met === true ? COLOURS.good : verdict.met === false ? COLOURS.bad : COLOURS.muted;
}
