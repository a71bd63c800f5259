import { Box, Typography } from '@mui/material';

/** Pretty-printed JSON, or a dash for "nothing" (a create has no `before`, a delete no `after`). */
export const JsonBlock = ({ value, testId }: { value: unknown; testId?: string }) => {
  if (value === null || value === undefined) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid={testId}>
        —
      </Typography>
    );
  }
  return (
    <Box
      component="pre"
      data-testid={testId}
      sx={{
        m: 0,
        p: 1.5,
        borderRadius: 1,
        bgcolor: 'action.hover',
        fontSize: 13,
        overflowX: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </Box>
  );
};
