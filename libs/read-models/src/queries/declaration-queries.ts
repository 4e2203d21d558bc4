import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { DECLARATION_STATUSES, parisDay, type DeclarationStatus } from '@vigie/domain';
import { dialectOf } from '../data-source/read-data-source';
import { DeclarationSummary } from '../declaration-summary/declaration-summary.entity';
import { DeclarationTimelineRow } from '../declaration-timeline/declaration-timeline.entity';
import type { TimelineEntry } from '../declaration-timeline/timeline-entry';
import type { DeclarationView } from '../declaration-view/declaration-view';
import { searchTextOf } from '../shared/search-text';
import { decodeCursor, encodeCursor, parseSort } from './list-cursor';
import { InvalidListQuery } from './list-query-error';

/** The filters of `GET /api/v1/declarations` (API.md); codes are matched exactly. */
export interface DeclarationFilter {
  /** Europe/Paris year of submittedAt. */
  year?: number;
  /** submittedAt ≥ from (an ISO instant, any offset). */
  from?: string;
  /** submittedAt < to. */
  to?: string;
  region?: string;
  structureType?: string;
  /** One FINESS, several comma-separated, or a list. */
  finess?: string | readonly string[];
  /** The latest qualification's origin, else the suspected one. */
  origin?: string;
  /** The latest qualification's type, else the suspected one. */
  type?: string;
  status?: string;
  patientEndangerment?: string;
  /** The analyst following it up; null: nobody (unassigned). */
  assignee?: string | null;
  /** Words of the description: case, accents and LIKE wildcards (`%`, `_`) are taken literally. */
  q?: string;
  /** `-submittedAt` (default), or another key of LIST_SORT_KEYS, `-` for descending. */
  sort?: string;
  /** 1–200, default 50. */
  limit?: number;
  cursor?: string;
}

/** What a caller may see: a declarant only its facilities. */
export type DeclarationScope = { finess: readonly string[] } | 'all';

export interface DeclarationListItem {
  id: string;
  /** `2026-000042`; null for a declaration submitted before references existed. */
  reference: string | null;
  /** CERT only (null for a facility's reader): the analyst following it up. */
  assignee: string | null;
  finess: string;
  structureName: string;
  structureType: string;
  region: string;
  submittedAt: string;
  year: number;
  month: number;
  origin: string;
  /** Whether origin and type are the CERT's qualification (else the declarant's suspicion). */
  qualified: boolean;
  type: string | null;
  status: string;
  patientEndangerment: string;
  operationalImpact: string;
  description: string;
  revision: number;
  position: string;
  updatedAt: string;
}

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 200;

const LIST_COLUMNS: (keyof DeclarationSummary)[] = [
  'id',
  'reference',
  'assignee',
  'qualified',
  'finess',
  'structureName',
  'structureType',
  'region',
  'submittedAt',
  'year',
  'month',
  'origin',
  'incidentType',
  'status',
  'patientEndangerment',
  'operationalImpact',
  'description',
  'revision',
  'position',
  'updatedAt',
];

/**
 * The declarations the filter selects in the scope, as a query to complete (columns, order,
 * paging); null when the scope leaves nothing to select. Shared by the list and its counts.
 */
function filteredQuery(
  dataSource: DataSource,
  filter: DeclarationFilter,
  scope: DeclarationScope,
): SelectQueryBuilder<DeclarationSummary> | null {
  const finess = allowedFiness(filter.finess, scope);
  if (finess !== null && finess.length === 0) return null;
  const query = dataSource.getRepository(DeclarationSummary).createQueryBuilder('d');
  if (finess !== null) query.andWhere('d.finess IN (:...finess)', { finess });
  if (filter.year !== undefined) {
    if (!Number.isInteger(filter.year)) throw new InvalidListQuery('year', 'year must be an integer');
    query.andWhere('d.year = :year', { year: filter.year });
  }
  if (filter.from !== undefined)
    query.andWhere('d.submittedAt >= :from', { from: instant('from', filter.from) });
  if (filter.to !== undefined) query.andWhere('d.submittedAt < :to', { to: instant('to', filter.to) });
  equal(query, 'region', filter.region);
  equal(query, 'structureType', filter.structureType);
  equal(query, 'origin', filter.origin);
  equal(query, 'incidentType', filter.type);
  equal(query, 'status', filter.status);
  equal(query, 'patientEndangerment', filter.patientEndangerment);
  if (filter.assignee === null) query.andWhere('d.assignee IS NULL');
  else equal(query, 'assignee', filter.assignee);
  if (filter.q !== undefined && filter.q.trim() !== '') {
    const like = dialectOf(dataSource) === 'postgres' ? 'ILIKE' : 'LIKE';
    query.andWhere(`d.searchText ${like} :pattern ESCAPE '\\'`, {
      pattern: `%${escapeLike(searchTextOf(filter.q.trim()))}%`,
    });
  }
  return query;
}

