import { useCallback, useEffect, useState } from 'react';

export interface ApiState<T> {
  data?: T;
  error?: Error;
  isPending: boolean;
  /** Fetches again; the previous answer stays on screen until the new one arrives. */
  reload: () => void;
  /** Replaces the answer held, e.g. with what a save returned. */
  setData: (data: T) => void;
}

/**
 * One fetch for a custom page or card (`load` is usually `apiFetch` or `apiList`), run again when `key`
 * changes or on `reload()`. A null `key` fetches nothing.
 */
export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; isPending: boolean }>({ isPending: key !== null });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, isPending: true }));
    load(controller.signal)
      .then((data) => setState({ data, isPending: false }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          data: previous.data,
          error: error instanceof Error ? error : new Error(String(error)),
          isPending: false,
        }));
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is a new function each render; `key` names what it fetches
  }, [key, version]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  const setData = useCallback((data: T) => setState({ data, isPending: false }), []);
  return { ...state, reload, setData };
}
