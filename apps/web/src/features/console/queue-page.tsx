import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../../api/me';
import { useT } from '../../i18n/i18n';
import { usePageTitle } from '../../ui/page-title';
import { ProblemAlert } from '../../ui/problem-alert';
import { DECLARATION_STATUSES } from '../declarations/declaration-types';
import { ConsoleOnly } from './console-access';
import { ConsoleNav } from '../console-dashboard/console-nav';
import { useNameOf } from './cert-staff';
import { useDeclarationChanges, useQueue, useQueueCounts, type Change } from './console-queries';
import { QueueBulkActions } from './queue-bulk';
import { QueueFilters } from './queue-filters';
import {
  apiQueryOf,
  FILTER_KEYS,
  queryOf,
  stateOf,
  statusOf,
  toggledSort,
  type QueueState,
  type SortKey,
} from './queue-params';
import { QueueTable } from './queue-table';
import { SavedViewsPanel } from './saved-views-panel';

const ALL = 'ALL';

function Queue() {
  const t = useT();
  const q = t.console.queue;
  usePageTitle(q.title);
  const me = useMe();
  const meSub = me.data?.user.id ?? '';
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => stateOf(params), [params]);
  const list = useQueue(state);
  const counts = useQueueCounts(state);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const nameOf = useNameOf(meSub);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const onSelect = (ids: readonly string[], ticked: boolean) =>
    setSelected((before) => {
      const next = new Set(before);
      for (const id of ids)
        if (ticked) next.add(id);
        else next.delete(id);
      return next;
    });
  // What is ticked and still shown: a filter change drops the rest from the action.
  const chosen = items.filter((item) => selected.has(item.id));
  // Told once each: the ids the queue showed, and those already announced.
  const known = useRef(new Set<string>());
  for (const item of items) known.current.add(item.id);
  const [fresh, setFresh] = useState(0);
  const live = useDeclarationChanges((changes: Change[]) => {
    const added = new Set(
      changes
        .filter((change) => change.status === 'SUBMITTED' && !known.current.has(change.id))
        .map((c) => c.id),
    );
    for (const id of added) known.current.add(id);
    if (added.size > 0) setFresh((count) => count + added.size);
  });
  const go = (next: QueueState) => setParams(queryOf(next));
  const onSort = (key: SortKey) => go({ ...state, sort: toggledSort(state, key) });
  const status = statusOf(state) ?? ALL;
  const filtered = FILTER_KEYS.some((key) => key !== 'status' && state[key] !== undefined);
  const csv = new URLSearchParams({ ...apiQueryOf(state), format: 'csv' });
  const countOf = (code: string): string => {
    if (!counts.data) return '';
    const n = code === ALL ? counts.data.total : (counts.data.byStatus as Record<string, number>)[code];
    return n === undefined ? '' : ` (${n})`;
  };
  const tabs = [ALL, ...DECLARATION_STATUSES].map((code) => ({
    tabId: code,
    label: `${code === ALL ? q.all : t.declarations.statuses[code]}${countOf(code)}`,
  }));
  return (
    <>
      <h1>{q.title}</h1>
      <ConsoleNav />
      {/* Seen and heard: the rows have already been re-read when it says so. */}
      <p
        className="fr-text--sm fr-text--bold fr-mb-1v"
        role="status"
        aria-live="polite"
        data-testid="queue-news"
      >
        {fresh > 0 ? q.fresh(fresh) : ''}
      </p>
      <p className="fr-text--sm" aria-hidden="true">
        <span className={live ? 'fr-icon-success-line fr-icon--sm' : 'fr-icon-refresh-line fr-icon--sm'} />{' '}
        {q.live}
      </p>
      {/* Folded while no filter is set: on a phone the queue then comes first. */}
      <Accordion label={t.console.filters.title} titleAs="h2" defaultExpanded={filtered} className="fr-mb-3w">
        <QueueFilters
          key={params.toString()}
          state={state}
          onApply={(draft) => go({ sort: state.sort, status: state.status, ...draft })}
        />
      </Accordion>
      <SavedViewsPanel owner={meSub} query={params.toString()} />
      <Tabs
        label={q.tabs}
        selectedTabId={status}
        onTabChange={(tabId) => go({ ...state, status: tabId === ALL ? undefined : tabId })}
        tabs={tabs}
      >
        <ProblemAlert error={list.error} />
        <div className="fr-grid-row fr-grid-row--middle fr-mb-2w" style={{ gap: '1rem' }}>
          <p className="fr-text--sm fr-mb-0">{list.isPending ? t.layout.loading : q.count(items.length)}</p>
          <a
            className="fr-link fr-icon-download-line fr-link--icon-left"
            href={`/api/v1/declarations?${csv.toString()}`}
            download
          >
            {q.export}
          </a>
        </div>
        {!list.isPending && items.length === 0 ? (
          <p>{q.none}</p>
        ) : (
          <>
            <QueueBulkActions selected={chosen} meSub={meSub} onClear={() => setSelected(new Set())} />
            <QueueTable
              items={items}
              state={state}
              nameOf={nameOf}
              onSort={onSort}
              selected={selected}
              onSelect={onSelect}
            />
          </>
        )}
        {list.hasNextPage && (
          <Button
            priority="secondary"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
          >
            {q.more}
          </Button>
        )}
      </Tabs>
    </>
  );
}

/** `/console/declarations`: every declaration, filtered, sorted and tabbed by the URL, live. */
export function QueuePage() {
  return (
    <ConsoleOnly>
      <Queue />
    </ConsoleOnly>
  );
}
