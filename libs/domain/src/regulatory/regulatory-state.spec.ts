import { foldDeclaration } from '../declaration/declaration';
import { declarationSubmitted } from '../testing/fixtures';
import {
  INTERMEDIATE_REQUEST_ID,
  authorityNotified,
  cnilNotificationDeclared,
  deadlineReminderSent,
  intermediateReportRequested,
  nis2StatusAmended,
  nis2Submitted,
  oseFlagAmended,
  stagedReportSubmitted,
} from '../testing/regulatory-fixtures';

describe('evolve, regulatory events', () => {
  it('the structure’s NIS2 status and OSE flag come from the submission, then from their amendments', () => {
    expect(foldDeclaration([nis2Submitted()])).toMatchObject({ nis2: 'ESSENTIAL', isOse: false });
    expect(
      foldDeclaration([
        declarationSubmitted(),
        nis2StatusAmended('NONE', 'IMPORTANT'),
        oseFlagAmended(false, true),
      ]),
    ).toMatchObject({ nis2: 'IMPORTANT', isOse: true });
  });

  it('a request stays open until a report answers it', () => {
    const requested = [nis2Submitted(), intermediateReportRequested()];
    expect(foldDeclaration(requested).openIntermediateRequestId).toBe(INTERMEDIATE_REQUEST_ID);
    const answered = stagedReportSubmitted('INTERMEDIATE', { requestId: INTERMEDIATE_REQUEST_ID });
    expect(foldDeclaration([...requested, answered]).openIntermediateRequestId).toBeNull();
  });

  it('the notification and the final report are remembered', () => {
    const state = foldDeclaration([
      nis2Submitted(),
      stagedReportSubmitted('NOTIFICATION'),
      stagedReportSubmitted('FINAL'),
    ]);
    expect(state).toMatchObject({ notificationSubmitted: true, finalSubmitted: true });
  });

  it('the CNIL notification is remembered', () => {
    expect(
      foldDeclaration([declarationSubmitted(), cnilNotificationDeclared()]).cnilNotificationDeclared,
    ).toBe(true);
  });

  it('only deliveries that went through count as delivered', () => {
    const state = foldDeclaration([
      declarationSubmitted(),
      authorityNotified({ outcome: 'failed', deliveryId: 'a' }),
      authorityNotified({ deliveryId: 'b' }),
      deadlineReminderSent({ deliveryId: 'c' }),
    ]);
    expect(state.deliveredIds).toEqual(['b', 'c']);
  });
});
