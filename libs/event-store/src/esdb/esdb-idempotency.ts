import { createHash } from 'node:crypto';
import type { IdempotencyRecord, StoredIdempotency } from '../event-store.port';

/*
 * EventStoreDB has no transaction across streams, so an idempotency record cannot commit with the
 * events it describes. Each key gets a small stream of its own, `vigie-idempotency-<sha256(key)>`,
 * run as a state machine that gives the port's guarantees by other means:
 *
 *   free ──claim──▶ claimed ──events appended──▶ recorded
 *                      │
 *                      └──append refused (stale revision)──▶ released (free again)
 *
 * 1. Claim first: `IdempotencyKeyClaimed` is appended with the expected revision read just before
 *    (NO_STREAM for a new key) and a random event id, so of concurrent requests sharing a key
 *    exactly one claims it; the others get IdempotencyKeyTakenError and append nothing.
 * 2. Then the events; then `IdempotencyKeyRecorded` with their revision and position.
 * 3. A crash between 1 and 2 or 2 and 3 leaves a claim. The claim names the event ids, so a reader
 *    checks the target stream: if the last id is there, the append happened and the claim counts as
 *    recorded; if not, and the claim is older than CLAIM_GRACE_MS (far beyond the client's 10 s
 *    deadline, so the claimant cannot still be writing), the key is free again. A younger claim
 *    is in flight: taken, with no record to read back yet.
 *
 * The key is hashed into the stream name: stream names must not carry caller data.
 */

export const IDEMPOTENCY_STREAM_PREFIX = 'vigie-idempotency-';
export const CLAIM_GRACE_MS = 60_000;

export function idempotencyStreamName(key: string): string {
  return IDEMPOTENCY_STREAM_PREFIX + createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface IdempotencyClaim extends IdempotencyRecord {
  streamId: string;
  eventIds: string[];
  claimedAt: string;
}

export const KEY_CLAIMED = 'IdempotencyKeyClaimed';
export const KEY_RECORDED = 'IdempotencyKeyRecorded';
export const KEY_RELEASED = 'IdempotencyKeyReleased';

export interface KeyStreamEvent {
  type: string;
  data: unknown;
  revision: bigint;
}

export type KeyState =
  | { status: 'free'; expected: 'no_stream' | bigint }
  | { status: 'claimed'; claim: IdempotencyClaim; claimRevision: bigint }
  | { status: 'recorded'; record: StoredIdempotency }
  | { status: 'in-flight' };

/** Folds a key stream. Unknown or out-of-place events are ignored, never thrown on. */
export function keyState(events: readonly KeyStreamEvent[]): KeyState {
  let state: KeyState = { status: 'free', expected: 'no_stream' };
  for (const event of events) {
    if (event.type === KEY_CLAIMED) {
      state = { status: 'claimed', claim: event.data as IdempotencyClaim, claimRevision: event.revision };
    } else if (event.type === KEY_RECORDED && state.status === 'claimed') {
      const { revision, position } = event.data as { revision: number; position: string };
      state = {
        status: 'recorded',
        record: toStoredIdempotency(state.claim, { revision, position: BigInt(position) }),
      };
    } else if (event.type === KEY_RELEASED) {
      state = { status: 'free', expected: event.revision };
    }
  }
  return state;
}

/**
 * Decides what an unfinished claim means, given where its last event was found in its target
 * stream (`landed`, or null when absent).
 */
export function resolveClaim(
  state: Extract<KeyState, { status: 'claimed' }>,
  landed: { revision: number; position: bigint } | null,
  now: Date,
): Exclude<KeyState, { status: 'claimed' }> {
  if (landed) return { status: 'recorded', record: toStoredIdempotency(state.claim, landed) };
  if (now.getTime() - Date.parse(state.claim.claimedAt) > CLAIM_GRACE_MS)
    return { status: 'free', expected: state.claimRevision };
  return { status: 'in-flight' };
}

export function claimOf(
  record: IdempotencyRecord,
  streamId: string,
  eventIds: string[],
  now: Date,
): IdempotencyClaim {
  return {
    key: record.key,
    requestHash: record.requestHash,
    response: record.response,
    streamId,
    eventIds,
    claimedAt: now.toISOString(),
  };
}

function toStoredIdempotency(
  claim: IdempotencyClaim,
  landed: { revision: number; position: bigint },
): StoredIdempotency {
  return {
    key: claim.key,
    requestHash: claim.requestHash,
    response: claim.response,
    streamId: claim.streamId,
    revision: landed.revision,
    position: landed.position,
  };
}
