import { ConcurrencyError, DuplicateEventIdError, IdempotencyKeyTakenError } from '../event-store.errors';
import type { AppendRequest } from '../event-store.port';
import { sampleEvent, sampleEvents } from '../testing/sample-events';
import type { LogState, PlannedUnit } from './postgres-append-plan';
import { planBatch } from './postgres-append-plan';

const now = () => new Date('2025-01-02T03:04:05.678Z');

function state(partial: Partial<LogState> = {}): LogState {
  return { revisions: new Map(), takenKeys: new Set(), eventIds: new Set(), ...partial };
}

const record = (key: string) => ({ key, requestHash: 'sha256:x', response: { status: 200, body: {} } });

/** One `append` per request. */
const alone = (...requests: AppendRequest[]) => requests.map((request) => [request]);

function refusalOf(unit: PlannedUnit): unknown {
  if (!('refused' in unit)) throw new Error('expected the unit to be refused');
  return unit.refused;
}

describe('planning a batch of PostgreSQL appends', () => {
  it('numbers each request after the ones before it, on the log’s revisions', () => {
    const requests: AppendRequest[] = [
      { streamId: 'a', events: sampleEvents(2), options: { expectedRevision: 4 } },
      { streamId: 'b', events: sampleEvents(1), options: { expectedRevision: 'no_stream' } },
      { streamId: 'a', events: sampleEvents(1), options: { expectedRevision: 6, recordedAt: new Date(0) } },
    ];
    const { columns, units } = planBatch([requests], state({ revisions: new Map([['a', 4]]) }), now);
    expect(units).toEqual([
      {
        accepted: [
          { streamId: 'a', revision: 6, lastEvent: 1 },
          { streamId: 'b', revision: 0, lastEvent: 2 },
          { streamId: 'a', revision: 7, lastEvent: 3 },
        ],
      },
    ]);
    expect(columns.streamIds).toEqual(['a', 'a', 'b', 'a']);
    expect(columns.revisions).toEqual([5, 6, 0, 7]);
    expect(columns.eventIds).toEqual(requests.flatMap((request) => request.events.map((event) => event.id)));
    expect(columns.recordedAt).toEqual([...Array(3).fill(now().toISOString()), new Date(0).toISOString()]);
  });

  it('decides two appends to one stream in order: the second sees the first’s revision', () => {
    const { columns, units } = planBatch(
      alone(
        { streamId: 'a', events: sampleEvents(1), options: { expectedRevision: 'no_stream' } },
        { streamId: 'a', events: sampleEvents(2), options: { expectedRevision: 0 } },
        { streamId: 'a', events: sampleEvents(1), options: { expectedRevision: 0 } },
      ),
      state(),
      now,
    );
    expect(units.slice(0, 2)).toEqual([
      { accepted: [{ streamId: 'a', revision: 0, lastEvent: 0 }] },
      { accepted: [{ streamId: 'a', revision: 2, lastEvent: 2 }] },
    ]);
    expect(refusalOf(units[2])).toEqual(
      expect.objectContaining({ name: 'ConcurrencyError', streamId: 'a', expected: 0, actual: 2 }),
    );
    expect(columns.revisions).toEqual([0, 1, 2]);
  });

  it('sets a refused unit aside without its events, and decides the later ones as if it had not come', () => {
    const refused: AppendRequest[] = [
      { streamId: 'a', events: sampleEvents(1), options: { expectedRevision: 'no_stream' } },
      { streamId: 'b', events: sampleEvents(1), options: { expectedRevision: 3 } },
    ];
    const later: AppendRequest = {
      streamId: 'a',
      events: sampleEvents(1),
      options: { expectedRevision: 'no_stream' },
    };
    const { columns, units } = planBatch([refused, [later]], state(), now);
    expect(refusalOf(units[0])).toBeInstanceOf(ConcurrencyError);
    expect(units[1]).toEqual({ accepted: [{ streamId: 'a', revision: 0, lastEvent: 0 }] });
    expect(columns.eventIds).toEqual([later.events[0].id]);
  });

  it('reports a taken key before a stale revision, whether the log or the batch took it', () => {
    const stale = { expectedRevision: 'no_stream' as const, idempotency: record('k') };
    const taken = state({ takenKeys: new Set(['k']), revisions: new Map([['a', 0]]) });
    const [fromLog] = planBatch(
      alone({ streamId: 'a', events: sampleEvents(1), options: stale }),
      taken,
      now,
    ).units;
    expect(refusalOf(fromLog)).toBeInstanceOf(IdempotencyKeyTakenError);
    const { units, columns } = planBatch(
      alone(
        { streamId: 'a', events: sampleEvents(1), options: stale },
        { streamId: 'b', events: sampleEvents(1), options: stale },
      ),
      state(),
      now,
    );
    expect(units[0]).toEqual({
      accepted: [{ streamId: 'a', revision: 0, lastEvent: 0, idempotency: record('k') }],
    });
    expect(refusalOf(units[1])).toEqual(new IdempotencyKeyTakenError('k'));
    expect(columns.streamIds).toEqual(['a']);
  });

  it('refuses an event id the log, the batch or the same append already holds', () => {
    const event = sampleEvent();
    const one = (streamId = 'a', events = [event]): AppendRequest => ({
      streamId,
      events,
      options: { expectedRevision: 'any' },
    });
    const fromLog = planBatch([[one()]], state({ eventIds: new Set([event.id]) }), now).units[0];
    expect(refusalOf(fromLog)).toBeInstanceOf(DuplicateEventIdError);
    const fromBatch = planBatch(alone(one(), one('b')), state(), now).units;
    expect(fromBatch[0]).toEqual({ accepted: [{ streamId: 'a', revision: 0, lastEvent: 0 }] });
    expect(refusalOf(fromBatch[1])).toBeInstanceOf(DuplicateEventIdError);
    const twice = planBatch([[one('a', [event, event])]], state(), now).units[0];
    expect(refusalOf(twice)).toBeInstanceOf(DuplicateEventIdError);
  });

  it('leaves the log state it was given untouched', () => {
    const given = state({ revisions: new Map([['a', 0]]) });
    planBatch(
      alone({ streamId: 'a', events: sampleEvents(1), options: { expectedRevision: 0 } }),
      given,
      now,
    );
    expect(given).toEqual(state({ revisions: new Map([['a', 0]]) }));
  });
});
