import {
  DEFAULT_CLOCK_POLICY,
  clocksOf,
  evolveFacts,
  evolveRegulatoryFacts,
  onTimeShares,
  snapshotFromFacts,
  type AnnualStatisticsSnapshot,
  type ClockPolicy,
  toDeclarationEvent,
  type DeclarationEvent,
  type DeclarationFacts,
  type RegulatoryFacts,
} from '@vigie/domain';
import type { EventStore, RecordedEvent } from '@vigie/event-store';
import { buildAnnualReport, type AnnualReport } from './annual-report';

export interface ReadProgress {
  /** Position of the last event read. */
  position: bigint;
  /** The log's head when reading started. */
  head: bigint;
  events: number;
}

/**
 * The part of the log a report counts: the events recorded at or before `asOf` **and** at or
 * before `position`. An instant alone is what a person asks for ("as it stood on 1 March"); a
 * position pins the exact log a frozen edition was computed from, even if the store's clock and
 * the publisher's disagree by a few milliseconds.
 */
export interface LogBound {
  asOf?: Date;
  position?: bigint;
}

/** An event as the folds need it; `position` is only read under a position bound. */
export type LoggedEvent = Pick<RecordedEvent, 'streamId' | 'type' | 'data' | 'recordedAt'> & {
  position?: bigint;
};

export function isWithin(bound: LogBound, recorded: LoggedEvent): boolean {
  if (bound.asOf !== undefined && !(Date.parse(recorded.recordedAt) <= bound.asOf.getTime())) return false;
  return !(
    bound.position !== undefined &&
    recorded.position !== undefined &&
    recorded.position > bound.position
  );
}

const PAGE_SIZE = 1000;

/**
 * Reads the global feed in pages, in position order, up to `until` (the whole log without it),
 * handing each event to `visit`. Returns the position of the last event visited (0n for none).
 */
export async function readLog(
  store: EventStore,
  visit: (recorded: RecordedEvent) => void,
  options: { until?: bigint; onProgress?: (progress: ReadProgress) => void } = {},
): Promise<bigint> {
  const { until, onProgress } = options;
  const head = await store.headPosition();
  let position = 0n;
  let events = 0;
  for (;;) {
    const page = await store.readAll(position, PAGE_SIZE);
    const kept = until === undefined ? page : page.filter((recorded) => recorded.position <= until);
    for (const recorded of kept) visit(recorded);
    if (kept.length > 0) position = kept[kept.length - 1].position;
    events += kept.length;
    if (kept.length > 0) onProgress?.({ position, head, events });
    if (page.length < PAGE_SIZE || kept.length < page.length) break;
  }
  return position;
}

/**
 * The report as it stood at `asOf`, replayed from the log: only events recorded up to `asOf`
 * count. The whole log is read (an import may record old instants at new positions), but only one
 * facts record per declaration is held, so memory grows with declarations, not with events.
 */
export function reportAsOf(
  store: EventStore,
  year: number,
  asOf: Date,
  onProgress?: (progress: ReadProgress) => void,
  policy?: ClockPolicy,
): Promise<AnnualReport> {
  return replayReport(store, year, { asOf }, { onProgress, policy });
}

export interface ReplayOptions {
  generatedAt?: Date;
  onProgress?: (progress: ReadProgress) => void;
  /** What the `deadlines` section measures the CSP declaration against: the deadlines read model's. */
  policy?: ClockPolicy;
}

/**
 * The report over the part of the log `bound` names. Its `asOf` is `bound.asOf` (else
 * `generatedAt`), its `position` the last position within the bound, of any stream: the same
 * position a read model caught up at that instant reports. Replaying `{ asOf, position }` later
 * gives the same report, whatever was appended since.
 */
export async function replayReport(
  store: EventStore,
  year: number,
  bound: LogBound,
  options: ReplayOptions = {},
): Promise<AnnualReport> {
  const generatedAt = options.generatedAt ?? new Date();
  const at = bound.asOf ?? generatedAt;
  const fold = asOfFold(year, bound, options.policy);
  let last = 0n;
  await readLog(
    store,
    (recorded) => {
      if (isWithin(bound, recorded) && recorded.position > last) last = recorded.position;
      fold.add(recorded);
    },
    { until: bound.position, onProgress: options.onProgress },
  );
  return buildAnnualReport(fold.snapshot(at), {
    asOf: at.toISOString(),
    generatedAt: generatedAt.toISOString(),
    position: last.toString(),
  });
}

/**
 * The pure part of `reportAsOf`: fold logged events, in log order, into one facts record per
 * declaration of `year` or the year before (the previous year's total is in the report), and
 * the regulatory facts of the year's declarations alongside (their clocks are in the report).
 * Events of other streams (publications…) are ignored.
 */
export function asOfFold(year: number, bound: Date | LogBound, policy: ClockPolicy = DEFAULT_CLOCK_POLICY) {
  const within: LogBound = bound instanceof Date ? { asOf: bound } : bound;
  const facts = new Map<string, DeclarationFacts | null>();
  const regulatory = new Map<string, RegulatoryFacts>();
  const counted = (): Map<string, DeclarationFacts> => {
    const kept = new Map<string, DeclarationFacts>();
    for (const [id, value] of facts) if (value !== null) kept.set(id, value);
    return kept;
  };
  return {
    add(recorded: LoggedEvent): void {
      if (!recorded.streamId.startsWith('declaration-') || !isWithin(within, recorded)) return;
      const event = toDeclarationEvent(recorded);
      const id =
        typeof recorded.data.declarationId === 'string' ? recorded.data.declarationId : recorded.streamId;
      // null: a declaration of another year, which can never move into this report.
      if (facts.has(id) && facts.get(id) === null) return;
      const after = evolveFacts(facts.get(id) ?? null, event);
      if (after === null) return;
      facts.set(id, after.year === year || after.year === year - 1 ? after : null);
      // Only the year's own declarations have their clocks in the report.
      if (after.year !== year) return;
      const clocksFacts = evolveRegulatory(regulatory.get(id) ?? null, event);
      if (clocksFacts !== null) regulatory.set(id, clocksFacts);
    },
    /** The year's snapshot, its clocks read at `at` (the report's instant; without one, no clocks). */
    snapshot(at: Date | undefined = within.asOf): AnnualStatisticsSnapshot {
      return foldedSnapshot(year, counted(), regulatory, at, policy);
    },
    /** The facts of every declaration of the year and the year before, by declaration id. */
    facts: counted,
  };
}

/**
 * The year's snapshot from folded facts (of the year and the year before) and the regulatory facts
 * of the year's declarations, its clocks read at `at` (without one, no clocks): what the replay
 * and the as-of history both end with.
 */
export function foldedSnapshot(
  year: number,
  facts: ReadonlyMap<string, DeclarationFacts>,
  regulatory: ReadonlyMap<string, RegulatoryFacts>,
  at: Date | undefined,
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
): AnnualStatisticsSnapshot {
  if (at === undefined) return snapshotFromFacts(year, facts.values());
  const clocks = [...regulatory]
    .filter(([id]) => facts.get(id)?.year === year)
    .flatMap(([, declaration]) => clocksOf(declaration, at, policy));
  return { ...snapshotFromFacts(year, facts.values()), deadlines: onTimeShares(clocks) };
}

/** Odd data must not stop a replay, as it does not stop the deadlines projection: the clocks stay as they were. */
function evolveRegulatory(facts: RegulatoryFacts | null, event: DeclarationEvent): RegulatoryFacts | null {
  try {
    return evolveRegulatoryFacts(facts, event);
  } catch {
    return facts;
  }
}
