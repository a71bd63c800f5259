import type { ImportField, ImportMapping, ImportView } from '@floor-os/contracts';

/** How a target field reads on the mapping board (SPEC I1: green mapped, yellow recommended, red required). */
export type FieldState = 'mapped' | 'required-missing' | 'recommended-missing' | 'optional';

/** Target fields that take several source columns (a transaction's reference: voucher series + number + row). */
const MULTI_FIELDS = new Set(['reference']);

export const acceptsSeveral = (field: string) => MULTI_FIELDS.has(field);

/** The source headers a field is mapped to, as a list. */
export function sourcesOf(mapping: ImportMapping, field: string): string[] {
  const value = mapping[field];
  if (value === undefined) return [];
  return [value].flat().filter((header) => header !== '');
}

export function fieldState(field: ImportField, mapping: ImportMapping): FieldState {
  if (sourcesOf(mapping, field.field).length > 0) return 'mapped';
  if (field.status === 'required') return 'required-missing';
  if (field.status === 'recommended') return 'recommended-missing';
  return 'optional';
}

/** Required fields nothing is mapped to yet: confirm waits for them. */
export function missingRequired(fields: readonly ImportField[], mapping: ImportMapping): string[] {
  return fields.filter((field) => fieldState(field, mapping) === 'required-missing').map((field) => field.field);
}

/** Maps `header` onto `field`: replaces a single-column field, adds to a several-column one. */
export function mapHeader(mapping: ImportMapping, field: string, header: string): ImportMapping {
  if (!acceptsSeveral(field)) return { ...mapping, [field]: header };
  const current = sourcesOf(mapping, field);
  if (current.includes(header)) return mapping;
  const next = [...current, header];
  return { ...mapping, [field]: next.length === 1 ? next[0] : next };
}

/** Unmaps one header from a field, or the whole field when no header is named. */
export function clearField(mapping: ImportMapping, field: string, header?: string): ImportMapping {
  const { [field]: _removed, ...rest } = mapping;
  if (header === undefined) return rest;
  const remaining = sourcesOf(mapping, field).filter((source) => source !== header);
  if (remaining.length === 0) return rest;
  return { ...rest, [field]: remaining.length === 1 ? remaining[0] : remaining };
}

/**
 * What the board starts from: the saved mapping, else the API's suggestion; only fields and headers this
 * import has, so a stale suggestion cannot make the save fail.
 */
export function initialMapping(
  view: Pick<ImportView, 'mapping' | 'suggested_mapping' | 'fields' | 'headers'>,
): ImportMapping {
  const source = view.mapping ?? view.suggested_mapping ?? {};
  const fields = new Set(view.fields.map((field) => field.field));
  const headers = new Set(view.headers);
  const mapping: ImportMapping = {};
  for (const [field, value] of Object.entries(source)) {
    if (!fields.has(field)) continue;
    const known = [value].flat().filter((header) => headers.has(header));
    if (known.length > 0) mapping[field] = known.length === 1 && !Array.isArray(value) ? known[0] : known;
  }
  return mapping;
}

/** Order-insensitive equality, to know whether the board differs from what the API holds. */
export function sameMapping(a: ImportMapping | null, b: ImportMapping | null): boolean {
  const canonical = (mapping: ImportMapping | null) =>
    JSON.stringify(
      Object.entries(mapping ?? {})
        .map(([field, value]): [string, string[]] => [field, [value].flat()])
        .filter(([, value]) => value.length > 0)
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return canonical(a) === canonical(b);
}

/** How many target fields each source header feeds (a chip shows it is in use). */
export function usage(mapping: ImportMapping): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of Object.values(mapping))
    for (const header of [value].flat()) counts.set(header, (counts.get(header) ?? 0) + 1);
  return counts;
}
