import { memo, type ComponentProps } from 'react';
import { DataTableBody, DataTableRow, useRecordContext, type RaRecord } from 'react-admin';

/** The attributes a row carries for tests and styling: `data-testid`, `data-status`… */
export type RowAttributes<RecordType extends RaRecord> = (record: RecordType) => Record<`data-${string}`, string>;

/**
 * A `<DataTable body>` whose rows carry attributes of their record (react-admin's rows take none of their own),
 * e.g. `rowAttributes((row) => ({ 'data-testid': `delivery-row-${row.id}`, 'data-status': row.status }))`.
 * Made once per list (at module level), so the body keeps its identity between renders.
 */
export function rowAttributes<RecordType extends RaRecord>(attributes: RowAttributes<RecordType>) {
  const Row = (props: ComponentProps<typeof DataTableRow>) => {
    const record = useRecordContext<RecordType>();
    return <DataTableRow {...props} {...(record ? attributes(record) : {})} />;
  };
  const Body = memo((props: ComponentProps<typeof DataTableBody>) => <DataTableBody {...props} row={Row} />);
  Body.displayName = 'DataTableRowsBody';
  return Body;
}
