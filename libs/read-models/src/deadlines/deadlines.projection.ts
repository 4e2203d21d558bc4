import {
  clockPolicyFromEnv,
  evolveRegulatoryFacts,
  scheduleOf,
  type ClockPolicy,
  type DeclarationEvent,
  type ScheduledClock,
} from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import { readModel, type RowProjection, type SumProjection } from '../projection/read-model';
import { declarationIdOf } from '../shared/event-data';
import { DeadlineDeclarationRow, DeadlineRow } from './deadline.entity';

export function evolveDeadlineDeclaration(
  row: DeadlineDeclarationRow | null,
  event: RecordedEvent,
): DeadlineDeclarationRow | null {
  const id = declarationIdOf(event);
  if (id === null) return row;
  if (row !== null && event.revision <= row.revision) return row;
  const facts = row?.facts ?? null;
  let next: ReturnType<typeof evolveRegulatoryFacts>;
  try {
    next = evolveRegulatoryFacts(facts, {
      type: event.type,
      data: event.data,
    } as unknown as DeclarationEvent);
  } catch {
    // Data of a shape no writer of this version produces: the clocks stay as they were.
    return row;
  }
  // Events that change no clock (most of them) leave the row, and so its deadline rows, untouched.
  if (next === facts) return row;
  return next === null ? null : { declarationId: id, revision: event.revision, facts: next };
}

export const deadlineRowOf = (source: DeadlineDeclarationRow, clock: ScheduledClock): DeadlineRow => ({
  key: `${source.declarationId}/${clock.clockId}`,
  declarationId: source.declarationId,
  clockId: clock.clockId,
  regime: clock.regime,
  stage: clock.stage,
  requestId: clock.requestId,
  finess: source.facts.finess,
  structureName: source.facts.structureName,
  region: source.facts.region,
  dueAt: clock.dueAt,
  metAt: clock.metAt,
  declarationClosed: source.facts.closed,
});

/**
 * The deadline rows are derived rows rather than sums: each has exactly one source (its
 * declaration), whose old rows are removed (−1) before its new ones are added (+1), so a clock
 * that no longer applies disappears and one that starts applying appears.
 */
export function deadlineRows(
  policy: () => ClockPolicy,
): SumProjection<DeadlineDeclarationRow, DeadlineRow, DeadlineRow> {
  return {
    entity: DeadlineRow,
    contributions: (source) =>
      scheduleOf(source.facts, policy()).map((clock) => {
        const row = deadlineRowOf(source, clock);
        return [row.key, row] as [string, DeadlineRow];
      }),
    evolve: (_row, _key, contribution, sign) => (sign === 1 ? contribution : null),
  };
}

export const deadlineDeclarationProjection: RowProjection<DeadlineDeclarationRow> = {
  entity: DeadlineDeclarationRow,
  keyOf: declarationIdOf,
  evolve: evolveDeadlineDeclaration,
};

let environmentPolicy: ClockPolicy | null = null;

/** `VIGIE_CSP_TARGET_HOURS`, read once, on first use: a change needs a rebuild of this read model. */
export const deadlinePolicy = (): ClockPolicy => (environmentPolicy ??= clockPolicyFromEnv(process.env));

export const deadlines = readModel('deadlines', deadlineDeclarationProjection, [
  deadlineRows(deadlinePolicy),
]);
