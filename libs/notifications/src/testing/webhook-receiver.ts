import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../webhook-signature';

export interface ReceivedCall {
  path: string;
  deliveryId: string;
  event: string;
  /** Whether X-Vigie-Signature verified against the raw body, with the receiver's secret and clock. */
  signatureValid: boolean;
  rawBody: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

/** What the receiver answers a call: a status, or a promise it waits for first (to hold the call open). */
export type Reply = number | { status: number; before: Promise<void> };

/**
 * A real HTTP receiver on 127.0.0.1, as an ARS or a facility would run one: it verifies the
 * signature, keeps every call, and answers from a script (`replies`, then 200).
 */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private readonly replies: Reply[] = [];
  private readonly listeners: ((call: ReceivedCall) => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(secret: string, clock: () => Date = () => new Date()): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => request.headers[name.toLowerCase()] as string | undefined;
        const call: ReceivedCall = {
          path: request.url ?? '/',
          deliveryId: header(DELIVERY_HEADER) ?? '',
          event: header(EVENT_HEADER) ?? '',
          signatureValid: verifySignature(
            secret,
            { signature: header(SIGNATURE_HEADER), timestamp: header(TIMESTAMP_HEADER) },
            rawBody,
            { now: clock() },
          ),
          rawBody,
          body: JSON.parse(rawBody || '{}'),
          headers: request.headers,
        };
        receiver!.calls.push(call);
        for (const listener of receiver!.listeners.splice(0)) listener(call);
        const reply = receiver!.replies.shift() ?? 200;
        const { status, before } =
          typeof reply === 'number' ? { status: reply, before: Promise.resolve() } : reply;
        void before.then(() => {
          if (!response.destroyed)
            response.writeHead(status, { 'Content-Type': 'application/json' }).end('{}');
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}`);
    return receiver;
  }

  /** The next calls get these answers, in order; later ones get 200. */
  reply(...replies: Reply[]): void {
    this.replies.push(...replies);
  }

  /** Resolves with the next call the receiver gets. */
  nextCall(): Promise<ReceivedCall> {
    return new Promise((resolve) => this.listeners.push(resolve));
  }

  callsTo(path: string): ReceivedCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
