import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SmtpSink } from '../../../../test/support/smtp-sink';
import { createMailTransport, messageIdOf } from './mail-transport';
import { mailConfig } from './testing/mail-test-kit';

const MAIL = {
  mailId: '9b2e4c1a-0d3f-5a6b-8c7d-e1f2a3b4c5d6',
  to: 'rssi@chu-x.example',
  subject: '[Vigie] Accusé de réception de votre déclaration 2026-000042',
  text: 'Bonjour,\n\nLe CERT Santé a bien reçu votre déclaration.\n',
  html: '<p>Bonjour,</p>',
};

describe('the mail transports', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'vigie-outbox-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('without VIGIE_SMTP_URL: says once where mails go, and writes each as a parseable <mailId>.eml, nothing else', async () => {
    const said: string[] = [];
    const outbox = join(directory, 'outbox');
    const transport = createMailTransport(mailConfig({ mode: 'outbox', outboxDir: outbox }), (m) =>
      said.push(m),
    );
    await transport.send(MAIL);
    await transport.send(MAIL);
    transport.close();
    expect(said).toEqual([`no VIGIE_SMTP_URL: mails are written to ${outbox}`]);
    expect(readdirSync(outbox)).toEqual([`${MAIL.mailId}.eml`]);
    const parsed = await simpleParser(readFileSync(join(outbox, `${MAIL.mailId}.eml`)));
    expect(parsed.subject).toBe(MAIL.subject);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : null).toEqual([
      { name: '', address: MAIL.to },
    ]);
    expect(parsed.text).toBe(MAIL.text);
    expect(parsed.messageId).toBe(messageIdOf(MAIL.mailId, mailConfig().from));
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('over SMTP: authenticated with the URL’s credentials, the Message-ID derived from the mailId', async () => {
    const sink = await SmtpSink.start();
    const said: string[] = [];
    const transport = createMailTransport(mailConfig({ mode: 'smtp', smtpUrl: sink.url }), (m) =>
      said.push(m),
    );
    try {
      await transport.send(MAIL);
      expect(said).toEqual([]);
      expect(sink.mails.map((mail) => [mail.user, mail.envelopeTo, mail.parsed.messageId])).toEqual([
        [sink.user, [MAIL.to], `<${MAIL.mailId}@cert.example>`],
      ]);
    } finally {
      transport.close();
      await sink.stop();
    }
  });

  it('wrong credentials: the send fails, and the error does not carry the password', async () => {
    const sink = await SmtpSink.start();
    const transport = createMailTransport(
      mailConfig({ mode: 'smtp', smtpUrl: `smtp://vigie:wrong-password-7@127.0.0.1:${sink.port}` }),
      () => undefined,
    );
    try {
      const error = await transport.send(MAIL).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).message)).not.toContain('wrong-password-7');
      expect(sink.mails).toEqual([]);
    } finally {
      transport.close();
      await sink.stop();
    }
  });
});
