import type { DeclarationEvent, Instant } from '../declaration/declaration.events';
import {
  amended,
  declarationQualified,
  declarationRequalified,
  declarationSubmitted,
  qualification,
} from '../testing/fixtures';
import {
  cnilNotificationDeclared,
  intermediateReportRequested,
  nis2StatusAmended,
  stagedReportSubmitted,
} from '../testing/regulatory-fixtures';
import { parisWallClock } from '../time/paris-wall-clock';
import { clockPolicyFromEnv, DEFAULT_CLOCK_POLICY } from './clock-policy';
import { clocksOf, clockStatus, scheduleOf, type Clock } from './clocks';
import { onTimeShares } from './on-time-shares';
import { regulatoryFactsOf, type RegulatoryFacts } from './regulatory-facts';

const HOUR = 3_600_000;

/** A declaration detected at `detectedAt` and submitted `submittedAfterHours` later. */
function declared(
  detectedAt: Instant,
  options: {
    nis2?: 'ESSENTIAL' | 'NONE';
    submittedAfterHours?: number;
    dataImpacts?: ('AVAILABILITY' | 'CONFIDENTIALITY')[];
    structureType?: 'ES' | 'ESMS';
  } = {},
): DeclarationEvent {
  const submittedAt = new Date(
    Date.parse(detectedAt) + (options.submittedAfterHours ?? 1) * HOUR,
  ).toISOString();
  return declarationSubmitted({
    structure: {
      finess: '750712184',
      name: 'CHU Y',
      type: options.structureType ?? 'ES',
      region: '11',
      isOse: false,
      nis2: options.nis2 ?? 'ESSENTIAL',
    },
    occurredAt: detectedAt,
    detectedAt,
    submittedAt,
    dataImpacts: options.dataImpacts ?? ['AVAILABILITY'],
  });
}

const factsOf = (...events: DeclarationEvent[]): RegulatoryFacts => {
  const facts = regulatoryFactsOf(events);
  if (facts === null) throw new Error('no declaration');
  return facts;
};

const clockOf = (clocks: Clock[], clockId: string): Clock => {
  const found = clocks.find((clock) => clock.clockId === clockId);
  if (!found) throw new Error(`no clock ${clockId} among ${clocks.map((clock) => clock.clockId).join(', ')}`);
  return found;
};

const dueOf = (facts: RegulatoryFacts, clockId: string): Instant =>
  clockOf(clocksOf(facts, new Date(0)), clockId).dueAt;

/** `YYYY-MM-DD HH:MM` on the Paris wall clock. */
function paris(instant: Instant): string {
  const wall = parisWallClock(Date.parse(instant));
  const two = (value: number) => String(value).padStart(2, '0');
  return `${wall.year}-${two(wall.month)}-${two(wall.day)} ${two(wall.hour)}:${two(wall.minute)}`;
}

describe('which regimes apply', () => {
  it('an ordinary facility: the French obligation only', () => {
    const clocks = clocksOf(
      factsOf(declared('2026-03-02T07:05:00Z', { nis2: 'NONE' })),
      new Date('2026-03-02T09:00:00Z'),
    );
    expect(clocks.map((clock) => clock.clockId)).toEqual(['CSP/DECLARATION']);
  });

  it('an essential entity with personal data exposed: the French obligation, NIS2 and the GDPR', () => {
    const facts = factsOf(
      declared('2026-03-02T07:05:00Z', { dataImpacts: ['CONFIDENTIALITY'] }),
      intermediateReportRequested({ requestId: 'r1', dueAt: '2026-03-10T17:00:00.000Z' }),
    );
    expect(clocksOf(facts, new Date('2026-03-02T09:00:00Z')).map((clock) => clock.clockId)).toEqual([
      'CSP/DECLARATION',
      'NIS2/EARLY_WARNING',
      'NIS2/NOTIFICATION',
      'NIS2/INTERMEDIATE/r1',
      'NIS2/FINAL',
      'GDPR/CNIL_NOTIFICATION',
    ]);
  });

  it('a structure outside the French obligation (HORS) has no French clock', () => {
    const hors = declarationSubmitted({
      structure: {
        finess: '750712184',
        name: 'Pharmacie',
        type: 'HORS',
        region: '11',
        isOse: false,
        nis2: 'NONE',
      },
    });
    expect(clocksOf(factsOf(hors), new Date('2026-03-03T00:00:00Z'))).toEqual([]);
  });
});

