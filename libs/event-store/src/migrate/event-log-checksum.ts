import { createHash } from 'node:crypto';
import type { EventStore, RecordedEvent, StoredIdempotency } from '../event-store.port';

/**
 * JSON with object keys sorted by UTF-16 code units and no whitespace (the key order of RFC 8785);
 * numbers and strings as JSON.stringify writes them. PostgreSQL's jsonb does not keep key order,
 * so two logs holding the same events compare equal only in this form.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function')
    return canonicalJson(value.toJSON());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined && typeof item !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a migration must keep of an event: everything but its position, which each store draws itself. */
export function canonicalEvent(event: RecordedEvent): string {
  return canonicalJson([
    event.id,
    event.streamId,
    event.revision,
    event.type,
    event.data,
    event.metadata,
    event.recordedAt,
  ]);
}

/** What a migration must keep of an idempotency record: everything but the position of its append. */
export function canonicalIdempotency(record: StoredIdempotency): string {
  return canonicalJson([record.key, record.requestHash, record.response, record.streamId, record.revision]);
}

/** SHA-256 over canonical lines, each followed by a line feed, in the order they are added. */
export class LogDigest {
  private readonly hash = createHash('sha256');
  count = 0;

  add(line: string): void {
    this.hash.update(`${line}\n`);
    this.count++;
  }

  /** Hex; call once, at the end. */
  hex(): string {
    return this.hash.digest('hex');
  }
}

/** Every event with position > `after`, in global order, read `pageSize` at a time. */
export async function* readFeed(
  store: EventStore,
  pageSize: number,
  after = 0n,
): AsyncGenerator<RecordedEvent, void, undefined> {
  for (;;) {
    const page = await store.readAll(after, pageSize);
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1].position;
  }
}

/**
 * The event count and checksum of a whole log: the SHA-256 of `canonicalEvent(event) + "\n"` over
 * every event in global order. Two logs with the same events in the same order have the same
 * checksum whatever their stores and positions.
 */
export async function checksumEventLog(
  store: EventStore,
  pageSize = 1000,
): Promise<{ count: number; checksum: string }> {
  const digest = new LogDigest();
  for await (const event of readFeed(store, pageSize)) digest.add(canonicalEvent(event));
  return { count: digest.count, checksum: digest.hex() };
}

/** Every idempotency record of a store, in its key order; null when the store cannot list them. */
export async function listAllIdempotency(
  store: EventStore,
  pageSize = 1000,
): Promise<StoredIdempotency[] | null> {
  if (!store.listIdempotency) return null;
  const records: StoredIdempotency[] = [];
  for (let after = ''; ;) {
    const page = await store.listIdempotency(after, pageSize);
    if (page.length === 0) return records;
    records.push(...page);
    after = page[page.length - 1].key;
  }
}

/** The checksum of a set of idempotency records, in code-unit order of their canonical form. */
export function checksumIdempotency(records: readonly StoredIdempotency[]): string {
  const digest = new LogDigest();
  for (const line of records.map(canonicalIdempotency).sort()) digest.add(line);
  return digest.hex();
}
