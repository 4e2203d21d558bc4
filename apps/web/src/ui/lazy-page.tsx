import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { useT } from '../i18n/i18n';

function Loading() {
  const t = useT();
  return <p>{t.layout.loading}</p>;
}

/**
 * A page in its own chunk (route-level code splitting): a declarant's pages never load the
 * console's code. The page's module is fetched on first visit; the layout stays meanwhile.
 */
export function lazyPage<M extends Record<string, unknown>>(
  load: () => Promise<M>,
  name: keyof M & string,
): ReactElement {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}
