import { declarationStreamId, toDeclarationEvent, type DeclarationEvent } from '@vigie/domain';
import type { EventStore, RecordedEvent } from '@vigie/event-store';
import type { NotifierConfig } from './notifier-config';
import type { NotifierState } from './notifier-state';
import { pendingNotifications, type NotificationJob } from './pending-notifications';
import { recordDelivery } from './record-delivery';
import { WebhookSender, type DeliveryResult } from './webhook-sender';

export interface NotificationProcessManagerOptions {
  store: EventStore;
  state: NotifierState;
  config: NotifierConfig;
  /** What time it is: every due date and reminder is decided against it, never against the machine's clock directly. */
  clock: () => Date;
  sender?: Pick<WebhookSender, 'deliver'>;
  logger?: { warn(message: string): void };
  /** Runs between a delivery and its recording: tests stop the notifier there. */
  afterDelivery?: (job: NotificationJob, result: DeliveryResult) => Promise<void>;
}

export interface TickReport {
  /** Events of the log read in this pass. */
  events: number;
  /** Declarations looked at. */
  handled: number;
  delivered: number;
  failed: number;
}

const STREAM_PREFIX = 'declaration-';
const DUE_PER_TICK = 100;

const declarationIdOf = (event: RecordedEvent): string | null =>
  event.streamId.startsWith(STREAM_PREFIX) ? event.streamId.slice(STREAM_PREFIX.length) : null;

/**
 * Informs the authorities of each declaration and reminds facilities of their deadlines. It reacts
 * to the event log (its own checkpoint) and to time (its agenda, read against the injected clock).
 * Each look at a declaration reads its stream, which records every delivery: a delivery is made
 * before it is recorded, so a crash in between repeats the call with the same deliveryId (the
 * receiver keeps one) and the stream still gets one record. The checkpoint moves only after the
 * declarations it passes are handled and their next look is scheduled: nothing due is forgotten.
 */
export class NotificationProcessManager {
  private readonly sender: Pick<WebhookSender, 'deliver'>;
  private readonly logger: { warn(message: string): void };
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private ticking: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: NotificationProcessManagerOptions) {
    const { config, clock } = options;
    this.logger = options.logger ?? console;
    this.sender =
      options.sender ??
      new WebhookSender({
        secret: config.secret,
        maxAttempts: config.maxAttempts,
        backoffMs: config.backoffMs,
        timeoutMs: config.timeoutMs,
        clock,
        logger: this.logger,
      });
  }

  /** Polls every `pollIntervalMs`: what is due is decided by the clock, not by the timer. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.running = true;
    this.loop = this.follow();
  }

  /** Finishes the look in progress and stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  notify(): void {
    this.wake?.();
  }

  /** One pass: new events of the log, then the declarations whose time has come. Never overlaps another. */
  tick(): Promise<TickReport> {
    const next = this.ticking.then(() => this.pass());
    this.ticking = next.catch(() => undefined);
    return next;
  }

  private async follow(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let more = false;
      try {
        const report = await this.tick();
        more = report.events >= this.options.config.batchSize;
        failures = 0;
      } catch (error) {
        failures += 1;
        this.logger.warn(
          `notifier: pass failed (${failures} in a row), retrying: ${error instanceof Error ? error.name : 'error'}`,
        );
      }
      if (!this.running) break;
      if (!more) await this.sleep(Math.min(this.options.config.pollIntervalMs * 2 ** failures, 60_000));
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

  private async pass(): Promise<TickReport> {
    const report: TickReport = { events: 0, handled: 0, delivered: 0, failed: 0 };
    await this.followLog(report);
    const now = this.options.clock();
    const due = await this.options.state.due(now, DUE_PER_TICK);
    const next = new Map<string, number | null>();
    for (const declarationId of due) next.set(declarationId, await this.handle(declarationId, report));
    await this.options.state.schedule(next);
    return report;
  }

  private async followLog(report: TickReport): Promise<void> {
    const { store, state, config } = this.options;
    let checkpoint = await state.checkpoint();
    if (checkpoint === null) {
      const start = config.startFrom === 'head' ? await store.headPosition() : 0n;
      await state.advance(null, start);
      checkpoint = await state.checkpoint();
      if (checkpoint === null) return;
    }
    const events = await store.readAll(checkpoint, config.batchSize);
    report.events = events.length;
    if (events.length === 0) return;
    const declarations = [...new Set(events.map(declarationIdOf).filter((id): id is string => id !== null))];
    const next = new Map<string, number | null>();
    for (const declarationId of declarations)
      next.set(declarationId, await this.handle(declarationId, report));
    await state.schedule(next);
    if (!(await state.advance(checkpoint, events[events.length - 1].position))) {
      this.logger.warn('notifier: another notifier moved the checkpoint; following from there');
    }
  }

  /** Makes what is due for the declaration now; returns when to look at it again. */
  private async handle(declarationId: string, report: TickReport): Promise<number | null> {
    report.handled += 1;
    const { config, clock } = this.options;
    const pending = pendingNotifications(await this.events(declarationId), clock(), config);
    if (pending.jobs.length === 0) return pending.nextAt;
    for (const job of pending.jobs) {
      const result = await this.sender.deliver(job);
      if (result.outcome === 'delivered') report.delivered += 1;
      else report.failed += 1;
      await this.options.afterDelivery?.(job, result);
      await this.record(job, result);
    }
    // Failed rounds wait for their cooldown: ask the stream, now that it records them.
    return pendingNotifications(await this.events(declarationId), clock(), config).nextAt;
  }

  private async events(declarationId: string): Promise<DeclarationEvent[]> {
    const recorded = await this.options.store.readStream(declarationStreamId(declarationId));
    return recorded.map(toDeclarationEvent);
  }

  private async record(job: NotificationJob, result: DeliveryResult): Promise<void> {
    const common = {
      declarationId: job.message.declaration.id,
      outcome: result.outcome,
      attempts: result.attempts,
      deliveryId: job.deliveryId,
    };
    const now = this.options.clock();
    if (job.kind === 'authority') {
      await recordDelivery(
        this.options.store,
        { type: 'RecordAuthorityNotification', ...common, authority: job.authority, region: job.region },
        now,
      );
    } else {
      const { clock } = job;
      await recordDelivery(
        this.options.store,
        {
          type: 'RecordDeadlineReminder',
          ...common,
          clockId: clock.clockId,
          regime: clock.regime,
          stage: clock.stage,
          reminder: job.reminder,
          dueAt: clock.dueAt,
        },
        now,
      );
    }
  }
}
