import {
  handleCommand,
  type EventMetadata,
  type EventStore,
  type IdempotencyRecord,
} from '@vigie/event-store';
import type { ClockPolicy } from '@vigie/domain';
import { replayReport } from '../as-of';
import {
  REPORT_PUBLICATION_SCHEMA_VERSION,
  publicationDecider,
  publicationStreamId,
  toReportPublished,
  type Publication,
} from './report-published';

export interface PublishAnnualReport {
  publicationId: string;
  year: number;
  /** Count only what was recorded by then (default: `now`). */
  asOf?: Date;
  note?: string | null;
  actor: EventMetadata['actor'];
  correlationId: string;
  now: Date;
  /** Stored with the event, in the same transaction: a retry of the request finds it. */
  idempotency?: IdempotencyRecord;
  /** How the `deadlines` section measures the CSP declaration (the deadlines read model's policy). */
  policy?: ClockPolicy;
}

/** Editions of one year rarely race; a lost race only needs the append again, on the new revision. */
const MAX_ATTEMPTS = 5;

/**
 * Freezes an edition: reads the head of the log, replays the report up to it (and up to `asOf`),
 * and appends `ReportPublished` to the year's publication stream. Bounded by position, the
 * report is exactly reproducible, whatever is appended while it is computed.
 */
export async function publishAnnualReport(
  store: EventStore,
  command: PublishAnnualReport,
): Promise<Publication> {
  const head = await store.headPosition();
  const report = await replayReport(
    store,
    command.year,
    { asOf: command.asOf ?? command.now, position: head },
    { generatedAt: command.now, policy: command.policy },
  );
  const { events, result } = await handleCommand(store, {
    streamId: publicationStreamId(command.year),
    decider: publicationDecider,
    toDomain: toReportPublished,
    command: {
      publicationId: command.publicationId,
      report,
      note: command.note ?? null,
      publishedBy: command.actor.sub,
      publishedAt: command.now.toISOString(),
    },
    eventId: () => command.publicationId,
    metadata: {
      actor: command.actor,
      correlationId: command.correlationId,
      schemaVersion: REPORT_PUBLICATION_SCHEMA_VERSION,
    },
    idempotency: command.idempotency,
    maxAttempts: MAX_ATTEMPTS,
  });
  // decide always answers the one edition: the append happened.
  return { ...events[0].data, recordedPosition: result!.position.toString() };
}
