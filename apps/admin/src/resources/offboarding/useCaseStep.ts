import type { OffboardingCaseDetail } from '@floor-os/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify, type DataProvider } from 'react-admin';
import { messageOf } from '../../providers/http';
import type { OffboardingMethods } from '../../providers/offboardingProvider';

export type OffboardingDataProvider = DataProvider & OffboardingMethods;

/**
 * One step of a case run through the data provider (`run`), with the answer's message as a success
 * notification and the API's own message on failure. Afterwards the case, the lists and the cards that show
 * the user, keys or accounts are read again.
 */
export function useCaseStep<V, R extends OffboardingCaseDetail>(
  run: (provider: OffboardingDataProvider, variables: V) => Promise<R>,
  success: (result: R, variables: V) => string,
  onDone?: () => void,
) {
  const provider = useDataProvider<OffboardingDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (variables: V) => run(provider, variables),
    onSuccess: (result, variables) => {
      notify(success(result, variables), { type: 'success' });
      onDone?.();
    },
    onError: (error: unknown) => notify(messageOf(error, 'This step could not be saved'), { type: 'error' }),
    onSettled: () => {
      for (const queryKey of [['offboarding'], ['users'], ['api-keys'], ['reports', 'dashboard']])
        void queryClient.invalidateQueries({ queryKey });
    },
  });
}
