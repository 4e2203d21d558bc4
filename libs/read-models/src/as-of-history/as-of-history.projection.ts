import {
  evolveFacts,
  evolveRegulatoryFacts,
  toDeclarationEvent,
  type DeclarationEvent,
  type DeclarationFacts,
  type RegulatoryFacts,
} from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import type { BatchReadModel } from '../projection/read-model';
import type { RowStore } from '../projection/row-store';
import { AsOfChangeRow, AsOfDeclarationRow, AsOfInstantRow } from './as-of-history.entity';
import { encodeChange, type Flat } from './facts-change';

export const AS_OF_HISTORY = 'as-of-history';

/**
 * The declaration an event counts for, as the report's replay (`asOfFold`) groups them: its
 * `declarationId`, else its stream. Null for other streams.
 */
export function historyKeyOf(event: RecordedEvent): string | null {
  if (!event.streamId.startsWith('declaration-')) return null;
  const data = event.data as Record<string, unknown> | null;
  if (data === null || typeof data !== 'object') return event.streamId;
  return typeof data.declarationId === 'string' ? data.declarationId : event.streamId;
}

/** What one event does to one declaration's history: its new state, and the change row to write. */
export function evolveHistory(
  state: AsOfDeclarationRow | null,
  key: string,
  event: RecordedEvent,
): { state: AsOfDeclarationRow; change: AsOfChangeRow | null } | null {
  if (state !== null && BigInt(event.position) <= BigInt(state.lastPosition)) return null;
  const at = Date.parse(event.recordedAt);
  let domain: DeclarationEvent;
  let facts: DeclarationFacts | null;
  try {
    domain = toDeclarationEvent(event);
    facts = evolveFacts((state?.facts ?? null) as DeclarationFacts | null, domain);
  } catch {
    // The replay would stop on it too: the declaration is counted by replaying the log.
    return state === null ? null : { state: { ...state, regular: false }, change: null };
  }
  // The replay ignores what comes before a submission it can count.
  if (facts === null) return null;
  const regulatoryBefore = (state?.regulatory ?? null) as RegulatoryFacts | null;
  const regulatory = evolveRegulatory(regulatoryBefore, domain) ?? regulatoryBefore;
  const position = String(event.position);
  // An instant that does not parse counts at no instant; one before an earlier event's makes
  // what counts at an instant something else than a prefix of the changes.
  const regular = (state?.regular ?? true) && !Number.isNaN(at) && at >= (state?.lastAt ?? at);
  const next: AsOfDeclarationRow = {
    declarationId: key,
    year: state?.year ?? facts.year,
    createdAt: state?.createdAt ?? (Number.isNaN(at) ? 0 : at),
    createdPosition: state?.createdPosition ?? position,
    regular,
    lastAt: Number.isNaN(at) ? (state?.lastAt ?? 0) : Math.max(at, state?.lastAt ?? at),
    lastPosition: position,
    facts: facts as unknown as Flat,
    regulatory: regulatory as unknown as Flat | null,
  };
  if (!regular) return { state: next, change: null };
  const factsChange = encodeChange(state?.facts ?? null, next.facts);
  const regulatoryChange =
    next.regulatory === null ? null : encodeChange(state?.regulatory ?? null, next.regulatory);
  if (factsChange === null && regulatoryChange === null) return { state: next, change: null };
  return {
    state: next,
    change: {
      position,
      declarationId: key,
      year: next.year,
      recordedAt: at,
      factsChange,
      regulatoryChange,
    },
  };
}

/** As the replay: odd data leaves the clocks as they were. */
function evolveRegulatory(facts: RegulatoryFacts | null, event: DeclarationEvent): RegulatoryFacts | null {
  try {
    return evolveRegulatoryFacts(facts, event);
  } catch {
    return facts;
  }
}

/**
 * The batch's suffix minima of recorded instants (see AsOfInstantRow), and the smallest instant:
 * every stored one at or after it stops being a minimum.
 */
export function instantRecords(
  events: readonly RecordedEvent[],
): { rows: AsOfInstantRow[]; from: number } | null {
  const rows: AsOfInstantRow[] = [];
  for (const event of events) {
    const at = Date.parse(event.recordedAt);
    if (Number.isNaN(at)) continue;
    while (rows.length > 0 && rows[rows.length - 1].recordedAt >= at) rows.pop();
    rows.push({ position: String(event.position), recordedAt: at });
  }
  return rows.length === 0 ? null : { rows, from: rows[0].recordedAt };
}

async function applyHistory(store: RowStore, events: readonly RecordedEvent[]): Promise<void> {
  const instants = instantRecords(events);
  if (instants !== null) {
    await store.deleteAtLeast(AsOfInstantRow, 'recordedAt', instants.from);
    await store.save(AsOfInstantRow, instants.rows, []);
  }

  const touched: [string, RecordedEvent][] = [];
  for (const event of events) {
    const key = historyKeyOf(event);
    if (key !== null) touched.push([key, event]);
  }
  if (touched.length === 0) return;
  const states = await store.load(AsOfDeclarationRow, [...new Set(touched.map(([key]) => key))]);
  const changed = new Map<string, AsOfDeclarationRow>();
  const changes: AsOfChangeRow[] = [];
  for (const [key, event] of touched) {
    const result = evolveHistory(states.get(key) ?? null, key, event);
    if (result === null) continue;
    states.set(key, result.state);
    changed.set(key, result.state);
    if (result.change !== null) changes.push(result.change);
  }
  await store.save(AsOfDeclarationRow, [...changed.values()], []);
  await store.save(AsOfChangeRow, changes, []);
}

/**
 * What the yearly report's figures were at every past instant: each declaration's counted facts
 * (statistics and regulatory clocks) at every event that changed them, with its position and
 * recorded instant, and the positions recorded at each instant. The report as it stood at T is then
 * an indexed read of the year's changes up to T, equal to the replay of the log (as-of-history.md).
 */
export const asOfHistory: BatchReadModel = {
  name: AS_OF_HISTORY,
  tables: [AsOfDeclarationRow, AsOfChangeRow, AsOfInstantRow],
  apply: applyHistory,
};
