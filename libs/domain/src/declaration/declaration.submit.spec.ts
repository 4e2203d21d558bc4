import { STRUCTURE_TYPES } from '../taxonomy/codes';
import type { SubmitDeclaration } from './declaration.commands';
import {
  DeclarationAlreadyExists,
  InvalidDates,
  InvalidFiness,
  RegionContradictsFiness,
  TextRequired,
  TypeDoesNotMatchOrigin,
  UnknownCode,
} from './declaration.errors';
import { given } from '../testing/given-when-then';
import { declarationSubmitted, submitDeclaration } from '../testing/fixtures';

const structure = (overrides: Partial<SubmitDeclaration['structure']>) => ({
  ...submitDeclaration().structure,
  ...overrides,
});

describe('SubmitDeclaration', () => {
  describe('accepted', () => {
    it('a new declaration is submitted, its instants stored in UTC', () => {
      given([]).when(submitDeclaration()).then([declarationSubmitted()]);
    });

    it('the server stamps submittedAt with the command clock and submittedBy with the actor', () => {
      given([])
        .when(
          submitDeclaration({
            now: '2026-03-02T10:00:00+01:00',
            actor: { sub: 'analyst-7', role: 'analyst' },
          }),
        )
        .then([declarationSubmitted({ submittedAt: '2026-03-02T09:00:00.000Z', submittedBy: 'analyst-7' })]);
    });

    it('data impacts are stored once each, sorted', () => {
      given([])
        .when(submitDeclaration({ dataImpacts: ['INTEGRITY', 'AVAILABILITY', 'INTEGRITY'] }))
        .then([declarationSubmitted({ dataImpacts: ['AVAILABILITY', 'INTEGRITY'] })]);
    });

    it('an incident of unknown origin is submitted without a type', () => {
      given([])
        .when(submitDeclaration({ suspectedOrigin: 'UNKNOWN', suspectedType: null }))
        .then([declarationSubmitted({ suspectedOrigin: 'UNKNOWN', suspectedType: null })]);
    });

    it('a non-malicious incident takes a type of the non-malicious typology', () => {
      given([])
        .when(submitDeclaration({ suspectedOrigin: 'NON_MALICIOUS', suspectedType: 'TELECOM_LOSS' }))
        .then([declarationSubmitted({ suspectedOrigin: 'NON_MALICIOUS', suspectedType: 'TELECOM_LOSS' })]);
    });

    it('a Corsican FINESS number (2A/2B) is accepted', () => {
      given([])
        .when(submitDeclaration({ structure: structure({ finess: '2A0000001', region: '94' }) }))
        .then([declarationSubmitted({ structure: structure({ finess: '2A0000001', region: '94' }) })]);
    });

    it('a structure without a NIS2 status is not subject to NIS2, a blank measure is no measure', () => {
      const withoutNis2 = { ...structure({}), nis2: undefined } as unknown as SubmitDeclaration['structure'];
      given([])
        .when(submitDeclaration({ structure: withoutNis2, measuresTaken: '  ' }))
        .then([declarationSubmitted({ structure: structure({ nis2: 'NONE' }), measuresTaken: null })]);
    });

    it('fields the command does not define never reach the event', () => {
      const padded = { ...structure({}), internalNote: 'x' } as SubmitDeclaration['structure'];
      given([])
        .when(submitDeclaration({ structure: padded }))
        .then([declarationSubmitted()]);
    });

    it('the incident may have occurred and been detected at the same instant', () => {
      given([])
        .when(
          submitDeclaration({ occurredAt: '2026-03-02T07:05:00Z', detectedAt: '2026-03-02T08:05:00+01:00' }),
        )
        .then([declarationSubmitted({ occurredAt: '2026-03-02T07:05:00.000Z' })]);
    });
  });

  describe('refused', () => {
    it('a declaration is submitted only once', () => {
      given([declarationSubmitted()]).when(submitDeclaration()).thenThrows(DeclarationAlreadyExists);
    });

    it('the FINESS check digit must match', () => {
      given([])
        .when(submitDeclaration({ structure: structure({ finess: '750712185' }) }))
        .thenThrows(InvalidFiness, { field: 'structure.finess' });
    });

    it('a FINESS number has 9 characters', () => {
      given([])
        .when(submitDeclaration({ structure: structure({ finess: '75071218' }) }))
        .thenThrows(InvalidFiness, { field: 'structure.finess' });
    });

    it('the region must be the one of the FINESS number: both fields are named', () => {
      const error = given([])
        .when(submitDeclaration({ structure: structure({ finess: '750712184', region: '84' }) }))
        .thenThrows(RegionContradictsFiness, { field: 'structure.region' });
      expect(error.fields).toEqual(['structure.region', 'structure.finess']);
      expect(error.message).toContain('département 75 is in region 11, not 84');
    });

    it.each([
      ['2A0000001', '93'],
      ['970100400', '02'],
      ['980502199', '04'],
      ['980600027', '01'],
    ])('FINESS %s is not in region %s', (finess, region) => {
      given([])
        .when(
          submitDeclaration({
            structure: structure({ finess, region: region as SubmitDeclaration['structure']['region'] }),
          }),
        )
        .thenThrows(RegionContradictsFiness, { field: 'structure.region' });
    });

    it('the incident cannot occur after it was detected', () => {
      given([])
        .when(submitDeclaration({ occurredAt: '2026-03-02T08:06:00+01:00' }))
        .thenThrows(InvalidDates, { field: 'occurredAt' });
    });

    it('the incident cannot be detected in the future', () => {
      given([])
        .when(submitDeclaration({ occurredAt: '2026-03-02T08:00:00Z', detectedAt: '2026-03-02T09:00:00Z' }))
        .thenThrows(InvalidDates, { field: 'detectedAt' });
    });

    it('an instant needs a time zone offset', () => {
      given([])
        .when(submitDeclaration({ occurredAt: '2026-03-02T07:40:00' }))
        .thenThrows(InvalidDates, { field: 'occurredAt' });
    });

    it('the suspected type must belong to the suspected origin', () => {
      given([])
        .when(submitDeclaration({ suspectedOrigin: 'NON_MALICIOUS', suspectedType: 'RANSOMWARE' }))
        .thenThrows(TypeDoesNotMatchOrigin, { field: 'suspectedType' });
    });

    it('an incident of unknown origin has no type', () => {
      given([])
        .when(submitDeclaration({ suspectedOrigin: 'UNKNOWN', suspectedType: 'RANSOMWARE' }))
        .thenThrows(TypeDoesNotMatchOrigin, { field: 'suspectedType' });
    });

    it('a description is required', () => {
      given([])
        .when(submitDeclaration({ description: ' ' }))
        .thenThrows(TextRequired, { field: 'description' });
    });

    it('the declarant is named', () => {
      given([])
        .when(submitDeclaration({ declarant: { ...submitDeclaration().declarant, name: '' } }))
        .thenThrows(TextRequired, { field: 'declarant.name' });
    });

    const unknownCodes: [string, Partial<SubmitDeclaration>][] = [
      ['structure.type', { structure: structure({ type: 'CABINET' as never }) }],
      ['structure.region', { structure: structure({ region: '99' as never }) }],
      ['structure.nis2', { structure: structure({ nis2: 'CRITICAL' as never }) }],
      ['suspectedOrigin', { suspectedOrigin: 'HOSTILE' as never }],
      ['suspectedType', { suspectedType: 'ALIENS' as never }],
      ['operationalImpact', { operationalImpact: 'TOTAL' as never }],
      ['patientEndangerment', { patientEndangerment: 'SEVERE' as never }],
      ['dataImpacts', { dataImpacts: ['AVAILABILITY', 'AUTHENTICITY' as never] }],
    ];
    it.each(unknownCodes)('%s must be a code of its taxonomy', (field, overrides) => {
      given([]).when(submitDeclaration(overrides)).thenThrows(UnknownCode, { field });
    });

    it('an unknown code is refused with the codes that are allowed', () => {
      const error = given([])
        .when(submitDeclaration({ structure: structure({ type: 'CABINET' as never }) }))
        .thenThrows(UnknownCode);
      expect(error.message).toBe(`must be one of ${STRUCTURE_TYPES.join(', ')}`);
    });
  });
});
