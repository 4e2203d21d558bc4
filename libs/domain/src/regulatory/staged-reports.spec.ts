import {
  DeclarationIsClosed,
  InvalidDates,
  TextRequired,
  UnknownCode,
} from '../declaration/declaration.errors';
import type { ReportStage } from '../declaration/declaration.events';
import { given } from '../testing/given-when-then';
import { declarationClosed, declarationReopened, declarationSubmitted } from '../testing/fixtures';
import {
  INTERMEDIATE_REQUEST_ID,
  cnilNotificationDeclared,
  declareCnilNotification,
  intermediateReportRequested,
  nis2Submitted,
  oseSubmitted,
  requestIntermediateReport,
  stagedReportSubmitted,
  submitStagedReport,
} from '../testing/regulatory-fixtures';
import {
  CnilNotificationAlreadyDeclared,
  FinalReportAlreadySubmitted,
  IntermediateReportAlreadyRequested,
  Nis2DoesNotApply,
  NoOpenIntermediateReportRequest,
  NotificationNotYetSubmitted,
  StagedReportAlreadySubmitted,
} from './regulatory.errors';

const submitted = nis2Submitted();
const notified = stagedReportSubmitted('NOTIFICATION', { reportId: 'notification' });
const requested = intermediateReportRequested();

describe('SubmitStagedReport', () => {
  describe('accepted', () => {
    it('an essential entity submits its incident notification', () => {
      given([submitted])
        .when(submitStagedReport('NOTIFICATION'))
        .then([stagedReportSubmitted('NOTIFICATION')]);
    });

    it('an important entity reports too', () => {
      given([nis2Submitted('IMPORTANT')])
        .when(submitStagedReport('NOTIFICATION'))
        .then([stagedReportSubmitted('NOTIFICATION')]);
    });

    it('an OSE counts as an essential entity', () => {
      given([oseSubmitted])
        .when(submitStagedReport('NOTIFICATION'))
        .then([stagedReportSubmitted('NOTIFICATION')]);
    });

    it('the final report follows the notification, in its own event', () => {
      given([submitted, notified])
        .when(submitStagedReport('FINAL'))
        .then([stagedReportSubmitted('FINAL')]);
    });

    it('an intermediate report answers the pending request', () => {
      given([submitted, notified, requested])
        .when(submitStagedReport('INTERMEDIATE'))
        .then([stagedReportSubmitted('INTERMEDIATE', { requestId: INTERMEDIATE_REQUEST_ID })]);
    });

    it('a final report answers a request still pending: nothing can follow it', () => {
      given([submitted, notified, requested])
        .when(submitStagedReport('FINAL'))
        .then([stagedReportSubmitted('FINAL', { requestId: INTERMEDIATE_REQUEST_ID })]);
    });

    it('a second request, once the first is answered, is answered by the next intermediate report', () => {
      const answered = stagedReportSubmitted('INTERMEDIATE', {
        reportId: 'r2',
        requestId: INTERMEDIATE_REQUEST_ID,
      });
      const second = intermediateReportRequested({ requestId: 'intermediate-2' });
      given([submitted, notified, requested, answered, second])
        .when(submitStagedReport('INTERMEDIATE', { reportId: 'r3' }))
        .then([stagedReportSubmitted('INTERMEDIATE', { reportId: 'r3', requestId: 'intermediate-2' })]);
    });
  });

  describe('refused', () => {
    it('outside NIS2 there is no staged report', () => {
      given([declarationSubmitted()]).when(submitStagedReport('NOTIFICATION')).thenThrows(Nis2DoesNotApply);
    });

    it('no final report before the notification', () => {
      given([submitted]).when(submitStagedReport('FINAL')).thenThrows(NotificationNotYetSubmitted);
    });

    it.each<[ReportStage]>([['NOTIFICATION'], ['FINAL']])(
      'the %s stage is submitted once: it is never overwritten',
      (stage) => {
        const history =
          stage === 'FINAL' ? [submitted, notified, stagedReportSubmitted('FINAL')] : [submitted, notified];
        const error = given(history).when(submitStagedReport(stage)).thenThrows(StagedReportAlreadySubmitted);
        expect(error).toMatchObject({ stage, kind: 'conflict' });
      },
    );

    it('an intermediate report answers a request: none is pending', () => {
      given([submitted, notified])
        .when(submitStagedReport('INTERMEDIATE'))
        .thenThrows(NoOpenIntermediateReportRequest);
    });

    it('not on a closed declaration', () => {
      given([submitted, declarationClosed()])
        .when(submitStagedReport('NOTIFICATION'))
        .thenThrows(DeclarationIsClosed);
    });

    it('a reopened declaration accepts reports again', () => {
      given([submitted, declarationClosed(), declarationReopened()])
        .when(submitStagedReport('NOTIFICATION'))
        .then([stagedReportSubmitted('NOTIFICATION')]);
    });

    it('an empty report says nothing', () => {
      given([submitted])
        .when(submitStagedReport('NOTIFICATION', { content: '  ' }))
        .thenThrows(TextRequired, { field: 'content' });
    });

    it('a stage outside the three', () => {
      given([submitted])
        .when(submitStagedReport('EARLY_WARNING' as ReportStage))
        .thenThrows(UnknownCode, { field: 'stage' });
    });
  });
});

