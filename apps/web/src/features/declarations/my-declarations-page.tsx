import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../../api/me';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';
import { LoginNeeded } from './login-needed';
import { DeclarationFilters } from './declaration-filters';
import { useDeclarationList, useOpenDeadlines, type ListFilters } from './declaration-queries';
import { DeclarationsTable } from './declarations-table';
import { DECLARATION_STATUSES } from './declaration-types';

/** The URL's query keeps the filters (French names, as the paths): a view one can bookmark or share. */
const PARAMS = { finess: 'etablissement', status: 'statut', q: 'q' } as const;

/**
 * A search for a reference goes into the URL; free words stay in the page: they may name a
 * person, and addresses end up in histories and logs.
 */
const REFERENCE = /^\d{4}-\d{6}$/;

function filtersOf(params: URLSearchParams): ListFilters {
  const read = (name: string) => params.get(name)?.trim() || undefined;
  // A status the API does not know (an edited URL) is dropped rather than answered 400.
  const status = DECLARATION_STATUSES.find((code) => code === read(PARAMS.status));
  const q = read(PARAMS.q);
  return { finess: read(PARAMS.finess), status, q: q !== undefined && REFERENCE.test(q) ? q : undefined };
}

/** "Mes déclarations": the declarations of my facilities, newest first, with what each waits for from me. */
export function MyDeclarationsPage() {
  const t = useT();
  usePageTitle(t.declarations.title);
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [words, setWords] = useState<string | undefined>(undefined);
  const filters = useMemo(() => {
    const fromUrl = filtersOf(params);
    return { ...fromUrl, q: fromUrl.q ?? words };
  }, [params, words]);
  const list = useDeclarationList(filters);
  const deadlines = useOpenDeadlines();
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const facilities = useMemo(() => {
    const names = new Map(items.map((item) => [item.finess, item.structureName]));
    return (me.data?.finess ?? []).map((finess) => ({ finess, name: names.get(finess) }));
  }, [items, me.data]);
  if (me.isPending) return <p>{t.layout.loading}</p>;
  if (!me.data) return <LoginNeeded />;
  const apply = (next: ListFilters) => {
    const inUrl = next.q !== undefined && REFERENCE.test(next.q);
    const query = new URLSearchParams();
    if (next.finess) query.set(PARAMS.finess, next.finess);
    if (next.status) query.set(PARAMS.status, next.status);
    if (inUrl) query.set(PARAMS.q, next.q as string);
    setWords(inUrl ? undefined : next.q);
    setParams(query);
  };
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <h1>{t.declarations.title}</h1>
      <p className="fr-text--lead">{t.declarations.lead}</p>
      <DeclarationFilters
        key={`${params.toString()}|${words ?? ''}`}
        filters={filters}
        facilities={facilities}
        onApply={apply}
      />
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <p>{t.layout.loading}</p>
      ) : items.length === 0 ? (
        <p>{filtered ? t.declarations.none : t.declarations.noneYet}</p>
      ) : (
        <>
          <p className="fr-text--sm" role="status">
            {t.declarations.count(items.length)}
          </p>
          <DeclarationsTable items={items} deadlines={deadlines.data} />
          {list.hasNextPage && (
            <Button
              priority="secondary"
              onClick={() => void list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
            >
              {t.declarations.more}
            </Button>
          )}
        </>
      )}
    </>
  );
}
