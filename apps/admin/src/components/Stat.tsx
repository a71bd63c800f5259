import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * A number (or short value) with its caption: `large` is a headline figure (dashboard cards, webhook health,
 * import counts), `small` one of a row of figures inside a card (reports, the dashboard's detail rows).
 * `colour` tints the figure (a coverage level, a warning).
 */
export const Stat = ({
  label,
  value,
  testId,
  colour,
  size = 'large',
}: {
  label: ReactNode;
  value: ReactNode;
  testId?: string;
  colour?: string;
  size?: 'large' | 'small';
}) =>
  size === 'large' ? (
    <Box>
      <Typography variant="h4" component="div" data-testid={testId} sx={colour ? { color: colour } : undefined}>
        {value}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Box>
  ) : (
    <Box sx={{ minWidth: 96 }}>
      <Typography variant="h6" component="div" data-testid={testId} sx={colour ? { color: colour } : undefined}>
        {value}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
    </Box>
  );
