import { WebhookReceiver, type ReceivedCall } from '../libs/notifications/src/testing/webhook-receiver';
import { FINESS, TestApi, bearer, newDataDir, submission } from './support/vigie-api';

const SECRET = 'e2e-webhook-secret-0123456789';
const HOUR = 3_600_000;

/**
 * The notifier inside the API (VIGIE_PROJECTOR=inline): the ARS of the region and the HFDS are
 * informed of a declaration, the facility is reminded of its deadlines as the (injected) server
 * clock moves, and a restart sends nothing twice. The receiver is a real HTTP server on 127.0.0.1.
 */
describe('authorities informed and facilities reminded, by the API’s notifier', () => {
  let receiver: WebhookReceiver;
  let api: TestApi;
  let dataDir: string;
  let now = Date.parse('2026-03-29T00:30:00.000Z');
  let declarant: Record<string, string>;
  let id: string;

  /** The webhook variables are read from the process environment when the API boots. */
  async function startApi(): Promise<TestApi> {
    const env: Record<string, string> = {
      VIGIE_WEBHOOK_SECRET: SECRET,
      VIGIE_WEBHOOK_ARS_11: `${receiver.url}/ars/11`,
      VIGIE_WEBHOOK_HFDS: `${receiver.url}/hfds`,
      VIGIE_WEBHOOK_FACILITIES: `${receiver.url}/facilities/{finess}`,
      VIGIE_NOTIFIER_POLL_MS: '20',
      VIGIE_PUBLIC_URL: 'https://vigie.example',
    };
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    try {
      return await TestApi.start({ VIGIE_DATA_DIR: dataDir }, { clock: () => new Date(now) });
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }

  /** Waits for the notifier's loop (it polls every 20 ms), not for any deadline. */
  async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Retries an assertion on what the notifier records asynchronously, for a bounded time. */
  async function eventually(assertion: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await assertion();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  const paths = () => receiver.calls.map((call) => `${call.path} ${call.event}`);
  const history = async () => {
    const caughtUp = await api.caughtUp();
    return (
      await api.http.get(`/api/v1/declarations/${id}/history`).query(caughtUp).set(declarant).expect(200)
    ).body.items as {
      type: string;
      by: string;
      changes: { field: string; to: unknown }[];
    }[];
  };

  beforeAll(async () => {
    // The receiver checks timestamps against the same (moved) clock as the server's.
    receiver = await WebhookReceiver.start(SECRET, () => new Date(now));
    dataDir = newDataDir();
    api = await startApi();
    declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-chu', finess: [FINESS] }));
  });
  afterAll(async () => {
    await api?.stop();
    await receiver?.stop();
  });

  it('a declaration is announced to the ARS of its region and to the HFDS, signed, without personal data', async () => {
    const response = await api.http
      .post('/api/v1/declarations')
      .set(declarant)
      .send(
        submission({
          structure: {
            finess: FINESS,
            name: 'CHU X',
            type: 'ES',
            region: '11',
            isOse: false,
            nis2: 'ESSENTIAL',
          },
          occurredAt: '2026-03-28T23:40:00+01:00',
          detectedAt: '2026-03-28T23:59:00+01:00',
        }),
      )
      .expect(201);
    id = response.body.id;
    await until(() => receiver.calls.length >= 2, 'the ARS and the HFDS');
    expect(paths()).toEqual(['/ars/11 declaration.submitted', '/hfds declaration.submitted']);
    expect(receiver.calls.every((call: ReceivedCall) => call.signatureValid)).toBe(true);
    for (const call of receiver.calls) {
      for (const personal of ['Jeanne Martin', 'rssi@ch-x.example', '+33 1 23 45 67 89', 'Ransom note'])
        expect(call.rawBody).not.toContain(personal);
      expect(call.body).toMatchObject({
        declaration: {
          id,
          link: `https://vigie.example/api/v1/declarations/${id}`,
          structure: { finess: FINESS, region: '11' },
        },
      });
    }
  });

  it('each delivery is recorded once in the declaration’s history, by the notifier', async () => {
    await eventually(async () => {
      const notified = (await history()).filter((entry) => entry.type === 'AuthorityNotified');
      expect(notified.map((entry) => entry.by)).toEqual(['system:notifier', 'system:notifier']);
      expect(
        notified.map((entry) => Object.fromEntries(entry.changes.map((change) => [change.field, change.to]))),
      ).toEqual([
        expect.objectContaining({
          authority: 'ARS',
          region: '11',
          outcome: 'delivered',
          deliveryId: receiver.calls[0].deliveryId,
        }),
        expect.objectContaining({
          authority: 'HFDS',
          region: null,
          outcome: 'delivered',
          deliveryId: receiver.calls[1].deliveryId,
        }),
      ]);
    });
  });

  it('as the server clock reaches 6 h before the notification is due, the facility is reminded', async () => {
    now = Date.parse('2026-03-28T22:59:00.000Z') + 66 * HOUR;
    await until(() => receiver.callsTo(`/facilities/${FINESS}`).length >= 1, 'the due-soon reminder');
    const [reminder] = receiver.callsTo(`/facilities/${FINESS}`);
    expect(reminder).toMatchObject({ event: 'deadline.due-soon', signatureValid: true });
    expect(reminder.body.clock).toEqual({
      clockId: 'NIS2/NOTIFICATION',
      regime: 'NIS2',
      stage: 'NOTIFICATION',
      dueAt: '2026-03-31T22:59:00.000Z',
      requestId: null,
    });
  });

  it('after a restart nothing is sent twice, and what falls due next is still sent', async () => {
    await api.stop({ removeData: false });
    api = await startApi();
    now = Date.parse('2026-03-31T22:59:00.000Z') + 1000;
    await until(() => receiver.callsTo(`/facilities/${FINESS}`).length >= 2, 'the overdue reminder');
    expect(paths()).toEqual([
      '/ars/11 declaration.submitted',
      '/hfds declaration.submitted',
      `/facilities/${FINESS} deadline.due-soon`,
      `/facilities/${FINESS} deadline.overdue`,
    ]);
    await eventually(async () => {
      const types = (await history()).map((entry) => entry.type);
      expect(types.filter((type) => type === 'AuthorityNotified')).toHaveLength(2);
      expect(types.filter((type) => type === 'DeadlineReminderSent')).toHaveLength(2);
    });
  });
});