describe('the edges of time', () => {
  it('detected at 23:59 in Paris: the 24 h and 72 h clocks run in elapsed hours from that minute', () => {
    // 15 January 2026, 23:59 in Paris (UTC+1).
    const facts = factsOf(declared('2026-01-15T22:59:00Z', { submittedAfterHours: 23 }));
    expect(dueOf(facts, 'CSP/DECLARATION')).toBe('2026-01-16T22:59:00.000Z');
    expect(paris(dueOf(facts, 'NIS2/EARLY_WARNING'))).toBe('2026-01-16 23:59');
    expect(paris(dueOf(facts, 'NIS2/NOTIFICATION'))).toBe('2026-01-18 23:59');
    expect(clockOf(clocksOf(facts, new Date('2026-01-17T00:00:00Z')), 'CSP/DECLARATION').status).toBe('met');
  });

  it('detected at 23:59 on the night clocks go forward: 24 h later the wall clock says 00:59', () => {
    // Saturday 28 March 2026, 23:59 UTC+1; at 02:00 on the 29th Paris moves to UTC+2.
    const facts = factsOf(declared('2026-03-28T22:59:00Z'));
    expect(dueOf(facts, 'NIS2/EARLY_WARNING')).toBe('2026-03-29T22:59:00.000Z');
    expect(paris(dueOf(facts, 'NIS2/EARLY_WARNING'))).toBe('2026-03-30 00:59');
    expect(paris(dueOf(facts, 'NIS2/NOTIFICATION'))).toBe('2026-04-01 00:59');
  });

  it('detected at 23:59 on the night clocks go back: 24 h later the wall clock says 22:59', () => {
    // Saturday 24 October 2026, 23:59 UTC+2; at 03:00 on the 25th Paris moves back to UTC+1.
    const facts = factsOf(declared('2026-10-24T21:59:00Z'));
    expect(dueOf(facts, 'CSP/DECLARATION')).toBe('2026-10-25T21:59:00.000Z');
    expect(paris(dueOf(facts, 'CSP/DECLARATION'))).toBe('2026-10-25 22:59');
    expect(paris(dueOf(facts, 'NIS2/NOTIFICATION'))).toBe('2026-10-27 22:59');
  });

  it.each([
    ['a non-leap February', '2026-01-31T09:00:00.000Z', '2026-02-28T09:00:00.000Z'],
    ['a leap February', '2028-01-31T09:00:00.000Z', '2028-02-29T09:00:00.000Z'],
    ['a 30-day April', '2026-03-31T08:00:00.000Z', '2026-04-30T08:00:00.000Z'],
  ])(
    'a notification on the 31st: the final report is due on the last day of %s, same time',
    (_month, notifiedAt, dueAt) => {
      const facts = factsOf(
        declared('2026-01-01T08:00:00Z'),
        stagedReportSubmitted('NOTIFICATION', { submittedAt: notifiedAt }),
      );
      expect(dueOf(facts, 'NIS2/FINAL')).toBe(dueAt);
    },
  );

  it('a month across the change to summer time keeps the Paris time of day', () => {
    const facts = factsOf(
      declared('2026-03-08T08:00:00Z'),
      stagedReportSubmitted('NOTIFICATION', { submittedAt: '2026-03-10T09:00:00.000Z' }),
    );
    expect(paris('2026-03-10T09:00:00.000Z')).toBe('2026-03-10 10:00');
    expect(dueOf(facts, 'NIS2/FINAL')).toBe('2026-04-10T08:00:00.000Z');
    expect(paris(dueOf(facts, 'NIS2/FINAL'))).toBe('2026-04-10 10:00');
  });

  it('the month is counted on the Paris calendar, not the UTC one', () => {
    // 00:30 on 1 March in Paris is still 28 February in UTC: a UTC count would end on 28 March.
    const facts = factsOf(
      declared('2026-02-27T08:00:00Z'),
      stagedReportSubmitted('NOTIFICATION', { submittedAt: '2026-02-28T23:30:00.000Z' }),
    );
    expect(paris(dueOf(facts, 'NIS2/FINAL'))).toBe('2026-04-01 00:30');
  });

  it('until the notification comes, the final report is due a month after the notification was due', () => {
    const facts = factsOf(declared('2026-03-02T07:05:00Z'));
    expect(dueOf(facts, 'NIS2/NOTIFICATION')).toBe('2026-03-05T07:05:00.000Z');
    expect(paris(dueOf(facts, 'NIS2/FINAL'))).toBe('2026-04-05 08:05');
  });
});

