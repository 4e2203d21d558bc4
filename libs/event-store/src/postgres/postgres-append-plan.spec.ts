import { ConcurrencyError, DuplicateEventIdError, IdempotencyKeyTakenError } from '../event-store.errors';
import type { AppendRequest } from '../event-store.port';
import { sampleEvent, sampleEvents } from '../testing/sample-events';
import type { LogState } from './postgres-append-plan';
import { planAppends } from './postgres-append-plan';

const now = () => new Date('2025-01-02T03:04:05.678Z');

function state(partial: Partial<LogState> = {}): LogState {
  return { revisions: new Map(), takenKeys: new Set(), eventIds: new Set(), ...partial };
}

const record = (key: string) => ({ key, requestHash: 'sha256:x', response: { status: 200, body: {} } });

describe('planning a batch of PostgreSQL appends', () => {
  it('numbers each request after the ones before it, on the log’s revisions', () => {
    const requests: AppendRequest[] = [
      { streamId: 'a', events: sampleEvents(2), options: { expectedRevision: 4 } },
      { streamId: 'b', events: sampleEvents(1), options: { expectedRevision: 'no_stream' } },
      { streamId: 'a', events: sampleEvents(1), options: { expectedRevision: 6, recordedAt: new Date(0) } },
    ];
    const { columns, appends } = planAppends(requests, state({ revisions: new Map([['a', 4]]) }), now);
    expect(appends.map(({ streamId, revision }) => [streamId, revision])).toEqual([
      ['a', 6],
      ['b', 0],
      ['a', 7],
    ]);
    expect(columns.streamIds).toEqual(['a', 'a', 'b', 'a']);
    expect(columns.revisions).toEqual([5, 6, 0, 7]);
    expect(columns.eventIds).toEqual(requests.flatMap((request) => request.events.map((event) => event.id)));
    expect(columns.recordedAt).toEqual([...Array(3).fill(now().toISOString()), new Date(0).toISOString()]);
  });

  it('refuses a stale revision, counting the batch’s earlier appends', () => {
    const requests: AppendRequest[] = [
      { streamId: 'a', events: sampleEvents(1), options: { expectedRevision: 'no_stream' } },
      { streamId: 'a', events: sampleEvents(1), options: { expectedRevision: 'no_stream' } },
    ];
    expect(() => planAppends(requests, state(), now)).toThrow(ConcurrencyError);
    expect(() => planAppends(requests, state(), now)).toThrow(
      expect.objectContaining({ streamId: 'a', expected: 'no_stream', actual: 0 }),
    );
  });

  it('reports a taken key before a stale revision, whether the log or the batch took it', () => {
    const stale = { expectedRevision: 'no_stream' as const, idempotency: record('k') };
    const taken = state({ takenKeys: new Set(['k']), revisions: new Map([['a', 0]]) });
    expect(() =>
      planAppends([{ streamId: 'a', events: sampleEvents(1), options: stale }], taken, now),
    ).toThrow(IdempotencyKeyTakenError);
    const twice: AppendRequest[] = [
      { streamId: 'a', events: sampleEvents(1), options: stale },
      { streamId: 'b', events: sampleEvents(1), options: stale },
    ];
    expect(() => planAppends(twice, state(), now)).toThrow(IdempotencyKeyTakenError);
  });

  it('refuses an event id the log, the batch or the same append already holds', () => {
    const event = sampleEvent();
    const one = (events = [event]): AppendRequest => ({
      streamId: 'a',
      events,
      options: { expectedRevision: 'any' },
    });
    expect(() => planAppends([one()], state({ eventIds: new Set([event.id]) }), now)).toThrow(
      DuplicateEventIdError,
    );
    expect(() => planAppends([one(), { ...one(), streamId: 'b' }], state(), now)).toThrow(
      DuplicateEventIdError,
    );
    expect(() => planAppends([one([event, event])], state(), now)).toThrow(DuplicateEventIdError);
  });
});
