/*
 * The writer thread's entry (started by sqlite-writer-thread.ts): owns the store's writer
 * connection and writes the group commit's batches on it, so that the main thread goes on
 * deciding commands while a batch commits. Imports are relative only: in dist/ there is no alias
 * resolution in a worker.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { StoreUnavailableError } from '../event-store.errors';
import { AppendBatchWriter, type BatchOutcome } from './sqlite-append-batch';
import { describe } from './sqlite-errors';
import type { WriterRequest, WriterResponse, WriterSettings } from './sqlite-writer-protocol';
import { toWireError } from './sqlite-wire-errors';

const settings = workerData as WriterSettings;
const port = parentPort;
let connection: { db: Database.Database; writer: AppendBatchWriter } | undefined;

/** Opened on the first batch and again after a failed opening: the file may come back. */
function writer(): AppendBatchWriter {
  if (connection) return connection.writer;
  let db: Database.Database | undefined;
  try {
    db = new Database(settings.path, { fileMustExist: true });
    db.pragma(`busy_timeout = ${settings.busyTimeoutMs}`);
    db.pragma(`synchronous = ${settings.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    connection = { db, writer: new AppendBatchWriter(db) };
    return connection.writer;
  } catch (error) {
    db?.close();
    throw new StoreUnavailableError(
      `Cannot open the SQLite event store at ${settings.path}: ${describe(error)}`,
      error,
    );
  }
}

function write(request: Extract<WriterRequest, { type: 'batch' }>): BatchOutcome<unknown> {
  try {
    return writer().write(request.batch);
  } catch (error) {
    return { committed: false, error };
  }
}

port?.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    connection?.db.close();
    connection = undefined;
    port.close();
    return;
  }
  const outcome = write(request);
  const response: WriterResponse = {
    id: request.id,
    outcome: outcome.committed
      ? {
          committed: true,
          outcomes: outcome.outcomes.map((call) =>
            call.ok ? call : { ok: false, error: toWireError(call.error) },
          ),
        }
      : { committed: false, error: toWireError(outcome.error) },
  };
  port.postMessage(response);
});
