import { INSTANT_FIELD, toDeclarationEvent, type DeclarationEventType } from '@vigie/domain';
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

/**
 * The business instant of an event, read as a domain event: its instant field (INSTANT_FIELD,
 * one per event type), else, for a type this version does not know or odd data, when the store
 * recorded it.
 */
export function businessInstant(event: RecordedEvent): string {
  const { type, data } = toDeclarationEvent(event);
  const field = Object.hasOwn(INSTANT_FIELD, type) ? INSTANT_FIELD[type as DeclarationEventType] : null;
  return (field === null ? null : textOrNull(record(data)[field])) ?? event.recordedAt;
}

/** Who acted: the actor of the metadata (the authenticated subject), else the data's `…By`. */
export function actorOf(event: RecordedEvent): string {
  const sub = textOrNull(record(record(event.metadata).actor).sub);
  if (sub !== null) return sub;
  const data = record(event.data);
  const byField = Object.keys(data).find((key) => key.endsWith('By') && typeof data[key] === 'string');
  return byField ? (data[byField] as string) : '';
}