/** A page of declarations, newest first (submittedAt desc, id desc), and the cursor of the next one. */
export async function listDeclarations(
  dataSource: DataSource,
  filter: DeclarationFilter,
  scope: DeclarationScope,
): Promise<{ items: DeclarationListItem[]; nextCursor: string | null }> {
  const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new InvalidListQuery('limit', `limit must be an integer from 1 to ${MAX_LIST_LIMIT}`);
  }
  const query = filteredQuery(dataSource, filter, scope);
  if (query === null) return { items: [], nextCursor: null };
  query.select(LIST_COLUMNS.map((column) => `d.${column}`));
  const sort = parseSort(filter.sort);
  const column = `d.${sort.key}`;
  if (filter.cursor !== undefined) {
    const after = decodeCursor(filter.cursor, sort);
    // Keyset pagination: strictly after the last row of the previous page, in the same order.
    const beyond = sort.descending ? '<' : '>';
    query.andWhere(
      `(${column} ${beyond} :cursorValue OR (${column} = :cursorValue AND d.id ${beyond} :cursorId))`,
      { cursorValue: after.value, cursorId: after.id },
    );
  }
  const direction = sort.descending ? 'DESC' : 'ASC';
  const rows = await query
    .orderBy(column, direction)
    .addOrderBy('d.id', direction)
    .take(limit + 1)
    .getMany();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(listItemOf),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ sort, value: String(last[sort.key]), id: last.id }) : null,
  };
}

/** The declaration as it stands, or null when it does not exist or is outside the scope. */
export async function getDeclaration(
  dataSource: DataSource,
  id: string,
  scope: DeclarationScope = 'all',
): Promise<DeclarationView | null> {
  const row = await dataSource.getRepository(DeclarationSummary).findOne({ where: { id } });
  if (!row || (scope !== 'all' && !scope.finess.includes(row.finess))) return null;
  // A view stored before a list of the view existed reads as the empty list it would hold.
  return { ...row.view, authoritiesInformed: row.view.authoritiesInformed ?? [] };
}

/** A declaration that changed: what a live list needs to fetch it again or to add it. */
export interface DeclarationChange {
  id: string;
  reference: string | null;
  finess: string;
  status: string;
  patientEndangerment: string;
  submittedAt: string;
  updatedAt: string;
  /** Global position of its last event applied: the feed's event id, where a reader resumes. */
  position: string;
}

/** The declarations whose last applied event is after `after`, oldest change first. */
export async function declarationChanges(
  dataSource: DataSource,
  after: string,
  scope: DeclarationScope,
  limit = 200,
): Promise<DeclarationChange[]> {
  const query = dataSource
    .getRepository(DeclarationSummary)
    .createQueryBuilder('d')
    .select([
      'd.id',
      'd.reference',
      'd.finess',
      'd.status',
      'd.patientEndangerment',
      'd.submittedAt',
      'd.updatedAt',
      'd.position',
    ])
    .where('d.position > :after', { after })
    .orderBy('d.position', 'ASC')
    .take(limit);
  if (scope !== 'all') {
    if (scope.finess.length === 0) return [];
    query.andWhere('d.finess IN (:...finess)', { finess: [...scope.finess] });
  }
  const rows = await query.getMany();
  return rows.map(
    ({ id, reference, finess, status, patientEndangerment, submittedAt, updatedAt, position }) => ({
      id,
      reference,
      finess,
      status,
      patientEndangerment,
      submittedAt,
      updatedAt,
      position,
    }),
  );
}

