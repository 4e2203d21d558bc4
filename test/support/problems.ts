import type { Response } from 'supertest';
import { problemDefect } from '../soak/kit/listening-api';

/** What is wrong with an error answer as problem+json (null: nothing), for a supertest response. */
export function defectOf(response: Response): string | null {
  const { status, text, body: json } = response;
  return problemDefect({
    status,
    headers: new Headers(response.headers as Record<string, string>),
    text,
    json,
  });
}

/** A 503 as every store outage must answer it: problem+json, well-formed, with a Retry-After. */
export function expectUnavailable(response: Response): void {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status: 503,
    body: { status: 503 },
  });
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(defectOf(response)).toBeNull();
}
