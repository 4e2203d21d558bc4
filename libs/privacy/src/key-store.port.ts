import type { KeyRef } from './personal-data-envelope';

export interface SubjectKey extends KeyRef {
  key: Buffer;
}

/** What erasing a subject destroyed. */
export interface Erasure {
  subjectId: string;
  /** Key generations destroyed now; 0 when there was none left (unknown or already erased). */
  destroyed: number;
}

/**
 * The per-person keys, kept apart from the event log: destroying a subject's keys makes every
 * copy of its encrypted data (log, read models, backups of either) unreadable for good.
 */
export interface KeyStore {
  /** The subject's live key, created on first use; after an erasure, a new generation. */
  currentKey(subjectId: string): Promise<SubjectKey>;
  /** The key of one generation, or null when it was erased or never existed. */
  findKey(ref: KeyRef): Promise<Buffer | null>;
  /** Destroys every key of the subject, leaving a tombstone (who, when; never the key). */
  erase(subjectId: string, at: Date): Promise<Erasure>;
  /** Throws when the store cannot be read. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
