import type { INestApplication } from '@nestjs/common';
import type { VigieConfig } from '@vigie/config';
import type { EventStore } from '@vigie/event-store';
import { PROJECTION_PROGRESS, READ_DATA_SOURCE, type ProjectionProgress } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import { firstAdminInstructions } from '../users/first-admin';

/** Long enough for the projector to fold a large log's users at start; past it, say nothing rather than guess. */
const CATCH_UP_MS = 15_000;

/**
 * On a data dir with no administrator yet, how to create the first one, once the read models hold
 * the whole log (before that, "no administrator" could be false). Where to open the app otherwise.
 */
export async function firstStartMessage(app: INestApplication, config: VigieConfig): Promise<string[]> {
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  const caughtUp = await app.get<ProjectionProgress>(PROJECTION_PROGRESS).waitFor(head, CATCH_UP_MS);
  const open = `open ${config.publicUrl}/ in a browser`;
  if (!caughtUp) return [open];
  const instructions = await firstAdminInstructions(app.get<DataSource>(READ_DATA_SOURCE), config.login);
  return instructions === null ? [open] : [...instructions.split('\n'), `then ${open} and log in`];
}
