import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { declarationStreamId, toDeclarationEvent, type DeclarationEvent } from '@vigie/domain';
import { SqliteEventStore, handleCommand, type Decider, type EventStore } from '@vigie/event-store';
import type { DataSource } from 'typeorm';
import { READ_ENTITIES } from '../data-source/read-entities';
import { ProjectionCheckpoint } from '../checkpoint/projection-checkpoint.entity';
import { appendLog, generateLog } from './event-log-generator';

/** A temporary directory, removed by the returned function. */
export function temporaryDirectory(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `vigie-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A real SQLite event store file holding a generated log. */
export async function seededSqliteStore(
  path: string,
  declarations: number,
  seed = 7,
): Promise<{ store: SqliteEventStore; events: number }> {
  const store = await SqliteEventStore.open(path, { synchronous: 'normal' });
  const events = await appendLog(store, generateLog({ declarations, seed }));
  return { store, events };
}

/** Every read-model row, table by table in primary-key order, as the entities hydrate them (comparable across dialects). */
export async function dumpReadModels(
  dataSource: DataSource,
  options: { checkpoints?: boolean } = {},
): Promise<Record<string, object[]>> {
  const dump: Record<string, object[]> = {};
  for (const entity of READ_ENTITIES) {
    if (entity === ProjectionCheckpoint && !options.checkpoints) continue;
    const metadata = dataSource.getMetadata(entity);
    const primary = metadata.primaryColumns[0].propertyName;
    // Sorted here: PostgreSQL's collation and SQLite's binary order disagree on mixed-case keys.
    const rows = (await dataSource.getRepository(entity).find()) as unknown as Record<string, string>[];
    dump[metadata.tableName] = rows
      .map((row) => ({ ...row }))
      .sort((a, b) => (a[primary] < b[primary] ? -1 : a[primary] > b[primary] ? 1 : 0));
  }
  return dump;
}

/** A decider that takes each event as given: the events were decided elsewhere (fixtures, generators). */
const AS_GIVEN: Decider<DeclarationEvent, null, DeclarationEvent> = {
  initialState: () => null,
  evolve: () => null,
  decide: (event) => [event],
};

/** Appends one declaration's domain events to its stream, one append per event, as the API would. */
export async function appendDeclarationEvents(
  store: EventStore,
  events: DeclarationEvent[],
  sub = 'analyst-1',
): Promise<bigint> {
  let position = 0n;
  for (const event of events) {
    const { result } = await handleCommand(store, {
      streamId: declarationStreamId(event.data.declarationId),
      decider: AS_GIVEN,
      toDomain: toDeclarationEvent,
      command: event,
      eventId: () => randomUUID(),
      metadata: { actor: { sub, role: 'analyst' }, correlationId: randomUUID(), schemaVersion: 1 },
      maxAttempts: 1,
    });
    position = result!.position;
  }
  return position;
}
