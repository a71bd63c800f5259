import PDFDocument from 'pdfkit';

/**
 * The report PDFs' common page: US Letter, DejaVu Sans embedded (decided detail 26: arrows, ≥ and ≤ and
 * accented names need a Unicode font, and the PDF standard fonts have none of them), a footer on every page,
 * and bytes that depend on the input alone.
 *
 * Determinism: PDFKit writes `CreationDate: new Date()` unless told otherwise and derives the trailer's file
 * `/ID` from an MD5 of the information dictionary; everything else it writes (font subsets and their tags,
 * object order, Flate streams) follows from the calls made. So every document here sets CreationDate and
 * ModDate (and the other info entries) from the data it renders, which makes the `/ID` — and the whole
 * file — the same for the same input. Nothing here reads the clock.
 */

export type Doc = PDFKit.PDFDocument;

/** The tenant as the documents name it. */
export interface ReportTenant {
  legal_name: string;
  slug: string;
}

const FONT_FILES = {
  Sans: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  'Sans-Bold': 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  'Sans-Condensed': 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf',
  'Sans-Condensed-Bold': 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;

let fontPaths: Record<FontName, string> | null = null;

/** The TTF files of the `dejavu-fonts-ttf` package, resolved once. */
export function reportFontPaths(): Record<FontName, string> {
  fontPaths ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([name, file]) => [name, require.resolve(file)]),
  ) as Record<FontName, string>;
  return fontPaths;
}

