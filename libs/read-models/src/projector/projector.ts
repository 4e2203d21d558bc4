import type { EventStore, RecordedEvent } from '@vigie/event-store';
import type { DataSource } from 'typeorm';
import { applyEvents } from '../projection/apply-events';
import type { ReadModel } from '../projection/read-model';
import { READ_MODELS } from '../projection/read-models';
import { SqlRowStore } from '../projection/row-store';
import { advanceCheckpoint, ensureCheckpoints, readCheckpoints } from './checkpoints';
import { inExclusiveTransaction } from './write-transaction';
import { Throughput } from './throughput';

export interface ProjectorOptions {
  store: EventStore;
  /**
   * The projector's own DataSource (`openReadDataSource(url)`): on SQLite a
   * DataSource is one connection, and an open projector transaction would take in the queries of
   * anyone else sharing it.
   */
  dataSource: DataSource;
  readModels?: readonly ReadModel[];
  /** Events read and applied per transaction. */
  batchSize?: number;
  /** Idle polling interval; a full batch is followed at once by the next one. */
  pollIntervalMs?: number;
  /**
   * How long `notify()` lets appends gather before waking an idle projector (0: at once). Under
   * load every append nudges it: one batch then takes many events instead of one each. A pending
   * `waitFor` (read-your-writes) wakes it at once all the same.
   */
  notifyDelayMs?: number;
  /**
   * Where a failed batch's warning goes: the application's structured logger (the API passes
   * Nest's, apps/projector its pino), which scrubs what the error quotes. The console by default.
   */
  logger?: ProjectorLogger;
  now?: () => number;
}

/** The one thing the projector logs: a failed batch, retried. */
export interface ProjectorLogger {
  warn(message: string): void;
}

export interface ProjectionMetrics {
  name: string;
  position: bigint;
  /** Positions between the head of the log and this read model (events, on SQLite; PostgreSQL sequences may leave gaps). */
  lagEvents: number;
  /** How long this read model has been behind the head (0 when caught up). */
  lagSeconds: number;
  eventsPerSecond: number;
  running: boolean;
  lastError: string | null;
  /** Batches this projector committed. */
  batches: number;
  /** Batches abandoned because another process had applied them first (a second projector, a rebuild swap). */
  conflicts: number;
}

/** Another process applied the batch first: re-read the checkpoints and the feed from there. */
class CheckpointMoved extends Error {
  override readonly name = 'CheckpointMoved';
}

/**
 * Folds the global feed into the read models. Each batch is one exclusive transaction holding the
 * rows of every read model and their checkpoints, so a crash re-delivers only what was rolled back
 * and two projectors on one read database never apply the same events (the second one finds the
 * checkpoints moved, rolls back and resumes from them).
 */
export class Projector {
  private readonly store: EventStore;
  private readonly dataSource: DataSource;
  private readonly models: readonly ReadModel[];
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly notifyDelayMs: number;
  private readonly logger: ProjectorLogger;
  private readonly now: () => number;

  private checkpoints: Map<string, bigint> | null = null;
  private head = 0n;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private nudge: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  private failures = 0;
  private batches = 0;
  private conflicts = 0;
  private stepping: Promise<unknown> = Promise.resolve();
  private readonly caughtUpAt = new Map<string, number>();
  private readonly throughput = new Map<string, Throughput>();
  private readonly waiters = new Set<{ position: bigint; resolve: (reached: boolean) => void }>();

  constructor(options: ProjectorOptions) {
    this.store = options.store;
    this.dataSource = options.dataSource;
    this.models = options.readModels ?? READ_MODELS;
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.notifyDelayMs = options.notifyDelayMs ?? 10;
    this.logger = options.logger ?? console;
    this.now = options.now ?? Date.now;
    for (const model of this.models) this.throughput.set(model.name, new Throughput());
  }

  /** Loads the checkpoints and starts following the feed. */
  async start(): Promise<void> {
    if (this.loop) return;
    await this.ensureLoaded();
    this.running = true;
    this.loop = this.follow();
  }

  /** Finishes the batch in progress and stops; pending `waitFor`s answer false. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.nudge !== null) clearTimeout(this.nudge);
    this.nudge = null;
    this.wake?.();
    await this.loop;
    this.loop = null;
    for (const waiter of this.waiters) waiter.resolve(false);
    this.waiters.clear();
  }

  /** Applies everything recorded up to now (the head when called), then returns. */
  async catchUp(): Promise<void> {
    await this.ensureLoaded();
    const target = await this.store.headPosition();
    while (this.position() < target) await this.step();
  }

  /** Nudges an idle projector to poll (e.g. right after an append): soon, or now for a waiter. */
  notify(): void {
    if (this.notifyDelayMs === 0 || this.waiters.size > 0) {
      this.wake?.();
      return;
    }
    if (this.nudge !== null) return;
    this.nudge = setTimeout(() => {
      this.nudge = null;
      this.wake?.();
    }, this.notifyDelayMs);
  }

