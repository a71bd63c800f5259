import { useEffect, useState } from 'react';
import { apiFetch } from '../providers/http';
import type { DashboardData } from './types';

/** The dashboard's single fetch; every card reads from its answer. */
export function useDashboardData(): { data?: DashboardData; error?: Error; isPending: boolean } {
  const [state, setState] = useState<{ data?: DashboardData; error?: Error; isPending: boolean }>({
    isPending: true,
  });

  useEffect(() => {
    const controller = new AbortController();
    apiFetch<DashboardData>('/dashboard', { signal: controller.signal })
      .then((data) => setState({ data, isPending: false }))
      .catch((error: Error) => {
        if (!controller.signal.aborted) setState({ error, isPending: false });
      });
    return () => controller.abort();
  }, []);

  return state;
}
