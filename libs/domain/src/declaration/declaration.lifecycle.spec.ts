import {
  DeclarationAlreadyResolved,
  DeclarationIsClosed,
  DeclarationNotClosed,
  InvalidDates,
  TextRequired,
} from './declaration.errors';
import { given } from '../testing/given-when-then';
import {
  closeDeclaration,
  declarationClosed,
  declarationReopened,
  declarationSubmitted,
  reopenDeclaration,
  reportResolution,
  resolutionReported,
} from '../testing/fixtures';

const submitted = declarationSubmitted();

describe('ReportResolution', () => {
  it('accepted: the resolution instant is stored in UTC', () => {
    given([submitted]).when(reportResolution()).then([resolutionReported()]);
  });

  it('accepted: the incident may be resolved the instant it was detected', () => {
    given([submitted])
      .when(reportResolution({ resolvedAt: '2026-03-02T08:05:00+01:00' }))
      .then([resolutionReported({ resolvedAt: '2026-03-02T07:05:00.000Z' })]);
  });

  it('accepted: a reopened declaration can be resolved again', () => {
    given([submitted, resolutionReported(), declarationClosed(), declarationReopened()])
      .when(reportResolution())
      .then([resolutionReported()]);
  });

  it('refused: a resolution is reported once', () => {
    given([submitted, resolutionReported()]).when(reportResolution()).thenThrows(DeclarationAlreadyResolved);
  });

  it('refused: not on a closed declaration', () => {
    given([submitted, declarationClosed()]).when(reportResolution()).thenThrows(DeclarationIsClosed);
  });

  it('refused: the incident cannot be resolved before it was detected', () => {
    given([submitted])
      .when(reportResolution({ resolvedAt: '2026-03-02T08:04:59+01:00' }))
      .thenThrows(InvalidDates, { field: 'resolvedAt' });
  });

  it('refused: the incident cannot be resolved in the future', () => {
    given([submitted])
      .when(reportResolution({ resolvedAt: '2026-03-03T12:00:00Z' }))
      .thenThrows(InvalidDates, { field: 'resolvedAt' });
  });

  it('refused: the summary is not blank', () => {
    given([submitted])
      .when(reportResolution({ summary: '' }))
      .thenThrows(TextRequired, { field: 'summary' });
  });
});

describe('CloseDeclaration', () => {
  it('accepted: a resolved declaration is closed', () => {
    given([submitted, resolutionReported()]).when(closeDeclaration()).then([declarationClosed()]);
  });

  it('accepted: the CERT may close a declaration nobody reported resolved', () => {
    given([submitted]).when(closeDeclaration()).then([declarationClosed()]);
  });

  it('accepted: a reopened declaration can be closed again', () => {
    given([submitted, declarationClosed(), declarationReopened()])
      .when(closeDeclaration())
      .then([declarationClosed()]);
  });

  it('nothing to do: a closed declaration stays closed', () => {
    given([submitted, declarationClosed()]).when(closeDeclaration()).then([]);
  });

  it('refused: the reason is not blank', () => {
    given([submitted])
      .when(closeDeclaration({ reason: ' ' }))
      .thenThrows(TextRequired, { field: 'reason' });
  });
});

describe('ReopenDeclaration', () => {
  it('accepted: a closed declaration is reopened', () => {
    given([submitted, declarationClosed()]).when(reopenDeclaration()).then([declarationReopened()]);
  });

  it('refused: only a closed declaration is reopened', () => {
    given([submitted]).when(reopenDeclaration()).thenThrows(DeclarationNotClosed);
  });

  it('refused: a reopened declaration is open already', () => {
    given([submitted, declarationClosed(), declarationReopened()])
      .when(reopenDeclaration())
      .thenThrows(DeclarationNotClosed);
  });

  it('refused: the reason is not blank', () => {
    given([submitted, declarationClosed()])
      .when(reopenDeclaration({ reason: '' }))
      .thenThrows(TextRequired, { field: 'reason' });
  });
});
