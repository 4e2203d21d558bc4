import type { BatchOutcome, WriteCall } from './sqlite-append-batch';
import type { WireError } from './sqlite-wire-errors';

/** What the writer thread needs to open its connection as the store opened its own. */
export interface WriterSettings {
  path: string;
  busyTimeoutMs: number;
  synchronous: 'full' | 'normal';
}

/** Main thread → writer thread. `close` closes the connection; the thread then ends. */
export type WriterRequest = { type: 'batch'; id: number; batch: WriteCall[] } | { type: 'close' };

/** Writer thread → main thread: one answer per batch, in the order the batches were sent. */
export interface WriterResponse {
  id: number;
  outcome: BatchOutcome<WireError>;
}
