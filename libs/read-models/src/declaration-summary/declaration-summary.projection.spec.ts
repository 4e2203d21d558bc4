import type { DeclarationEvent } from '@vigie/domain';
import { foldRow } from '../testing/fold';
import { DECLARATION_ID as id, at, qualification, recorded, submittedData } from '../testing/recorded-events';
import { declarationSummaryProjection as projection } from './declaration-summary.projection';

const submitted = (overrides = {}): DeclarationEvent => ({
  type: 'DeclarationSubmitted',
  data: submittedData(overrides),
});

describe('declaration summary projection', () => {
  it('a submission gives the filter columns and the view', () => {
    const row = foldRow(
      projection,
      recorded([submitted({ description: 'Sécurité : Cœur de réseau À L’ARRÊT' })]),
    );
    expect(row).toMatchObject({
      id,
      finess: '750712184',
      structureName: 'Centre hospitalier X',
      structureType: 'ES',
      region: '11',
      year: 2026,
      month: 3,
      submittedAt: '2026-03-02T08:00:00.000Z',
      origin: 'MALICIOUS',
      incidentType: 'RANSOMWARE',
      status: 'SUBMITTED',
      patientEndangerment: 'POTENTIAL',
      operationalImpact: 'DEGRADED',
      searchText: 'securite : coeur de reseau a l’arret',
      revision: 0,
      position: '1',
    });
    expect(row?.view.id).toBe(id);
  });

  it('origin and type: the latest qualification wins over the suspicion', () => {
    const row = foldRow(
      projection,
      recorded([
        submitted({ suspectedOrigin: 'UNKNOWN', suspectedType: null }),
        {
          type: 'DeclarationQualified',
          data: {
            declarationId: id,
            ...qualification({ origin: 'NON_MALICIOUS', type: 'TELECOM_LOSS' }),
            qualifiedBy: 'a',
            qualifiedAt: at(5),
          },
        },
        {
          type: 'SuspectedOriginAmended',
          data: { declarationId: id, from: 'UNKNOWN', to: 'MALICIOUS', amendedBy: 'd', amendedAt: at(6) },
        },
      ]),
    );
    expect(row).toMatchObject({
      origin: 'NON_MALICIOUS',
      incidentType: 'TELECOM_LOSS',
      status: 'QUALIFIED',
      revision: 2,
    });
  });

  it('an amended description is searched by its new words', () => {
    const row = foldRow(
      projection,
      recorded([
        submitted(),
        {
          type: 'DescriptionAmended',
          data: {
            declarationId: id,
            from: 'x',
            to: 'Télé-maintenance ÉCHOUÉE',
            amendedBy: 'd',
            amendedAt: at(5),
          },
        },
      ]),
    );
    expect(row).toMatchObject({
      description: 'Télé-maintenance ÉCHOUÉE',
      searchText: 'tele-maintenance echouee',
    });
  });

  it('replaying an applied revision returns the same row', () => {
    const events = recorded([
      submitted(),
      { type: 'DeclarationClosed', data: { declarationId: id, reason: 'r', closedBy: 'a', closedAt: at(9) } },
    ]);
    const row = foldRow(projection, events);
    expect(projection.evolve(row, events[0])).toBe(row);
    expect(projection.evolve(row, events[1])).toBe(row);
  });

  it('events of other streams touch no row', () => {
    const [event] = recorded([submitted()]);
    expect(projection.keyOf({ ...event, streamId: 'facility-1' })).toBeNull();
    expect(projection.evolve(null, { ...event, streamId: 'facility-1' })).toBeNull();
  });
});
