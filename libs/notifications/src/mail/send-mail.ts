import type { MailOutcome } from '@vigie/domain';
import type { MailTransport, OutgoingMail } from './mail-transport';

export interface SendResult {
  outcome: MailOutcome;
  attempts: number;
}

/** What may be said of a failure: its SMTP code, never its text (a refused recipient is named in it). */
export function failureOf(error: unknown): string {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const parts = [
    typeof code === 'string' ? code : null,
    typeof responseCode === 'number' ? responseCode : null,
  ];
  const said = parts.filter((part) => part !== null).join(' ');
  return said === '' ? (error instanceof Error ? error.name : 'error') : said;
}

/** One round: up to `maxAttempts` tries, the wait doubling from `backoffMs`. Never throws. */
export async function sendWithRetries(
  transport: MailTransport,
  mail: OutgoingMail,
  options: { maxAttempts: number; backoffMs: number; warn(message: string): void },
): Promise<SendResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await transport.send(mail);
      return { outcome: 'sent', attempts: attempt };
    } catch (error) {
      options.warn(`mailer: mail ${mail.mailId} attempt ${attempt} failed (${failureOf(error)})`);
      if (attempt >= options.maxAttempts) return { outcome: 'failed', attempts: attempt };
      await new Promise((resolve) => setTimeout(resolve, options.backoffMs * 2 ** (attempt - 1)));
    }
  }
}
