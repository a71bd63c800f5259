import type { FixedWidthLayout } from './types';

/** A starting point for a fixed-width layout: 1-based columns, as agencies' placement files describe them. */
export const LAYOUT_TEMPLATE = JSON.stringify(
  {
    fields: [
      { field: 'account_id', start: 1, length: 12 },
      { field: 'phone_number', start: 13, length: 10 },
      { field: 'state', start: 23, length: 2 },
    ],
  },
  null,
  2,
);

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1;

/** The layout typed in the editor, or what is wrong with it (the API checks it again). */
export function parseLayout(text: string): { layout: FixedWidthLayout } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'The layout is not valid JSON' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { error: 'The layout must be an object with a "fields" list' };
  const fields: unknown = (value as { fields?: unknown }).fields;
  if (!Array.isArray(fields) || fields.length === 0)
    return { error: 'The layout needs at least one entry in "fields"' };
  for (const [index, entry] of fields.entries()) {
    const item = (entry ?? {}) as Record<string, unknown>;
    if (typeof item.field !== 'string' || item.field.trim() === '')
      return { error: `fields[${index}] needs a "field" name` };
    if (!isPositiveInteger(item.start) || !isPositiveInteger(item.length))
      return { error: `fields[${index}] needs "start" and "length" as whole numbers from 1` };
  }
  return { layout: value as FixedWidthLayout };
}
