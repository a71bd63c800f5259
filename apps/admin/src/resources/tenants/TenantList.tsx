import { BooleanField, DataTable, DateField, List, SearchInput, useCanAccess } from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { PersonaChips } from '../../components/PersonaChips';
import { StatusChip } from '../../components/StatusChip';
import type { TenantView as Tenant } from '@floor-os/contracts';

const tenantFilters = [<SearchInput key="q" source="q" alwaysOn placeholder="Search slug or name" />];

export const TenantList = () => {
  const { canAccess: canEdit } = useCanAccess({ resource: 'tenants', action: 'edit' });
  return (
    <List
      filters={tenantFilters}
      actions={<ListActions hasFilters />}
      sort={{ field: 'created_at', order: 'DESC' }}
      perPage={25}
    >
      <DataTable<Tenant> rowClick={canEdit ? 'edit' : 'show'} bulkActionButtons={false}>
        <DataTable.Col source="slug" />
        <DataTable.Col source="legal_name" label="Legal name" />
        <DataTable.Col source="pilot_mode" label="Pilot">
          <BooleanField source="pilot_mode" />
        </DataTable.Col>
        <DataTable.Col source="enforcement_mode" label="Mode">
          <StatusChip source="enforcement_mode" />
        </DataTable.Col>
        <DataTable.Col source="active_personas" label="Active personas" disableSort>
          <PersonaChips source="active_personas" />
        </DataTable.Col>
        <DataTable.Col source="created_at" label="Created">
          <DateField source="created_at" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
