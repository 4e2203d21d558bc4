import type { DeliveryOutcome } from '@vigie/domain';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signature,
  timestampOf,
} from './webhook-signature';

export interface WebhookCall {
  url: string;
  deliveryId: string;
  /** A label for logs (`ARS 11`, `HFDS`, `facility <FINESS>`): never the URL, which may hold a token. */
  recipient: string;
  message: { event: string };
}

export interface DeliveryResult {
  outcome: DeliveryOutcome;
  attempts: number;
  /** The last HTTP status, or null when no answer came (refused, timed out). */
  status: number | null;
}

export interface WebhookSenderOptions {
  secret: string;
  maxAttempts: number;
  /** The wait after the first failed attempt; it doubles after each one. */
  backoffMs: number;
  timeoutMs: number;
  clock: () => Date;
  sleep?: (ms: number) => Promise<void>;
  logger?: { warn(message: string): void };
}

/** The receiver said the request itself is wrong: sending it again cannot help. */
const permanent = (status: number): boolean =>
  status >= 400 && status < 500 && ![408, 425, 429].includes(status);

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One delivery round: POST the signed JSON body, retrying with exponential backoff up to
 * `maxAttempts`. Every attempt carries the same `X-Vigie-Delivery`, so the receiver keeps one.
 */
export class WebhookSender {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly logger: { warn(message: string): void };

  constructor(private readonly options: WebhookSenderOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.logger = options.logger ?? console;
  }

  async deliver(call: WebhookCall): Promise<DeliveryResult> {
    const body = JSON.stringify(call.message);
    let status: number | null = null;
    for (let attempt = 1; ; attempt++) {
      status = await this.attempt(call, body);
      if (status !== null && status >= 200 && status < 300)
        return { outcome: 'delivered', attempts: attempt, status };
      this.logger.warn(
        `notifier: delivery ${call.deliveryId} to ${call.recipient}, attempt ${attempt}/${this.options.maxAttempts}: ${status ?? 'no answer'}`,
      );
      if (attempt >= this.options.maxAttempts || (status !== null && permanent(status))) {
        return { outcome: 'failed', attempts: attempt, status };
      }
      await this.sleep(this.options.backoffMs * 2 ** (attempt - 1));
    }
  }

  private async attempt(call: WebhookCall, body: string): Promise<number | null> {
    const timestamp = timestampOf(this.options.clock());
    try {
      const response = await fetch(call.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          [DELIVERY_HEADER]: call.deliveryId,
          [EVENT_HEADER]: call.message.event,
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signature(this.options.secret, timestamp, body),
        },
        body,
      });
      // Read to the end so that the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch {
      return null;
    }
  }
}