export const PAGE = { width: 612, height: 792, margin: 50 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

export const COLOURS = {
  text: '#1f2937',
  muted: '#6b7280',
  rule: '#d1d5db',
  headerFill: '#f3f4f6',
  accent: '#1e3a8a',
  good: '#166534',
  bad: '#b91c1c',
} as const;

export interface DocumentMeta {
  /** The document's title (PDF info and the first heading's subject). */
  title: string;
  subject: string;
  keywords: string;
  /** The instant the numbers stand for (as_of, signed_at, the week's end): CreationDate and ModDate. */
  date: Date;
}

export interface OpenDocument {
  doc: Doc;
  /** Writes the footer on every page, ends the document and answers its bytes. */
  finish(footer: string): Promise<Buffer>;
}

export function openDocument(meta: DocumentMeta): OpenDocument {
  const fonts = reportFontPaths();
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: PAGE.margin,
    bufferPages: true,
    font: fonts.Sans,
    lang: 'en-US',
    displayTitle: true,
    info: {
      Title: meta.title,
      Subject: meta.subject,
      Keywords: meta.keywords,
      Author: 'Floor OS',
      Creator: 'Floor OS',
      Producer: 'Floor OS (PDFKit)',
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
  setFont(doc, 'Sans').fontSize(10).fillColor(COLOURS.text);

  const chunks: Uint8Array[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  return {
    doc,
    finish(footer: string) {
      const { start, count } = doc.bufferedPageRange();
      for (let i = start; i < start + count; i++) {
        doc.switchToPage(i);
        // Writing inside the bottom margin would make PDFKit open a new page: lift the margin while we write.
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        const y = PAGE.height - PAGE.margin + 18;
        doc
          .save()
          .strokeColor(COLOURS.rule)
          .lineWidth(0.5)
          .moveTo(PAGE.margin, y - 6)
          .lineTo(PAGE.width - PAGE.margin, y - 6)
          .stroke()
          .restore();
        setFont(doc, 'Sans').fontSize(7.5).fillColor(COLOURS.muted);
        doc.text(footer, PAGE.margin, y, { width: CONTENT_WIDTH - 80, lineBreak: false, ellipsis: true, height: 10 });
        doc.text(`Page ${i - start + 1} of ${count}`, PAGE.width - PAGE.margin - 80, y, {
          width: 80,
          align: 'right',
          lineBreak: false,
        });
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      return bytes;
    },
  };
}

/**
 * Selects one of the report fonts by its file path. Not through `registerFont` aliases: PDFKit's tables
 * restore the previous font after each cell by its resolved source, and an alias resolves to a path that is
 * not in the document's font cache, so every cell would read and parse the TTF again (25 ms a row).
 */
export function setFont(doc: Doc, name: FontName): Doc {
  return doc.font(reportFontPaths()[name]);
}

/** Room left on the page below `doc.y`. */
export function roomLeft(doc: Doc): number {
  return doc.page.maxY() - doc.y;
}

/** Opens a new page unless `height` still fits below `doc.y`. */
export function keepTogether(doc: Doc, height: number): void {
  if (roomLeft(doc) < height) doc.addPage();
}

/** The document's first lines: a kicker, the title, the tenant. */
export function titleBlock(doc: Doc, kicker: string, title: string, tenant: ReportTenant): void {
  setFont(doc, 'Sans')
    .fontSize(8.5)
    .fillColor(COLOURS.muted)
    .text(kicker.toUpperCase(), PAGE.margin, doc.y, { characterSpacing: 0.6 });
  doc.moveDown(0.2);
  setFont(doc, 'Sans-Bold').fontSize(18).fillColor(COLOURS.accent).text(title);
  doc.moveDown(0.15);
  setFont(doc, 'Sans-Bold').fontSize(11).fillColor(COLOURS.text).text(tenant.legal_name, { continued: true });
  setFont(doc, 'Sans').fillColor(COLOURS.muted).text(`   (${tenant.slug})`);
  doc.moveDown(0.5);
  doc.fillColor(COLOURS.text);
}

/** A section heading; keeps at least `minBody` points of the section with it. */
export function heading(doc: Doc, text: string, minBody = 60): void {
  keepTogether(doc, 24 + minBody);
  doc.moveDown(0.6);
  doc.x = PAGE.margin;
  setFont(doc, 'Sans-Bold')
    .fontSize(12)
    .fillColor(COLOURS.accent)
    .text(text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  const y = doc.y + 1;
  doc
    .save()
    .strokeColor(COLOURS.rule)
    .lineWidth(0.5)
    .moveTo(PAGE.margin, y)
    .lineTo(PAGE.width - PAGE.margin, y)
    .stroke()
    .restore();
  doc.y = y + 5;
  setFont(doc, 'Sans').fontSize(10).fillColor(COLOURS.text);
}

/** Label–value lines with the values aligned. */
export function facts(doc: Doc, rows: [string, string][], labelWidth = 130, size = 10): void {
  for (const [label, value] of rows) {
    setFont(doc, 'Sans').fontSize(size);
    const height = Math.max(
      doc.heightOfString(value, { width: CONTENT_WIDTH - labelWidth }),
      doc.heightOfString(label, { width: labelWidth - 8 }),
      doc.currentLineHeight(true),
    );
    keepTogether(doc, height + 2);
    const top = doc.y;
    doc.fillColor(COLOURS.muted).text(label, PAGE.margin, top, { width: labelWidth - 8 });
    doc.fillColor(COLOURS.text).text(value, PAGE.margin + labelWidth, top, { width: CONTENT_WIDTH - labelWidth });
    doc.y = top + height + 2;
  }
  doc.x = PAGE.margin;
}

export interface Column {
  header: string;
  /** Points; columns without a width share what is left. */
  width?: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableOptions {
  fontSize?: number;
  font?: FontName;
  boldFont?: FontName;
  /** Rows whose cells are drawn bold (a total line). */
  boldRows?: ReadonlySet<number>;
  /** Per cell text colour. */
  colour?: (row: number, col: number) => string | undefined;
}

const PADDING = { top: 3, bottom: 3, left: 5, right: 5 };

/**
 * A table with PDFKit's `doc.table` in the house style (a shaded header, hairlines between rows). Rows never
 * split across pages: a row that does not fit starts a new page, where the header is drawn again.
 */
export function table(doc: Doc, columns: Column[], rows: string[][], options: TableOptions = {}): void {
  const size = options.fontSize ?? 9;
  const font = options.font ?? 'Sans';
  const bold = options.boldFont ?? 'Sans-Bold';
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const flexible = columns.filter((c) => c.width == null).length;
  const widths = columns.map((c) => c.width ?? Math.max(0, (CONTENT_WIDTH - fixed) / Math.max(1, flexible)));

  const heightOf = (cells: string[], cellFont: FontName): number => {
    setFont(doc, cellFont).fontSize(size);
    const text = Math.max(
      doc.currentLineHeight(true),
      ...cells.map((cell, i) =>
        cell ? doc.heightOfString(cell, { width: widths[i] - PADDING.left - PADDING.right }) : 0,
      ),
    );
    return text + PADDING.top + PADDING.bottom;
  };

  const header = columns.map((c) => ({
    text: c.header,
    type: 'TH' as const,
    font: { src: reportFontPaths()[bold] },
    backgroundColor: COLOURS.headerFill,
    textColor: COLOURS.text,
  }));
  const start = () => {
    setFont(doc, font).fontSize(size).fillColor(COLOURS.text);
    const t = doc.table({
      position: { x: PAGE.margin, y: doc.y },
      maxWidth: CONTENT_WIDTH,
      columnStyles: columns.map((c, i) => ({ width: widths[i], align: { x: c.align ?? 'left', y: 'top' } })),
      defaultStyle: {
        padding: [PADDING.top, PADDING.right, PADDING.bottom, PADDING.left],
        border: { top: 0, left: 0, right: 0, bottom: 0.5 },
        borderColor: COLOURS.rule,
        textColor: COLOURS.text,
      },
    });
    t.row(header);
    return t;
  };

  keepTogether(
    doc,
    heightOf(
      columns.map((c) => c.header),
      bold,
    ) +
      (rows[0] ? heightOf(rows[0], font) : 0) +
      2,
  );
  let current = start();
  rows.forEach((row, r) => {
    const rowFont = options.boldRows?.has(r) ? bold : font;
    const height = heightOf(row, rowFont);
    if (doc.y + height + 1 >= doc.page.maxY()) {
      current.end();
      doc.addPage();
      current = start();
    }
    current.row(
      row.map((text, c) => ({
        text,
        font: { src: reportFontPaths()[rowFont] },
        textColor: options.colour?.(r, c) ?? COLOURS.text,
      })),
    );
  });
  current.end();
  doc.x = PAGE.margin;
  setFont(doc, 'Sans').fontSize(10).fillColor(COLOURS.text);
}

/** A muted line of text (an empty state, a note under a table). */
export function note(doc: Doc, text: string, size = 9): void {
  setFont(doc, 'Sans').fontSize(size).fillColor(COLOURS.muted).text(text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc.fillColor(COLOURS.text).fontSize(10);
}
