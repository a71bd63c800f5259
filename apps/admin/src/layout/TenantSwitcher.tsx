import { hasPermission } from '@floor-os/personas';
import { MenuItem, Select, type SelectChangeEvent } from '@mui/material';
import { useState, type HTMLAttributes } from 'react';
import { useGetList, useNotify } from 'react-admin';
import { switchTenantAndOpen } from '../providers/authProvider';
import { useSession, type SessionTenant } from '../providers/session';

const ALL_TENANTS = '';

/**
 * Platform staff work across tenants or inside one (SPEC U1). Switching answers a new session; the page
 * reloads so that every cached permission, menu and list starts from it.
 */
export const TenantSwitcher = () => {
  const { session } = useSession();
  const canSwitch = !!session && hasPermission(session.personas, 'tenants.switch');
  const notify = useNotify();
  const [switching, setSwitching] = useState(false);
  const { data: tenants = [] } = useGetList<SessionTenant>(
    'tenants',
    // The panel's list convention: the first 100 tenants (`range=[0,99]`) by legal name.
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'legal_name', order: 'ASC' }, filter: {} },
    { enabled: canSwitch },
  );
  if (!canSwitch) return null;

  const current = session.tenant;
  const options = [...tenants];
  // The tenant in context stays selectable even beyond the first page (and before the list arrives).
  if (current && !options.some((tenant) => tenant.id === current.id)) options.push(current);

  const onChange = async (event: SelectChangeEvent<string>) => {
    const tenantId = event.target.value === ALL_TENANTS ? null : event.target.value;
    if (tenantId === (current?.id ?? null)) return;
    setSwitching(true);
    try {
      await switchTenantAndOpen(tenantId);
    } catch (error) {
      setSwitching(false);
      notify(error instanceof Error ? error.message : 'Could not switch tenant', { type: 'error' });
    }
  };

  return (
    <Select
      size="small"
      variant="standard"
      value={current?.id ?? ALL_TENANTS}
      onChange={onChange}
      disabled={switching}
      displayEmpty
      inputProps={{ 'aria-label': 'Tenant' }}
      SelectDisplayProps={{ 'data-testid': 'tenant-switcher' } as HTMLAttributes<HTMLDivElement>}
      sx={{
        flex: 'none',
        width: 280,
        mx: 1,
        color: 'inherit',
        '&::before, &::after': { borderColor: 'currentColor' },
        '& .MuiSelect-icon': { color: 'inherit' },
      }}
    >
      <MenuItem value={ALL_TENANTS}>All tenants (platform)</MenuItem>
      {options.map((tenant) => (
        <MenuItem key={tenant.id} value={tenant.id}>
          {tenant.legal_name} ({tenant.slug})
        </MenuItem>
      ))}
    </Select>
  );
};
