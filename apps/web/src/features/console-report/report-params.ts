/**
 * The report page's state is its URL (a view of the report can be bookmarked and shared):
 * `onglet` the tab, `asOf` a day (the report as it stood at that day's end, in the browser's zone), `public`,
 * and the restatement's two sides, `from` an edition and `to` another edition or `now`.
 */
export interface ReportParams {
  /** `onglet=editions`: the editions and restatements tab; else the report's. */
  tab: 'rapport' | 'editions';
  asOfDay?: string;
  public: boolean;
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function paramsOf(search: URLSearchParams): ReportParams {
  const asOf = search.get('asOf') ?? '';
  return {
    tab: search.get('onglet') === 'editions' ? 'editions' : 'rapport',
    asOfDay: DAY.test(asOf) ? asOf : undefined,
    public: search.get('public') === 'true',
    from: search.get('from') ?? undefined,
    to: search.get('to') ?? undefined,
  };
}

export function searchOf(params: ReportParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.tab === 'editions') search.set('onglet', 'editions');
  if (params.asOfDay) search.set('asOf', params.asOfDay);
  if (params.public) search.set('public', 'true');
  if (params.from) search.set('from', params.from);
  if (params.to) search.set('to', params.to);
  return search;
}

/**
 * The instant a day's end is (the next midnight in the browser's zone), as the API reads it;
 * undefined when that is still to come: the report now.
 */
export function asOfInstant(day: string | undefined, now = Date.now()): string | undefined {
  if (day === undefined) return undefined;
  const end = new Date(`${day}T00:00:00`);
  end.setDate(end.getDate() + 1);
  return end.getTime() > now ? undefined : end.toISOString();
}
