import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO of the SMTP transaction: who the relay was asked to deliver to. */
  envelopeTo: string[];
  /** The authenticated user, or null. */
  user: string | null;
  parsed: ParsedMail;
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 (a port of its own), for tests: it accepts the credentials it
 * was started with, keeps each mail parsed, and can refuse the next ones with a temporary error.
 * No STARTTLS: the mailer speaks plain SMTP to it, as to a relay on the same host.
 */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private failures = 0;
  private failureCode = 451;
  private held: { release: Promise<void>; received: (mail: ReceivedMail) => void } | null = null;

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly user: string,
    readonly password: string,
  ) {}

  static async start(user = 'vigie', password = 'sink-password-1'): Promise<SmtpSink> {
    let sink: SmtpSink | null = null;
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: false,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === user && auth.password === password) callback(null, { user });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (sink === null) return callback(new Error('not ready'));
          if (sink.failures > 0) {
            sink.failures -= 1;
            const error = new Error('Try again later') as Error & { responseCode: number };
            error.responseCode = sink.failureCode;
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const received = sink;
          simpleParser(raw)
            .then((parsed) => {
              const mail: ReceivedMail = {
                envelopeTo: session.envelope.rcptTo.map((address) => address.address),
                user: typeof session.user === 'string' ? session.user : null,
                parsed,
                raw,
              };
              received.mails.push(mail);
              const held = received.held;
              received.held = null;
              if (held === null) return callback();
              held.received(mail);
              // The sender has handed the whole mail over and waits for the 250 that is held back.
              void held.release.then(() => callback());
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    sink = new SmtpSink(server, port, user, password);
    return sink;
  }

  /** `smtp://user:password@127.0.0.1:port`: what VIGIE_SMTP_URL would be. */
  get url(): string {
    return `smtp://${encodeURIComponent(this.user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}`;
  }

  /** The next `count` mails are refused (451 by default) after their data is sent. */
  refuseNext(count: number, code = 451): void {
    this.failures = count;
    this.failureCode = code;
  }

  /**
   * The next mail is taken in but its acceptance (250) is held until `release` resolves: the
   * sender has sent it and does not know yet. Resolves with the mail once it is in.
   */
  holdNext(release: Promise<void>): Promise<ReceivedMail> {
    return new Promise((received) => {
      this.held = { release, received };
    });
  }

  async waitFor(count: number, timeoutMs = 15_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.mails.length < count) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${count} mails, got ${this.mails.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.mails;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
