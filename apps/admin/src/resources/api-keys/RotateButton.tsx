import AutorenewIcon from '@mui/icons-material/Autorenew';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { usePanelData } from '../../providers/usePanelData';
import { useRevealSecret } from './RevealSecret';
import type { ApiKey } from './types';

/** `POST /api-keys/{id}/rotate` answers a new key with its secret, shown once like a new key's. */
export const RotateButton = () => {
  const record = useRecordContext<ApiKey>();
  const { canAccess } = useCanAccess({ resource: 'api-keys', action: 'edit' });
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = usePanelData();
  const [confirming, setConfirming] = useState(false);
  const [rotating, setRotating] = useState(false);
  const revealSecret = useRevealSecret();
  if (!record || !canAccess || record.status === 'revoked') return null;

  const rotate = async () => {
    setRotating(true);
    try {
      const rotated = await dataProvider.rotateApiKey(String(record.id));
      setConfirming(false);
      if (rotated.secret) revealSecret({ title: `New secret for "${record.label}"`, value: rotated.secret });
      notify(`API key "${record.label}" rotated`, { type: 'success' });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'Rotation failed', { type: 'error' });
    } finally {
      setRotating(false);
    }
  };

  return (
    <>
      <Button
        label="Rotate"
        onClick={(event) => {
          event.stopPropagation();
          setConfirming(true);
        }}
        data-testid="api-key-rotate"
      >
        <AutorenewIcon />
      </Button>
      <Confirm
        isOpen={confirming}
        loading={rotating}
        title={`Rotate "${record.label}"?`}
        content="This key is revoked at once and a new key with the same label is issued. Machines using the old secret are refused until they get the new one."
        confirm="Rotate"
        onConfirm={rotate}
        onClose={() => setConfirming(false)}
      />
    </>
  );
};
