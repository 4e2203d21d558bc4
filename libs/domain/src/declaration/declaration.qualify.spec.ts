import {
  DeclarationIsClosed,
  OutOfScopeReasonRequired,
  TypeDoesNotMatchOrigin,
  UnknownCode,
} from './declaration.errors';
import { given } from '../testing/given-when-then';
import {
  declarationClosed,
  declarationQualified,
  declarationRequalified,
  declarationSubmitted,
  qualification,
  qualifyDeclaration,
  resolutionReported,
} from '../testing/fixtures';

const submitted = declarationSubmitted();

describe('QualifyDeclaration', () => {
  describe('accepted', () => {
    it('the first qualification qualifies the declaration', () => {
      given([submitted]).when(qualifyDeclaration()).then([declarationQualified()]);
    });

    it('attack vectors are stored once each, sorted', () => {
      given([submitted])
        .when(qualifyDeclaration({ attackVectors: ['TROJAN', 'PHISHING', 'TROJAN'] }))
        .then([declarationQualified({ attackVectors: ['PHISHING', 'TROJAN'] })]);
    });

    it('the CERT may qualify against the declarant’s suspicion', () => {
      given([submitted])
        .when(
          qualifyDeclaration({
            origin: 'NON_MALICIOUS',
            incidentType: 'SUPPLIER_INCIDENT',
            attackVectors: [],
          }),
        )
        .then([
          declarationQualified({ origin: 'NON_MALICIOUS', type: 'SUPPLIER_INCIDENT', attackVectors: [] }),
        ]);
    });

    it('out of scope, with its reason', () => {
      given([submitted])
        .when(qualifyDeclaration({ inScope: false, outOfScopeReason: 'Pharmacie d’officine' }))
        .then([declarationQualified({ inScope: false, outOfScopeReason: 'Pharmacie d’officine' })]);
    });

    it('in scope keeps no out-of-scope reason', () => {
      given([submitted])
        .when(qualifyDeclaration({ inScope: true, outOfScopeReason: 'sans objet' }))
        .then([declarationQualified({ inScope: true, outOfScopeReason: null })]);
    });

    it('a different qualification requalifies, from → to', () => {
      given([submitted, declarationQualified()])
        .when(qualifyDeclaration({ regulatoryQualification: 'SIGNIFICATIF' }))
        .then([
          declarationRequalified(qualification(), qualification({ regulatoryQualification: 'SIGNIFICATIF' })),
        ]);
    });

    it('a requalification starts from the latest qualification', () => {
      const second = qualification({ inScope: false, outOfScopeReason: 'Hors SI' });
      given([submitted, declarationQualified(), declarationRequalified(qualification(), second)])
        .when(qualifyDeclaration())
        .then([declarationRequalified(second, qualification())]);
    });

    it('a resolved declaration can still be qualified', () => {
      given([submitted, resolutionReported()]).when(qualifyDeclaration()).then([declarationQualified()]);
    });
  });

  describe('nothing to do', () => {
    it('the same qualification again changes nothing', () => {
      given([submitted, declarationQualified()]).when(qualifyDeclaration()).then([]);
    });

    it('the same attack vectors in another order, repeated, change nothing', () => {
      given([submitted, declarationQualified({ attackVectors: ['PHISHING', 'TROJAN'] })])
        .when(qualifyDeclaration({ attackVectors: ['TROJAN', 'PHISHING', 'PHISHING'] }))
        .then([]);
    });
  });

  describe('refused', () => {
    it('not on a closed declaration', () => {
      given([submitted, declarationClosed()]).when(qualifyDeclaration()).thenThrows(DeclarationIsClosed);
    });

    it('the type must belong to the origin’s typology', () => {
      given([submitted])
        .when(qualifyDeclaration({ origin: 'MALICIOUS', incidentType: 'INFRA_FAILURE' }))
        .thenThrows(TypeDoesNotMatchOrigin, { field: 'type' });
    });

    it('out of scope requires a reason', () => {
      given([submitted])
        .when(qualifyDeclaration({ inScope: false, outOfScopeReason: null }))
        .thenThrows(OutOfScopeReasonRequired, { field: 'outOfScopeReason' });
    });

    it('out of scope requires a reason that says something', () => {
      given([submitted])
        .when(qualifyDeclaration({ inScope: false, outOfScopeReason: '  ' }))
        .thenThrows(OutOfScopeReasonRequired, { field: 'outOfScopeReason' });
    });

    it('a qualified origin is malicious or not: unknown is no qualification', () => {
      given([submitted])
        .when(qualifyDeclaration({ origin: 'UNKNOWN' as never }))
        .thenThrows(UnknownCode, { field: 'origin' });
    });

    it('attack vectors come from their list', () => {
      given([submitted])
        .when(qualifyDeclaration({ attackVectors: ['SOCIAL_ENGINEERING' as never] }))
        .thenThrows(UnknownCode, { field: 'attackVectors' });
    });

    it('the regulatory qualification is GRAVE or SIGNIFICATIF', () => {
      given([submitted])
        .when(qualifyDeclaration({ regulatoryQualification: 'MINEUR' as never }))
        .thenThrows(UnknownCode, { field: 'regulatoryQualification' });
    });
  });
});
