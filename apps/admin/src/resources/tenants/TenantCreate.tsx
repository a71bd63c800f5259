import { useState } from 'react';
import {
  BooleanInput,
  Create,
  email,
  regex,
  required,
  SimpleForm,
  TextInput,
  useNotify,
  useRedirect,
} from 'react-admin';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog';
import { absoluteUrl, pickFields } from '../../components/transform';
import { SLUG_PATTERN, SLUG_RULE, type CreatedTenant as Tenant } from '@floor-os/contracts';

/** Provisioning from the panel (SPEC T2): the optional first admin's invitation is shown once. */
export const TenantCreate = () => {
  const [invitation, setInvitation] = useState<{ url: string; tenantId: string } | null>(null);
  const notify = useNotify();
  const redirect = useRedirect();

  const onSuccess = (tenant: Tenant) => {
    notify(`Tenant ${tenant.slug} provisioned`, { type: 'success' });
    if (tenant.admin_invitation_url)
      setInvitation({ url: absoluteUrl(tenant.admin_invitation_url), tenantId: tenant.id });
    else redirect('show', 'tenants', tenant.id);
  };

  return (
    <>
      <Create
        title="Provision a tenant"
        mutationOptions={{ onSuccess }}
        transform={pickFields(['slug', 'legal_name', 'pilot_mode', 'admin_email'])}
      >
        <SimpleForm defaultValues={{ pilot_mode: true }}>
          <TextInput
            source="slug"
            validate={[required(), regex(SLUG_PATTERN, `Use ${SLUG_RULE}`)]}
            helperText="Url-safe and unique, e.g. acme-collections"
          />
          <TextInput source="legal_name" label="Legal name" validate={required()} />
          <BooleanInput
            source="pilot_mode"
            label="Pilot mode"
            helperText="Hides deferred screens and shows the PILOT badge"
          />
          <TextInput
            source="admin_email"
            label="Tenant Admin email"
            type="email"
            validate={email()}
            helperText="Optional: invites the tenant's first Tenant Admin"
          />
        </SimpleForm>
      </Create>
      <OneTimeSecretDialog
        value={invitation?.url}
        title="Tenant Admin invitation"
        label="Invitation link"
        warning="Send this link to the tenant's admin now: it is shown only once and expires."
        testId="admin-invitation-url"
        onClose={() => {
          const tenantId = invitation?.tenantId;
          setInvitation(null);
          redirect('show', 'tenants', tenantId);
        }}
      />
    </>
  );
};
