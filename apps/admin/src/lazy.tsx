import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactElement } from 'react';
import { Loading } from 'react-admin';

/**
 * A screen loaded on its first visit, from a chunk of its own. The first load carries only what the sign-in
 * page needs (react-admin, the layout, the providers); every route and resource screen is fetched when it is
 * opened, so a deep link such as `#/imports/<id>` loads the entry and then that screen's chunk.
 */
export function page<K extends string, P extends object = object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

/**
 * A lazy screen as a route element, with its own loading state. react-admin's layout wraps its pages in a
 * `Suspense` of its own, but the routes outside the layout (`noLayout`) have none.
 */
export function lazily<P extends object>(Page: ComponentType<P>, props: P = {} as P): ReactElement {
  return (
    <Suspense fallback={<Loading />}>
      <Page {...props} />
    </Suspense>
  );
}
