import { useReport } from '../pages/reports/shared/useReports';
import { useSession } from '../providers/session';
import type { DashboardView as DashboardData } from '@floor-os/contracts';

/**
 * The dashboard's single fetch (`GET /api/v1/dashboard` through the data provider's `getDashboard`); every
 * card reads from its answer, and the Ops coverage page shares the same cached answer.
 */
export function useDashboardData(): { data?: DashboardData; error?: Error; isPending: boolean } {
  const { data, error, isPending } = useReport(['dashboard'], (provider) => provider.getDashboard());
  return { data, error: error ?? undefined, isPending };
}

/** The tenant's time zone: cards print instants in it, as the reports do. */
export function useTenantZone(): string | undefined {
  return useSession().session?.tenant?.timezone;
}
