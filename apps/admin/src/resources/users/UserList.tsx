import BlockIcon from '@mui/icons-material/Block';
import { BulkDeleteButton, DataTable, DateField, List, SearchInput, SelectInput, useCanAccess } from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { PersonaChips } from '../../components/PersonaChips';
import { UserStatusField } from '../offboarding/UserCase';
import { personaChoices, statusChoices, type User } from './types';

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search name or email" />,
  <SelectInput key="status" source="status" choices={statusChoices} />,
  // `personas` holds an array: the API matches users holding the chosen persona.
  <SelectInput key="personas" source="personas" label="Persona" choices={personaChoices()} />,
];

// Deleting a user disables them: the row stays for the audit trail (SPEC R1, R6).
const BulkDisableButton = () => (
  <BulkDeleteButton
    label="Disable"
    icon={<BlockIcon />}
    mutationMode="pessimistic"
    confirmTitle="Disable the selected users?"
    successMessage="Users disabled"
    confirmContent="They can no longer sign in and their sessions end at once."
  />
);

export const UserList = () => {
  // HR reads users without changing them: rows open the read-only view.
  const { canAccess: canEdit } = useCanAccess({ resource: 'users', action: 'edit' });
  return (
    <List
      filters={userFilters}
      actions={<ListActions hasFilters />}
      sort={{ field: 'created_at', order: 'DESC' }}
      perPage={25}
    >
      <DataTable<User> rowClick={canEdit ? 'edit' : 'show'} bulkActionButtons={canEdit ? <BulkDisableButton /> : false}>
        <DataTable.Col source="name" />
        {/* A long address breaks where it must, so the list fits 1280 px beside the sidebar. */}
        <DataTable.Col source="email" cellSx={() => ({ overflowWrap: 'anywhere', minWidth: 160 })} />
        <DataTable.Col source="personas" disableSort>
          <PersonaChips />
        </DataTable.Col>
        <DataTable.Col source="status">
          <UserStatusField />
        </DataTable.Col>
        <DataTable.Col source="agent_code" label="Agent code" />
        <DataTable.Col source="last_login_at" label="Last login">
          <DateField source="last_login_at" showTime emptyText="never" />
        </DataTable.Col>
        <DataTable.Col source="created_at" label="Created">
          <DateField source="created_at" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
