import {
  clocksOf,
  regulatoryFactsOf,
  type Authority,
  type Clock,
  type DeclarationEvent,
  type DeclarationSubmitted,
  type RegionCode,
  type ReminderKind,
} from '@vigie/domain';
import { deliveryIdOf } from './delivery-id';
import {
  declarationMessage,
  reminderMessage,
  type DeclarationMessage,
  type ReminderMessage,
} from './notification-messages';
import type { NotifierConfig } from './notifier-config';

interface Delivery {
  url: string;
  deliveryId: string;
  /** A label for logs: never the URL, which may hold a token. */
  recipient: string;
}

export type NotificationJob =
  | (Delivery & {
      kind: 'authority';
      authority: Authority;
      region: RegionCode | null;
      message: DeclarationMessage;
    })
  | (Delivery & { kind: 'reminder'; reminder: ReminderKind; clock: Clock; message: ReminderMessage });

/** What is due now for one declaration, and when to look at it again (null: nothing left to wait for). */
export interface PendingNotifications {
  jobs: NotificationJob[];
  nextAt: number | null;
}

type Timing = Pick<NotifierConfig, 'maxRounds' | 'roundCooldownMs'>;
type WithoutUrl<Job> = Job extends unknown ? Omit<Job, 'url'> & { url: string | null } : never;

interface DeliveryHistory {
  delivered: boolean;
  failedRounds: number;
  lastFailedAt: number;
}

/** Delivery outcomes recorded in the stream, by deliveryId: the stream is the memory of what was sent. */
function deliveryHistories(events: readonly DeclarationEvent[]): Map<string, DeliveryHistory> {
  const histories = new Map<string, DeliveryHistory>();
  for (const event of events) {
    if (event.type !== 'AuthorityNotified' && event.type !== 'DeadlineReminderSent') continue;
    const { deliveryId, outcome, at } = event.data;
    const history = histories.get(deliveryId) ?? { delivered: false, failedRounds: 0, lastFailedAt: 0 };
    if (outcome === 'delivered') history.delivered = true;
    else {
      history.failedRounds += 1;
      history.lastFailedAt = Math.max(history.lastFailedAt, Date.parse(at) || 0);
    }
    histories.set(deliveryId, history);
  }
  return histories;
}

/** `send` now, `wait` until a round's cooldown ends, or `done` (delivered, or given up after `maxRounds`). */
function gate(history: DeliveryHistory | undefined, nowMs: number, timing: Timing): 'send' | 'done' | number {
  if (history === undefined || (history.failedRounds === 0 && !history.delivered)) return 'send';
  if (history.delivered || history.failedRounds >= timing.maxRounds) return 'done';
  const readyAt = history.lastFailedAt + timing.roundCooldownMs * 2 ** (history.failedRounds - 1);
  return nowMs >= readyAt ? 'send' : readyAt;
}

class Agenda {
  readonly jobs: NotificationJob[] = [];
  nextAt: number | null = null;

  constructor(
    private readonly histories: Map<string, DeliveryHistory>,
    private readonly nowMs: number,
    private readonly timing: Timing,
  ) {}

  wakeAt(at: number): void {
    if (this.nextAt === null || at < this.nextAt) this.nextAt = at;
  }

  /** The job if its delivery is due; a recipient without a URL gets nothing, but its time is kept. */
  offer(job: WithoutUrl<NotificationJob>): void {
    const decision = gate(this.histories.get(job.deliveryId), this.nowMs, this.timing);
    if (typeof decision === 'number') this.wakeAt(decision);
    else if (decision === 'send' && job.url !== null) this.jobs.push(job as NotificationJob);
  }
}

function authorityJobs(
  agenda: Agenda,
  submitted: DeclarationSubmitted['data'],
  config: NotifierConfig,
): void {
  const region = submitted.structure.region;
  const recipients: [Authority, RegionCode | null, string | null][] = [
    ['ARS', region, config.ars[region] ?? null],
    ['HFDS', null, config.hfds],
  ];
  for (const [authority, authorityRegion, url] of recipients) {
    // An authority without a webhook is not owed a delivery: configuring one later does not announce history.
    if (url === null) continue;
    const recipient = authority === 'ARS' ? `ARS ${region}` : 'HFDS';
    const deliveryId = deliveryIdOf(submitted.declarationId, recipient, 'declaration.submitted');
    agenda.offer({
      kind: 'authority',
      authority,
      region: authorityRegion,
      url,
      deliveryId,
      recipient,
      message: declarationMessage(submitted, deliveryId, config.publicUrl),
    });
  }
}

function reminderJobs(
  agenda: Agenda,
  events: readonly DeclarationEvent[],
  now: Date,
  config: NotifierConfig,
): void {
  const facts = regulatoryFactsOf(events);
  if (facts === null || facts.closed) return;
  const url = config.facilityUrl(facts.finess);
  const recipient = `facility ${facts.finess}`;
  const reminder = (clock: Clock, kind: ReminderKind) => {
    // The due instant is part of the id: a clock whose due date moves (the final report, once the notification comes) reminds again.
    const deliveryId = deliveryIdOf(
      facts.declarationId,
      `${recipient} ${clock.clockId}@${clock.dueAt}`,
      `deadline.${kind}`,
    );
    agenda.offer({
      kind: 'reminder',
      reminder: kind,
      clock,
      url,
      deliveryId,
      recipient,
      message: reminderMessage(facts, clock, kind, deliveryId, config.publicUrl),
    });
  };
  for (const clock of clocksOf(facts, now, config.clockPolicy)) {
    if (clock.metAt !== null) continue;
    const dueMs = Date.parse(clock.dueAt);
    if (clock.status === 'overdue') {
      reminder(clock, 'overdue');
      continue;
    }
    const soonAt = dueMs - config.reminderLeadMs;
    if (now.getTime() >= soonAt) reminder(clock, 'due-soon');
    else agenda.wakeAt(soonAt);
    agenda.wakeAt(dueMs + 1);
  }
}

/**
 * Pure: from a declaration's stream and the instant, the deliveries to make now — the ARS of its
 * region and the HFDS once, reminders to the facility before each stage falls due and once it is
 * overdue — minus those the stream records as delivered; and when something next falls due.
 */
export function pendingNotifications(
  events: readonly DeclarationEvent[],
  now: Date,
  config: NotifierConfig,
): PendingNotifications {
  const submitted = events.find(
    (event): event is DeclarationSubmitted => event.type === 'DeclarationSubmitted',
  );
  if (submitted === undefined) return { jobs: [], nextAt: null };
  const agenda = new Agenda(deliveryHistories(events), now.getTime(), config);
  authorityJobs(agenda, submitted.data, config);
  reminderJobs(agenda, events, now, config);
  return { jobs: agenda.jobs, nextAt: agenda.nextAt };
}
