import { Box, Typography } from '@mui/material';

/**
 * The SHA-256 of a stored PDF (decided detail 26: a PDF cannot carry its own hash, so the page shows it to
 * compare a downloaded copy with `sha256sum`).
 */
export const Fingerprint = ({ sha256, testId }: { sha256: string; testId?: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="div">
      SHA-256 of the PDF
    </Typography>
    <Typography
      variant="body2"
      component="div"
      data-testid={testId}
      sx={{ fontFamily: 'monospace', wordBreak: 'break-all', fontSize: 12 }}
    >
      {sha256}
    </Typography>
  </Box>
);
