import type { QueueItemView } from '@floor-os/contracts';
import { useEffect, useState } from 'react';
import { apiList } from '../../providers/http';
import { useApi } from '../../providers/useApi';

/** The first page is all a person works through in a day; the rest is counted, not shown. */
export const QUEUE_PAGE = 200;

/** `value`, once it has stopped changing for `ms` (typing in a search box). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * One page of a queue route (the first unless `page` says), in the server's order (no `sort`: priority, then
 * the earliest allowed contact).
 */
export function useQueue(path: string, filter: Record<string, unknown>, page = 0, perPage = QUEUE_PAGE) {
  const range: [number, number] = [page * perPage, page * perPage + perPage - 1];
  const key = `${path}?${JSON.stringify(filter)}&range=${range.join('-')}`;
  return useApi(key, (signal) => apiList<QueueItemView>(path, { filter, range }, signal));
}
