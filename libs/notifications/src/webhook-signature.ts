import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers every webhook call carries besides `Content-Type: application/json`. */
export const SIGNATURE_HEADER = 'X-Vigie-Signature';
export const TIMESTAMP_HEADER = 'X-Vigie-Timestamp';
export const DELIVERY_HEADER = 'X-Vigie-Delivery';
export const EVENT_HEADER = 'X-Vigie-Event';

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<raw body>`). Signing the timestamp with the
 * body lets a receiver refuse an old call replayed with a fresh timestamp.
 */
export function signature(secret: string, timestamp: string, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody);
  return `sha256=${hmac.digest('hex')}`;
}

/** Unix seconds, as `X-Vigie-Timestamp` carries them. */
export const timestampOf = (at: Date): string => String(Math.floor(at.getTime() / 1000));

/**
 * What a receiver runs on the raw body it got, before parsing it: the signature matches and the
 * timestamp is within `toleranceMs` of its own clock (default 5 minutes).
 */
export function verifySignature(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string | Buffer,
  options: { now: Date; toleranceMs?: number },
): boolean {
  const { signature: given, timestamp } = headers;
  if (given === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(options.now.getTime() - Number(timestamp) * 1000) > (options.toleranceMs ?? 5 * 60_000))
    return false;
  const expected = Buffer.from(signature(secret, timestamp, rawBody));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
