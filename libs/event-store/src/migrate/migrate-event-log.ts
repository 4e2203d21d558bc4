import type {
  AppendRequest,
  AppendResult,
  EventStore,
  RecordedEvent,
  StoredIdempotency,
} from '../event-store.port';
import {
  LogDigest,
  canonicalEvent,
  canonicalIdempotency,
  checksumEventLog,
  checksumIdempotency,
  listAllIdempotency,
  readFeed,
} from './event-log-checksum';
import { MigrationMismatchError, MigrationRefusedError } from './migration.errors';

export interface MigrateEventLogOptions {
  from: EventStore;
  to: EventStore;
  /** Events read per page and written per transaction (default 1,000). */
  batchSize?: number;
  /** Called once the events the target already holds are counted, then after each batch written. */
  onProgress?: (done: number, total: number) => void;
}

export interface MigrateEventLogResult {
  /** Events this run appended to the target. */
  copied: number;
  /** Events the target already held (an earlier, interrupted run), checked equal and not copied again. */
  skipped: number;
  /** Events in the source when the run started, and in the target at its end. */
  total: number;
  /** SHA-256 (hex) of both logs' canonical form (checksumEventLog): verified equal. */
  checksum: string;
  /** The idempotency records, verified equal in both; null when the source cannot list them (EventStoreDB). */
  idempotency: { records: number; checksum: string } | null;
}

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Copies every event of `from` into `to` in global order, keeping ids, streams, revisions, types,
 * data, metadata and `recordedAt`; each idempotency record travels with the append that produced
 * it, so its position is the target's. Resumable: a target holding the beginning of the source
 * (an interrupted run) continues after it; a target holding anything else is refused. Copies the
 * source as it stood when the run started (events appended meanwhile wait for the next run), then
 * verifies counts and checksums of both logs and throws MigrationMismatchError when they differ.
 */
export async function migrateEventLog(options: MigrateEventLogOptions): Promise<MigrateEventLogResult> {
  const { from, to, onProgress } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const survey = await surveyLogs(from, to, batchSize);
  onProgress?.(survey.skipped, survey.total);
  // Listed after the survey and cut at its end: a record commits with its events, so these are
  // exactly the records of the events this run copies or found copied.
  const records =
    (await listAllIdempotency(from, batchSize))?.filter((record) => record.position <= survey.sourceEnd) ??
    null;

  const recordOf = indexByAppend(records ?? []);
  let done = survey.skipped;
  for (let after = survey.resumeAfter; done < survey.total;) {
    const page = (await from.readAll(after, Math.min(batchSize, survey.total - done))).filter(
      (event) => event.position <= survey.sourceEnd,
    );
    if (page.length === 0) break;
    const requests = toAppendRequests(page, recordOf);
    checkRevisions(requests, await appendAll(to, requests));
    done += page.length;
    after = page[page.length - 1].position;
    onProgress?.(done, survey.total);
  }

  const target = await checksumEventLog(to, batchSize);
  if (target.count !== survey.total || target.checksum !== survey.checksum) {
    throw new MigrationMismatchError(
      `The target does not hold what the source held: ${target.count} events (checksum ${target.checksum}) ` +
        `where the source had ${survey.total} (checksum ${survey.checksum}). Did something else write to it?`,
    );
  }
  return {
    copied: done - survey.skipped,
    skipped: survey.skipped,
    total: survey.total,
    checksum: survey.checksum,
    idempotency: records === null ? null : await verifyIdempotency(records, to, batchSize),
  };
}

interface Survey {
  total: number;
  checksum: string;
  /** Position of the source's last event (0n when empty): the run copies up to it. */
  sourceEnd: bigint;
  skipped: number;
  /** Source position of the last event the target already holds. */
  resumeAfter: bigint;
}

/** Reads both logs side by side: counts and checksums the source, and checks that the target holds its beginning. */
async function surveyLogs(from: EventStore, to: EventStore, batchSize: number): Promise<Survey> {
  const digest = new LogDigest();
  const target = readFeed(to, batchSize);
  let targetEnded = false;
  let skipped = 0;
  let resumeAfter = 0n;
  let sourceEnd = 0n;
  for await (const event of readFeed(from, batchSize)) {
    const line = canonicalEvent(event);
    digest.add(line);
    sourceEnd = event.position;
    if (targetEnded) continue;
    const held = await target.next();
    if (held.done) {
      targetEnded = true;
    } else if (canonicalEvent(held.value) !== line) {
      throw new MigrationRefusedError(
        `The target is not an earlier copy of the source: its event #${digest.count} is ${describe(held.value)} ` +
          `where the source has ${describe(event)}. Migrate into an empty store.`,
      );
    } else {
      skipped++;
      resumeAfter = event.position;
    }
  }
  if (!targetEnded && !(await target.next()).done) {
    throw new MigrationRefusedError(
      `The target holds more events than the source (${digest.count}): it is not an earlier copy of it. Migrate into an empty store.`,
    );
  }
  return { total: digest.count, checksum: digest.hex(), sourceEnd, skipped, resumeAfter };
}

