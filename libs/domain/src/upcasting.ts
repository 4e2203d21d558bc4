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
  // Every projection reads each event of a batch through here: the upcast of one stored data
  // object is made once and shared, as the data itself already is (neither is ever mutated).
  const upcastOf = new WeakMap<object, { type: string; event: Event }>();
  return (stored) => {
    // hasOwn: a stored type named `constructor` or `toString` is no upcaster.
    const upcast = Object.hasOwn(upcasters, stored.type) ? upcasters[stored.type] : undefined;
    if (upcast === undefined) return { type: stored.type, data: stored.data } as unknown as Event;
    const data = stored.data;
    if (typeof data !== 'object' || data === null) return upcast(data);
    const known = upcastOf.get(data);
    if (known !== undefined && known.type === stored.type) return known.event;
    const event = upcast(data);
    upcastOf.set(data, { type: stored.type, event });
    return event;
  };
}
