import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailConfig } from '@vigie/config';
import { createTransport, type Transporter } from 'nodemailer';

/** One mail to one declarant. `mailId` names it everywhere: the file, the Message-ID, the event. */
export interface OutgoingMail {
  mailId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  /** Resolves once the relay accepted the mail (or the file is in place); rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The domain of the From address, for the Message-ID (RFC 5322 §3.6.4: `<id@domain>`). */
function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'vigie.invalid';
}

/**
 * The same mailId gives the same Message-ID: a mail sent again after a crash between sending and
 * recording is recognisable as the same mail by the recipient's client or a relay's duplicate filter.
 */
export const messageIdOf = (mailId: string, from: string): string => `<${mailId}@${domainOf(from)}>`;

function envelopeOf(mail: OutgoingMail, from: string) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: messageIdOf(mail.mailId, from),
    // RFC 3834: automatic replies (out-of-office) should not answer it.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Vigie-Mail': mail.mailId },
  };
}

/** Through the relay of `VIGIE_SMTP_URL`, one connection per mail (mails are few). */
class SmtpTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transporter = createTransport({
      url,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // nodemailer's own logger would print the envelope (addresses): keep it quiet.
      logger: false,
      debug: false,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(envelopeOf(mail, this.from));
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * Without a relay: each mail as `<mailId>.eml` (RFC 5322 bytes, what a relay would have been
 * handed), written to a hidden temporary file then renamed, so a crash never leaves half a mail.
 * Sending the same mail again replaces its file with the same content.
 */
class OutboxTransport implements MailTransport {
  private readonly composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly directory: string,
    private readonly from: string,
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.composer.sendMail(envelopeOf(mail, this.from));
    const bytes = (info as unknown as { message: Buffer }).message;
    await mkdir(this.directory, { recursive: true });
    const final = join(this.directory, `${mail.mailId}.eml`);
    const temporary = join(this.directory, `.${mail.mailId}.eml.tmp`);
    try {
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, final);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  close(): void {
    this.composer.close();
  }
}

/** The transport of a mailer that runs (`mode` is not `off`); says once where mails go without a relay. */
export function createMailTransport(
  config: Pick<MailConfig, 'mode' | 'smtpUrl' | 'from' | 'outboxDir'>,
  announce: (message: string) => void,
): MailTransport {
  if (config.mode === 'smtp' && config.smtpUrl !== null)
    return new SmtpTransport(config.smtpUrl, config.from);
  announce(`no VIGIE_SMTP_URL: mails are written to ${config.outboxDir}`);
  return new OutboxTransport(config.outboxDir, config.from);
}