/** Stream names carry no personal data (ARCHITECTURE.md rule 6); event data stays out of messages. */
function describe(event: RecordedEvent): string {
  return `${event.id} (${event.type}, ${event.streamId} revision ${event.revision}, recorded ${event.recordedAt})`;
}

type RecordOf = (streamId: string, revision: number) => StoredIdempotency | undefined;

/** A record belongs to the append that ended at its stream and revision. */
function indexByAppend(records: readonly StoredIdempotency[]): RecordOf {
  const index = new Map(records.map((record) => [`${record.revision}:${record.streamId}`, record]));
  return (streamId, revision) => index.get(`${revision}:${streamId}`);
}

/**
 * One append per run of consecutive events of one stream recorded at one instant (one original
 * append, usually); a run also ends at an event an idempotency record points to, so that the
 * record is stored with exactly the events its first append produced.
 */
function toAppendRequests(events: readonly RecordedEvent[], recordOf: RecordOf): AppendRequest[] {
  const requests: AppendRequest[] = [];
  let run: RecordedEvent[] = [];
  const endRun = () => {
    if (run.length === 0) return;
    const [first] = run;
    const record = recordOf(first.streamId, run[run.length - 1].revision);
    requests.push({
      streamId: first.streamId,
      events: run.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
      options: {
        expectedRevision: first.revision === 0 ? 'no_stream' : first.revision - 1,
        recordedAt: new Date(first.recordedAt),
        idempotency: record && {
          key: record.key,
          requestHash: record.requestHash,
          response: record.response,
        },
      },
    });
    run = [];
  };
  for (const event of events) {
    const previous = run[run.length - 1];
    if (previous && (previous.streamId !== event.streamId || previous.recordedAt !== event.recordedAt))
      endRun();
    run.push(event);
    if (recordOf(event.streamId, event.revision)) endRun();
  }
  endRun();
  return requests;
}

/** In one transaction where the target can; otherwise (EventStoreDB) one append after another, in order. */
async function appendAll(to: EventStore, requests: AppendRequest[]): Promise<AppendResult[]> {
  if (to.appendMany) return to.appendMany(requests);
  const results: AppendResult[] = [];
  for (const { streamId, events, options } of requests)
    results.push(await to.append(streamId, events, options));
  return results;
}

/** The target numbers revisions itself: a different number means its stream is not the source's. */
function checkRevisions(requests: readonly AppendRequest[], results: readonly AppendResult[]): void {
  requests.forEach((request, index) => {
    const expected = request.options.expectedRevision;
    const last = (expected === 'no_stream' ? -1 : Number(expected)) + request.events.length;
    if (results[index]?.revision !== last) {
      throw new MigrationMismatchError(
        `The target gave revision ${results[index]?.revision} to the event ${request.events[request.events.length - 1].id} ` +
          `of ${request.streamId}, which has revision ${last} in the source`,
      );
    }
  });
}

/** Record keys are not printed: they embed the caller's subject. */
async function verifyIdempotency(
  records: readonly StoredIdempotency[],
  to: EventStore,
  batchSize: number,
): Promise<{ records: number; checksum: string }> {
  const checksum = checksumIdempotency(records);
  const held = await listAllIdempotency(to, batchSize);
  if (held !== null) {
    if (held.length !== records.length || checksumIdempotency(held) !== checksum) {
      throw new MigrationMismatchError(
        `The target holds ${held.length} idempotency records that differ from the source's ${records.length}`,
      );
    }
  } else {
    let differing = 0;
    for (const record of records) {
      const found = await to.findIdempotency(record.key);
      if (found === null || canonicalIdempotency(found) !== canonicalIdempotency(record)) differing++;
    }
    if (differing > 0)
      throw new MigrationMismatchError(
        `${differing} of the source's ${records.length} idempotency records are missing or differ in the target`,
      );
  }
  return { records: records.length, checksum };
}
