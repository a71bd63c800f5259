import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer every export goes through (SPEC decided detail 31), and the reader that undoes it.
 *
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)`, `@SUM(…)`,
 * DDE), and some read a leading tab or carriage return past to the next character. Such a cell is written
 * with a `'` in front, so it opens as text. Two exceptions keep data round-tripping:
 * - a plain number or an E.164 phone (`^[+-]?\d+(\.\d+)?$`: `+15551234567`, `-1234.50`) is written as is;
 * - a cell that already starts with `'` gets one more, so stripping one leading `'` on the way back in
 *   (`unguardCsvCell`, what the suppression import does) gives back exactly what was exported.
 * The full-width forms of `=` `+` `-` `@` (U+FF1D, U+FF0B, U+FF0D, U+FF20), which some spreadsheets fold to
 * the ASCII ones, are guarded too. Quoting (commas, quotes, line breaks) is csv-stringify's; lines end in `\n`.
 */

export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

/** The characters that make a spreadsheet read a cell as a formula (decided detail 31), and `'` itself. */
const GUARDED_START = /^[=+\-@\t\r'\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A plain number or an E.164 phone: written as is. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** The text of one cell: empty for null, ISO-8601 for a date, and a `'` before anything a spreadsheet would run. */
export function csvCell(value: CsvValue): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  return GUARDED_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Undoes `csvCell`'s guard: one leading `'` removed. */
export function unguardCsvCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/**
 * A whole CSV file: a header line of `columns`, then one line per row (an object read by column name, or an
 * array in column order). Every cell, the header's too, goes through `csvCell`.
 */
export function toCsv(
  columns: readonly string[],
  rows: Iterable<Readonly<Record<string, CsvValue>> | readonly CsvValue[]>,
): string {
  const records: string[][] = [columns.map(csvCell)];
  for (const row of rows) {
    records.push(
      Array.isArray(row)
        ? columns.map((_, i) => csvCell((row as readonly CsvValue[])[i]))
        : columns.map((column) =>
            csvCell(Object.hasOwn(row, column) ? (row as Readonly<Record<string, CsvValue>>)[column] : null),
          ),
    );
  }
  return stringify(records, { record_delimiter: 'unix', quote_record_delimiter: true });
}

/**
 * A CSV text as records of cells (RFC 4180 quoting, line breaks inside quotes, a BOM, `\r\n` or `\n`), blank
 * lines skipped, a quote inside an unquoted cell kept as text. Cells are returned as written: apply
 * `unguardCsvCell` to undo the writer's guard. Throws a `CsvError` when a quoted cell never closes (its message
 * can quote the file: do not echo it).
 */
export function readCsv(text: string): string[][] {
  return parse(text, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  });
}
