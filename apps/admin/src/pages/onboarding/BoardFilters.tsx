import BookmarkAddIcon from '@mui/icons-material/BookmarkAdd';
import SearchIcon from '@mui/icons-material/Search';
import { Button, Checkbox, Chip, FormControlLabel, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState, type ChangeEvent, type ReactNode } from 'react';
import { useListContext, useNotify } from 'react-admin';
import { useSession } from '../../providers/session';
import { useDebounced } from '../../components/useDebounced';
import {
  PRESETS,
  readSavedFilters,
  sameFilter,
  savedFilterSlug,
  withoutSavedFilter,
  withSavedFilter,
  writeSavedFilters,
  type BoardFilter,
  type SavedFilter,
} from './savedFilters';
import { stepNumber } from './format';
import type { OnboardingBoardRow as BoardRow } from '@floor-os/contracts';
import { TEMPLATE_IDS, TEMPLATES, templateLabel } from './types';

/** The filter with one key set, or removed when the value is empty. */
function withKey(filter: BoardFilter, key: string, value: unknown): BoardFilter {
  const { [key]: _previous, ...rest } = filter;
  return value === undefined || value === null || value === '' || value === false ? rest : { ...rest, [key]: value };
}

/** Replaces the board's filter at once (clicks), back on page 1. */
function useBoardFilter() {
  const { filterValues, setFilters } = useListContext<BoardRow>();
  const filter = (filterValues ?? {}) as BoardFilter;
  return {
    filter,
    apply: (next: BoardFilter) => setFilters(next, undefined, false),
    set: (key: string, value: unknown) => setFilters(withKey(filter, key, value), undefined, false),
  };
}

/** Presets, the CSM's saved filters, and saving the current one under a name. */
const FilterShortcuts = () => {
  const notify = useNotify();
  const { filter, apply } = useBoardFilter();
  const [saved, setSaved] = useState<SavedFilter[]>(() => readSavedFilters());
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');

  const persist = (next: SavedFilter[]) => {
    setSaved(next);
    writeSavedFilters(next);
  };
  const save = () => {
    if (!name.trim()) return;
    persist(withSavedFilter(saved, name, filter));
    notify(`Filter "${name.trim()}" saved in this browser`, { type: 'info' });
    setName('');
    setNaming(false);
  };

  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center" data-testid="board-shortcuts">
      {PRESETS.map((preset) => {
        const active = sameFilter(filter, preset.filter);
        return (
          <Chip
            key={preset.id}
            label={preset.label}
            color={active ? 'primary' : 'default'}
            variant={active ? 'filled' : 'outlined'}
            onClick={() => apply(preset.filter)}
            data-testid={`preset-${preset.id}`}
            data-active={active}
          />
        );
      })}
      {saved.map((item) => {
        const active = sameFilter(filter, item.filter);
        return (
          <Chip
            key={item.name}
            label={item.name}
            icon={<BookmarkAddIcon fontSize="small" />}
            color={active ? 'secondary' : 'default'}
            variant={active ? 'filled' : 'outlined'}
            onClick={() => apply(item.filter)}
            onDelete={() => persist(withoutSavedFilter(saved, item.name))}
            title={JSON.stringify(item.filter)}
            data-testid={`saved-filter-${savedFilterSlug(item.name)}`}
            data-active={active}
          />
        );
      })}
      {naming ? (
        <Stack direction="row" spacing={1} alignItems="center">
          <TextField
            autoFocus
            size="small"
            label="Name this filter"
            value={name}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') save();
              if (event.key === 'Escape') setNaming(false);
            }}
            sx={{ width: 200 }}
            slotProps={{ htmlInput: { 'data-testid': 'saved-filter-name', maxLength: 60 } }}
          />
          <Button
            size="small"
            variant="contained"
            onClick={save}
            disabled={!name.trim()}
            data-testid="save-filter-confirm"
          >
            Save
          </Button>
          <Button size="small" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </Stack>
      ) : (
        <Button size="small" startIcon={<BookmarkAddIcon />} onClick={() => setNaming(true)} data-testid="save-filter">
          Save this filter
        </Button>
      )}
    </Stack>
  );
};

