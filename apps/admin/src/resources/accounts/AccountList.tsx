import { DataTable, DateField, List, NumberField, SearchInput, SelectInput, TextField, TextInput } from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { AccountFlagsField } from './AccountFlags';
import { booleanChoices, phoneTypeChoices, type Account } from './types';

const accountFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Account id, phone or email" />,
  <TextInput
    key="state"
    source="state"
    label="State"
    alwaysOn
    parse={(value: string) => value.trim().toUpperCase()}
    slotProps={{ htmlInput: { maxLength: 2 } }}
  />,
  <SelectInput key="phone_type" source="phone_type" label="Phone type" choices={phoneTypeChoices} />,
  <SelectInput key="bankruptcy_flag" source="bankruptcy_flag" label="Bankruptcy" choices={booleanChoices} />,
  <SelectInput key="dispute_open" source="dispute_open" label="Dispute open" choices={booleanChoices} />,
  <SelectInput key="is_test" source="is_test" label="Test account" choices={booleanChoices} />,
];

/** The tenant's portfolio (SPEC V3): read-only here; accounts arrive through imports and the bulk API. */
export const AccountList = () => (
  <List
    title="Accounts"
    filters={accountFilters}
    actions={<ListActions hasFilters />}
    sort={{ field: 'account_id', order: 'ASC' }}
    perPage={25}
  >
    <DataTable<Account> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="account_id" label="Account">
        <TextField source="account_id" sx={{ fontFamily: 'monospace' }} />
      </DataTable.Col>
      <DataTable.Col source="phone_number" label="Phone" />
      <DataTable.Col source="state" />
      <DataTable.Col source="zip" label="ZIP" />
      <DataTable.Col source="balance">
        <NumberField source="balance" options={{ style: 'currency', currency: 'USD' }} emptyText="—" />
      </DataTable.Col>
      <DataTable.Col label="Flags" disableSort>
        <AccountFlagsField />
      </DataTable.Col>
      <DataTable.Col source="updated_at" label="Updated">
        <DateField source="updated_at" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
