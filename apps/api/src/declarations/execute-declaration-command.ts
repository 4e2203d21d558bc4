import { Command } from '@nestjs/cqrs';
import type { DeclarationCommand, SubmitDeclaration } from '@vigie/domain';
import type { Response } from 'express';
import type { CommandContext } from './command-context';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A command as the edge builds it: the handler adds the actor (from the token), `now` (its clock)
 * and a submission's reference (the allocator).
 */
export type CommandIntent =
  | DistributiveOmit<Exclude<DeclarationCommand, SubmitDeclaration>, 'actor' | 'now'>
  | Omit<SubmitDeclaration, 'actor' | 'now' | 'reference'>;

/** The answer to a command, whether appended now or replayed for an Idempotency-Key. */
export interface CommandOutcome {
  status: 200 | 201 | number;
  /** `reference`: a submission's, in its answer and in a retry's. */
  body: { id: string; revision: number; position: string; reference?: string };
  /** `"<revision>"` */
  etag: string;
  location?: string;
  replayed: boolean;
}

/** The one bus command of the API: every declaration command goes through the same handler. */
export class ExecuteDeclarationCommand extends Command<CommandOutcome> {
  constructor(
    readonly intent: CommandIntent,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** How a controller answers a declaration command: the outcome's body, with its ETag, Location and replay mark. */
export function sendOutcome(res: Response, outcome: CommandOutcome): CommandOutcome['body'] {
  res.setHeader('ETag', outcome.etag);
  if (outcome.location !== undefined) res.setHeader('Location', outcome.location);
  if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return outcome.body;
}
