import { evolve, initialState } from '../declaration/declaration';
import type { DeclarationCommand } from '../declaration/declaration.commands';
import { decide } from '../declaration-decider';
import type { DomainError } from '../domain-error';
import type { DeclarationEvent } from '../declaration/declaration.events';

type DomainErrorClass = abstract new (...args: never[]) => DomainError;

interface SpecDecider<Command, State, Event> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/**
 * `given(history).when(command).then(events)` or `.thenThrows(ErrorClass, { field })` for the
 * decider's specs. `then([])` states that there is nothing to do.
 */
export function givenFor<Command, State, Event>(decider: SpecDecider<Command, State, Event>) {
  return (history: readonly Event[] = []) => {
    const state = history.reduce(decider.evolve, decider.initialState());
    return {
      when(command: Command) {
        return {
          then(expected: readonly Event[]): void {
            const decided = decider.decide(command, state);
            expect(decided).toEqual(expected);
            // What decide emits, evolve must be able to fold into the next state.
            expect(() => decided.reduce(decider.evolve, state)).not.toThrow();
          },
          thenThrows(errorClass: DomainErrorClass, expected: { field?: string } = {}): DomainError {
            let thrown: unknown = undefined;
            try {
              decider.decide(command, state);
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(errorClass);
            const error = thrown as DomainError;
            if ('field' in expected) expect(error.field).toBe(expected.field);
            return error;
          },
        };
      },
    };
  };
}

export const given = givenFor<DeclarationCommand, ReturnType<typeof initialState>, DeclarationEvent>({
  decide,
  evolve,
  initialState,
});
