import type { RecordedEvent } from '@vigie/event-store';

/**
 * Projections read `RecordedEvent.data` as it comes back from a store: JSON that may predate a
 * schema change or be hand-written by an import. These accessors never throw, so a projection
 * never stops the feed on odd data.
 */
export type Data = Record<string, unknown>;

export const record = (value: unknown): Data =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};

export const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

export const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const flag = (value: unknown): boolean => value === true;

export const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const STREAM_PREFIX = 'declaration-';

/** The declaration an event belongs to, or null for events of other streams. */
export function declarationIdOf(event: RecordedEvent): string | null {
  if (!event.streamId.startsWith(STREAM_PREFIX)) return null;
  return textOrNull(record(event.data).declarationId) ?? event.streamId.slice(STREAM_PREFIX.length);
}

/** The `…At` field holding when the fact happened, per event type (resolution: when it was reported). */
const INSTANT_FIELD: Record<string, string> = {
  DeclarationSubmitted: 'submittedAt',
  ComplementRequested: 'requestedAt',
  ComplementProvided: 'providedAt',
  DeclarationQualified: 'qualifiedAt',
  DeclarationRequalified: 'requalifiedAt',
  SupportRequested: 'requestedAt',
  SupportInterventionLogged: 'loggedAt',
  ResolutionReported: 'reportedAt',
  DeclarationClosed: 'closedAt',
  DeclarationReopened: 'reopenedAt',
  StagedReportSubmitted: 'submittedAt',
  IntermediateReportRequested: 'requestedAt',
  CnilNotificationDeclared: 'declaredAt',
  AuthorityNotified: 'at',
  DeadlineReminderSent: 'at',
};

/** The business instant of an event: its `…At`, else (amendments) `amendedAt`, else when the store recorded it. */
export function businessInstant(event: RecordedEvent): string {
  const data = record(event.data);
  const field = INSTANT_FIELD[event.type] ?? 'amendedAt';
  return textOrNull(data[field]) ?? event.recordedAt;
}

/** Who acted: the actor of the metadata (the authenticated subject), else the data's `…By`. */
export function actorOf(event: RecordedEvent): string {
  const sub = textOrNull(record(record(event.metadata).actor).sub);
  if (sub !== null) return sub;
  const data = record(event.data);
  const byField = Object.keys(data).find((key) => key.endsWith('By') && typeof data[key] === 'string');
  return byField ? (data[byField] as string) : '';
}
