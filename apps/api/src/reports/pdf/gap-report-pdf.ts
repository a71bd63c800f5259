import type { GapReport } from '@floor-os/contracts';
import {
  COLOURS,
  CONTENT_WIDTH,
  PAGE,
  facts,
  heading,
  keepTogether,
  note,
  openDocument,
  table,
  setFont,
  titleBlock,
  type Doc,
} from './document';
import {
  formatCount,
  formatLocal,
  formatPhone,
  formatRate,
  formatUtc,
  formatWindowLocal,
  formatWindowUtc,
  orDash,
  pdfDate,
  safeZone,
} from './format';

/** Who signed the report off (SPEC P3): frozen with the snapshot. */
export interface GapSignature {
  /** The signer's name as people know it. */
  signed_by: string;
  signed_at: string;
  note: string | null;
}

export interface GapReportPdfOptions {
  /**
   * The tenant's time zone (decided detail 23). `GapReport` does not carry it; without it the window is shown
   * in UTC only.
   */
  timezone?: string;
}

const STATEMENT =
  'I have reviewed the shadow decisions in this window that would have blocked a contact had the gate been enforcing, ' +
  'and the samples above.';

/**
 * The compliance gap report (SPEC P3) as a PDF: title, tenant, the window in the tenant's zone and in UTC,
 * counts, a table of would-block decisions by statute, samples per statute (phone numbers in full: this is
 * the compliance officer's own evidence and the API restricts who may download it), and the signature block —
 * filled in when `signature` is given, else blank lines to sign on paper.
 *
 * The same report and signature give the same bytes: the document's dates are the sign-off time (or the
 * report's `as_of` when unsigned).
 */
export async function renderGapReportPdf(
  report: GapReport,
  signature?: GapSignature,
  options: GapReportPdfOptions = {},
): Promise<Buffer> {
  const zone = options.timezone ? safeZone(options.timezone) : null;
  const { doc, finish } = openDocument({
    title: `Compliance gap report — ${report.tenant.legal_name}`,
    subject: `Shadow decisions that would have blocked, ${formatWindowUtc(report.from, report.to)}`,
    keywords: `${report.tenant.slug}, compliance gap report${signature ? ', signed' : ''}`,
    date: pdfDate(signature?.signed_at ?? report.as_of),
  });

  titleBlock(doc, 'Floor OS · Shadow mode evidence', 'Compliance gap report', report.tenant);
  note(
    doc,
    'Shadow decisions in the window that would have blocked the contact had the compliance gate been enforcing, grouped by statute.',
  );
  doc.moveDown(0.6);

  const window: [string, string][] = [];
  if (zone) window.push(['Window', `${formatWindowLocal(report.from, report.to, zone)} (${zone})`]);
  window.push(['Window (UTC)', formatWindowUtc(report.from, report.to)]);
  window.push([
    'Numbers as of',
    zone ? `${formatLocal(report.as_of, zone)} (${formatUtc(report.as_of)})` : formatUtc(report.as_of),
  ]);
  window.push(['Shadow decisions', formatCount(report.decisions)]);
  window.push([
    'Would have blocked',
    `${formatCount(report.would_block)}${report.decisions > 0 ? ` (${formatRate(report.would_block / report.decisions)} of the decisions)` : ''}`,
  ]);
  window.push(['Statutes involved', formatCount(report.by_statute.length)]);
  facts(doc, window, 150);

  heading(doc, 'Would-block decisions by statute');
  if (report.by_statute.length === 0) {
    note(doc, 'No shadow decision in this window would have blocked a contact.');
  } else {
    const rows = report.by_statute.map((group) => [
      group.statute,
      group.rule_id,
      group.title,
      formatCount(group.count),
    ]);
    // A decision with several findings counts once per statute, so the groups may add up to more than the total.
    rows.push([
      'All statutes',
      '',
      'Decisions that would have blocked (each counted once)',
      formatCount(report.would_block),
    ]);
    table(
      doc,
      [
        { header: 'Statute', width: 150 },
        { header: 'Rule', width: 86 },
        { header: 'What the rule says' },
        { header: 'Count', width: 52, align: 'right' },
      ],
      rows,
      { boldRows: new Set([rows.length - 1]) },
    );
  }

  if (report.by_statute.some((group) => group.samples.length > 0)) {
    heading(doc, 'Samples by statute', 90);
    report.by_statute.forEach((group, index) => {
      if (group.samples.length === 0) return;
      if (index > 0) doc.moveDown(0.6);
      keepTogether(doc, 80);
      setFont(doc, 'Sans-Bold')
        .fontSize(10)
        .fillColor(COLOURS.text)
        .text(`${group.statute} — ${group.title}`, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
      note(
        doc,
        `${group.rule_id} · ${formatCount(group.count)} would-block decisions · ${formatCount(group.samples.length)} shown`,
        8.5,
      );
      doc.moveDown(0.25);
      table(
        doc,
        [
          { header: 'Audit id', width: 142 },
          { header: 'Account', width: 88 },
          { header: 'Phone', width: 82 },
          { header: 'Agent', width: 76 },
          { header: zone ? 'Time (tenant zone)' : 'Time (UTC)' },
        ],
        group.samples.map((sample) => [
          sample.audit_id,
          sample.account_id,
          formatPhone(sample.phone_number),
          orDash(sample.agent_id),
          zone ? formatLocal(sample.at, zone) : formatUtc(sample.at),
        ]),
        { fontSize: 8, font: 'Sans-Condensed', boldFont: 'Sans-Condensed-Bold' },
      );
    });
  }

  signatureBlock(doc, signature, zone);

  return finish(
    `Floor OS · Compliance gap report · ${report.tenant.legal_name} (${report.tenant.slug}) · ${formatWindowUtc(report.from, report.to)}`,
  );
}

function signatureBlock(doc: Doc, signature: GapSignature | undefined, zone: string | null): void {
  heading(doc, 'Sign-off', 150);
  setFont(doc, 'Sans')
    .fontSize(9.5)
    .fillColor(COLOURS.text)
    .text(STATEMENT, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.8);
  if (signature) {
    facts(
      doc,
      [
        ['Signed by', signature.signed_by],
        [
          'Date',
          zone
            ? `${formatLocal(signature.signed_at, zone)} (${formatUtc(signature.signed_at)})`
            : formatUtc(signature.signed_at),
        ],
        ['Note', signature.note?.trim() ? signature.note.trim() : '—'],
      ],
      100,
    );
    doc.moveDown(0.4);
    note(doc, 'Signed in Floor OS: this document is the frozen snapshot of the report as it was signed.', 8.5);
    return;
  }
  const line = (label: string) => {
    const y = doc.y + 14;
    setFont(doc, 'Sans')
      .fontSize(9.5)
      .fillColor(COLOURS.muted)
      .text(label, PAGE.margin, y - 10, { width: 90, lineBreak: false });
    doc
      .save()
      .strokeColor(COLOURS.muted)
      .lineWidth(0.6)
      .moveTo(PAGE.margin + 100, y + 2)
      .lineTo(PAGE.width - PAGE.margin, y + 2)
      .stroke()
      .restore();
    doc.y = y + 12;
  };
  line('Signed by');
  line('Date');
  line('Note');
  line('');
  doc.x = PAGE.margin;
  doc.fillColor(COLOURS.text);
}
