import { createHmac } from 'node:crypto';
import { signature, timestampOf, verifySignature } from './webhook-signature';

const SECRET = 'the-shared-secret';
const now = new Date('2026-03-29T00:00:00Z');
const body = '{"deliveryId":"d-1","event":"declaration.submitted"}';

describe('webhook signature', () => {
  it('is the HMAC-SHA256 of "<timestamp>.<raw body>", in hex', () => {
    const timestamp = timestampOf(now);
    expect(timestamp).toBe('1774742400');
    const expected = createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex');
    expect(signature(SECRET, timestamp, body)).toBe(`sha256=${expected}`);
  });

  it('verifies what was signed', () => {
    const timestamp = timestampOf(now);
    expect(
      verifySignature(SECRET, { signature: signature(SECRET, timestamp, body), timestamp }, body, { now }),
    ).toBe(true);
  });

  it.each([
    ['a body changed in transit', { body: body.replace('d-1', 'd-2') }],
    ['another secret', { secret: 'another-secret' }],
    ['a timestamp swapped after signing', { timestamp: timestampOf(new Date(now.getTime() + 1000)) }],
    ['a call older than the tolerance', { now: new Date(now.getTime() + 6 * 60_000) }],
  ])('refuses %s', (_case, change: { body?: string; secret?: string; timestamp?: string; now?: Date }) => {
    const signed = signature(change.secret ?? SECRET, timestampOf(now), body);
    const timestamp = change.timestamp ?? timestampOf(now);
    expect(
      verifySignature(SECRET, { signature: signed, timestamp }, change.body ?? body, {
        now: change.now ?? now,
      }),
    ).toBe(false);
  });

  it('refuses a call without signature or timestamp', () => {
    expect(
      verifySignature(SECRET, { signature: undefined, timestamp: timestampOf(now) }, body, { now }),
    ).toBe(false);
    expect(verifySignature(SECRET, { signature: 'sha256=00', timestamp: undefined }, body, { now })).toBe(
      false,
    );
  });
});
