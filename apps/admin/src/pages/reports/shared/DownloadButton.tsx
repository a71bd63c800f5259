import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * A file of the API downloaded by the browser itself (a plain link: same origin, the session cookie goes
 * along, and the browser streams a large CSV to disk instead of the page holding it).
 */
export const DownloadButton = ({
  href,
  children,
  testId,
  variant = 'outlined',
}: {
  href: string;
  children: ReactNode;
  testId?: string;
  variant?: 'outlined' | 'text' | 'contained';
}) => (
  <Button
    component="a"
    href={href}
    download
    size="small"
    variant={variant}
    startIcon={<DownloadIcon />}
    data-testid={testId}
  >
    {children}
  </Button>
);
