import { Inject, Injectable } from '@nestjs/common';
import { formatReference, parisYear, referenceStreamId } from '@vigie/domain';
import { SequenceAllocator, type EventStore } from '@vigie/event-store';
import { EVENT_STORE } from '../../infrastructure/event-store.module';

/** Who reserves references: no person, the API itself. */
const REFERENCES_ACTOR = { sub: 'system:references', role: 'admin' };

/**
 * The human reference of each declaration, `2026-000042`: the Paris year of its submission, then
 * its number in that year's counter stream (`reference-2026`, see SequenceAllocator). A number is
 * reserved only once the submission has passed every check, just before it is appended; it is
 * tied to the declaration id, which an Idempotency-Key fixes, so a retried submission gets its
 * number back. A number is lost (a gap) only if the store fails between the reservation and the
 * submission and the client never retries with its key.
 */
@Injectable()
export class DeclarationReferences {
  private readonly sequences: SequenceAllocator;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.sequences = new SequenceAllocator(store, () => ({
      actor: REFERENCES_ACTOR,
      correlationId: 'references',
      schemaVersion: 1,
    }));
  }

  async referenceFor(declarationId: string, submittedAt: Date): Promise<string> {
    const year = parisYear(submittedAt);
    return formatReference(year, await this.sequences.reserve(referenceStreamId(year), declarationId));
  }
}
