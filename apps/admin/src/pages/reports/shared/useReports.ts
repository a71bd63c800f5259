import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useDataProvider, type DataProvider } from 'react-admin';
import type { ReportsMethods } from '../../../providers/reportsProvider';
import { useSession } from '../../../providers/session';

export type ReportsDataProvider = DataProvider & ReportsMethods;

/** The panel's data provider with the report methods (`getCoverage`, `getGapReport`, …). */
export const useReportsProvider = () => useDataProvider<ReportsDataProvider>();

/**
 * One report read through the data provider and react-query: cached under `['reports', …key]`, fetched once
 * per key (pages and cards do not refetch on focus; a mutation invalidates what it changed). The key ends with
 * the tenant in context, so an operator who switches tenant never sees the previous tenant's cached numbers.
 */
export function useReport<T>(
  key: readonly unknown[],
  read: (provider: ReportsDataProvider) => Promise<T>,
  enabled = true,
): UseQueryResult<T, Error> {
  const provider = useReportsProvider();
  const { session } = useSession();
  const scope = `${session?.user?.id ?? 'nobody'}@${session?.tenant?.id ?? 'no-tenant'}`;
  return useQuery({
    queryKey: ['reports', ...key, scope],
    queryFn: () => read(provider),
    enabled: enabled && !!session,
    refetchOnWindowFocus: false,
    retry: false,
  });
}
