import { DeclarationIsClosed, UnknownCode } from '../declaration/declaration.errors';
import { given } from '../testing/given-when-then';
import { declarationClosed, declarationSubmitted } from '../testing/fixtures';
import {
  amendRegulatoryStatus,
  nis2StatusAmended,
  oseFlagAmended,
  stagedReportSubmitted,
  submitStagedReport,
} from '../testing/regulatory-fixtures';
import { Nis2DoesNotApply } from './regulatory.errors';

const submitted = declarationSubmitted();

describe('AmendRegulatoryStatus', () => {
  it('the NIS2 status changes from → to', () => {
    given([submitted])
      .when(amendRegulatoryStatus({ nis2: 'ESSENTIAL' }))
      .then([nis2StatusAmended('NONE', 'ESSENTIAL')]);
  });

  it('the OSE flag changes from → to', () => {
    given([submitted])
      .when(amendRegulatoryStatus({ isOse: true }))
      .then([oseFlagAmended(false, true)]);
  });

  it('both at once: one event each', () => {
    given([submitted])
      .when(amendRegulatoryStatus({ nis2: 'IMPORTANT', isOse: true }))
      .then([nis2StatusAmended('NONE', 'IMPORTANT'), oseFlagAmended(false, true)]);
  });

  it('nothing to do: the values it already has', () => {
    given([submitted])
      .when(amendRegulatoryStatus({ nis2: 'NONE', isOse: false }))
      .then([]);
  });

  it('a structure amended into NIS2 then owes its staged reports', () => {
    given([submitted, nis2StatusAmended('NONE', 'ESSENTIAL')])
      .when(submitStagedReport('NOTIFICATION'))
      .then([stagedReportSubmitted('NOTIFICATION')]);
  });

  it('a structure amended out of NIS2 owes none', () => {
    given([submitted, nis2StatusAmended('NONE', 'ESSENTIAL'), nis2StatusAmended('ESSENTIAL', 'NONE')])
      .when(submitStagedReport('NOTIFICATION'))
      .thenThrows(Nis2DoesNotApply);
  });

  it('refused: a status outside the taxonomy', () => {
    given([submitted])
      .when(amendRegulatoryStatus({ nis2: 'CRITICAL' as never }))
      .thenThrows(UnknownCode, { field: 'nis2' });
  });

  it('refused on a closed declaration', () => {
    given([submitted, declarationClosed()])
      .when(amendRegulatoryStatus({ isOse: true }))
      .thenThrows(DeclarationIsClosed);
  });
});
