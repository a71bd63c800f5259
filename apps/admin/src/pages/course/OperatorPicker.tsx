import { COURSE_CHECKPOINTS, COURSE_TASKS } from '@floor-os/onboarding';
import PersonIcon from '@mui/icons-material/Person';
import { Autocomplete, Box, Button, Chip, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useDebounced } from '../../components/useDebounced';
import { usePanelData } from '../../providers/usePanelData';
import type { OperatorRowView as OperatorRow } from '@floor-os/contracts';

const progressText = (row: Pick<OperatorRow, 'tasks_done' | 'checkpoints_signed'>) =>
  `${row.tasks_done}/${COURSE_TASKS.length} tasks · ${row.checkpoints_signed}/${COURSE_CHECKPOINTS.length} checkpoints`;

interface OperatorPickerProps {
  /** The operator whose course shows (null while it loads). */
  value: OperatorRow | null;
  myId: string | undefined;
  onPick: (operator: OperatorRow) => void;
  onMine: () => void;
}

/**
 * Whose course the page shows: the signed-in operator's by default, any other platform operator's when
 * picked here (the page then acts as that operator's mentor). Searches `GET /sys/operators` by email or name.
 */
export const OperatorPicker = ({ value, myId, onPick, onMine }: OperatorPickerProps) => {
  const [input, setInput] = useState('');
  // While the box shows the picked operator, list everyone; once the user types, search what they type.
  const typed = input.trim() && input !== value?.email ? input.trim() : '';
  const q = useDebounced(typed);
  const dataProvider = usePanelData();
  const operators = useQuery({
    queryKey: ['course', 'operators', q],
    queryFn: () => dataProvider.searchOperators(q),
    placeholderData: (previous) => previous,
  });
  const rows = operators.data?.rows ?? [];
  const options = value && !rows.some((row) => row.id === value.id) && !q ? [value, ...rows] : rows;
  const mine = !value || value.id === myId;

  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} alignItems={{ sm: 'center' }}>
      <Autocomplete
        options={options}
        value={value}
        onChange={(_event, picked) => picked && onPick(picked)}
        inputValue={input}
        onInputChange={(_event, text) => setInput(text)}
        getOptionLabel={(row) => row.email}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        filterOptions={(all) => all}
        loading={operators.isFetching}
        disableClearable={value !== null}
        size="small"
        sx={{ width: { xs: '100%', sm: 460 } }}
        data-testid="operator-picker"
        renderOption={({ key, ...props }, row) => (
          <Box component="li" key={key} {...props} data-testid={`operator-option-${row.id}`}>
            <Stack sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="body2" noWrap>
                {row.email}
                {row.id === myId ? ' (you)' : ''}
              </Typography>
              <Typography variant="caption" color="text.secondary" noWrap>
                {row.name} · {progressText(row)}
              </Typography>
            </Stack>
            {row.autonomous ? (
              <Chip size="small" color="success" variant="outlined" label="autonomous" sx={{ ml: 1 }} />
            ) : null}
          </Box>
        )}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Operator"
            placeholder="Email or name"
            helperText={
              value ? `${value.name} · ${progressText(value)}${value.autonomous ? ' · autonomous' : ''}` : ' '
            }
          />
        )}
      />
      {!mine ? (
        <Button
          size="small"
          variant="outlined"
          startIcon={<PersonIcon />}
          onClick={onMine}
          data-testid="my-course"
          sx={{ alignSelf: { sm: 'flex-start' }, mt: { sm: 0.5 } }}
        >
          My course
        </Button>
      ) : null}
    </Stack>
  );
};
