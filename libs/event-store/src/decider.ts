/** A decider as the write path takes it: data in, data out (the declaration's is in libs/domain). */
export interface Decider<Command, State, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** What a decider emits: its type name is the stored type, its data the stored JSON. */
export interface DomainEvent {
  type: string;
  data: object;
}
