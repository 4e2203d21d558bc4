import { LifecycleConflict } from '../domain-error';
import type { ReportStage } from '../declaration/declaration.events';

export class Nis2DoesNotApply extends LifecycleConflict {
  readonly code = 'nis2-does-not-apply';
  constructor(readonly declarationId: string) {
    super(
      `Declaration ${declarationId} is not under NIS2 (the structure is neither an essential or important entity nor an OSE): it has no staged reports`,
    );
  }
}

export class StagedReportAlreadySubmitted extends LifecycleConflict {
  readonly code = 'staged-report-already-submitted';
  constructor(readonly stage: ReportStage) {
    super(
      `The ${stage} report was already submitted: it is kept as it was; send an intermediate report on request`,
    );
  }
}

export class NotificationNotYetSubmitted extends LifecycleConflict {
  readonly code = 'notification-not-yet-submitted';
  constructor() {
    super('The final report follows the incident notification: submit the NOTIFICATION stage first');
  }
}

export class NoOpenIntermediateReportRequest extends LifecycleConflict {
  readonly code = 'no-open-intermediate-report-request';
  constructor(readonly declarationId: string) {
    super(
      `Declaration ${declarationId} has no pending intermediate-report request: intermediate reports answer one`,
    );
  }
}

export class IntermediateReportAlreadyRequested extends LifecycleConflict {
  readonly code = 'intermediate-report-already-requested';
  constructor(readonly openRequestId: string) {
    super(`Intermediate-report request ${openRequestId} is still unanswered: one open request at a time`);
  }
}

export class FinalReportAlreadySubmitted extends LifecycleConflict {
  readonly code = 'final-report-already-submitted';
  constructor(readonly declarationId: string) {
    super(
      `The final report of declaration ${declarationId} was submitted: no intermediate report can follow it`,
    );
  }
}

export class CnilNotificationAlreadyDeclared extends LifecycleConflict {
  readonly code = 'cnil-notification-already-declared';
  constructor(readonly declarationId: string) {
    super(`The CNIL notification of declaration ${declarationId} was already declared`);
  }
}
