import type { Instant } from '../declaration/declaration.events';
import { addParisCalendarMonths } from '../time/paris-wall-clock';
import { DEFAULT_CLOCK_POLICY, type ClockPolicy } from './clock-policy';
import { cspApplies, nis2Applies, type ClockStage, type Regime } from '../taxonomy/regimes';
import type { RegulatoryFacts } from './regulatory-facts';

export const CLOCK_STATUSES = ['met', 'met-late', 'due', 'overdue'] as const;
/** `due`: not met and not yet late; `overdue`: not met and late; `met-late`: met after its due date. */
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

/** A clock as the events fix it; only its status depends on the instant it is read at. */
export interface ScheduledClock {
  /** `<regime>/<stage>`, and `/<requestId>` for an intermediate report: unique per declaration. */
  clockId: string;
  regime: Regime;
  stage: ClockStage;
  dueAt: Instant;
  metAt: Instant | null;
  /** The intermediate-report request this clock measures, else null. */
  requestId: string | null;
}

export interface Clock extends ScheduledClock {
  status: ClockStatus;
}

const HOUR_MS = 3_600_000;

/** Hours are elapsed hours from the instant: 24 h after 23:59 on a DST night is 00:59 or 22:59 on the wall clock. */
const hoursAfter = (instant: Instant, hours: number): Instant =>
  new Date(Date.parse(instant) + hours * HOUR_MS).toISOString();

const clock = (
  regime: Regime,
  stage: ClockStage,
  dueAt: Instant,
  metAt: Instant | null,
  requestId: string | null = null,
): ScheduledClock => ({
  clockId: requestId === null ? `${regime}/${stage}` : `${regime}/${stage}/${requestId}`,
  regime,
  stage,
  dueAt,
  metAt,
  requestId,
});

function nis2Clocks(facts: RegulatoryFacts): ScheduledClock[] {
  const reportOf = (stage: string) => facts.reports.find((report) => report.stage === stage) ?? null;
  const notification = reportOf('NOTIFICATION');
  const final = reportOf('FINAL');
  const notificationDueAt = hoursAfter(facts.detectedAt, 72);
  // One month after the notification; until it comes, after the latest a timely one could come.
  const finalAnchor = notification?.submittedAt ?? notificationDueAt;
  const intermediates = facts.intermediateRequests.map((request) => {
    const answer = facts.reports.find((report) => report.requestId === request.requestId);
    return clock('NIS2', 'INTERMEDIATE', request.dueAt, answer?.submittedAt ?? null, request.requestId);
  });
  return [
    // The declaration itself is the early warning.
    clock('NIS2', 'EARLY_WARNING', hoursAfter(facts.detectedAt, 24), facts.submittedAt),
    clock('NIS2', 'NOTIFICATION', notificationDueAt, notification?.submittedAt ?? null),
    ...intermediates,
    clock(
      'NIS2',
      'FINAL',
      new Date(addParisCalendarMonths(Date.parse(finalAnchor), 1)).toISOString(),
      final?.submittedAt ?? null,
    ),
  ];
}

/**
 * Every clock of the declaration, whatever the instant: which regimes apply follows from the
 * facts as they stand now (a regime that starts applying later still counts from detection), and
 * from the date each law binds from (policy.appliesFrom): an incident detected before NIS2 applied
 * has no NIS2 clock, one of an ESMS detected before décret 2022-715 no French one.
 */
export function scheduleOf(
  facts: RegulatoryFacts,
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
): ScheduledClock[] {
  if (Number.isNaN(Date.parse(facts.detectedAt)) || Number.isNaN(Date.parse(facts.submittedAt))) return [];
  const clocks: ScheduledClock[] = [];
  const detected = Date.parse(facts.detectedAt);
  const bound = (from: string) => detected >= Date.parse(from);
  const { appliesFrom } = policy;
  const cspFrom = facts.structureType === 'ESMS' ? appliesFrom.cspEsms : appliesFrom.csp;
  if (cspApplies(facts) && bound(cspFrom)) {
    clocks.push(
      clock('CSP', 'DECLARATION', hoursAfter(facts.detectedAt, policy.cspTargetHours), facts.submittedAt),
    );
  }
  if (nis2Applies(facts) && bound(appliesFrom.nis2)) clocks.push(...nis2Clocks(facts));
  if (facts.dataImpacts.includes('CONFIDENTIALITY') && bound(appliesFrom.gdpr)) {
    clocks.push(clock('GDPR', 'CNIL_NOTIFICATION', hoursAfter(facts.detectedAt, 72), facts.cnilNotifiedAt));
  }
  return clocks.filter((scheduled) => !Number.isNaN(Date.parse(scheduled.dueAt)));
}

/** A deadline is met when met at or before its due instant, and late only strictly after it. */
export function clockStatus(clock: { dueAt: Instant; metAt: Instant | null }, atMs: number): ClockStatus {
  const dueMs = Date.parse(clock.dueAt);
  if (clock.metAt !== null) return Date.parse(clock.metAt) <= dueMs ? 'met' : 'met-late';
  return atMs <= dueMs ? 'due' : 'overdue';
}

/** Every clock of the declaration read at `at`. */
export function clocksOf(
  facts: RegulatoryFacts,
  at: Date,
  policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
): Clock[] {
  const atMs = at.getTime();
  return scheduleOf(facts, policy).map((scheduled) => ({
    ...scheduled,
    status: clockStatus(scheduled, atMs),
  }));
}
