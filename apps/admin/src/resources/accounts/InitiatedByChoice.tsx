import { FormControl, FormControlLabel, FormLabel, Radio, RadioGroup } from '@mui/material';
import { useId } from 'react';

/** Who started the contact (SPEC G10): `consumer` only for an inbound call or a payment the consumer starts. */
export type Initiator = 'collector' | 'consumer';

/** The channels a consumer can start a contact on (decided detail 30); the API refuses `consumer` elsewhere. */
export const CONSUMER_CHANNELS: readonly string[] = ['voice', 'payment'];

export const CONSUMER_ONLY_HINT = 'A contact the consumer started is an inbound call or a payment the consumer starts';

/**
 * "Who started this contact?" beside the gate's buttons. With the consumer, the frequency caps, the calling
 * hours and a cease request only warn, and the call is not counted; bankruptcy, attorney, deceased, dispute
 * and suppression still block.
 */
export const InitiatedByChoice = ({
  value,
  onChange,
  disabled,
  testId,
}: {
  value: Initiator;
  onChange: (value: Initiator) => void;
  disabled?: boolean;
  testId: string;
}) => {
  const labelId = useId();
  return (
    <FormControl disabled={disabled} data-testid={testId} data-value={value}>
      <FormLabel id={labelId} sx={{ typography: 'body2' }}>
        Who started this contact?
      </FormLabel>
      <RadioGroup
        row
        aria-labelledby={labelId}
        value={value}
        onChange={(event) => onChange(event.target.value as Initiator)}
      >
        <FormControlLabel
          value="collector"
          control={<Radio size="small" />}
          label="The collector"
          data-testid={`${testId}-collector`}
        />
        <FormControlLabel
          value="consumer"
          control={<Radio size="small" />}
          label="The consumer (inbound call or a payment they start)"
          data-testid={`${testId}-consumer`}
        />
      </RadioGroup>
    </FormControl>
  );
};
