import {
  ANY,
  NO_STREAM,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyError, StoreUnavailableError } from '../event-store.errors';
import { sampleMetadata } from '../testing/sample-events';
import {
  belongsToFeed,
  isStreamNotFound,
  toEsdbExpectedRevision,
  toEsdbMetadata,
  toGlobalPosition,
  toReadPosition,
  toRecordedEvent,
  toStoreError,
} from './esdb-mapping';

// Unit tests of the pure translation, against the client's real error classes and constants.
// They prove nothing about a server: the contract suite in esdb-event-store.spec.ts does that.

describe('EventStoreDB mapping: expected revision', () => {
  it('maps no_stream and any to the client constants, a number to a bigint', () => {
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });
});

describe('EventStoreDB mapping: positions', () => {
  it('an event of a gRPC append has equal commit and prepare positions: the position is that number', () => {
    expect(toGlobalPosition({ commit: 1234n, prepare: 1234n })).toBe(1234n);
  });

  it('an event of an explicit transaction (commit differs from prepare) is refused, not misplaced', () => {
    expect(() => toGlobalPosition({ commit: 2000n, prepare: 1500n })).toThrow(/explicit transaction/);
  });

  it('an event without a position (server before 22.10) is refused', () => {
    expect(() => toGlobalPosition(undefined)).toThrow(/22\.10/);
  });

  it('reading after 0n starts at the beginning; after a position, at that position', () => {
    expect(toReadPosition(0n)).toBe('start');
    expect(toReadPosition(987n)).toEqual({ commit: 987n, prepare: 987n });
  });
});

describe('EventStoreDB mapping: feed membership', () => {
  it('domain events belong to the feed', () => {
    expect(belongsToFeed({ type: 'DeclarationSubmitted', streamId: 'declaration-1' })).toBe(true);
  });

  it('system events, system streams and idempotency bookkeeping do not', () => {
    expect(belongsToFeed({ type: '$metadata', streamId: 'declaration-1' })).toBe(false);
    expect(belongsToFeed({ type: '$>', streamId: '$ce-declaration' })).toBe(false);
    expect(belongsToFeed({ type: 'StatsCollected', streamId: '$stats-127.0.0.1:2113' })).toBe(false);
    expect(belongsToFeed({ type: 'IdempotencyKeyClaimed', streamId: 'vigie-idempotency-ab12' })).toBe(false);
  });
});

describe('EventStoreDB mapping: recorded events', () => {
  const metadata = sampleMetadata();
  const base = {
    streamId: 'declaration-7',
    id: '0b4a4a8e-5f55-4bd4-9a9b-4d6b0b4e6b11',
    revision: 3n,
    type: 'DeclarationQualified',
    created: new Date('2025-06-01T08:00:00.000Z'),
    data: { declarationId: '7', level: 2 },
    position: { commit: 5150n, prepare: 5150n },
  };

  it('the store clock instant rides in the metadata and comes back as recordedAt, leaving the metadata as given', () => {
    const stored = toEsdbMetadata(metadata, new Date('2021-03-04T05:06:07.890Z'));
    expect(toRecordedEvent({ ...base, metadata: stored })).toEqual({
      id: base.id,
      streamId: 'declaration-7',
      revision: 3,
      position: 5150n,
      type: 'DeclarationQualified',
      data: { declarationId: '7', level: 2 },
      metadata,
      recordedAt: '2021-03-04T05:06:07.890Z',
    });
  });

  it('an event written without it falls back to the server creation instant', () => {
    expect(toRecordedEvent({ ...base, metadata }).recordedAt).toBe('2025-06-01T08:00:00.000Z');
  });
});

describe('EventStoreDB mapping: errors', () => {
  const context = { streamId: 'declaration-9', expected: 2 as const };

  it('a wrong expected version becomes a ConcurrencyError with the actual revision', () => {
    const error = toStoreError(
      new WrongExpectedVersionError(undefined, { streamName: 'declaration-9', expected: 2n, current: 5n }),
      context,
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: 'declaration-9', expected: 2, actual: 5 });
  });

  it('a wrong expected version on a missing stream reports actual no_stream', () => {
    const error = toStoreError(
      new WrongExpectedVersionError(undefined, {
        streamName: 'declaration-9',
        expected: 2n,
        current: NO_STREAM,
      }),
      context,
    );
    expect(error).toMatchObject({ name: 'ConcurrencyError', actual: 'no_stream' });
  });

  it('an unavailable server, typed or as a raw gRPC status 14, becomes StoreUnavailableError', () => {
    expect(
      toStoreError(new UnavailableError(undefined, 'UNAVAILABLE: No connection established')),
    ).toBeInstanceOf(StoreUnavailableError);
    const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    expect(toStoreError(raw, context)).toBeInstanceOf(StoreUnavailableError);
  });

  it('any other error passes through unchanged', () => {
    const other = new Error('Access denied');
    expect(toStoreError(other, context)).toBe(other);
  });

  it('a missing stream is recognised, for readStream to answer []', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'declaration-9'))).toBe(true);
    expect(isStreamNotFound(new Error('declaration-9 not found'))).toBe(false);
  });
});
