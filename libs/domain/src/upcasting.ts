/** An event as a store gives it back, whatever the store: its type as written and its JSON data. */
export interface StoredEvent {
  type: string;
  data: unknown;
}

/**
 * How each superseded event type, as once written, reads as an event of today's model. Rule 5 of
 * the log: a breaking change adds `XV2`, and `X: (data) => ({ type: 'XV2', data: … })` is its one
 * entry here, applied on every read; what was written is never rewritten.
 */
export type Upcasters<Event extends { type: string }> = Readonly<Record<string, (data: unknown) => Event>>;

/**
 * The one way a stored event becomes a domain event of `Event`'s family. Types without an
 * upcaster are taken as written, unchecked on purpose: a decider's `evolve` refuses a type it
 * does not know, and projections never throw on odd data.
 */
export function upcasting<Event extends { type: string }>(
  upcasters: Upcasters<Event>,
): (stored: StoredEvent) => Event {
  return (stored) => {
    // hasOwn: a stored type named `constructor` or `toString` is no upcaster.
    const upcast = Object.hasOwn(upcasters, stored.type) ? upcasters[stored.type] : undefined;
    return upcast === undefined
      ? ({ type: stored.type, data: stored.data } as unknown as Event)
      : upcast(stored.data);
  };
}
