import { List, Pagination, type ListProps, type RaRecord } from 'react-admin';

/**
 * A react-admin `<List>` that is one part of a page (webhook deliveries, import history, signed gap reports):
 * no page title of its own, its filters and page kept out of the address and the store, its rows paged below,
 * and its filters shown even when nothing matches.
 */
export function EmbeddedList<RecordType extends RaRecord = RaRecord>({
  rowsPerPageOptions = [25, 50, 100],
  perPage = rowsPerPageOptions[0],
  ...props
}: ListProps<RecordType> & { rowsPerPageOptions?: number[] }) {
  return (
    <List<RecordType>
      title={false}
      disableSyncWithLocation
      storeKey={false}
      perPage={perPage}
      pagination={<Pagination rowsPerPageOptions={rowsPerPageOptions} />}
      empty={false}
      component="div"
      {...props}
    />
  );
}
