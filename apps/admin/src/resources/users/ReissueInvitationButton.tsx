import LinkIcon from '@mui/icons-material/Link';
import { useState } from 'react';
import { Button, useCanAccess, useNotify, useRecordContext } from 'react-admin';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog';
import { absoluteUrl } from '../../components/transform';
import { usePanelData } from '../../providers/usePanelData';
import { expiryNote, type User } from './types';

/** A lost or expired invitation: `POST /users/{id}/invitation` issues a fresh one-time link. */
export const ReissueInvitationButton = () => {
  const record = useRecordContext<User>();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'edit' });
  const notify = useNotify();
  const dataProvider = usePanelData();
  const [pending, setPending] = useState(false);
  const [invitation, setInvitation] = useState<{ url: string; expiresAt?: string } | null>(null);
  if (!record || !canAccess || record.status !== 'invited') return null;

  const reissue = async () => {
    setPending(true);
    try {
      const issued = await dataProvider.reissueInvitation(String(record.id));
      setInvitation({ url: absoluteUrl(issued.invitation_url), expiresAt: issued.invitation_expires_at });
    } catch (error) {
      notify(error instanceof Error ? error.message : 'No new invitation could be issued', { type: 'error' });
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <Button label="New invitation link" onClick={reissue} disabled={pending}>
        <LinkIcon />
      </Button>
      <OneTimeSecretDialog
        value={invitation?.url}
        detail={expiryNote(invitation?.expiresAt)}
        title="New invitation link"
        label="Invitation link"
        warning="Send this link to the user now: it is shown only once and expires. Earlier links stop working."
        testId="invitation-url"
        onClose={() => setInvitation(null)}
      />
    </>
  );
};
