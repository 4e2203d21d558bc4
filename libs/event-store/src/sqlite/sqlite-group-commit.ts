import type { AppendResult } from '../event-store.port';
import type { BatchOutcome, WriteCall } from './sqlite-append-batch';

/** A batch never holds more appends than this: bounds one transaction's time and memory. */
export const GROUP_COMMIT_MAX = 256;

/** Writes a batch; never rejects (a failure is an outcome that did not commit). */
export type BatchWriter = (batch: WriteCall[]) => Promise<BatchOutcome<unknown>>;

interface Pending {
  call: WriteCall;
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: the calls queued while no batch is being written share the next batch, so one
 * transaction and one fsync (sqlite-append-batch.ts), in queue order, so positions commit in
 * order. One batch is written at a time: the calls that arrive meanwhile accumulate and go
 * together as soon as it is done. With the writer thread, the main thread keeps deciding commands
 * while a batch commits (pipelining). No promise settles before its batch's COMMIT has returned,
 * so an acknowledged append is as durable as `synchronous` makes it.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private writing?: Promise<void>;

  constructor(
    private readonly writeBatch: BatchWriter,
    private readonly onCommit?: (appends: number) => void,
  ) {}

  /** Queues a call; settles with its results after the batch holding it committed (or failed). */
  submit(call: WriteCall): Promise<AppendResult[]> {
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.queue.push({ call, resolve, reject });
      if (this.writing) return;
      if (this.queue.length >= GROUP_COMMIT_MAX) {
        this.flush();
      } else if (!this.scheduled) {
        // The calls of this event-loop turn join the batch.
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Resolves once every call queued so far has been written (or has failed). */
  async drain(): Promise<void> {
    while (this.writing || this.queue.length > 0) {
      this.flush();
      await this.writing;
    }
  }

  private flush(): void {
    if (this.writing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, GROUP_COMMIT_MAX);
    this.writing = this.writeBatch(batch.map((pending) => pending.call)).then((outcome) => {
      this.writing = undefined;
      this.settle(batch, outcome);
      this.flush();
    });
  }

  private settle(batch: Pending[], outcome: BatchOutcome<unknown>): void {
    if (!outcome.committed) {
      for (const pending of batch) pending.reject(outcome.error);
      return;
    }
    outcome.outcomes.forEach((call, index) =>
      call.ok ? batch[index].resolve(call.results) : batch[index].reject(call.error),
    );
    try {
      this.onCommit?.(batch.length);
    } catch {
      // A metrics callback must not turn committed appends into a failure of the group commit.
    }
  }
}