describe('a regime that starts applying later', () => {
  const detectedAt = '2026-03-02T07:05:00Z';

  it('personal data found exposed after the submission: the GDPR clock appears, counted from detection', () => {
    const before = factsOf(declared(detectedAt));
    const after = factsOf(
      declared(detectedAt),
      amended('DataImpactsAmended', ['AVAILABILITY'], ['AVAILABILITY', 'CONFIDENTIALITY']),
    );
    const at = new Date('2026-03-07T10:00:00Z');
    expect(clocksOf(before, at).some((clock) => clock.regime === 'GDPR')).toBe(false);
    expect(clockOf(clocksOf(after, at), 'GDPR/CNIL_NOTIFICATION')).toEqual({
      clockId: 'GDPR/CNIL_NOTIFICATION',
      regime: 'GDPR',
      stage: 'CNIL_NOTIFICATION',
      dueAt: '2026-03-05T07:05:00.000Z',
      metAt: null,
      requestId: null,
      status: 'overdue',
    });
  });

  it('the CNIL notification the facility declares meets the GDPR clock at the date it gives', () => {
    const facts = factsOf(
      declared(detectedAt, { dataImpacts: ['CONFIDENTIALITY'] }),
      cnilNotificationDeclared({
        notifiedAt: '2026-03-05T07:05:00.000Z',
        declaredAt: '2026-03-09T10:00:00.000Z',
      }),
    );
    expect(
      clockOf(clocksOf(facts, new Date('2026-03-10T00:00:00Z')), 'GDPR/CNIL_NOTIFICATION'),
    ).toMatchObject({
      metAt: '2026-03-05T07:05:00.000Z',
      status: 'met',
    });
  });

  it('a structure found to be an essential entity: the NIS2 clocks appear, the declaration counting as the early warning', () => {
    const facts = factsOf(declared(detectedAt, { nis2: 'NONE' }), nis2StatusAmended('NONE', 'ESSENTIAL'));
    const clocks = clocksOf(facts, new Date('2026-03-06T00:00:00Z'));
    expect(clockOf(clocks, 'NIS2/EARLY_WARNING')).toMatchObject({
      metAt: '2026-03-02T08:05:00.000Z',
      status: 'met',
    });
    expect(clockOf(clocks, 'NIS2/NOTIFICATION')).toMatchObject({
      dueAt: '2026-03-05T07:05:00.000Z',
      status: 'overdue',
    });
  });

  it('requalified out of scope, the French clock no longer applies; back in scope, it is back', () => {
    const out = qualification({ inScope: false, outOfScopeReason: 'Hors SI de santé' });
    const submitted = declared(detectedAt, { nis2: 'NONE' });
    expect(clocksOf(factsOf(submitted, declarationQualified(out)), new Date(detectedAt))).toEqual([]);
    const back = factsOf(submitted, declarationQualified(out), declarationRequalified(out, qualification()));
    expect(clocksOf(back, new Date(detectedAt)).map((clock) => clock.clockId)).toEqual(['CSP/DECLARATION']);
  });
});

