import { Box } from '@mui/material';
import type { ReactNode } from 'react';
import {
  CreateButton,
  ExportButton,
  FilterButton,
  TopToolbar,
  useListContext,
  useResourceDefinition,
  type Exporter,
} from 'react-admin';
import { guardedExporter } from './csvExport';

// The API serves at most 500 rows per page; react-admin's export asks for 1,000 by default.
const EXPORT_MAX_ROWS = 500;

/**
 * react-admin's default list actions, with an export the API's page limit accepts, written by the injection-safe
 * writer. `exporter` replaces the record-as-is export (it should still write through `recordsToCsv`);
 * `createLabel` names the create button in words; `children` (a list's own filters, e.g. `StatusFilter`) sit
 * at the start of the bar, the buttons at its end.
 */
export const ListActions = ({
  hasFilters = false,
  exporter = guardedExporter,
  createLabel,
  children,
}: {
  hasFilters?: boolean;
  exporter?: Exporter;
  createLabel?: string;
  children?: ReactNode;
}) => {
  const { hasCreate } = useResourceDefinition();
  const { total } = useListContext();
  return (
    <TopToolbar sx={children ? { width: '100%', alignItems: 'center' } : undefined}>
      {children ? (
        <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'center', mr: 'auto' }}>{children}</Box>
      ) : null}
      {hasFilters ? <FilterButton /> : null}
      {hasCreate ? <CreateButton label={createLabel} /> : null}
      <ExportButton maxResults={EXPORT_MAX_ROWS} disabled={total === 0} exporter={exporter} />
    </TopToolbar>
  );
};
