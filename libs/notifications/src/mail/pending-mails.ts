import {
  REPORT_STAGES,
  clocksOf,
  regulatoryFactsOf,
  toDeclarationEvent,
  type ClockPolicy,
  type DeclarationEvent,
  type Declarant,
  type MailKind,
} from '@vigie/domain';
import type { RecordedEvent } from '@vigie/event-store';
import { uuidFrom } from '../delivery-id';
import {
  closedMail,
  complementRequestedMail,
  messageMail,
  receiptMail,
  reportDueSoonMail,
  reportOverdueMail,
  type MailContent,
  type MailDeclaration,
} from './mail-templates';

/** What the mailer needs to decide what is due; every duration in milliseconds. */
export interface MailTiming {
  /** Links are `<publicUrl>/declarations/<reference or id>`. */
  publicUrl: string;
  /** How long before a staged report falls due its reminder goes: 24 h. */
  reminderLeadMs: number;
  maxRounds: number;
  roundCooldownMs: number;
  clockPolicy: ClockPolicy;
}

/** One mail to send now. The recipient is the declarant as the log holds it: sealed, revealed at send time. */
export interface MailJob {
  mailId: string;
  kind: MailKind;
  declarationId: string;
  declarant: Declarant;
  content: MailContent;
}

export interface PendingMails {
  jobs: MailJob[];
  /** When to look at the declaration again; null: nothing left to wait for. */
  nextAt: number | null;
}

/**
 * `uuidFrom(declarationId + kind + trigger)`: the triggering event's id, or for a reminder the
 * clock and its due instant (a due date that moves reminds again). Same inputs, same id: a mail
 * retried after a restart keeps it.
 */
export const mailIdOf = (declarationId: string, kind: MailKind, trigger: string): string =>
  uuidFrom(`mail\u0000${declarationId}\u0000${kind}\u0000${trigger}`);

interface MailHistory {
  sent: boolean;
  failedRounds: number;
  lastFailedAt: number;
}

function mailHistories(events: readonly DeclarationEvent[]): Map<string, MailHistory> {
  const histories = new Map<string, MailHistory>();
  for (const event of events) {
    if (event.type !== 'MailSent') continue;
    const { mailId, outcome, at } = event.data;
    const history = histories.get(mailId) ?? { sent: false, failedRounds: 0, lastFailedAt: 0 };
    if (outcome === 'sent') history.sent = true;
    else {
      history.failedRounds += 1;
      history.lastFailedAt = Math.max(history.lastFailedAt, Date.parse(at) || 0);
    }
    histories.set(mailId, history);
  }
  return histories;
}

const STAGED_REPORTS: readonly string[] = REPORT_STAGES;
const textOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Pure: from a declaration's stream (as recorded: the triggering events' ids make the mail ids)
 * and the instant, the mails to send now — a receipt, one per complement requested and still
 * unanswered, per CERT message, per closure still in force, and for each staged report not yet
 * in, one when it falls due within 24 h and one once it is late — minus those the stream records
 * as sent or given up; and when something next falls due.
 */
export function pendingMails(
  recorded: readonly RecordedEvent[],
  now: Date,
  timing: MailTiming,
  /** The mailer's origin: a declaration submitted at or before it predates the mailer, and gets no mail. */
  origin = 0n,
): PendingMails {
  const events = recorded.map(toDeclarationEvent);
  const submittedIndex = events.findIndex((event) => event.type === 'DeclarationSubmitted');
  const submitted = events[submittedIndex];
  if (submitted === undefined || submitted.type !== 'DeclarationSubmitted') return { jobs: [], nextAt: null };
  if (recorded[submittedIndex].position <= origin) return { jobs: [], nextAt: null };
  const { declarationId, declarant, structure } = submitted.data;
  // A declaration from before references (null, or absent in an old event) is named by its id.
  const label = textOf(submitted.data.reference) ?? declarationId;
  const declaration: MailDeclaration = {
    label,
    structureName: structure.name,
    link: `${timing.publicUrl}/declarations/${encodeURIComponent(label)}`,
  };
  const histories = mailHistories(events);
  const nowMs = now.getTime();
  const pending: PendingMails = { jobs: [], nextAt: null };
  const wakeAt = (at: number) => {
    if (pending.nextAt === null || at < pending.nextAt) pending.nextAt = at;
  };
  const offer = (kind: MailKind, trigger: string, content: MailContent) => {
    const mailId = mailIdOf(declarationId, kind, trigger);
    const history = histories.get(mailId);
    if (history?.sent || (history?.failedRounds ?? 0) >= timing.maxRounds) return;
    if (history !== undefined && history.failedRounds > 0) {
      const readyAt = history.lastFailedAt + timing.roundCooldownMs * 2 ** (history.failedRounds - 1);
      if (nowMs < readyAt) return wakeAt(readyAt);
    }
    pending.jobs.push({ mailId, kind, declarationId, declarant, content });
  };

  offer('receipt', recorded[submittedIndex].id, receiptMail(declaration, submitted.data.submittedAt));
  events.forEach((event, index) => {
    const later = events.slice(index + 1);
    const trigger = recorded[index].id;
    if (event.type === 'ComplementRequested') {
      const { requestId, question } = event.data;
      const answered = later.some(
        (next) => next.type === 'ComplementProvided' && next.data.requestId === requestId,
      );
      if (!answered) offer('complement-requested', trigger, complementRequestedMail(declaration, question));
    } else if (event.type === 'DeclarationClosed') {
      // A closure undone before its mail could go is not announced.
      if (!later.some((next) => next.type === 'DeclarationReopened'))
        offer('closed', trigger, closedMail(declaration, event.data.closedAt));
    } else if (event.type === 'MessagePosted') {
      // The facility's own messages are not mailed back to it.
      if (event.data.author === 'CERT') offer('message', trigger, messageMail(declaration, event.data.body));
    }
  });

  const facts = regulatoryFactsOf(events);
  if (facts === null || facts.closed) return pending;
  for (const clock of clocksOf(facts, now, timing.clockPolicy)) {
    if (clock.metAt !== null || !STAGED_REPORTS.includes(clock.stage)) continue;
    const trigger = `${clock.clockId}@${clock.dueAt}`;
    const dueMs = Date.parse(clock.dueAt);
    if (clock.status === 'overdue') {
      offer('report-overdue', trigger, reportOverdueMail(declaration, clock.stage, clock.dueAt));
      continue;
    }
    const soonAt = dueMs - timing.reminderLeadMs;
    if (nowMs >= soonAt)
      offer('report-due-soon', trigger, reportDueSoonMail(declaration, clock.stage, clock.dueAt));
    else wakeAt(soonAt);
    wakeAt(dueMs + 1);
  }
  return pending;
}
