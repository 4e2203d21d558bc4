import type { FoldCache, FoldedStream } from '@vigie/event-store';

/**
 * The folded state of the declaration streams this process used last, so that a follow-up
 * command does not read and fold its whole stream again. Never trusted on its own: another
 * process (the notifier, a second API instance) may have appended since: `handleCommand` decides
 * on an entry, appends at its revision, and only a successful append proves it was current; any
 * other outcome drops it and decides again on a fresh read. Bounded, least recently used first out.
 */
export class RecentStreams<State> implements FoldCache<State> {
  private readonly entries = new Map<string, FoldedStream<State>>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): FoldedStream<State> | undefined {
    const entry = this.entries.get(streamId);
    if (entry !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  /** Keeps the later of two folds: a slow reader must not replace what a newer append wrote. */
  remember(streamId: string, folded: FoldedStream<State>): void {
    const known = this.entries.get(streamId);
    if (known !== undefined && known.revision > folded.revision) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, folded);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Drops `folded` if it is still the entry: a newer one written meanwhile stays. */
  forget(streamId: string, folded: FoldedStream<State>): void {
    if (this.entries.get(streamId) === folded) this.entries.delete(streamId);
  }
}