/** Free-text search of tenant name and slug (the list convention's `q`), applied once typing pauses. */
const SearchFilter = () => {
  const { filter, set } = useBoardFilter();
  const current = typeof filter.q === 'string' ? filter.q : '';
  const [text, setText] = useState(current);
  const settled = useDebounced(text.trim());
  // A preset or a saved filter replaced the search: show what is applied.
  useEffect(() => setText(current), [current]);
  useEffect(() => {
    if (settled !== current) set('q', settled);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled change of the text applies it
  }, [settled]);
  return (
    <TextField
      value={text}
      onChange={(event) => setText(event.target.value)}
      placeholder="Tenant name or slug"
      size="small"
      sx={{ width: 240 }}
      slotProps={{
        htmlInput: { 'data-testid': 'filter-search', 'aria-label': 'Search tenants' },
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        },
      }}
    />
  );
};

/** A yes-only flag filter: checked sets `key: value`, unchecked removes the key. */
const FlagFilter = ({
  label,
  filterKey,
  value = true,
  testId,
}: {
  label: string;
  filterKey: string;
  value?: unknown;
  testId: string;
}) => {
  const { filter, set } = useBoardFilter();
  const checked = filter[filterKey] !== undefined && filter[filterKey] === value;
  return (
    <FormControlLabel
      label={label}
      control={
        <Checkbox
          size="small"
          checked={checked}
          onChange={(event: ChangeEvent<HTMLInputElement>) => set(filterKey, event.target.checked ? value : undefined)}
          slotProps={{ input: { 'data-testid': testId } as Record<string, string> }}
        />
      }
      sx={{ mr: 0 }}
    />
  );
};

/** A native select over one filter key; the empty option removes the key. */
const SelectFilter = ({
  label,
  filterKey,
  testId,
  width,
  children,
}: {
  label: string;
  filterKey: string;
  testId: string;
  width: number;
  children: ReactNode;
}) => {
  const { filter, set } = useBoardFilter();
  const value = typeof filter[filterKey] === 'string' ? (filter[filterKey] as string) : '';
  return (
    <TextField
      select
      label={label}
      value={value}
      onChange={(event) => set(filterKey, event.target.value)}
      size="small"
      sx={{ width }}
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': testId }, inputLabel: { shrink: true } }}
    >
      {children}
    </TextField>
  );
};

/** The board's filter bar (SPEC O3): state, template, current step, flags, mine, search; then shortcuts. */
export const BoardFilters = () => {
  const { session } = useSession();
  const { total } = useListContext<BoardRow>();
  return (
    <Stack spacing={1.5} data-testid="board-filters">
      <FilterShortcuts />
      <Stack direction="row" spacing={1.5} useFlexGap flexWrap="wrap" alignItems="center">
        <SelectFilter label="State" filterKey="state" testId="filter-state" width={150}>
          <option value="">any</option>
          <option value="active">active</option>
          <option value="completed">completed</option>
        </SelectFilter>
        <SelectFilter label="Template" filterKey="template" testId="filter-template" width={200}>
          <option value="">any</option>
          {TEMPLATE_IDS.map((id) => (
            <option key={id} value={id}>
              {templateLabel(id)}
            </option>
          ))}
        </SelectFilter>
        <SelectFilter label="Current step" filterKey="current_step" testId="filter-current-step" width={220}>
          <option value="">any</option>
          {TEMPLATE_IDS.map((id) => (
            <optgroup key={id} label={TEMPLATES[id].label}>
              {TEMPLATES[id].steps.map((step) => (
                <option key={`${id}-${step.key}`} value={step.key}>
                  {stepNumber(step.key) ? `${step.key} · ${step.title}` : step.title}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectFilter>
        <FlagFilter label="Blocked" filterKey="blocked" testId="filter-blocked" />
        <FlagFilter label="Overdue" filterKey="overdue" testId="filter-overdue" />
        {session ? (
          <FlagFilter
            label="Current step assigned to me"
            filterKey="assignee_id"
            value={session.user.id}
            testId="filter-mine"
          />
        ) : null}
        <SearchFilter />
        {total !== undefined ? (
          <Typography variant="body2" color="text.secondary" data-testid="board-total">
            {total} {total === 1 ? 'onboarding' : 'onboardings'}
          </Typography>
        ) : null}
      </Stack>
    </Stack>
  );
};