describe('statuses', () => {
  const due = '2026-03-05T07:05:00.000Z';
  const at = (instant: string) => Date.parse(instant);

  it.each([
    ['met at the due instant is met', due, 'met'],
    ['met a millisecond later is met-late', '2026-03-05T07:05:00.001Z', 'met-late'],
  ])('%s', (_rule, metAt, status) => {
    expect(clockStatus({ dueAt: due, metAt }, at('2027-01-01T00:00:00Z'))).toBe(status);
  });

  it('unmet, it is due up to its due instant, overdue after', () => {
    expect(clockStatus({ dueAt: due, metAt: null }, at(due))).toBe('due');
    expect(clockStatus({ dueAt: due, metAt: null }, at(due) + 1)).toBe('overdue');
  });

  it('the instant changes statuses only: due dates are fixed by the events', () => {
    const facts = factsOf(declared('2026-03-02T07:05:00Z'));
    const early = clocksOf(facts, new Date('2026-03-02T09:00:00Z'));
    const late = clocksOf(facts, new Date('2026-05-01T00:00:00Z'));
    expect(late.map(({ status: _status, ...rest }) => rest)).toEqual(scheduleOf(facts));
    expect(early.map(({ status: _status, ...rest }) => rest)).toEqual(scheduleOf(facts));
    expect(clockOf(early, 'NIS2/NOTIFICATION').status).toBe('due');
    expect(clockOf(late, 'NIS2/NOTIFICATION').status).toBe('overdue');
  });

  it('each intermediate request is a clock of its own, met by the report that answers it', () => {
    const facts = factsOf(
      declared('2026-03-02T07:05:00Z'),
      stagedReportSubmitted('NOTIFICATION', { reportId: 'n' }),
      intermediateReportRequested({ requestId: 'r1', dueAt: '2026-03-10T17:00:00.000Z' }),
      stagedReportSubmitted('INTERMEDIATE', {
        reportId: 'i1',
        requestId: 'r1',
        submittedAt: '2026-03-11T08:00:00.000Z',
      }),
      intermediateReportRequested({ requestId: 'r2', dueAt: '2026-03-20T17:00:00.000Z' }),
    );
    const clocks = clocksOf(facts, new Date('2026-03-15T00:00:00Z'));
    expect(clockOf(clocks, 'NIS2/INTERMEDIATE/r1')).toMatchObject({ status: 'met-late', requestId: 'r1' });
    expect(clockOf(clocks, 'NIS2/INTERMEDIATE/r2')).toMatchObject({ status: 'due', metAt: null });
  });
});

describe('the French target', () => {
  it('is 24 h unless configured', () => {
    expect(clockPolicyFromEnv({})).toEqual(DEFAULT_CLOCK_POLICY);
    expect(DEFAULT_CLOCK_POLICY.cspTargetHours).toBe(24);
    const facts = factsOf(declared('2026-03-02T07:05:00Z'));
    expect(
      clockOf(
        clocksOf(facts, new Date(0), clockPolicyFromEnv({ VIGIE_CSP_TARGET_HOURS: '48' })),
        'CSP/DECLARATION',
      ).dueAt,
    ).toBe('2026-03-04T07:05:00.000Z');
  });

  it.each(['0', '-3', 'soon', '9999'])('refuses VIGIE_CSP_TARGET_HOURS=%s', (raw) => {
    expect(() => clockPolicyFromEnv({ VIGIE_CSP_TARGET_HOURS: raw })).toThrow(/VIGIE_CSP_TARGET_HOURS/);
  });
});

