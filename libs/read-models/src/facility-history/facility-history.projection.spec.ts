import type { DeclarationEvent } from '@vigie/domain';
import { foldRow, sumRows } from '../testing/fold';
import { at, qualification, recorded, submittedData } from '../testing/recorded-events';
import type { FacilityHistoryMember } from './facility-history.entity';
import { facilityHistorySums, facilityMemberProjection } from './facility-history.projection';

const A = '11111111-1111-4111-8111-00000000000a';
const B = '11111111-1111-4111-8111-00000000000b';

const submitted = (declarationId: string, overrides = {}): DeclarationEvent => ({
  type: 'DeclarationSubmitted',
  data: submittedData({ declarationId, ...overrides }),
});
const member = (events: DeclarationEvent[]) => foldRow(facilityMemberProjection, recorded(events))!;

describe('facility history projection', () => {
  const first = member([
    submitted(A, { submittedAt: '2026-01-10T08:00:00.000Z', patientEndangerment: 'NONE' }),
  ]);
  const second = member([
    submitted(B, {
      submittedAt: '2026-02-10T08:00:00.000Z',
      structure: {
        finess: '750712184',
        name: 'CH X (nouveau nom)',
        type: 'ES',
        region: '11',
        isOse: false,
        nis2: 'NONE',
      },
      patientEndangerment: 'POTENTIAL',
    }),
  ]);

  it('counts a facility’s declarations, first and last, named by the latest', () => {
    const [row] = sumRows(facilityHistorySums, [
      [second, 1],
      [first, 1],
    ]).values();
    expect(row).toMatchObject({
      finess: '750712184',
      structureName: 'CH X (nouveau nom)',
      declarations: 2,
      openDeclarations: 2,
      firstSubmittedAt: '2026-01-10T08:00:00.000Z',
      lastSubmittedAt: '2026-02-10T08:00:00.000Z',
      lastDeclarationId: B,
      originMalicious: 2,
      endangermentPotential: 1,
    });
  });

  it('a closure, a requalification and an amendment move the counts; a reopening moves them back', () => {
    const events: DeclarationEvent[] = [
      submitted(A),
      {
        type: 'DeclarationQualified',
        data: {
          declarationId: A,
          ...qualification({ origin: 'NON_MALICIOUS', type: 'INFRA_FAILURE' }),
          qualifiedBy: 'a',
          qualifiedAt: at(1),
        },
      },
      {
        type: 'PatientEndangermentAmended',
        data: { declarationId: A, from: 'POTENTIAL', to: 'ACTUAL', amendedBy: 'd', amendedAt: at(2) },
      },
      { type: 'DeclarationClosed', data: { declarationId: A, reason: 'r', closedBy: 'a', closedAt: at(3) } },
    ];
    const open = member(events.slice(0, 1));
    const closed = member(events);
    expect(closed).toMatchObject({
      qualified: true,
      closed: true,
      origin: 'NON_MALICIOUS',
      patientEndangerment: 'ACTUAL',
      revision: 3,
    });
    const [row] = sumRows(facilityHistorySums, [
      [open, 1],
      [open, -1],
      [closed, 1],
    ]).values();
    expect(row).toMatchObject({
      declarations: 1,
      openDeclarations: 0,
      originMalicious: 0,
      originNonMalicious: 1,
      endangermentPotential: 0,
      endangermentActual: 1,
    });
    const reopened = foldRow(
      facilityMemberProjection,
      recorded(
        [
          {
            type: 'DeclarationReopened',
            data: { declarationId: A, reason: 'r', reopenedBy: 'a', reopenedAt: at(4) },
          },
        ],
        { firstRevision: 4 },
      ),
      closed,
    );
    expect(reopened?.closed).toBe(false);
  });

  it('after qualification, an amended suspicion no longer moves the origin', () => {
    const qualified = member([
      submitted(A),
      {
        type: 'DeclarationQualified',
        data: { declarationId: A, ...qualification(), qualifiedBy: 'a', qualifiedAt: at(1) },
      },
      {
        type: 'SuspectedOriginAmended',
        data: { declarationId: A, from: 'MALICIOUS', to: 'NON_MALICIOUS', amendedBy: 'd', amendedAt: at(2) },
      },
    ]);
    expect(qualified.origin).toBe('MALICIOUS');
  });

  it('events the history does not count keep the member row as it is (nothing to rewrite)', () => {
    const row: FacilityHistoryMember = member([submitted(A)]);
    const [description] = recorded(
      [
        {
          type: 'DescriptionAmended',
          data: { declarationId: A, from: 'x', to: 'y', amendedBy: 'd', amendedAt: at(1) },
        },
      ],
      { firstRevision: 1 },
    );
    expect(facilityMemberProjection.evolve(row, description)).toBe(row);
  });
});
