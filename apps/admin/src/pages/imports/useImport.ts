import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { usePanelData } from '../../providers/usePanelData';
import { RUNNING_STATUSES } from './format';
import type { ImportView } from '@floor-os/contracts';

const POLL_MS = 1000;

/** The query of one import (the wizard's), which every step's answer replaces. */
export const importKey = (id: string) => ['imports', 'getImport', id] as const;

/**
 * One import, read again every second while the worker is moving it (queued, staging, applying), so the
 * progress bar is live; a failed poll is retried on the same beat. `setData` puts a step's answer in place.
 */
export function useImport(id: string) {
  const dataProvider = usePanelData();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: importKey(id),
    queryFn: () => dataProvider.getImport(id),
    refetchInterval: (current) => {
      const data = current.state.data;
      return data && RUNNING_STATUSES.includes(data.status) ? POLL_MS : false;
    },
    refetchIntervalInBackground: true,
  });
  const setData = useCallback(
    (view: ImportView) => {
      queryClient.setQueryData(importKey(id), view);
      // The history counts and shows the import as it now stands.
      void queryClient.invalidateQueries({ queryKey: ['imports', 'getList'] });
    },
    [queryClient, id],
  );
  return { data: query.data, error: query.error, setData };
}
