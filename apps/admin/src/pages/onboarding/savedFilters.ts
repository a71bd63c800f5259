/**
 * The board's one-click filters (SPEC O3, "filter the onboarding list every morning"): fixed presets, and
 * filters the CSM saves under a name. Saved filters stay in this browser's localStorage: they are a
 * personal view, not shared data, so nothing is stored on the server.
 */

export type BoardFilter = Record<string, unknown>;

export interface FilterPreset {
  id: string;
  label: string;
  filter: BoardFilter;
}

export const PRESETS: readonly FilterPreset[] = [
  { id: 'active', label: 'All active', filter: { state: 'active' } },
  { id: 'blocked', label: 'Blocked', filter: { state: 'active', blocked: true } },
  { id: 'overdue', label: 'Overdue', filter: { state: 'active', overdue: true } },
  { id: 'completed', label: 'Completed', filter: { state: 'completed' } },
];

/** What the board shows before any filter is chosen. */
export const DEFAULT_FILTER: BoardFilter = PRESETS[0]!.filter;

export interface SavedFilter {
  name: string;
  filter: BoardFilter;
}

export const SAVED_FILTERS_KEY = 'floor-os.onboarding.saved-filters';

/** The filter without empty values, keys sorted: two filters that mean the same compare equal. */
export function normalizeFilter(filter: BoardFilter): BoardFilter {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

export function sameFilter(a: BoardFilter, b: BoardFilter): boolean {
  return JSON.stringify(normalizeFilter(a)) === JSON.stringify(normalizeFilter(b));
}

/** The saved filters; anything unreadable in storage counts as none. */
export function readSavedFilters(storage: Pick<Storage, 'getItem'> = window.localStorage): SavedFilter[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(SAVED_FILTERS_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is SavedFilter =>
        !!item &&
        typeof item === 'object' &&
        typeof item.name === 'string' &&
        !!item.filter &&
        typeof item.filter === 'object' &&
        !Array.isArray(item.filter),
    );
  } catch {
    return [];
  }
}

export function writeSavedFilters(
  filters: readonly SavedFilter[],
  storage: Pick<Storage, 'setItem'> = window.localStorage,
): void {
  storage.setItem(SAVED_FILTERS_KEY, JSON.stringify(filters));
}

/** Adds a filter under a name, replacing one saved under the same name (case-insensitive), in name order. */
export function withSavedFilter(filters: readonly SavedFilter[], name: string, filter: BoardFilter): SavedFilter[] {
  const trimmed = name.trim();
  const others = filters.filter((saved) => saved.name.toLowerCase() !== trimmed.toLowerCase());
  return [...others, { name: trimmed, filter: normalizeFilter(filter) }].sort((a, b) => a.name.localeCompare(b.name));
}

export function withoutSavedFilter(filters: readonly SavedFilter[], name: string): SavedFilter[] {
  return filters.filter((saved) => saved.name !== name);
}

/** A test id fragment for a saved filter's name. */
export const savedFilterSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
