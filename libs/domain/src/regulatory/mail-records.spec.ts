import type { RecordMail } from '../declaration/declaration.commands';
import type { MailSent } from '../declaration/declaration.events';
import { foldDeclaration } from '../declaration/declaration';
import { UnknownCode } from '../declaration/declaration.errors';
import { given } from '../testing/given-when-then';
import { DECLARATION_ID, LATER, declarationClosed, declarationSubmitted } from '../testing/fixtures';

const MAILER = { sub: 'system:mailer', role: 'admin' } as const;
const MAIL_ID = '3f0c6d5e-2a1b-5c4d-8e9f-0a1b2c3d4e5f';

const recordMail = (overrides: Partial<Omit<RecordMail, 'type'>> = {}): RecordMail => ({
  type: 'RecordMail',
  declarationId: DECLARATION_ID,
  actor: MAILER,
  now: LATER,
  mailId: MAIL_ID,
  kind: 'receipt',
  outcome: 'sent',
  attempts: 1,
  ...overrides,
});

const mailSent = (overrides: Partial<MailSent['data']> = {}): MailSent => ({
  type: 'MailSent',
  data: {
    declarationId: DECLARATION_ID,
    mailId: MAIL_ID,
    kind: 'receipt',
    outcome: 'sent',
    attempts: 1,
    at: LATER,
    ...overrides,
  },
});

const submitted = declarationSubmitted();

describe('RecordMail', () => {
  it('a mail is recorded with its kind and outcome, and no address', () => {
    given([submitted]).when(recordMail()).then([mailSent()]);
  });

  it('nothing to do: a mail already recorded as sent (a resend after a crash)', () => {
    given([submitted, mailSent()]).when(recordMail()).then([]);
  });

  it('a failed round is recorded, then the success', () => {
    const failed = mailSent({ outcome: 'failed', attempts: 3 });
    given([submitted])
      .when(recordMail({ outcome: 'failed', attempts: 3 }))
      .then([failed]);
    given([submitted, failed]).when(recordMail()).then([mailSent()]);
  });

  it('each kind is a mail of its own; on a closed declaration too', () => {
    const closedMail = { mailId: 'closed-mail', kind: 'closed' as const };
    given([submitted, mailSent(), declarationClosed()])
      .when(recordMail(closedMail))
      .then([mailSent(closedMail)]);
  });

  it('an unknown kind is refused', () => {
    given([submitted])
      .when(recordMail({ kind: 'spam' as RecordMail['kind'] }))
      .thenThrows(UnknownCode);
  });

  it('a sent mail joins the ids recorded once; a failed one does not', () => {
    expect(foldDeclaration([submitted, mailSent({ outcome: 'failed' })]).deliveredIds).toEqual([]);
    expect(foldDeclaration([submitted, mailSent()]).deliveredIds).toEqual([MAIL_ID]);
  });
});
