import {
  clockPolicyFromEnv,
  clockStatus,
  evolveRegulatoryFacts,
  scheduleOf,
  toDeclarationEvent,
  type ClockPolicy,
  type ScheduledClock,
} from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import { readModel, type RowProjection, type SumProjection } from '../projection/read-model';
import { declarationIdOf } from '../shared/event-data';
import { parisBucketOf } from '../shared/paris-bucket';
import { DeadlineDeclarationRow, DeadlineRow, DeadlineShareRow } from './deadline.entity';

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
    next = evolveRegulatoryFacts(facts, toDeclarationEvent(event));
  } catch {
    // Data of a shape no writer of this version produces: the clocks stay as they were.
    return row;
  }
  // Events that change no clock (most of them) leave the row, and so its deadline rows, untouched.
  if (next === facts) return row;
  return next === null ? null : { declarationId: id, revision: event.revision, facts: next };
}

/** The Paris year of submission, as `declaration_summary.year` and the statistics count it (0 if none). */
export const deadlineYearOf = (source: DeadlineDeclarationRow): number =>
  parisBucketOf(source.facts.submittedAt).year;

export const deadlineRowOf = (
  source: DeadlineDeclarationRow,
  clock: ScheduledClock,
  year = deadlineYearOf(source),
): DeadlineRow => ({
  key: `${source.declarationId}/${clock.clockId}`,
  declarationId: source.declarationId,
  clockId: clock.clockId,
  year,
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

const schedules = new WeakMap<object, { policy: ClockPolicy; clocks: readonly ScheduledClock[] }>();

/**
 * The rows and the sums of this read model both derive from a declaration's schedule: computed
 * once per state of its facts (a new object at every event) rather than once per derivation.
 */
function scheduleOnce(
  facts: DeadlineDeclarationRow['facts'],
  policy: ClockPolicy,
): readonly ScheduledClock[] {
  const known = schedules.get(facts);
  if (known?.policy === policy) return known.clocks;
  const clocks = scheduleOf(facts, policy);
  schedules.set(facts, { policy, clocks });
  return clocks;
}

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
    contributions: (source) => {
      const year = deadlineYearOf(source);
      return scheduleOnce(source.facts, policy()).map((clock) => {
        const row = deadlineRowOf(source, clock, year);
        return [row.key, row] as [string, DeadlineRow];
      });
    },
    evolve: (_row, _key, contribution, sign) => (sign === 1 ? contribution : null),
  };
}

/** What one declaration adds to one `deadline_share` row. */
export type DeadlineShareContribution = Omit<DeadlineShareRow, 'key'>;

/**
 * One contribution per year × regime × stage: the intermediate clocks of a declaration share one
 * key, so they are added up here (the projector keeps one contribution per key and source).
 */
export function deadlineShareContributions(
  source: DeadlineDeclarationRow,
  clocks: readonly ScheduledClock[],
): [key: string, contribution: DeadlineShareContribution][] {
  const year = deadlineYearOf(source);
  const byKey = new Map<string, DeadlineShareContribution>();
  for (const clock of clocks) {
    const key = `${year}/${clock.regime}/${clock.stage}`;
    const sums = byKey.get(key) ?? {
      year,
      regime: clock.regime,
      stage: clock.stage,
      met: 0,
      metLate: 0,
      unmet: 0,
    };
    // A met clock's status is final, whatever the instant: the domain's rule decides met or late.
    if (clock.metAt === null) sums.unmet += 1;
    else if (clockStatus(clock, 0) === 'met') sums.met += 1;
    else sums.metLate += 1;
    byKey.set(key, sums);
  }
  return [...byKey];
}

export function evolveDeadlineShare(
  row: DeadlineShareRow | null,
  key: string,
  contribution: DeadlineShareContribution,
  sign: 1 | -1,
): DeadlineShareRow | null {
  const base = row ?? { key, ...contribution, met: 0, metLate: 0, unmet: 0 };
  const next = {
    ...base,
    met: base.met + sign * contribution.met,
    metLate: base.metLate + sign * contribution.metLate,
    unmet: base.unmet + sign * contribution.unmet,
  };
  return next.met === 0 && next.metLate === 0 && next.unmet === 0 ? null : next;
}

/** The report's on-time shares as sums, moved by −old/+new whenever a declaration's clocks change. */
export function deadlineShareSums(
  policy: () => ClockPolicy,
): SumProjection<DeadlineDeclarationRow, DeadlineShareContribution, DeadlineShareRow> {
  return {
    entity: DeadlineShareRow,
    contributions: (source) => deadlineShareContributions(source, scheduleOnce(source.facts, policy())),
    evolve: evolveDeadlineShare,
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
  deadlineShareSums(deadlinePolicy),
]);
