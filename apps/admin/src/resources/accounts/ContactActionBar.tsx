import { Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { DeepLinks } from './DeepLinks';
import { GateCheck } from './GateCheck';
import { InitiatedByChoice, type Initiator } from './InitiatedByChoice';

/**
 * AccountDetail's action bar: "Open in" and "Check before contact", with one answer to "Who started this
 * contact?" for both (SPEC G10). It applies to calls and payments; texts and emails stay the collector's.
 */
export const ContactActionBar = ({ accountId }: { accountId: string }) => {
  const [initiatedBy, setInitiatedBy] = useState<Initiator>('collector');
  return (
    <Stack spacing={2}>
      <Stack spacing={0.5}>
        <InitiatedByChoice value={initiatedBy} onChange={setInitiatedBy} testId="initiated-by" />
        {initiatedBy === 'consumer' ? (
          <Typography variant="caption" color="text.secondary" data-testid="initiated-by-hint">
            Checked as an inbound call or a payment the consumer starts: the calling hours, the call limits and a cease
            request only warn, and the call is not counted; bankruptcy, an attorney, a dispute and the suppression list
            still block. Texts and emails stay the collector's.
          </Typography>
        ) : null}
      </Stack>
      <DeepLinks accountId={accountId} initiatedBy={initiatedBy} />
      <GateCheck accountId={accountId} initiatedBy={initiatedBy} />
    </Stack>
  );
};
