import { hasPermission } from '@floor-os/personas';
import { FormControl, NativeSelect } from '@mui/material';
import { useState, type ChangeEvent } from 'react';
import { useGetList, useNotify } from 'react-admin';
import { switchTenant } from '../providers/authProvider';
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
    // The panel's list convention: the first 100 tenants (`range=[0,99]`), ordered below by legal name.
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'id', order: 'ASC' }, filter: {} },
    { enabled: canSwitch },
  );
  if (!canSwitch) return null;

  const current = session.tenant;
  const options = [...tenants];
  if (current && !options.some((tenant) => tenant.id === current.id)) options.push(current);
  options.sort((a, b) => a.legal_name.localeCompare(b.legal_name));

  const onChange = async (event: ChangeEvent<HTMLSelectElement>) => {
    const tenantId = event.target.value === ALL_TENANTS ? null : event.target.value;
    setSwitching(true);
    try {
      await switchTenant(tenantId);
      window.location.hash = '#/';
      window.location.reload();
    } catch (error) {
      setSwitching(false);
      notify(error instanceof Error ? error.message : 'Could not switch tenant', { type: 'error' });
    }
  };

  return (
    <FormControl size="small" sx={{ minWidth: 200, mx: 1 }}>
      <NativeSelect
        value={current?.id ?? ALL_TENANTS}
        onChange={onChange}
        disabled={switching}
        inputProps={{ 'data-testid': 'tenant-switcher', 'aria-label': 'Tenant' } as Record<string, string>}
        sx={{ color: 'inherit', '& .MuiNativeSelect-icon': { color: 'inherit' }, '& option': { color: 'text.primary' } }}
      >
        <option value={ALL_TENANTS}>All tenants (platform)</option>
        {options.map((tenant) => (
          <option key={tenant.id} value={tenant.id}>
            {tenant.legal_name} ({tenant.slug})
          </option>
        ))}
      </NativeSelect>
    </FormControl>
  );
};
