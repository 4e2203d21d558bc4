/** A batch takes queued units until it holds this many appends: bounds one transaction's size and lock time. */
export const GROUP_COMMIT_MAX_APPENDS = 256;

/** What a batch decided for one unit: its result, or the error of its own refusal. */
export type UnitOutcome<Result> = { ok: true; value: Result } | { ok: false; error: unknown };

/**
 * Opens a transaction and takes the append lock, then calls `take` for the units to write in it,
 * writes them and commits. Throws (failing every unit taken, or about to be) when the batch as a
 * whole failed.
 */
export type CommitBatch<Unit, Result> = (take: () => readonly Unit[]) => Promise<Array<UnitOutcome<Result>>>;

interface Pending<Unit, Result> {
  unit: Unit;
  resolve: (value: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for PostgreSQL. A batch takes its units only once it holds the append lock: units
 * submitted while the previous batch writes and commits wait in the queue, and all go into the
 * next one (one lock, one state query, one insert, one COMMIT, so one WAL flush). At most one
 * batch waits for the lock at a time, so a store holds at most two connections for appends: one
 * committing, one queued behind it on the lock. Each unit settles after its batch's COMMIT
 * returned, so nothing is acknowledged before it is durable. Across processes the advisory lock
 * orders batches as it orders single appends.
 */
export class PostgresGroupCommit<Unit, Result> {
  private queue: Array<Pending<Unit, Result>> = [];
  /** A batch is waiting for the lock: it will take whatever is queued when it gets it. */
  private waiting = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly commit: CommitBatch<Unit, Result>,
    private readonly appendsOf: (unit: Unit) => number,
  ) {}

  submit(unit: Unit): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ unit, resolve, reject });
      if (!this.waiting) this.startBatch();
    });
  }

  /** Resolves once every unit submitted so far has settled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private startBatch(): void {
    this.waiting = true;
    const running = this.runBatch().finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  private async runBatch(): Promise<void> {
    const taken: { batch?: Array<Pending<Unit, Result>> } = {};
    const take = (): readonly Unit[] => {
      const batch = this.takeBatch();
      taken.batch = batch;
      this.waiting = false;
      // What the batch left behind (over the size bound) starts waiting for the lock now.
      if (this.queue.length > 0) this.startBatch();
      return batch.map((pending) => pending.unit);
    };
    let outcomes: Array<UnitOutcome<Result>>;
    try {
      outcomes = await this.commit(take);
    } catch (error) {
      // Failed before taking (no connection, no lock): the units it would have taken fail with it.
      if (taken.batch === undefined) take();
      for (const pending of taken.batch ?? []) pending.reject(error);
      return;
    }
    (taken.batch ?? []).forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }

  private takeBatch(): Array<Pending<Unit, Result>> {
    let appends = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || appends < GROUP_COMMIT_MAX_APPENDS)) {
      appends += this.appendsOf(this.queue[count].unit);
      count += 1;
    }
    return this.queue.splice(0, count);
  }
}
