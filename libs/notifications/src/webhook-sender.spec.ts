import { WebhookReceiver } from './testing/webhook-receiver';
import { SECRET } from './testing/notifier-test-kit';
import { WebhookSender } from './webhook-sender';

describe('webhook delivery to a real HTTP receiver on 127.0.0.1', () => {
  let receiver: WebhookReceiver;
  const waits: number[] = [];
  const sender = (maxAttempts = 4) =>
    new WebhookSender({
      secret: SECRET,
      maxAttempts,
      backoffMs: 100,
      timeoutMs: 2000,
      clock: () => new Date(),
      // The backoff is recorded, not slept: the test checks the schedule, not the wall clock.
      sleep: async (ms) => {
        waits.push(ms);
      },
      logger: { warn: () => undefined },
    });
  const call = (path: string) => ({
    url: `${receiver.url}${path}`,
    deliveryId: 'delivery-1',
    recipient: 'HFDS',
    message: { deliveryId: 'delivery-1', event: 'declaration.submitted', declaration: { id: 'x' } },
  });

  beforeEach(async () => {
    waits.length = 0;
    receiver = await WebhookReceiver.start(SECRET);
  });
  afterEach(() => receiver.stop());

  it('posts the JSON body signed with HMAC-SHA256; the receiver verifies it', async () => {
    const result = await sender().deliver(call('/hfds'));
    expect(result).toEqual({ outcome: 'delivered', attempts: 1, status: 200 });
    const [received] = receiver.calls;
    expect(received).toMatchObject({
      path: '/hfds',
      deliveryId: 'delivery-1',
      event: 'declaration.submitted',
      signatureValid: true,
    });
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['x-vigie-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(received.body).toEqual(call('/hfds').message);
  });

  it('a 500 then a 200: retried after a backoff, delivered at the second attempt with the same deliveryId', async () => {
    receiver.reply(500);
    expect(await sender().deliver(call('/hfds'))).toEqual({ outcome: 'delivered', attempts: 2, status: 200 });
    expect(receiver.calls.map((received) => received.deliveryId)).toEqual(['delivery-1', 'delivery-1']);
    expect(waits).toEqual([100]);
  });

  it('failing every time: the backoff doubles and the round ends after the last attempt', async () => {
    receiver.reply(503, 503, 503, 503);
    expect(await sender(4).deliver(call('/hfds'))).toEqual({ outcome: 'failed', attempts: 4, status: 503 });
    expect(waits).toEqual([100, 200, 400]);
  });

  it('a request the receiver refuses as wrong (400) is not repeated', async () => {
    receiver.reply(400);
    expect(await sender().deliver(call('/hfds'))).toEqual({ outcome: 'failed', attempts: 1, status: 400 });
    expect(receiver.calls).toHaveLength(1);
  });

  it('nobody listening: failed, with no status', async () => {
    const url = receiver.url;
    await receiver.stop();
    const result = await sender(2).deliver({ ...call('/hfds'), url: `${url}/hfds` });
    expect(result).toEqual({ outcome: 'failed', attempts: 2, status: null });
    receiver = await WebhookReceiver.start(SECRET);
  });
});
