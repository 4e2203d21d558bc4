import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { SEQUENCE_RESERVED, SequenceAllocator } from './sequence-allocator';

const metadata = () => ({
  actor: { sub: 'system:test', role: 'admin' },
  correlationId: 'spec',
  schemaVersion: 1,
});
const STREAM = 'reference-2026';

describe('SequenceAllocator [sqlite files]', () => {
  let directory: string;
  let stores: SqliteEventStore[];

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'vigie-sequence-'));
    const path = join(directory, 'events.sqlite');
    // Two stores on one file: two processes.
    stores = [await SqliteEventStore.open(path), await SqliteEventStore.open(path)];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('numbers holders 1, 2, 3… in the order asked, and gives a holder its number again', async () => {
    const sequences = new SequenceAllocator(stores[0], metadata);
    expect(await sequences.reserveAll(STREAM, ['a', 'b', 'c'])).toEqual([1, 2, 3]);
    expect(await sequences.reserve(STREAM, 'b')).toBe(2);
    expect(await sequences.reserve(STREAM, 'd')).toBe(4);
    // Another allocator (a restart) reads what was reserved.
    const restarted = new SequenceAllocator(stores[0], metadata);
    expect(await restarted.reserve(STREAM, 'a')).toBe(1);
    expect(await restarted.reserve(STREAM, 'e')).toBe(5);
    const events = await stores[0].readStream(STREAM);
    expect(events.map((event) => [event.type, event.data])).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((holder, index) => [SEQUENCE_RESERVED, { sequence: index + 1, holder }]),
    );
  });

  it('two allocators on one log, racing, give every holder one number and leave no gap', async () => {
    const [first, second] = stores.map((store) => new SequenceAllocator(store, metadata));
    const holders = Array.from({ length: 120 }, (_, index) => `holder-${index}`);
    // Each holder asks both at once, as a submission retried on another instance would.
    const answers = await Promise.all(
      holders.flatMap((holder) => [first.reserve(STREAM, holder), second.reserve(STREAM, holder)]),
    );
    for (let index = 0; index < holders.length; index++)
      expect(answers[2 * index]).toBe(answers[2 * index + 1]);
    const numbers = answers.filter((_, index) => index % 2 === 0).sort((a, b) => a - b);
    expect(numbers).toEqual(holders.map((_, index) => index + 1));
    expect(await stores[0].readStream(STREAM)).toHaveLength(holders.length);
  });

  it('counter streams are apart: each year starts at 1', async () => {
    const sequences = new SequenceAllocator(stores[0], metadata);
    expect(await sequences.reserve('reference-2026', 'a')).toBe(1);
    expect(await sequences.reserve('reference-2027', 'b')).toBe(1);
  });
});
