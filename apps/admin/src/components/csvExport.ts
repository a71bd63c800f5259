import { downloadCSV, type Exporter, type RaRecord } from 'react-admin';
import { toCsv, type CsvValue } from '@floor-os/formats/csv-writer';

/**
 * Flattens a record for a CSV file: nested objects become dotted columns (`tenant.slug`), lists of plain
 * values one cell joined by "; ", anything deeper its JSON. Keys are read as own properties only.
 */
function flatten(value: unknown, prefix: string, into: Map<string, CsvValue>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    for (const key of Object.keys(value))
      flatten((value as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  if (Array.isArray(value)) {
    into.set(
      prefix,
      value.every((item) => item === null || typeof item !== 'object') ? value.join('; ') : JSON.stringify(value),
    );
    return;
  }
  into.set(prefix, value as CsvValue);
}

/**
 * A page of records as CSV, through the same writer as every server export (libs/formats): a cell a
 * spreadsheet would run as a formula is written with a leading `'`; plain numbers and E.164 phones as they are.
 */
export function recordsToCsv(records: readonly RaRecord[]): string {
  const rows = records.map((record) => {
    const cells = new Map<string, CsvValue>();
    flatten(record, '', cells);
    return cells;
  });
  const columns = [...new Set(rows.flatMap((row) => [...row.keys()]))];
  return toCsv(
    columns,
    rows.map((row) => columns.map((column) => row.get(column))),
  );
}

/** react-admin's export, written by the shared injection-safe writer. */
export const guardedExporter: Exporter = (records, _fetchRelated, _dataProvider, resource) => {
  downloadCSV(recordsToCsv(records), resource ?? 'export');
};
