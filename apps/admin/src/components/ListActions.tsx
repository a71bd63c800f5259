import { CreateButton, ExportButton, FilterButton, TopToolbar, useListContext, useResourceDefinition } from 'react-admin';
import { guardedExporter } from './csvExport';

// The API serves at most 500 rows per page; react-admin's export asks for 1,000 by default.
const EXPORT_MAX_ROWS = 500;

/** react-admin's default list actions, with an export the API's page limit accepts, written by the injection-safe writer. */
export const ListActions = ({ hasFilters = false }: { hasFilters?: boolean }) => {
  const { hasCreate } = useResourceDefinition();
  const { total } = useListContext();
  return (
    <TopToolbar>
      {hasFilters ? <FilterButton /> : null}
      {hasCreate ? <CreateButton /> : null}
      <ExportButton maxResults={EXPORT_MAX_ROWS} disabled={total === 0} exporter={guardedExporter} />
    </TopToolbar>
  );
};
