import fc from 'fast-check';
import {
  DATA_IMPACTS,
  INCIDENT_TYPES,
  INTERVENTION_KINDS,
  OPERATIONAL_IMPACTS,
  PATIENT_ENDANGERMENTS,
  QUALIFIED_ORIGINS,
  SUSPECTED_ORIGINS,
  type DeclarationEvent,
} from '@vigie/domain';
import { qualification, submitted } from '../report.fixtures';

/** Random declaration logs for the report's property tests (as-of.spec.ts, report-within.property.spec.ts). */
export const FROM = Date.parse('2019-12-20T00:00:00.000Z');
export const TO = Date.parse('2021-01-10T00:00:00.000Z');

export const qualificationArb = fc.record({
  origin: fc.constantFrom(...QUALIFIED_ORIGINS),
  type: fc.constantFrom(...INCIDENT_TYPES),
  inScope: fc.boolean(),
});

/** An instant `hours` (and a few minutes) after 2020-03-01: degraded-mode periods of any length in hours. */
export const instantAt = (hours: number): string =>
  new Date(Date.parse('2020-03-01T00:00:00.000Z') + hours * 3_600_000 + (hours % 7) * 60_000).toISOString();

/** What may follow a submission; `from` values are not read by the facts, so they are placeholders. */
export const laterEventArb = (id: string): fc.Arbitrary<DeclarationEvent> =>
  fc.oneof(
    fc.constantFrom(...SUSPECTED_ORIGINS).map((to) => amendment('SuspectedOriginAmended', id, to)),
    fc
      .option(fc.constantFrom(...INCIDENT_TYPES), { nil: null })
      .map((to) => amendment('SuspectedTypeAmended', id, to)),
    fc.constantFrom(...OPERATIONAL_IMPACTS).map((to) => amendment('OperationalImpactAmended', id, to)),
    fc.constantFrom(...PATIENT_ENDANGERMENTS).map((to) => amendment('PatientEndangermentAmended', id, to)),
    fc.subarray([...DATA_IMPACTS]).map((to) => amendment('DataImpactsAmended', id, to)),
    // Degraded mode: the start and an end from 0 to 10 days later, or no end (ongoing).
    fc
      .option(fc.integer({ min: 0, max: 240 }), { nil: null })
      .map((hours) => amendment('DegradedModeStartAmended', id, hours === null ? null : instantAt(hours))),
    fc
      .option(fc.integer({ min: 0, max: 480 }), { nil: null })
      .map((hours) => amendment('DegradedModeEndAmended', id, hours === null ? null : instantAt(hours))),
    qualificationArb.map((q): DeclarationEvent => ({
      type: 'DeclarationQualified',
      data: {
        declarationId: id,
        ...qualification(q),
        qualifiedBy: 'a',
        qualifiedAt: '2020-01-01T00:00:00.000Z',
      },
    })),
    qualificationArb.map((q): DeclarationEvent => ({
      type: 'DeclarationRequalified',
      data: {
        declarationId: id,
        from: qualification(),
        to: qualification(q),
        requalifiedBy: 'a',
        requalifiedAt: '2020-01-01T00:00:00.000Z',
      },
    })),
    fc.constant<DeclarationEvent>({
      type: 'SupportRequested',
      data: { declarationId: id, reason: 'r', requestedBy: 'd', requestedAt: '2020-01-01T00:00:00.000Z' },
    }),
    fc.constantFrom(...INTERVENTION_KINDS).map((kind): DeclarationEvent => ({
      type: 'SupportInterventionLogged',
      data: {
        declarationId: id,
        interventionId: 'i',
        kind,
        summary: 's',
        loggedBy: 'a',
        loggedAt: '2020-01-01T00:00:00.000Z',
      },
    })),
  );

export function amendment(type: string, declarationId: string, to: unknown): DeclarationEvent {
  return {
    type,
    data: { declarationId, from: null, to, amendedBy: 'd', amendedAt: '2020-01-01T00:00:00.000Z' },
  } as DeclarationEvent;
}

/** One declaration's stream: a submission around the year's edges, then later events, each at its own instant. */
export const streamArb = (id: string, from = FROM, to = TO) =>
  fc
    .record({
      submittedAt: fc.integer({ min: from, max: to }),
      declaredAfter: fc.integer({ min: 0, max: 5 * 86_400_000 }),
      finess: fc.constantFrom('750712184', '690000880', '130000029'),
      origin: fc.constantFrom(...SUSPECTED_ORIGINS),
      type: fc.option(fc.constantFrom(...INCIDENT_TYPES), { nil: null }),
      operationalImpact: fc.constantFrom(...OPERATIONAL_IMPACTS),
      patientEndangerment: fc.constantFrom(...PATIENT_ENDANGERMENTS),
      dataImpacts: fc.subarray([...DATA_IMPACTS]),
      supportRequested: fc.boolean(),
      later: fc.array(fc.tuple(fc.integer({ min: 1, max: 40 * 86_400_000 }), laterEventArb(id)), {
        maxLength: 6,
      }),
    })
    .map((d) => {
      const first = submitted({
        declarationId: id,
        structure: { finess: d.finess, name: 'S', type: 'ES', region: '11', isOse: false, nis2: 'NONE' },
        detectedAt: new Date(d.submittedAt - d.declaredAfter).toISOString(),
        submittedAt: new Date(d.submittedAt).toISOString(),
        suspectedOrigin: d.origin,
        suspectedType: d.type,
        operationalImpact: d.operationalImpact,
        patientEndangerment: d.patientEndangerment,
        dataImpacts: d.dataImpacts,
        supportRequested: d.supportRequested,
      });
      let at = d.submittedAt;
      const events: { at: number; event: DeclarationEvent }[] = [{ at, event: first }];
      for (const [delay, event] of d.later) events.push({ at: (at += delay), event });
      return events;
    });
