import { useDataProvider } from 'react-admin';
import { statusOf } from './http';
import type { PanelDataProvider } from './dataProvider';

/**
 * The data provider with the panel's custom method groups typed, for `useQuery`/`useMutation`. Called through
 * react-admin's `useDataProvider`, so a 401 signs the person out like any other data call.
 */
export const usePanelData = () => useDataProvider<PanelDataProvider>();

/**
 * react-query's `retry` for the panel's reads: a refusal or a missing record (4xx) is an answer, shown at once;
 * a network failure or a server error is tried twice more.
 */
export function retryServerErrors(failures: number, error: Error): boolean {
  const status = statusOf(error);
  return (status === undefined || status >= 500) && failures < 2;
}
