import {
  DeclarationIsClosed,
  InvalidDates,
  TextRequired,
  TypeDoesNotMatchOrigin,
  UnknownCode,
} from './declaration.errors';
import { given } from '../testing/given-when-then';
import {
  ANALYST,
  amendDeclaration,
  amended,
  declarationClosed,
  declarationReopened,
  declarationSubmitted,
  resolutionReported,
} from '../testing/fixtures';

const submitted = declarationSubmitted();

describe('AmendDeclaration', () => {
  describe('accepted', () => {
    it('a changed value is its own event, from → to', () => {
      given([submitted])
        .when(amendDeclaration({ operationalImpact: 'INTERRUPTION' }))
        .then([amended('OperationalImpactAmended', 'DEGRADED', 'INTERRUPTION')]);
    });

    it('each changed field gives one event, in a fixed order, stamped with the actor and the clock', () => {
      given([submitted])
        .when(
          amendDeclaration(
            {
              measuresTaken: 'Sauvegardes restaurées',
              description: 'Chiffrement étendu',
              patientEndangerment: 'ACTUAL',
            },
            { actor: ANALYST },
          ),
        )
        .then([
          amended('DescriptionAmended', 'Postes chiffrés aux urgences', 'Chiffrement étendu', ANALYST),
          amended('PatientEndangermentAmended', 'POTENTIAL', 'ACTUAL', ANALYST),
          amended('MeasuresTakenAmended', 'Réseau isolé', 'Sauvegardes restaurées', ANALYST),
        ]);
    });

    it('only the fields whose value really changes give an event', () => {
      given([submitted])
        .when(amendDeclaration({ operationalImpact: 'DEGRADED', patientEndangerment: 'NONE' }))
        .then([amended('PatientEndangermentAmended', 'POTENTIAL', 'NONE')]);
    });

    it('data impacts are compared as sets and stored sorted', () => {
      given([submitted])
        .when(amendDeclaration({ dataImpacts: ['CONFIDENTIALITY', 'AVAILABILITY', 'CONFIDENTIALITY'] }))
        .then([amended('DataImpactsAmended', ['AVAILABILITY'], ['AVAILABILITY', 'CONFIDENTIALITY'])]);
    });

    it('the origin changes together with a type of the new origin', () => {
      given([submitted])
        .when(amendDeclaration({ suspectedOrigin: 'NON_MALICIOUS', suspectedType: 'INFRA_FAILURE' }))
        .then([
          amended('SuspectedOriginAmended', 'MALICIOUS', 'NON_MALICIOUS'),
          amended('SuspectedTypeAmended', 'RANSOMWARE', 'INFRA_FAILURE'),
        ]);
    });

    it('the origin changes when the type is cleared in the same amendment', () => {
      given([submitted])
        .when(amendDeclaration({ suspectedOrigin: 'UNKNOWN', suspectedType: null }))
        .then([
          amended('SuspectedOriginAmended', 'MALICIOUS', 'UNKNOWN'),
          amended('SuspectedTypeAmended', 'RANSOMWARE', null),
        ]);
    });

    it('a blank measure clears the measures taken', () => {
      given([submitted])
        .when(amendDeclaration({ measuresTaken: '' }))
        .then([amended('MeasuresTakenAmended', 'Réseau isolé', null)]);
    });

    it('degraded-mode bounds are stored in UTC', () => {
      given([submitted])
        .when(
          amendDeclaration({
            degradedModeStartedAt: '2026-03-02T08:00:00+01:00',
            degradedModeEndedAt: '2026-03-03T09:30:00+01:00',
          }),
        )
        .then([
          amended('DegradedModeStartAmended', null, '2026-03-02T07:00:00.000Z'),
          amended('DegradedModeEndAmended', null, '2026-03-03T08:30:00.000Z'),
        ]);
    });

    it('a degraded-mode end may be amended alone when it stays after the start', () => {
      given([submitted, amended('DegradedModeStartAmended', null, '2026-03-02T07:00:00.000Z')])
        .when(amendDeclaration({ degradedModeEndedAt: '2026-03-02T07:00:00Z' }))
        .then([amended('DegradedModeEndAmended', null, '2026-03-02T07:00:00.000Z')]);
    });

    it('a resolved declaration can still be amended', () => {
      given([submitted, resolutionReported()])
        .when(amendDeclaration({ description: 'Bilan final' }))
        .then([amended('DescriptionAmended', 'Postes chiffrés aux urgences', 'Bilan final')]);
    });

    it('a reopened declaration can be amended again', () => {
      given([submitted, declarationClosed(), declarationReopened()])
        .when(amendDeclaration({ operationalImpact: 'NONE' }))
        .then([amended('OperationalImpactAmended', 'DEGRADED', 'NONE')]);
    });

    it('amendments build on earlier amendments', () => {
      given([submitted, amended('OperationalImpactAmended', 'DEGRADED', 'INTERRUPTION')])
        .when(amendDeclaration({ operationalImpact: 'DEGRADED' }))
        .then([amended('OperationalImpactAmended', 'INTERRUPTION', 'DEGRADED')]);
    });
  });

  describe('nothing to do', () => {
    it('values given as they already are change nothing', () => {
      given([submitted])
        .when(amendDeclaration({ description: 'Postes chiffrés aux urgences', suspectedOrigin: 'MALICIOUS' }))
        .then([]);
    });

    it('the same data impacts in another order change nothing', () => {
      given([submitted, amended('DataImpactsAmended', ['AVAILABILITY'], ['AVAILABILITY', 'INTEGRITY'])])
        .when(amendDeclaration({ dataImpacts: ['INTEGRITY', 'AVAILABILITY'] }))
        .then([]);
    });

    it('the same instant written in another offset changes nothing', () => {
      given([submitted, amended('DegradedModeStartAmended', null, '2026-03-02T07:00:00.000Z')])
        .when(amendDeclaration({ degradedModeStartedAt: '2026-03-02T08:00:00+01:00' }))
        .then([]);
    });

    it('an empty amendment changes nothing', () => {
      given([submitted]).when(amendDeclaration({})).then([]);
    });
  });

  describe('refused', () => {
    it('a closed declaration cannot be amended', () => {
      given([submitted, declarationClosed()])
        .when(amendDeclaration({ description: 'Trop tard' }))
        .thenThrows(DeclarationIsClosed);
    });

    it('the origin cannot move away from the type without changing the type', () => {
      const error = given([submitted])
        .when(amendDeclaration({ suspectedOrigin: 'NON_MALICIOUS' }))
        .thenThrows(TypeDoesNotMatchOrigin, { field: 'suspectedOrigin' });
      expect(error.message).toContain('suspectedType');
    });

    it('the type must belong to the origin', () => {
      given([submitted])
        .when(amendDeclaration({ suspectedType: 'TELECOM_LOSS' }))
        .thenThrows(TypeDoesNotMatchOrigin, { field: 'suspectedType' });
    });

    it('the degraded mode cannot end before it started', () => {
      given([submitted])
        .when(
          amendDeclaration({
            degradedModeStartedAt: '2026-03-02T09:00:00Z',
            degradedModeEndedAt: '2026-03-02T08:59:59Z',
          }),
        )
        .thenThrows(InvalidDates, { field: 'degradedModeEndedAt' });
    });

    it('a degraded-mode start cannot move after the recorded end', () => {
      given([submitted, amended('DegradedModeEndAmended', null, '2026-03-02T09:00:00.000Z')])
        .when(amendDeclaration({ degradedModeStartedAt: '2026-03-02T10:00:00Z' }))
        .thenThrows(InvalidDates, { field: 'degradedModeStartedAt' });
    });

    it('a degraded-mode bound cannot lie in the future', () => {
      given([submitted])
        .when(amendDeclaration({ degradedModeEndedAt: '2026-03-04T09:00:00Z' }))
        .thenThrows(InvalidDates, { field: 'degradedModeEndedAt' });
    });

    it('a degraded-mode bound is an instant', () => {
      given([submitted])
        .when(amendDeclaration({ degradedModeStartedAt: 'yesterday' }))
        .thenThrows(InvalidDates, { field: 'degradedModeStartedAt' });
    });

    it('the description cannot be blanked', () => {
      given([submitted])
        .when(amendDeclaration({ description: '   ' }))
        .thenThrows(TextRequired, { field: 'description' });
    });

    it('an amended code must belong to its taxonomy', () => {
      given([submitted])
        .when(amendDeclaration({ dataImpacts: ['AUTHENTICITY' as never] }))
        .thenThrows(UnknownCode, { field: 'dataImpacts' });
    });
  });
});