describe('RequestIntermediateReport', () => {
  it('accepted: the CERT asks for a report by the date it sets', () => {
    given([submitted, notified]).when(requestIntermediateReport()).then([requested]);
  });

  it('the due date is stored as a UTC instant', () => {
    given([submitted])
      .when(requestIntermediateReport({ dueAt: '2026-03-10T18:00:00+01:00' }))
      .then([intermediateReportRequested({ dueAt: '2026-03-10T17:00:00.000Z' })]);
  });

  it('refused outside NIS2', () => {
    given([declarationSubmitted()]).when(requestIntermediateReport()).thenThrows(Nis2DoesNotApply);
  });

  it('refused while a request is pending: one at a time', () => {
    const error = given([submitted, requested])
      .when(requestIntermediateReport({ requestId: 'intermediate-2' }))
      .thenThrows(IntermediateReportAlreadyRequested);
    expect(error).toMatchObject({ openRequestId: INTERMEDIATE_REQUEST_ID });
  });

  it('refused after the final report', () => {
    given([submitted, notified, stagedReportSubmitted('FINAL')])
      .when(requestIntermediateReport())
      .thenThrows(FinalReportAlreadySubmitted);
  });

  it('refused with a due date already past', () => {
    given([submitted])
      .when(requestIntermediateReport({ dueAt: '2026-03-03T08:00:00Z' }))
      .thenThrows(InvalidDates, { field: 'dueAt' });
  });

  it('refused on a closed declaration', () => {
    given([submitted, declarationClosed()]).when(requestIntermediateReport()).thenThrows(DeclarationIsClosed);
  });
});

describe('DeclareCnilNotification', () => {
  const confidential = declarationSubmitted({ dataImpacts: ['CONFIDENTIALITY'] });

  it('accepted: the facility gives the date it notified the CNIL and the reference', () => {
    given([confidential]).when(declareCnilNotification()).then([cnilNotificationDeclared()]);
  });

  it('refused a second time', () => {
    given([confidential, cnilNotificationDeclared()])
      .when(declareCnilNotification())
      .thenThrows(CnilNotificationAlreadyDeclared);
  });

  it('refused when dated before the detection', () => {
    given([confidential])
      .when(declareCnilNotification({ notifiedAt: '2026-03-01T09:00:00+01:00' }))
      .thenThrows(InvalidDates, { field: 'notifiedAt' });
  });

  it('refused when dated in the future', () => {
    given([confidential])
      .when(declareCnilNotification({ notifiedAt: '2026-03-04T09:00:00+01:00' }))
      .thenThrows(InvalidDates, { field: 'notifiedAt' });
  });

  it('refused without a reference', () => {
    given([confidential])
      .when(declareCnilNotification({ reference: '' }))
      .thenThrows(TextRequired, { field: 'reference' });
  });

  it('refused on a closed declaration', () => {
    given([confidential, declarationClosed()])
      .when(declareCnilNotification())
      .thenThrows(DeclarationIsClosed);
  });
});
