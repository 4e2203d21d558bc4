import { Input } from '@codegouvfr/react-dsfr/Input';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import { formatDate, useLang, useT } from '../../i18n/i18n';
import { fieldState, ProblemAlert } from '../../ui/problem-alert';
import { ScrollTable } from '../../ui/scroll-table';

/** The filters, in the URL as the API names them (`from`/`to` as days, sent as their start in the browser's zone). */
const KEYS = ['actor', 'declarationId', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof KEYS)[number], string>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const instantOf = (day: string) => (DAY.test(day) ? new Date(`${day}T00:00:00`).toISOString() : day);

function apiQuery(filters: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of KEYS) {
    const value = filters[key];
    if (value) query[key] = key === 'from' || key === 'to' ? instantOf(value) : value;
  }
  return query;
}

/** `GET /api/v1/audit/reads`: who read which declaration, newest first, with the page's filters. */
export function AuditLog() {
  const t = useT();
  const lang = useLang();
  const a = t.cert.admin;
  const [search, setSearch] = useSearchParams();
  const filters: Filters = Object.fromEntries(
    KEYS.map((key) => [key, search.get(key) ?? undefined]).filter(([, value]) => value),
  );
  const [draft, setDraft] = useState<Filters>(filters);
  const reads = useInfiniteQuery({
    queryKey: ['audit', 'reads', filters],
    initialPageParam: undefined as string | undefined,
    placeholderData: keepPreviousData,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/audit/reads', {
          params: {
            query: { limit: '50', ...apiQuery(filters), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = reads.data?.pages.flatMap((page) => page.items) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of KEYS) if (draft[key]?.trim()) next.set(key, draft[key].trim());
    setSearch(next);
  };
  const input = (key: (typeof KEYS)[number], label: string, type = 'text') => (
    <div className="fr-col-12 fr-col-md-3">
      <Input
        label={label}
        nativeInputProps={{
          name: key,
          type,
          value: draft[key] ?? '',
          onChange: (event) => setDraft({ ...draft, [key]: event.target.value }),
        }}
        {...fieldState(reads.error, key, t)}
      />
    </div>
  );
  return (
    <>
      <form onSubmit={submit} aria-label={a.auditFilters} className="fr-mb-2w">
        <div className="fr-grid-row fr-grid-row--gutters">
          {input('actor', a.actor)}
          {input('declarationId', a.declarationId)}
          {input('from', a.from, 'date')}
          {input('to', a.to, 'date')}
        </div>
        <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
          <li>
            <button type="submit" className="fr-btn fr-btn--sm">
              {t.console.filters.apply}
            </button>
          </li>
          <li>
            <button
              type="button"
              className="fr-btn fr-btn--sm fr-btn--secondary"
              onClick={() => {
                setDraft({});
                setSearch(new URLSearchParams());
              }}
            >
              {t.console.filters.reset}
            </button>
          </li>
        </ul>
      </form>
      <ProblemAlert error={reads.error} />
      {reads.isPending ? (
        <p>{t.layout.loading}</p>
      ) : items.length === 0 ? (
        <p>{a.noRead}</p>
      ) : (
        <>
          <ScrollTable
            label={a.auditCaption(items.length)}
            bordered
            headers={[a.at, a.actor, a.role, a.route, a.declaration]}
            data={items.map((read) => [
              formatDate(read.at, lang),
              read.actor,
              t.roles[read.role] ?? read.role,
              <code key="route">{read.route}</code>,
              <Link key="declaration" to={`/console/declarations/${encodeURIComponent(read.declarationId)}`}>
                {read.declarationId.slice(0, 8)}
                <span className="fr-sr-only"> ({read.declarationId})</span>
              </Link>,
            ])}
          />
          {reads.hasNextPage && (
            <button
              type="button"
              className="fr-btn fr-btn--secondary"
              onClick={() => void reads.fetchNextPage()}
              disabled={reads.isFetchingNextPage}
            >
              {t.console.queue.more}
            </button>
          )}
        </>
      )}
    </>
  );
}
