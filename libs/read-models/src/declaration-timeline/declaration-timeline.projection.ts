import type { RecordedEvent } from '@vigie/event-store';
import type { RowProjection } from '../projection/read-model';
import { declarationIdOf } from '../shared/event-data';
import { DeclarationTimelineRow } from './declaration-timeline.entity';
import { timelineEntryOf } from './timeline-entry';

const keyOf = (event: RecordedEvent): string | null =>
  declarationIdOf(event) === null ? null : event.position.toString();

/** A row is written once per event; a replay writes the same row again. */
export function evolveTimelineRow(
  row: DeclarationTimelineRow | null,
  event: RecordedEvent,
): DeclarationTimelineRow | null {
  const declarationId = declarationIdOf(event);
  if (row !== null || declarationId === null) return row;
  const { revision, position, type, at, by, changes } = timelineEntryOf(event);
  return { position, declarationId, revision, type, at, actor: by, changes };
}

export const declarationTimelineProjection: RowProjection<DeclarationTimelineRow> = {
  entity: DeclarationTimelineRow,
  keyOf,
  evolve: evolveTimelineRow,
  appendOnly: true,
};
