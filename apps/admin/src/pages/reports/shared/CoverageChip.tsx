import type { CoverageColour, CoverageRule } from '@floor-os/contracts';
import { coverageRuleInfo } from '@floor-os/reports';
import { Box, Chip, Stack, Typography } from '@mui/material';
import { COVERAGE_COLOUR_STYLE } from './words';

/**
 * A coverage colour always with its rule in words. The rule's code (which the PDF and support name) is the
 * words' tooltip and the `data-rule` attribute, never text on the page.
 */
export const CoverageChip = ({
  colour,
  rule,
  testId,
}: {
  colour: CoverageColour;
  rule: CoverageRule;
  testId?: string;
}) => {
  const style = COVERAGE_COLOUR_STYLE[colour];
  const info = coverageRuleInfo(rule);
  return (
    <Stack direction="row" spacing={1} alignItems="center" data-testid={testId} data-colour={colour} data-rule={rule}>
      <Chip
        size="small"
        label={style.word}
        sx={{ bgcolor: style.hex, color: colour === 'yellow' ? 'rgba(0,0,0,0.87)' : '#fff', fontWeight: 600 }}
      />
      <Box>
        <Typography variant="body2" component="span" sx={{ fontWeight: 600 }} title={rule}>
          {info?.title ?? rule}
        </Typography>
      </Box>
    </Stack>
  );
};
