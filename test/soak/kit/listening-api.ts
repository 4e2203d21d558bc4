import { openEventStore, type EventStore } from '@vigie/event-store';
import type { AddressInfo } from 'node:net';
import type { CreateAppOptions } from '../../../apps/api/src/create-app';
import { TestApi, bearer } from '../../support/vigie-api';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
}

export interface Call {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is (JSON text, possibly broken on purpose) with Content-Type: application/json. */
  body?: string;
}

/**
 * The real API listening on a loopback port and spoken to through `fetch` (keep-alive): thousands
 * of requests per test without a server started per request. A second connection to the event
 * store reads its head, to prove that a refused request appended nothing.
 */
export class ListeningApi {
  private constructor(
    readonly api: TestApi,
    readonly baseUrl: string,
    private readonly log: EventStore,
  ) {}

  static async start(
    env: Record<string, string> = {},
    options: CreateAppOptions = {},
  ): Promise<ListeningApi> {
    const api = await TestApi.start(
      { VIGIE_RATE_LIMIT_PER_ADDRESS: '0', VIGIE_RATE_LIMIT_PER_TOKEN: '0', ...env },
      options,
    );
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    const log = await openEventStore(api.config.eventStoreUrl);
    return new ListeningApi(api, `http://127.0.0.1:${port}`, log);
  }

  async call({ method, path, headers = {}, body }: Call): Promise<Answer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  async as(role: 'declarant' | 'analyst' | 'admin', sub = `${role}-fuzz`): Promise<Record<string, string>> {
    return bearer(await this.api.token({ role, sub }));
  }

  headPosition(): Promise<bigint> {
    return this.log.headPosition();
  }

  async stop(): Promise<void> {
    await this.log.close();
    await this.api.stop();
  }
}

/** What no error body may show: stack frames, source paths, driver and SQL messages. */
const INTERNALS = [
  /\bat .+\(.+:\d+:\d+\)/,
  /node_modules/,
  /\.ts:\d+/,
  /\/work\//,
  /SQLITE_/,
  /QueryFailedError/,
  /\bSELECT\b|\bINSERT\b/,
  /TypeError|RangeError|ReferenceError/,
];
const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'detail', 'errors']);

/** Why an error answer is not a clean problem+json, or null. */
export function problemDefect(answer: Answer): string | null {
  if (!/^application\/problem\+json/.test(answer.headers.get('content-type') ?? ''))
    return `content-type ${answer.headers.get('content-type')}`;
  const body = answer.json as Record<string, unknown> | undefined;
  if (body === undefined || typeof body !== 'object') return 'no JSON body';
  const extra = Object.keys(body).filter((key) => !PROBLEM_KEYS.has(key));
  if (extra.length > 0) return `unexpected keys ${extra.join(', ')}`;
  if (body.status !== answer.status)
    return `status ${String(body.status)} in the body, ${answer.status} on the wire`;
  const leak = INTERNALS.find((pattern) => pattern.test(answer.text));
  return leak === undefined ? null : `internals in the body (${leak}): ${answer.text.slice(0, 200)}`;
}
