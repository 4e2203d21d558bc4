import { given } from '../testing/given-when-then';
import { declarationClosed, declarationSubmitted } from '../testing/fixtures';
import {
  authorityNotified,
  deadlineReminderSent,
  recordAuthorityNotification,
  recordDeadlineReminder,
} from '../testing/regulatory-fixtures';

const submitted = declarationSubmitted();

describe('RecordAuthorityNotification', () => {
  it('a delivery is recorded with its outcome', () => {
    given([submitted]).when(recordAuthorityNotification()).then([authorityNotified()]);
  });

  it('the HFDS has no region', () => {
    given([submitted])
      .when(recordAuthorityNotification({ authority: 'HFDS', region: null, deliveryId: 'hfds' }))
      .then([authorityNotified({ authority: 'HFDS', region: null, deliveryId: 'hfds' })]);
  });

  it('nothing to do: a delivery already recorded as delivered (a retry after a restart)', () => {
    given([submitted, authorityNotified()]).when(recordAuthorityNotification()).then([]);
  });

  it('a failed round is recorded, and a later success too', () => {
    const failed = authorityNotified({ outcome: 'failed', attempts: 5 });
    given([submitted])
      .when(recordAuthorityNotification({ outcome: 'failed', attempts: 5 }))
      .then([failed]);
    given([submitted, failed]).when(recordAuthorityNotification()).then([authorityNotified()]);
  });

  it('recorded on a closed declaration too: it is what happened', () => {
    given([submitted, declarationClosed()]).when(recordAuthorityNotification()).then([authorityNotified()]);
  });
});

describe('RecordDeadlineReminder', () => {
  it('a reminder is recorded with the clock it is about', () => {
    given([submitted]).when(recordDeadlineReminder()).then([deadlineReminderSent()]);
  });

  it('nothing to do: a reminder already delivered', () => {
    given([submitted, deadlineReminderSent()]).when(recordDeadlineReminder()).then([]);
  });

  it('an overdue reminder is a delivery of its own', () => {
    given([submitted, deadlineReminderSent()])
      .when(recordDeadlineReminder({ reminder: 'overdue', deliveryId: 'delivery-2' }))
      .then([deadlineReminderSent({ reminder: 'overdue', deliveryId: 'delivery-2' })]);
  });
});
