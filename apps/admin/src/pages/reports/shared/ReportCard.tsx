import { Box, Card, CardContent, Divider, Typography } from '@mui/material';
import type { ComponentType, ReactNode } from 'react';

/**
 * A card in react-admin's demo style: an icon, a title and its headline figure on top, the details below.
 * `testId` goes on the card; the headline figure carries `${testId}-value`.
 */
export const ReportCard = ({
  icon: Icon,
  title,
  value,
  accent = '#1976d2',
  testId,
  children,
}: {
  icon?: ComponentType<{ fontSize?: 'large' | 'medium'; sx?: object }>;
  title: ReactNode;
  value?: ReactNode;
  accent?: string;
  testId?: string;
  children?: ReactNode;
}) => (
  <Card data-testid={testId} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
    <Box
      sx={{
        p: 2,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 2,
        borderTop: `4px solid ${accent}`,
      }}
    >
      {Icon ? (
        <Box sx={{ color: accent, display: 'flex' }}>
          <Icon fontSize="large" />
        </Box>
      ) : null}
      <Box sx={{ textAlign: 'right', flex: 1, minWidth: 0 }}>
        <Typography color="text.secondary">{title}</Typography>
        {value !== undefined ? (
          <Typography variant="h5" component="div" data-testid={testId ? `${testId}-value` : undefined}>
            {value}
          </Typography>
        ) : null}
      </Box>
    </Box>
    {children ? (
      <>
        <Divider />
        <CardContent sx={{ flex: 1 }}>{children}</CardContent>
      </>
    ) : null}
  </Card>
);

/** A small figure with its caption, for rows of numbers inside a card. */
export const Figure = ({
  label,
  value,
  testId,
  colour,
}: {
  label: ReactNode;
  value: ReactNode;
  testId?: string;
  colour?: string;
}) => (
  <Box sx={{ minWidth: 96 }}>
    <Typography variant="h6" component="div" data-testid={testId} sx={colour ? { color: colour } : undefined}>
      {value}
    </Typography>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
  </Box>
);
