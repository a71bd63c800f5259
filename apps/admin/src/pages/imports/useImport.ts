import { useEffect } from 'react';
import { useApi, type ApiState } from '../../providers/useApi';
import { RUNNING_STATUSES } from './format';
import { loadImport } from './importsApi';
import type { ImportView } from '@floor-os/contracts';

const POLL_MS = 1000;

/**
 * One import, read again every second while the worker is moving it (queued, staging, applying), so the
 * progress bar is live; a failed poll is retried on the same beat.
 */
export function useImport(id: string): ApiState<ImportView> {
  const state = useApi(`/imports/${id}`, (signal) => loadImport(id, signal));
  const { data, error, reload } = state;
  const running = !!data && RUNNING_STATUSES.includes(data.status);

  useEffect(() => {
    if (!running) return;
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, data, error, reload]);

  return state;
}
