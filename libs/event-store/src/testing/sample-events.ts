import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../event-store.port';

/** Unique per call, so tests sharing a log (EventStoreDB) never see each other's streams. */
export function newStreamId(): string {
  return `declaration-${randomUUID()}`;
}

export function sampleMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: { sub: 'analyst-1', role: 'analyst' },
    correlationId: randomUUID(),
    schemaVersion: 1,
    ...overrides,
  };
}

export function sampleEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    type: 'DeclarationCommented',
    data: {
      declarationId: id,
      comment: 'Sauvegardes vérifiées',
      commentedBy: 'analyst-1',
      commentedAt: '2025-03-04T10:00:00.000Z',
    },
    metadata: sampleMetadata(),
    ...overrides,
  };
}

export function sampleEvents(count: number): NewEvent[] {
  return Array.from({ length: count }, () => sampleEvent());
}

/** Runs `task` over `items` with at most `width` in flight: concurrent, without opening thousands of requests at once. */
export async function inParallel<T, R>(
  items: readonly T[],
  width: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
