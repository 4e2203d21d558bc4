import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoreUnavailableError } from '../event-store.errors';
import type { BatchOutcome, WriteCall } from './sqlite-append-batch';
import type { WriterRequest, WriterResponse, WriterSettings } from './sqlite-writer-protocol';
import { fromWireError } from './sqlite-wire-errors';

/**
 * Built, the worker is the .js next to this file. From source (jest, the benchmarks, the tests'
 * children) it is TypeScript, compiled on load by the same hook the tests' children use.
 */
const FROM_SOURCE = extname(__filename) === '.ts';
const WORKER_FILE = join(__dirname, `sqlite-writer.worker${FROM_SOURCE ? '.ts' : '.js'}`);
const SOURCE_HOOK = resolve(__dirname, '../../../read-models/src/testing/swc-register.js');

type Settle = (outcome: BatchOutcome<Error>) => void;

/**
 * The main thread's handle on the writer thread (sqlite-writer.worker.ts). Started on the first
 * batch, so that a store that only reads (the projector, the report) never pays for a thread; a
 * thread that dies fails its batches in flight as unavailable, and the next batch starts another.
 * Batches are answered in the order they were sent: the thread handles one message at a time.
 */
export class SqliteWriterThread {
  private worker?: Worker;
  private readonly inFlight = new Map<number, Settle>();
  private nextId = 0;
  private lastError?: unknown;

  constructor(private readonly settings: WriterSettings) {}

  /** Never rejects: a failure is a batch that did not commit. */
  write(batch: WriteCall[]): Promise<BatchOutcome<Error>> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<BatchOutcome<Error>>((settle) => {
      worker.postMessage({ type: 'batch', id, batch } satisfies WriterRequest);
      this.inFlight.set(id, settle);
      // Held only while a batch is out: a process that forgets to close the store still exits.
      worker.ref();
    });
  }

  /** Waits for the thread to close its connection and end. Batches still out are answered first. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Unreferenced, the thread would let the process end before it has closed the file.
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies WriterRequest);
    await exited;
  }

  private start(): Worker {
    const worker = new Worker(`require(${JSON.stringify(WORKER_FILE)})`, {
      eval: true,
      workerData: this.settings,
      execArgv: FROM_SOURCE ? ['--require', SOURCE_HOOK] : [],
    });
    this.worker = worker;
    worker.unref();
    worker.on('message', (response: WriterResponse) => this.answer(response));
    worker.on('error', (error) => (this.lastError = error));
    worker.on('exit', (code) => this.lost(worker, code));
    return worker;
  }

  private answer({ id, outcome }: WriterResponse): void {
    const settle = this.inFlight.get(id);
    this.inFlight.delete(id);
    if (this.inFlight.size === 0) this.worker?.unref();
    settle?.(
      outcome.committed
        ? {
            committed: true,
            outcomes: outcome.outcomes.map((call) =>
              call.ok ? call : { ok: false, error: fromWireError(call.error) },
            ),
          }
        : { committed: false, error: fromWireError(outcome.error) },
    );
  }

  /** The thread ended (closed, crashed or terminated): what it had not answered did not commit. */
  private lost(worker: Worker, code: number): void {
    if (this.worker === worker) this.worker = undefined;
    const reason = this.lastError === undefined ? `exit code ${code}` : describeError(this.lastError);
    this.lastError = undefined;
    const failure = new StoreUnavailableError(`SQLite event store writer thread stopped (${reason})`);
    for (const settle of this.inFlight.values()) settle({ committed: false, error: failure });
    this.inFlight.clear();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
