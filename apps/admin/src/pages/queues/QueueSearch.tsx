import SearchIcon from '@mui/icons-material/Search';
import { InputAdornment, TextField } from '@mui/material';

/** Free-text search of a queue (the list convention's `q`: account id or phone). */
export const QueueSearch = ({ value, onChange }: { value: string; onChange: (value: string) => void }) => (
  <TextField
    value={value}
    onChange={(event) => onChange(event.target.value)}
    placeholder="Account id or phone"
    size="small"
    sx={{ width: 260 }}
    slotProps={{
      htmlInput: { 'data-testid': 'queue-search', 'aria-label': 'Search the queue' },
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
