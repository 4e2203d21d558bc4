import { CLOCK_STATUSES, clockStatus, type ClockStatus } from '@vigie/domain';
import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { DeclarationSummary } from '../declaration-summary/declaration-summary.entity';
import { InvalidListQuery } from '../queries/list-query-error';
import { DeadlineDeclarationRow, DeadlineRow } from './deadline.entity';

/** The filters of `GET /api/v1/deadlines`; all of them must hold. */
export interface DeadlineFilter {
  /** One status or several (any of them); computed at `now`. */
  status?: ClockStatus | readonly ClockStatus[];
  region?: string;
  regime?: string;
  stage?: string;
  finess?: readonly string[];
  declarationId?: string;
  /** 1–200, default 50. */
  limit?: number;
  cursor?: string;
}

/** What a caller may see: a declarant only its facilities. */
export type DeadlineScope = { finess: readonly string[] } | 'all';

export interface DeadlineItem {
  declarationId: string;
  clockId: string;
  regime: string;
  stage: string;
  requestId: string | null;
  finess: string;
  structureName: string;
  region: string;
  dueAt: string;
  metAt: string | null;
  status: ClockStatus;
  declarationClosed: boolean;
  /** The declaration's reference (`CS-2026-000123`), null before the summary holds it. */
  reference: string | null;
  /** Who of the CERT follows the declaration up (the caller strips it for a facility). */
  assignee: string | null;
}

export const DEFAULT_DEADLINE_LIMIT = 50;
export const MAX_DEADLINE_LIMIT = 200;

/** Each status as a condition on the stored instants, read at `:now`. */
const STATUS_CONDITIONS: Record<ClockStatus, string> = {
  met: '(d.metAt IS NOT NULL AND d.metAt <= d.dueAt)',
  'met-late': '(d.metAt IS NOT NULL AND d.metAt > d.dueAt)',
  due: '(d.metAt IS NULL AND d.dueAt >= :now)',
  overdue: '(d.metAt IS NULL AND d.dueAt < :now)',
};

type Follow = Pick<DeadlineItem, 'reference' | 'assignee'>;

const itemOf = (row: DeadlineRow, nowMs: number, follow: Map<string, Follow>): DeadlineItem => {
  // The year is the report's grouping, not part of the API's item.
  const { key: _key, year: _year, ...rest } = row;
  const { reference = null, assignee = null } = follow.get(row.declarationId) ?? {};
  return { ...rest, status: clockStatus(row, nowMs), reference, assignee };
};

/**
 * The reference and assignee of the page's declarations, read from their summaries in one query:
 * they change with events the deadlines projection has no reason to follow.
 */
async function followOf(dataSource: DataSource, rows: readonly DeadlineRow[]): Promise<Map<string, Follow>> {
  const ids = [...new Set(rows.map((row) => row.declarationId))];
  if (ids.length === 0) return new Map();
  const summaries = await dataSource.getRepository(DeclarationSummary).find({
    where: { id: In(ids) },
    select: { id: true, reference: true, assignee: true },
  });
  return new Map(
    summaries.map((summary) => [
      summary.id,
      { reference: summary.reference ?? null, assignee: summary.assignee ?? null },
    ]),
  );
}

/** A page of deadlines, the soonest due first (dueAt, then key), with the status each has at `now`. */
export async function listDeadlines(
  dataSource: DataSource,
  filter: DeadlineFilter,
  scope: DeadlineScope,
  now: Date,
): Promise<{ items: DeadlineItem[]; nextCursor: string | null }> {
  const limit = filter.limit ?? DEFAULT_DEADLINE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DEADLINE_LIMIT) {
    throw new InvalidListQuery('limit', `limit must be an integer from 1 to ${MAX_DEADLINE_LIMIT}`);
  }
  const finess = allowedFiness(filter.finess, scope);
  if (finess !== null && finess.length === 0) return { items: [], nextCursor: null };

  const query = dataSource.getRepository(DeadlineRow).createQueryBuilder('d');
  if (finess !== null) query.andWhere('d.finess IN (:...finess)', { finess });
  equal(query, 'region', filter.region);
  equal(query, 'regime', filter.regime);
  equal(query, 'stage', filter.stage);
  equal(query, 'declarationId', filter.declarationId);
  const statuses =
    filter.status === undefined
      ? []
      : typeof filter.status === 'string'
        ? [filter.status]
        : [...filter.status];
  if (statuses.length > 0) {
    const unknown = statuses.find((status) => !CLOCK_STATUSES.includes(status));
    if (unknown !== undefined)
      throw new InvalidListQuery('status', `status must be among ${CLOCK_STATUSES.join(', ')}`);
    query.andWhere(`(${statuses.map((status) => STATUS_CONDITIONS[status]).join(' OR ')})`, {
      now: now.toISOString(),
    });
  }
  if (filter.cursor !== undefined) {
    const after = decodeDeadlineCursor(filter.cursor);
    query.andWhere('(d.dueAt > :cursorDue OR (d.dueAt = :cursorDue AND d.key > :cursorKey))', {
      cursorDue: after.dueAt,
      cursorKey: after.key,
    });
  }
  const rows = await query
    .orderBy('d.dueAt', 'ASC')
    .addOrderBy('d.key', 'ASC')
    .take(limit + 1)
    .getMany();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const follow = await followOf(dataSource, page);
  return {
    items: page.map((row) => itemOf(row, now.getTime(), follow)),
    nextCursor: rows.length > limit && last ? encodeDeadlineCursor(last) : null,
  };
}

/**
 * Every clock of one declaration at `now`, the soonest due first; null when the
 * declaration is unknown to this read model or outside the scope (the caller answers 404).
 */
export async function getDeclarationClocks(
  dataSource: DataSource,
  declarationId: string,
  scope: DeadlineScope,
  now: Date,
): Promise<DeadlineItem[] | null> {
  const source = await dataSource.getRepository(DeadlineDeclarationRow).findOne({ where: { declarationId } });
  if (!source || (scope !== 'all' && !scope.finess.includes(source.facts.finess))) return null;
  const rows = await dataSource
    .getRepository(DeadlineRow)
    .find({ where: { declarationId }, order: { dueAt: 'ASC', key: 'ASC' } });
  const follow = await followOf(dataSource, rows);
  return rows.map((row) => itemOf(row, now.getTime(), follow));
}

function equal(
  query: SelectQueryBuilder<DeadlineRow>,
  column: keyof DeadlineRow,
  value: string | undefined,
): void {
  if (value !== undefined && value !== '') query.andWhere(`d.${column} = :${column}`, { [column]: value });
}

function allowedFiness(requested: readonly string[] | undefined, scope: DeadlineScope): string[] | null {
  const list = requested === undefined ? null : requested.filter((finess) => finess.trim() !== '');
  if (scope === 'all') return list && list.length > 0 ? list : null;
  return list && list.length > 0 ? list.filter((finess) => scope.finess.includes(finess)) : [...scope.finess];
}

const encodeDeadlineCursor = (row: { dueAt: string; key: string }): string =>
  Buffer.from(JSON.stringify([row.dueAt, row.key]), 'utf8').toString('base64url');

function decodeDeadlineCursor(text: string): { dueAt: string; key: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return { dueAt: value[0], key: value[1] };
    }
  } catch {
    // reported below
  }
  throw new InvalidListQuery('cursor', 'cursor is not one this server returned');
}