describe('each regime binds from its date, by the incident’s detection', () => {
  const regimes = (detectedAt: string, overrides: Parameters<typeof declared>[1] = {}, env = {}) =>
    clocksOf(factsOf(declared(detectedAt, overrides)), new Date(0), clockPolicyFromEnv(env)).map(
      (clock) => `${clock.regime}/${clock.stage}`,
    );

  it('no NIS2 clock for an incident detected before the directive applied (18 October 2024)', () => {
    // An essential entity of 2019: the deadlines list once said "NIS2 notification overdue since 2019".
    expect(regimes('2019-01-02T10:00:00Z').filter((name) => name.startsWith('NIS2'))).toEqual([]);
    expect(regimes('2024-10-17T21:59:59Z').filter((name) => name.startsWith('NIS2'))).toEqual([]);
    // Midnight in Paris on 18 October 2024 (UTC+2).
    expect(regimes('2024-10-17T22:00:00Z')).toContain('NIS2/EARLY_WARNING');
  });

  it('VIGIE_NIS2_APPLIES_FROM moves it to the national law’s date, at midnight in Paris', () => {
    const env = { VIGIE_NIS2_APPLIES_FROM: '2025-03-01' };
    expect(regimes('2025-02-28T22:59:59Z', {}, env).filter((name) => name.startsWith('NIS2'))).toEqual([]);
    expect(regimes('2025-02-28T23:00:00Z', {}, env)).toContain('NIS2/NOTIFICATION');
    expect(() => clockPolicyFromEnv({ VIGIE_NIS2_APPLIES_FROM: '2025-02-30' })).toThrow(
      /VIGIE_NIS2_APPLIES_FROM/,
    );
    expect(() => clockPolicyFromEnv({ VIGIE_NIS2_APPLIES_FROM: 'soon' })).toThrow(/VIGIE_NIS2_APPLIES_FROM/);
  });

  it('the French obligation from 1 October 2017, for an ESMS from 29 April 2022 (décret 2022-715)', () => {
    expect(regimes('2017-09-30T21:00:00Z')).not.toContain('CSP/DECLARATION');
    expect(regimes('2017-10-01T08:00:00Z')).toContain('CSP/DECLARATION');
    const esms = { structureType: 'ESMS' as const };
    expect(regimes('2021-06-01T08:00:00Z', esms)).not.toContain('CSP/DECLARATION');
    expect(regimes('2022-04-29T08:00:00Z', esms)).toContain('CSP/DECLARATION');
  });

  it('GDPR art. 33 from 25 May 2018', () => {
    const breach = { dataImpacts: ['CONFIDENTIALITY' as const] };
    expect(regimes('2018-05-24T08:00:00Z', breach)).not.toContain('GDPR/CNIL_NOTIFICATION');
    expect(regimes('2018-05-25T08:00:00Z', breach)).toContain('GDPR/CNIL_NOTIFICATION');
  });
});

describe('shares met on time, for the yearly report', () => {
  it('counts settled clocks per stage; those still due are left out of the share', () => {
    const shares = onTimeShares([
      { regime: 'NIS2', stage: 'NOTIFICATION', status: 'met' },
      { regime: 'NIS2', stage: 'NOTIFICATION', status: 'met-late' },
      { regime: 'NIS2', stage: 'NOTIFICATION', status: 'overdue' },
      { regime: 'NIS2', stage: 'NOTIFICATION', status: 'met' },
      { regime: 'NIS2', stage: 'NOTIFICATION', status: 'due' },
      { regime: 'CSP', stage: 'DECLARATION', status: 'due' },
    ]);
    expect(shares).toEqual([
      { regime: 'CSP', stage: 'DECLARATION', met: 0, metLate: 0, overdue: 0, due: 1, onTimeShare: null },
      { regime: 'NIS2', stage: 'NOTIFICATION', met: 2, metLate: 1, overdue: 1, due: 1, onTimeShare: 0.5 },
    ]);
  });
});