/** How many declarations the filter selects, by status (the filter's own status aside): the queue's tabs. */
export async function countDeclarations(
  dataSource: DataSource,
  filter: DeclarationFilter,
  scope: DeclarationScope,
): Promise<{ total: number; byStatus: Record<DeclarationStatus, number> }> {
  const byStatus = Object.fromEntries(DECLARATION_STATUSES.map((status) => [status, 0])) as Record<
    DeclarationStatus,
    number
  >;
  const query = filteredQuery(dataSource, { ...filter, status: undefined }, scope);
  if (query === null) return { total: 0, byStatus };
  const rows: { status: string; count: string | number }[] = await query
    .select('d.status', 'status')
    .addSelect('COUNT(*)', 'count')
    .groupBy('d.status')
    .getRawMany();
  for (const row of rows) byStatus[row.status as DeclarationStatus] = Number(row.count);
  return { total: Object.values(byStatus).reduce((sum, count) => sum + count, 0), byStatus };
}

/** The id of the declaration holding `reference`, null when none does (scope is checked by getDeclaration). */
export async function declarationIdByReference(
  dataSource: DataSource,
  reference: string,
): Promise<string | null> {
  const row = await dataSource
    .getRepository(DeclarationSummary)
    .findOne({ where: { reference }, select: { id: true } });
  return row?.id ?? null;
}

/** Every event of the declaration, oldest first; `[]` when there is none. */
export async function getTimeline(dataSource: DataSource, id: string): Promise<TimelineEntry[]> {
  const rows = await dataSource
    .getRepository(DeclarationTimelineRow)
    .find({ where: { declarationId: id }, order: { revision: 'ASC' } });
  return rows.map(({ revision, position, type, at, actor, changes }) => ({
    revision,
    position,
    type,
    at,
    by: actor,
    changes,
  }));
}

function listItemOf(row: DeclarationSummary): DeclarationListItem {
  const { incidentType, searchText: _searchText, view: _view, ...rest } = row;
  return { ...rest, qualified: row.qualified === true, type: incidentType };
}

function equal(
  query: SelectQueryBuilder<DeclarationSummary>,
  column: keyof DeclarationSummary,
  value: string | undefined,
): void {
  if (value !== undefined && value !== '') query.andWhere(`d.${column} = :${column}`, { [column]: value });
}

function allowedFiness(requested: DeclarationFilter['finess'], scope: DeclarationScope): string[] | null {
  const list =
    requested === undefined
      ? null
      : (typeof requested === 'string' ? requested.split(',') : [...requested])
          .map((f) => f.trim())
          .filter(Boolean);
  if (scope === 'all') return list && list.length > 0 ? list : null;
  return list && list.length > 0 ? list.filter((finess) => scope.finess.includes(finess)) : [...scope.finess];
}

function instant(field: string, value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidListQuery(field, `${field} must be an ISO 8601 instant`);
  return new Date(time).toISOString();
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** Monday of the Paris week of `day` (`YYYY-MM-DD`), as `YYYY-MM-DD`. */
function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/**
 * Declarations submitted per week (Monday to Sunday, Europe/Paris), the `weeks` weeks to the one
 * of `now`, oldest first, every week present (0 when none): the dashboard's series. The
 * submission instants of the period are read and grouped here, the same on both dialects.
 */
export async function weeklySubmissions(
  dataSource: DataSource,
  scope: DeclarationScope,
  weeks: number,
  now: Date,
): Promise<{ weekStart: string; count: number }[]> {
  const last = mondayOf(parisDay(now));
  const starts = Array.from({ length: weeks }, (_, index) => {
    const date = new Date(`${last}T00:00:00.000Z`);
    date.setUTCDate(date.getUTCDate() - 7 * (weeks - 1 - index));
    return date.toISOString().slice(0, 10);
  });
  const counts = new Map(starts.map((start) => [start, 0]));
  // A day's margin before the first Monday: Paris is ahead of UTC.
  const from = new Date(Date.parse(`${starts[0]}T00:00:00.000Z`) - 86_400_000).toISOString();
  const query = filteredQuery(dataSource, { from }, scope);
  if (query !== null) {
    const rows: { submittedAt: string }[] = await query.select('d.submittedAt', 'submittedAt').getRawMany();
    for (const { submittedAt } of rows) {
      const week = mondayOf(parisDay(submittedAt));
      const count = counts.get(week);
      if (count !== undefined) counts.set(week, count + 1);
    }
  }
  return starts.map((weekStart) => ({ weekStart, count: counts.get(weekStart) ?? 0 }));
}
