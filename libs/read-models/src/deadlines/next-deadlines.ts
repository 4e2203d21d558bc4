import { In, IsNull, type DataSource } from 'typeorm';
import { DeadlineRow } from './deadline.entity';

/** The soonest clock a declaration still has to meet: what the queue counts down to. */
export interface NextDeadline {
  dueAt: string;
  regime: string;
  stage: string;
}

/**
 * For a page of declarations, each one's soonest unmet clock (none for a closed declaration, nor
 * for one whose clocks are all met), in one query on the deadlines read model.
 */
export async function nextDeadlinesOf(
  dataSource: DataSource,
  declarationIds: readonly string[],
): Promise<Map<string, NextDeadline>> {
  const next = new Map<string, NextDeadline>();
  if (declarationIds.length === 0) return next;
  const rows = await dataSource.getRepository(DeadlineRow).find({
    where: { declarationId: In([...new Set(declarationIds)]), metAt: IsNull(), declarationClosed: false },
    select: { declarationId: true, dueAt: true, regime: true, stage: true, key: true },
    order: { dueAt: 'ASC', key: 'ASC' },
  });
  for (const row of rows)
    if (!next.has(row.declarationId))
      next.set(row.declarationId, { dueAt: row.dueAt, regime: row.regime, stage: row.stage });
  return next;
}
