import { Chip, Stack, type ChipProps } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { outcomeLabel } from './words';

export type Outcome = 'allowed' | 'blocked' | 'would_block';

const OUTCOME_COLORS: Record<Outcome, ChipProps['color']> = {
  allowed: 'success',
  blocked: 'error',
  would_block: 'warning',
};

const OUTCOME_TITLES: Record<Outcome, string> = {
  allowed: 'The gate allowed the contact',
  blocked: 'The gate blocked the contact',
  would_block: 'Shadow mode: allowed, but enforce mode would have blocked it',
};

/** A decision's outcome from its row: the API's `outcome` when present, else from `allowed` and `would_block`. */
export function outcomeOf(
  row: { outcome?: string; allowed?: boolean; would_block?: boolean | null } | undefined,
): Outcome | undefined {
  if (!row) return undefined;
  if (row.outcome === 'allowed' || row.outcome === 'blocked' || row.outcome === 'would_block') return row.outcome;
  if (row.allowed === undefined) return undefined;
  if (!row.allowed) return 'blocked';
  return row.would_block ? 'would_block' : 'allowed';
}

/** An outcome as a chip, in words: allowed green, blocked red, would block amber. */
export const OutcomeChip = ({ outcome, testId }: { outcome: Outcome | undefined; testId?: string }) => {
  if (!outcome) return null;
  return (
    <Chip
      size="small"
      label={outcomeLabel(outcome)}
      color={OUTCOME_COLORS[outcome]}
      title={OUTCOME_TITLES[outcome]}
      data-outcome={outcome}
      data-testid={testId}
    />
  );
};

/** The record's outcome (in a list or show layout). */
export const OutcomeField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<{ outcome?: string; allowed?: boolean; would_block?: boolean }>();
  return <OutcomeChip outcome={outcomeOf(record)} />;
};

/** A list of short codes (rule ids, statutes) as small outlined chips. */
export const CodeChips = ({
  values,
  monospace = false,
}: {
  values: readonly string[] | null | undefined;
  monospace?: boolean;
}) => {
  if (!values || values.length === 0) return <span>—</span>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
      {values.map((value) => (
        <Chip
          key={value}
          size="small"
          variant="outlined"
          label={value}
          // A long citation wraps inside its chip rather than widening the table past the window.
          sx={{
            fontSize: 12,
            maxWidth: '100%',
            height: 'auto',
            minHeight: 24,
            '& .MuiChip-label': { whiteSpace: 'normal', py: 0.25 },
            ...(monospace ? { fontFamily: 'monospace' } : {}),
          }}
        />
      ))}
    </Stack>
  );
};

/** The record's array field as code chips. */
export const CodeChipsField = ({
  source,
  monospace,
}: {
  source: string;
  label?: string;
  monospace?: boolean;
  sortable?: boolean;
}) => {
  const record = useRecordContext();
  const value: unknown = record?.[source];
  return <CodeChips values={Array.isArray(value) ? value.map(String) : []} monospace={monospace} />;
};
