import type { IdempotencyRecord } from '../event-store.port';
import type { KeyStreamEvent } from './esdb-idempotency';
import {
  CLAIM_GRACE_MS,
  KEY_CLAIMED,
  KEY_RECORDED,
  KEY_RELEASED,
  claimOf,
  idempotencyStreamName,
  keyState,
  resolveClaim,
} from './esdb-idempotency';

const record: IdempotencyRecord = {
  key: 'user-1:retry-42',
  requestHash: 'sha256:abc',
  response: { status: 201, body: { id: 'd-1' } },
};
const claimedAt = new Date('2025-05-05T10:00:00.000Z');
const claim = claimOf(record, 'declaration-1', ['e-1', 'e-2'], claimedAt);

function given(...events: Array<Omit<KeyStreamEvent, 'revision'>>): KeyStreamEvent[] {
  return events.map((event, index) => ({ ...event, revision: BigInt(index) }));
}

describe('EventStoreDB idempotency key stream', () => {
  it('is named after a hash of the key, never the key itself', () => {
    const name = idempotencyStreamName('user-1:jean.dupont@example.fr');
    expect(name).toMatch(/^vigie-idempotency-[0-9a-f]{64}$/);
    expect(name).not.toContain('dupont');
    expect(idempotencyStreamName('user-1:jean.dupont@example.fr')).toBe(name);
  });

  it('a key without stream is free, to be claimed with no_stream', () => {
    expect(keyState([])).toEqual({ status: 'free', expected: 'no_stream' });
  });

  it('a claim followed by its record is recorded, with the revision and position the append produced', () => {
    const state = keyState(
      given(
        { type: KEY_CLAIMED, data: claim },
        { type: KEY_RECORDED, data: { revision: 4, position: '9001' } },
      ),
    );
    expect(state).toEqual({
      status: 'recorded',
      record: { ...record, streamId: 'declaration-1', revision: 4, position: 9001n },
    });
  });

  it('a released claim frees the key, to be claimed again after the release', () => {
    expect(keyState(given({ type: KEY_CLAIMED, data: claim }, { type: KEY_RELEASED, data: {} }))).toEqual({
      status: 'free',
      expected: 1n,
    });
  });

  it('a claim alone is unfinished', () => {
    expect(keyState(given({ type: KEY_CLAIMED, data: claim }))).toEqual({
      status: 'claimed',
      claim,
      claimRevision: 0n,
    });
  });

  it('unknown events and a record without a claim are ignored', () => {
    expect(
      keyState(
        given(
          { type: 'SomethingElse', data: {} },
          { type: KEY_RECORDED, data: { revision: 1, position: '2' } },
        ),
      ),
    ).toEqual({
      status: 'free',
      expected: 'no_stream',
    });
  });
});

describe('EventStoreDB idempotency: resolving an unfinished claim', () => {
  const claimed = { status: 'claimed' as const, claim, claimRevision: 2n };

  it('whose last event is in its stream counts as recorded (the crash came after the append)', () => {
    expect(resolveClaim(claimed, { revision: 7, position: 123n }, claimedAt)).toEqual({
      status: 'recorded',
      record: { ...record, streamId: 'declaration-1', revision: 7, position: 123n },
    });
  });

  it('whose events are absent is in flight while young: the key is taken, with nothing to read back yet', () => {
    expect(resolveClaim(claimed, null, new Date(claimedAt.getTime() + CLAIM_GRACE_MS))).toEqual({
      status: 'in-flight',
    });
  });

  it('whose events are absent past the grace period is abandoned: the key is free after the claim', () => {
    expect(resolveClaim(claimed, null, new Date(claimedAt.getTime() + CLAIM_GRACE_MS + 1))).toEqual({
      status: 'free',
      expected: 2n,
    });
  });
});
