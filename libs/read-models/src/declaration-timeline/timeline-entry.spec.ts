import type { DeclarationEvent } from '@vigie/domain';
import { DECLARATION_ID as id, at, qualification, recorded, submittedData } from '../testing/recorded-events';
import { timelineEntryOf } from './timeline-entry';

const entryOf = (event: DeclarationEvent, sub = 'analyst-1') =>
  timelineEntryOf(recorded([event], { firstRevision: 3, firstPosition: 42n, sub })[0]);

describe('timeline entry', () => {
  it('a submission lists every submitted field from null, at submittedAt, by the actor', () => {
    const entry = entryOf({ type: 'DeclarationSubmitted', data: submittedData() }, 'declarant-1');
    expect(entry).toMatchObject({
      revision: 3,
      position: '42',
      type: 'DeclarationSubmitted',
      at: '2026-03-02T08:00:00.000Z',
      by: 'declarant-1',
    });
    expect(entry.changes.map((change) => change.field)).toEqual([
      'structure',
      'declarant',
      'occurredAt',
      'detectedAt',
      'description',
      'suspectedOrigin',
      'suspectedType',
      'operationalImpact',
      'patientEndangerment',
      'dataImpacts',
      'supportRequested',
      'measuresTaken',
      'systemsConcerned',
      'systemsDetail',
      'handlingState',
      'personsAffected',
      'supplierInvolved',
      'supplierName',
      'otherNotifications',
      'reference',
    ]);
    expect(entry.changes.every((change) => change.from === null)).toBe(true);
    expect(entry.changes.find((change) => change.field === 'suspectedType')).toEqual({
      field: 'suspectedType',
      from: null,
      to: 'RANSOMWARE',
    });
  });

  it('an amendment is one change of its field, from → to, at amendedAt', () => {
    const entry = entryOf({
      type: 'OperationalImpactAmended',
      data: {
        declarationId: id,
        from: 'DEGRADED',
        to: 'INTERRUPTION',
        amendedBy: 'declarant-1',
        amendedAt: at(15),
      },
    });
    expect(entry.at).toBe(at(15));
    expect(entry.changes).toEqual([{ field: 'operationalImpact', from: 'DEGRADED', to: 'INTERRUPTION' }]);
  });

  it('degraded-mode amendments name the declaration field they change', () => {
    const entry = entryOf({
      type: 'DegradedModeEndAmended',
      data: { declarationId: id, from: null, to: at(90), amendedBy: 'd', amendedAt: at(91) },
    });
    expect(entry.changes).toEqual([{ field: 'degradedModeEndedAt', from: null, to: at(90) }]);
  });

  it('structure flags are amendments of structure.nis2 and structure.isOse', () => {
    const entry = entryOf({
      type: 'StructureNis2StatusAmended',
      data: { declarationId: id, from: 'NONE', to: 'IMPORTANT', amendedBy: 'd', amendedAt: at(3) },
    });
    expect(entry.changes).toEqual([{ field: 'structure.nis2', from: 'NONE', to: 'IMPORTANT' }]);
  });

  it('a delivery to an authority is shown at its own instant, with its outcome', () => {
    const entry = entryOf(
      {
        type: 'AuthorityNotified',
        data: {
          declarationId: id,
          authority: 'HFDS',
          region: null,
          outcome: 'delivered',
          attempts: 1,
          deliveryId: 'd1',
          at: at(7),
        },
      },
      'system',
    );
    expect(entry).toMatchObject({ at: at(7), by: 'system' });
    expect(entry.changes.map((change) => [change.field, change.to])).toEqual([
      ['authority', 'HFDS'],
      ['region', null],
      ['outcome', 'delivered'],
      ['attempts', 1],
      ['deliveryId', 'd1'],
    ]);
  });

  it('a requalification lists only the qualification fields that differ', () => {
    const entry = entryOf({
      type: 'DeclarationRequalified',
      data: {
        declarationId: id,
        from: qualification(),
        to: qualification({ origin: 'NON_MALICIOUS', type: 'TELECOM_LOSS', attackVectors: [] }),
        requalifiedBy: 'analyst-2',
        requalifiedAt: at(45),
      },
    });
    expect(entry.at).toBe(at(45));
    expect(entry.changes).toEqual([
      { field: 'qualification.origin', from: 'MALICIOUS', to: 'NON_MALICIOUS' },
      { field: 'qualification.type', from: 'RANSOMWARE', to: 'TELECOM_LOSS' },
      { field: 'qualification.attackVectors', from: ['PHISHING'], to: [] },
    ]);
  });

  it('a first qualification lists every qualification field from null', () => {
    const entry = entryOf({
      type: 'DeclarationQualified',
      data: { declarationId: id, ...qualification(), qualifiedBy: 'a', qualifiedAt: at(30) },
    });
    expect(entry.changes).toHaveLength(6);
    expect(entry.changes[0]).toEqual({ field: 'qualification.origin', from: null, to: 'MALICIOUS' });
  });

  it('other events show their business fields, at their own instant', () => {
    const resolution = entryOf({
      type: 'ResolutionReported',
      data: {
        declarationId: id,
        resolvedAt: at(100),
        summary: 'Restauré',
        reportedBy: 'd',
        reportedAt: at(110),
      },
    });
    expect(resolution.at).toBe(at(110));
    expect(resolution.changes).toEqual([
      { field: 'resolvedAt', from: null, to: at(100) },
      { field: 'summary', from: null, to: 'Restauré' },
    ]);
    const intervention = entryOf({
      type: 'SupportInterventionLogged',
      data: {
        declarationId: id,
        interventionId: 'i1',
        kind: 'ANSSI_FSSI',
        summary: 'Sur site',
        loggedBy: 'a',
        loggedAt: at(70),
      },
    });
    expect(intervention.changes.map((change) => change.field)).toEqual(['interventionId', 'kind', 'summary']);
    expect(
      entryOf({
        type: 'DeclarationClosed',
        data: { declarationId: id, reason: 'Traité', closedBy: 'a', closedAt: at(120) },
      }).changes,
    ).toEqual([{ field: 'reason', from: null, to: 'Traité' }]);
  });

  it('an unknown type shows its data fields in a stable order and never throws on odd data', () => {
    const [event] = recorded([
      { type: 'DeclarationClosed', data: { declarationId: id, reason: 'x', closedBy: 'a', closedAt: at(1) } },
    ]);
    const entry = timelineEntryOf({
      ...event,
      type: 'FutureThing',
      data: { declarationId: id, zeta: 1, alpha: 'a' },
    });
    expect(entry.changes).toEqual([
      { field: 'alpha', from: null, to: 'a' },
      { field: 'zeta', from: null, to: 1 },
    ]);
    expect(entry.at).toBe(event.recordedAt);
    expect(() =>
      timelineEntryOf({ ...event, type: 'DeclarationRequalified', data: { from: 3 } }),
    ).not.toThrow();
  });
});
