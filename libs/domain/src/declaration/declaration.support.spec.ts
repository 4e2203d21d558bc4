import { DeclarationIsClosed, TextRequired, UnknownCode } from './declaration.errors';
import { given } from '../testing/given-when-then';
import {
  declarationClosed,
  declarationSubmitted,
  logSupportIntervention,
  requestSupport,
  resolutionReported,
  supportInterventionLogged,
  supportRequested,
} from '../testing/fixtures';

const submitted = declarationSubmitted();

describe('RequestSupport', () => {
  it('accepted: the declarant asks CERT Santé for support', () => {
    given([submitted]).when(requestSupport()).then([supportRequested()]);
  });

  it('accepted: support may be asked again, each request is a fact', () => {
    given([submitted, supportRequested()])
      .when(requestSupport({ reason: 'Nouvelle vague' }))
      .then([supportRequested({ reason: 'Nouvelle vague' })]);
  });

  it('refused: not on a closed declaration', () => {
    given([submitted, declarationClosed()]).when(requestSupport()).thenThrows(DeclarationIsClosed);
  });

  it('refused: the reason is not blank', () => {
    given([submitted])
      .when(requestSupport({ reason: '' }))
      .thenThrows(TextRequired, { field: 'reason' });
  });
});

describe('LogSupportIntervention', () => {
  it('accepted: the analyst logs an intervention', () => {
    given([submitted, supportRequested()]).when(logSupportIntervention()).then([supportInterventionLogged()]);
  });

  it('accepted: CERT Santé may intervene without a request, and after the resolution', () => {
    given([submitted, resolutionReported()])
      .when(logSupportIntervention({ kind: 'ANSSI_FSSI' }))
      .then([supportInterventionLogged({ kind: 'ANSSI_FSSI' })]);
  });

  it('refused: not on a closed declaration', () => {
    given([submitted, declarationClosed()]).when(logSupportIntervention()).thenThrows(DeclarationIsClosed);
  });

  it('refused: the kind is one of the intervention kinds', () => {
    given([submitted])
      .when(logSupportIntervention({ kind: 'PHONE_CALL' as never }))
      .thenThrows(UnknownCode, { field: 'kind' });
  });

  it('refused: the summary is not blank', () => {
    given([submitted])
      .when(logSupportIntervention({ summary: ' ' }))
      .thenThrows(TextRequired, { field: 'summary' });
  });
});
