import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import { warningKind } from './format';
import type { ImportWarning } from '@floor-os/contracts';

/** Warnings grouped by kind (SPEC I3), the kind in words: how many, and a few example lines of each. */
export const WarningList = ({
  warnings,
  testId,
  empty,
}: {
  warnings: readonly ImportWarning[];
  testId: string;
  empty: string;
}) => {
  if (warnings.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid={testId} data-count={0}>
        {empty}
      </Typography>
    );
  }
  return (
    <Stack spacing={1} data-testid={testId} data-count={warnings.length}>
      {warnings.map((warning) => (
        <Alert key={warning.code} severity="warning" variant="outlined" data-warning-code={warning.code} icon={false}>
          <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: warning.examples.length > 0 ? 0.5 : 0 }}>
            <Chip size="small" label={warningKind(warning.code)} />
            <Typography variant="body2" data-testid="warning-count">
              {warning.count.toLocaleString()} {warning.count === 1 ? 'time' : 'times'}
            </Typography>
          </Stack>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {warning.examples.map((example) => (
              <Typography component="li" variant="body2" key={`${example.line}-${example.message}`}>
                Line {example.line}: {example.message}
              </Typography>
            ))}
          </Box>
        </Alert>
      ))}
    </Stack>
  );
};
