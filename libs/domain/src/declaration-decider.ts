import { evolve, initialState, type DeclarationState } from './declaration/declaration';
import type { DeclarationCommand } from './declaration/declaration.commands';
import { decideLifecycle } from './declaration/declaration.decide';
import { DeclarationNotFound } from './declaration/declaration.errors';
import type { DeclarationEvent } from './declaration/declaration.events';
import { decideRegulatory } from './regulatory/regulatory.decide';

/**
 * What happens when `command` meets a declaration in `state`: the events to append, `[]` when
 * there is nothing to do, or a thrown DomainError when a rule refuses it. Pure: the clock, ids and
 * actor come in with the command. The declaration's lifecycle and its regulatory clocks are
 * decided apart (declaration/, regulatory/); this file joins them, so that regulatory/ builds on
 * declaration/ and never the other way round.
 */
export function decide(command: DeclarationCommand, state: DeclarationState): DeclarationEvent[] {
  if (command.type !== 'SubmitDeclaration' && !state.exists)
    throw new DeclarationNotFound(command.declarationId);
  switch (command.type) {
    case 'AmendRegulatoryStatus':
    case 'SubmitStagedReport':
    case 'RequestIntermediateReport':
    case 'DeclareCnilNotification':
    case 'RecordAuthorityInformed':
    case 'RecordAuthorityNotification':
    case 'RecordDeadlineReminder':
    case 'RecordMail':
      return decideRegulatory(command, state);
    default:
      return decideLifecycle(command, state);
  }
}

/** The declaration's decider, as the write path (`handleCommand` in libs/event-store) takes it. */
export const declarationDecider = { decide, evolve, initialState };
