import {
  evolveDeclarationView,
  timelineEntryOf,
  type DeclarationView,
  type TimelineEntry,
} from '@vigie/read-models';
import type { RecordedEvent } from '@vigie/event-store';

export type { DeclarationView, TimelineEntry } from '@vigie/read-models';

/**
 * The reads of one declaration, folded from its stream on each request with the read-models'
 * projections, until the queries move to the read models (then only this file changes).
 */
export const declarationViewOf = (events: readonly RecordedEvent[]): DeclarationView | null =>
  events.reduce<DeclarationView | null>(evolveDeclarationView, null);

export const historyOf = (events: readonly RecordedEvent[]): TimelineEntry[] => events.map(timelineEntryOf);
