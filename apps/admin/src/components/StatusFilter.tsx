import { TextField } from '@mui/material';
import { useListContext } from 'react-admin';
import { humanize } from './format';

/**
 * A list's status filter as one select: every record, or those of one status. Reads and sets the `status`
 * filter of the surrounding list; `labels` gives the words shown for a status (else the status in words).
 */
export const StatusFilter = ({
  statuses,
  labels,
  testId,
  allLabel = 'Any status',
}: {
  statuses: readonly string[];
  labels?: Readonly<Record<string, string>>;
  testId: string;
  allLabel?: string;
}) => {
  const { filterValues, setFilters } = useListContext();
  const value = typeof filterValues.status === 'string' ? filterValues.status : '';
  return (
    <TextField
      select
      label="Status"
      value={value}
      onChange={(event) => {
        const { status: _previous, ...rest } = filterValues;
        setFilters(event.target.value ? { ...rest, status: event.target.value } : rest, undefined);
      }}
      size="small"
      sx={{ width: 200 }}
      slotProps={{
        select: { native: true },
        htmlInput: { 'data-testid': testId },
        inputLabel: { shrink: true },
      }}
    >
      <option value="">{allLabel}</option>
      {statuses.map((status) => (
        <option key={status} value={status}>
          {labels?.[status] ?? humanize(status)}
        </option>
      ))}
    </TextField>
  );
};
