import type { RecordedEvent } from './event-store.port';
import type { Decider } from './decider';

/** A stream folded up to `revision` (-1: it does not exist yet), whose last event is at `position`. */
export interface FoldedStream<State> {
  state: State;
  revision: number;
  position: bigint;
}

/** Where a writer keeps the folds of the streams it used last (the API's recent streams). */
export interface FoldCache<State> {
  get(streamId: string): FoldedStream<State> | undefined;
  /** Keeps the later of two folds: a slow reader must not replace what a newer append wrote. */
  remember(streamId: string, folded: FoldedStream<State>): void;
  /** Drops `folded` if it is still the one kept: a newer one written meanwhile stays. */
  forget(streamId: string, folded: FoldedStream<State>): void;
}

/** A stream's recorded events, read as domain events and folded from the initial state. */
export function foldRecorded<State, Event>(
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  toDomain: (recorded: RecordedEvent) => Event,
  recorded: readonly RecordedEvent[],
): FoldedStream<State> {
  const last = recorded.at(-1);
  return {
    state: recorded.reduce((state, event) => decider.evolve(state, toDomain(event)), decider.initialState()),
    revision: last?.revision ?? -1,
    position: last?.position ?? 0n,
  };
}
