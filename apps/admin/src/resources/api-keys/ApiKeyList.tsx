import BlockIcon from '@mui/icons-material/Block';
import { Box } from '@mui/material';
import { DataTable, DateField, DeleteButton, List, TextField, useRecordContext } from 'react-admin';
import { ListActions } from '../../components/ListActions';
import { StatusChip } from '../../components/StatusChip';
import { RevealSecretProvider } from './RevealSecret';
import { RotateButton } from './RotateButton';
import type { ApiKey } from './types';

// Revoking is the API's DELETE: the key stays listed as revoked, for the audit trail.
const RevokeButton = () => {
  const record = useRecordContext<ApiKey>();
  if (!record || record.status === 'revoked') return null;
  return (
    <DeleteButton
      label="Revoke"
      icon={<BlockIcon />}
      mutationMode="pessimistic"
      redirect={false}
      successMessage="API key revoked"
      confirmTitle={`Revoke "${record.label}"?`}
      confirmContent="Every call made with this key is refused from now on. This cannot be undone."
    />
  );
};

export const ApiKeyList = () => (
  <List actions={<ListActions />} sort={{ field: 'created_at', order: 'DESC' }} perPage={25}>
    <RevealSecretProvider>
      <DataTable<ApiKey> rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="label" />
        <DataTable.Col source="prefix">
          <TextField source="prefix" sx={{ fontFamily: 'monospace' }} />
        </DataTable.Col>
        <DataTable.Col source="created_by_email" label="Created by" />
        <DataTable.Col source="created_at" label="Created">
          <DateField source="created_at" showTime />
        </DataTable.Col>
        <DataTable.Col source="last_used_at" label="Last used">
          <DateField source="last_used_at" showTime emptyText="never" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <StatusChip />
        </DataTable.Col>
        <DataTable.Col source="revoked_at" label="Revoked">
          <DateField source="revoked_at" showTime emptyText="—" />
        </DataTable.Col>
        <DataTable.Col label="Actions" disableSort>
          <Box sx={{ display: 'flex', gap: 1 }}>
            <RotateButton />
            <RevokeButton />
          </Box>
        </DataTable.Col>
      </DataTable>
    </RevealSecretProvider>
  </List>
);