  /** The position every read model has reached (the lowest checkpoint). */
  position(): bigint {
    if (!this.checkpoints) return 0n;
    let lowest: bigint | null = null;
    for (const position of this.checkpoints.values())
      if (lowest === null || position < lowest) lowest = position;
    return lowest ?? 0n;
  }

  /** Read-your-writes: true once every read model has applied `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position() >= position) return Promise.resolve(true);
    if (!this.running) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
      this.waiters.add(waiter);
      this.notify();
    });
  }

  metrics(): ProjectionMetrics[] {
    const now = this.now();
    return this.models.map((model) => {
      const position = this.checkpoints?.get(model.name) ?? 0n;
      const behind = this.head > position;
      return {
        name: model.name,
        position,
        lagEvents: behind ? Number(this.head - position) : 0,
        lagSeconds: behind ? Math.max(0, now - (this.caughtUpAt.get(model.name) ?? now)) / 1000 : 0,
        eventsPerSecond: this.throughput.get(model.name)?.perSecond(now) ?? 0,
        running: this.running,
        lastError: this.lastError,
        batches: this.batches,
        conflicts: this.conflicts,
      };
    });
  }

  private async follow(): Promise<void> {
    while (this.running) {
      let read = 0;
      try {
        read = await this.step();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.logger.warn(`projector: batch failed (${this.failures} in a row), retrying: ${this.lastError}`);
      }
      if (!this.running) break;
      if (this.failures > 0) await this.sleep(Math.min(this.pollIntervalMs * 2 ** this.failures, 5000));
      else if (read < this.batchSize) await this.sleep(this.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = null;
    });
  }

  /** One batch; batches of `start()` and `catchUp()` never overlap. Returns how many events were read. */
  private step(): Promise<number> {
    const next = this.stepping.then(() => this.applyNextBatch());
    this.stepping = next.catch(() => undefined);
    return next;
  }

  private async applyNextBatch(): Promise<number> {
    const checkpoints = await this.ensureLoaded();
    const from = this.position();
    const [events, head] = await Promise.all([
      this.store.readAll(from, this.batchSize),
      this.store.headPosition(),
    ]);
    if (head > this.head) this.head = head;
    if (events.length === 0) {
      // Reading the feed worked: an outage that ended with no new event must not keep readiness failing.
      this.lastError = null;
      this.markCaughtUp();
      return 0;
    }
    const last = events[events.length - 1].position;
    if (last > this.head) this.head = last;
    let applied: Map<string, number>;
    try {
      applied = await inExclusiveTransaction(this.dataSource, async (runner) => {
        const current = await readCheckpoints(runner, this.names());
        if (!sameCheckpoints(current, checkpoints)) throw new CheckpointMoved();
        const rows = new SqlRowStore(this.dataSource, runner);
        const counts = new Map<string, number>();
        for (const model of this.models) {
          const own = current.get(model.name) ?? 0n;
          if (own >= last) continue;
          const fresh = own <= from ? events : events.filter((event: RecordedEvent) => event.position > own);
          await applyEvents(rows, model, fresh);
          if (!(await advanceCheckpoint(runner, model.name, own, last))) throw new CheckpointMoved();
          counts.set(model.name, fresh.length);
        }
        return counts;
      });
    } catch (error) {
      if (!(error instanceof CheckpointMoved)) throw error;
      this.conflicts += 1;
      // The other process (or a rebuild's swap) may have brought the read models past a waiter.
      this.checkpoints = await this.loadCheckpoints();
      this.resolveWaiters();
      return events.length;
    }
    this.batches += 1;
    const now = this.now();
    for (const [name, count] of applied) {
      checkpoints.set(name, last);
      this.throughput.get(name)?.record(count, now);
    }
    this.lastError = null;
    this.markCaughtUp();
    this.resolveWaiters();
    return events.length;
  }

  private names(): string[] {
    return this.models.map((model) => model.name);
  }

  private async ensureLoaded(): Promise<Map<string, bigint>> {
    if (!this.checkpoints) {
      await inExclusiveTransaction(this.dataSource, (runner) => ensureCheckpoints(runner, this.names()));
      this.checkpoints = await this.loadCheckpoints();
      const now = this.now();
      for (const name of this.names()) this.caughtUpAt.set(name, now);
    }
    return this.checkpoints;
  }

  private async loadCheckpoints(): Promise<Map<string, bigint>> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await readCheckpoints(runner, this.names());
    } finally {
      await runner.release();
    }
  }

  private markCaughtUp(): void {
    const now = this.now();
    for (const [name, position] of this.checkpoints ?? [])
      if (position >= this.head) this.caughtUpAt.set(name, now);
  }

  private resolveWaiters(): void {
    const position = this.position();
    for (const waiter of this.waiters) if (waiter.position <= position) waiter.resolve(true);
  }
}

function sameCheckpoints(a: Map<string, bigint>, b: Map<string, bigint>): boolean {
  for (const [name, position] of a) if (b.get(name) !== position) return false;
  return a.size === b.size;
}
