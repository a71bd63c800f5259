import type { OffboardingCaseView, UserView } from '@floor-os/contracts';
import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import { Link as MuiLink } from '@mui/material';
import { Button, CreateButton, Link, useCanAccess, useGetList, useRecordContext } from 'react-admin';
import { StatusChip } from '../../components/StatusChip';
import { USER_STATUS_LABELS } from '../users/types';

// Every component here asks for the same page of open cases, so a users list makes one request for all its rows.
const OPEN_CASES = {
  filter: { status: 'open' },
  pagination: { page: 1, perPage: 100 },
  sort: { field: 'opened_at', order: 'DESC' as const },
};

/** The open case of a user being offboarded, when the viewer may read cases. */
function useOpenCaseOf(user: UserView | undefined): { caseId?: string; canRead: boolean } {
  const { canAccess } = useCanAccess({ resource: 'offboarding', action: 'show' });
  const wanted = user?.status === 'offboarding' && !!canAccess;
  const { data } = useGetList<OffboardingCaseView>('offboarding', OPEN_CASES, { enabled: wanted });
  return { caseId: wanted ? data?.find((row) => row.user_id === user?.id)?.id : undefined, canRead: !!canAccess };
}

/** A user's status in words; for someone being offboarded, the chip links to their case. */
export const UserStatusField = () => {
  const record = useRecordContext<UserView>();
  const { caseId } = useOpenCaseOf(record);
  if (!record) return null;
  const chip = <StatusChip labels={USER_STATUS_LABELS} />;
  if (!caseId) return chip;
  return (
    <MuiLink
      component={Link}
      to={`/offboarding/${encodeURIComponent(caseId)}/show`}
      onClick={(event: React.MouseEvent) => event.stopPropagation()}
      title="Open the offboarding case"
      data-testid="user-offboarding-case"
      underline="none"
    >
      {chip}
    </MuiLink>
  );
};

/** On a user's page: "Start offboarding" for someone who can still sign in, or the way to their open case. */
export const UserOffboardingButton = () => {
  const record = useRecordContext<UserView>();
  const { canAccess: canOpen } = useCanAccess({ resource: 'offboarding', action: 'create' });
  const { caseId } = useOpenCaseOf(record);
  if (!record) return null;
  if (caseId) {
    return (
      <Button label="Open the offboarding case" component={Link} to={`/offboarding/${encodeURIComponent(caseId)}/show`}>
        <PersonRemoveIcon />
      </Button>
    );
  }
  if (!canOpen || (record.status !== 'active' && record.status !== 'invited')) return null;
  return (
    <CreateButton
      resource="offboarding"
      label="Start offboarding"
      icon={<PersonRemoveIcon />}
      state={{ record: { user_id: record.id } }}
    />
  );
};
