import { evolve, foldDeclaration } from '../declaration/declaration';
import type { DeclarationCommand } from '../declaration/declaration.commands';
import { decide } from '../declaration-decider';
import type { DomainError } from '../declaration/declaration.errors';
import type { DeclarationEvent } from '../declaration/declaration.events';

type DomainErrorClass = abstract new (...args: never[]) => DomainError;

/**
 * `given(history).when(command).then(events)` or `.thenThrows(ErrorClass, { field })`.
 * `then([])` states that there is nothing to do.
 */
export function given(history: readonly DeclarationEvent[] = []) {
  const state = foldDeclaration(history);
  return {
    when(command: DeclarationCommand) {
      return {
        then(expected: readonly DeclarationEvent[]): void {
          const decided = decide(command, state);
          expect(decided).toEqual(expected);
          // What decide emits, evolve must be able to fold into the next state.
          expect(() => decided.reduce(evolve, state)).not.toThrow();
        },
        thenThrows(errorClass: DomainErrorClass, expected: { field?: string } = {}): DomainError {
          let thrown: unknown = undefined;
          try {
            decide(command, state);
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
}
