import { declarationStreamId } from '@vigie/domain';
import type { EventStore, RecordedEvent } from '@vigie/event-store';
import type { PersonalDataVault } from '@vigie/privacy';
import type { NotifierState } from '../notifier-state';
import type { MailTransport } from './mail-transport';
import { recipientOf } from './mail-recipient';
import { pendingMails, type MailJob, type MailTiming } from './pending-mails';
import { recordMail } from './record-mail';
import { sendWithRetries, type SendResult } from './send-mail';

export interface MailerConfig extends MailTiming {
  maxAttempts: number;
  backoffMs: number;
  pollIntervalMs: number;
  batchSize: number;
  startFrom: 'beginning' | 'head';
}

export interface MailProcessManagerOptions {
  store: EventStore;
  /** Its own checkpoint and agenda (`SqlNotifierState.open(dataSource, 'mailer')`), apart from the webhooks'. */
  state: NotifierState & { origin(): Promise<bigint | null> };
  config: MailerConfig;
  transport: MailTransport;
  vault: Pick<PersonalDataVault, 'reveal'>;
  /** What time it is: every due date and reminder is decided against it. */
  clock: () => Date;
  logger?: { warn(message: string): void };
  /** Runs between a send and its recording: tests stop the mailer there. */
  afterSend?: (job: MailJob, result: SendResult) => Promise<void>;
}

export interface MailTickReport {
  events: number;
  handled: number;
  sent: number;
  failed: number;
  /** Mails not sent because the recipient's data is erased. */
  withheld: number;
}

const STREAM_PREFIX = 'declaration-';
const DUE_PER_TICK = 100;

const declarationIdOf = (event: RecordedEvent): string | null =>
  event.streamId.startsWith(STREAM_PREFIX) ? event.streamId.slice(STREAM_PREFIX.length) : null;

/**
 * Mails the declarant of each declaration: the receipt, a complement requested, a CERT message,
 * a staged report due within 24 h or late, the closure. Like the webhook notifier, it follows the
 * event log (its own checkpoint) and time (its own agenda, read against the injected clock), and
 * the declaration's stream is the memory of what was sent.
 *
 * Send, then record: a crash between the two sends the mail again on restart, with the same
 * Message-ID (derived from the mailId), and the stream still gets one MailSent. Recording first
 * would lose the mail on such a crash instead; a duplicate the recipient can recognise is the
 * lesser harm. The checkpoint moves only after the declarations it passes are handled and their
 * next look is scheduled: nothing due is forgotten.
 */
export class MailProcessManager {
  private readonly logger: { warn(message: string): void };
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private ticking: Promise<unknown> = Promise.resolve();
  private origin: bigint | null = null;

  constructor(private readonly options: MailProcessManagerOptions) {
    this.logger = options.logger ?? console;
  }

  /**
   * Fixes where a mailer that never ran starts, before the process serves requests: a declaration
   * submitted in the first instants after the very first start is after it, so it gets its receipt.
   */
  async begin(): Promise<void> {
    const { store, state, config } = this.options;
    if ((await state.checkpoint()) === null)
      await state.advance(null, config.startFrom === 'head' ? await store.headPosition() : 0n);
    this.origin = (await state.origin()) ?? 0n;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    await this.begin();
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
  tick(): Promise<MailTickReport> {
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
          `mailer: pass failed (${failures} in a row), retrying: ${error instanceof Error ? error.name : 'error'}`,
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

  private async pass(): Promise<MailTickReport> {
    const report: MailTickReport = { events: 0, handled: 0, sent: 0, failed: 0, withheld: 0 };
    await this.followLog(report);
    const due = await this.options.state.due(this.options.clock(), DUE_PER_TICK);
    const next = new Map<string, number | null>();
    for (const declarationId of due) next.set(declarationId, await this.handle(declarationId, report));
    await this.options.state.schedule(next);
    return report;
  }

  private async followLog(report: MailTickReport): Promise<void> {
    const { store, state, config } = this.options;
    if (this.origin === null) await this.begin();
    const checkpoint = await state.checkpoint();
    if (checkpoint === null) return;
    const events = await store.readAll(checkpoint, config.batchSize);
    report.events = events.length;
    if (events.length === 0) return;
    const declarations = [...new Set(events.map(declarationIdOf).filter((id): id is string => id !== null))];
    const next = new Map<string, number | null>();
    for (const declarationId of declarations)
      next.set(declarationId, await this.handle(declarationId, report));
    await state.schedule(next);
    if (!(await state.advance(checkpoint, events[events.length - 1].position))) {
      this.logger.warn('mailer: another mailer moved the checkpoint; following from there');
    }
  }

  /** Sends what is due for the declaration now; returns when to look at it again. */
  private async handle(declarationId: string, report: MailTickReport): Promise<number | null> {
    report.handled += 1;
    const { config, clock, store } = this.options;
    const stream = () => store.readStream(declarationStreamId(declarationId));
    const origin = this.origin ?? 0n;
    const pending = pendingMails(await stream(), clock(), config, origin);
    if (pending.jobs.length === 0) return pending.nextAt;
    // One reveal for the declaration's mails: they all go to its declarant.
    const to = await recipientOf(this.options.vault, pending.jobs[0].declarant);
    if (to === null) {
      // Erased: nothing is sent and nothing recorded; the agenda keeps only what time brings.
      report.withheld += pending.jobs.length;
      return pending.nextAt;
    }
    for (const job of pending.jobs) {
      const result = await sendWithRetries(
        this.options.transport,
        { mailId: job.mailId, to, ...job.content },
        { maxAttempts: config.maxAttempts, backoffMs: config.backoffMs, warn: (m) => this.logger.warn(m) },
      );
      if (result.outcome === 'sent') report.sent += 1;
      else report.failed += 1;
      await this.options.afterSend?.(job, result);
      await recordMail(
        store,
        {
          declarationId,
          mailId: job.mailId,
          kind: job.kind,
          outcome: result.outcome,
          attempts: result.attempts,
        },
        clock(),
      );
    }
    // Failed rounds wait for their cooldown: ask the stream, now that it records them.
    return pendingMails(await stream(), clock(), config, origin).nextAt;
  }
}
