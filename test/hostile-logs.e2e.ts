import { openEventStore, type EventStore } from '@vigie/event-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApi, bearer, fixedClock, qualification, submission } from './support/vigie-api';

const PERSON = {
  name: 'Gwenaëlle Kerbrat',
  role: 'RSSI',
  email: 'gwenaelle.kerbrat@chu-brest.example',
  phone: '+33 2 98 76 54 32',
};

/**
 * A whole lifecycle with every log level on, written by pino to a file; then the file is searched
 * for the tokens used and the declarant's name, e-mail and phone — through validation errors, a
 * search on the name, an unexpected failure quoting the e-mail, and a token pasted into a URL.
 */
describe('the logs of a full run', () => {
  let api: TestApi;
  let store: EventStore;
  let failing = false;
  let logFile: string;
  const tokens: string[] = [];

  beforeAll(async () => {
    const probe = await TestApi.start();
    await probe.stop({ removeData: false });
    logFile = join(probe.config.dataDir, 'api.log');
    store = await openEventStore(probe.config.eventStoreUrl);
    const leaky: EventStore = {
      // Both fail: the command handler may decide on a stream state it keeps, without a read.
      append: async (streamId, ...rest) => {
        if (failing) throw new Error(`corrupt row for ${PERSON.email} (${PERSON.name}, ${PERSON.phone})`);
        return store.append(streamId, ...rest);
      },
      readAll: (...args) => store.readAll(...args),
      headPosition: () => store.headPosition(),
      findIdempotency: (key) => store.findIdempotency(key),
      ping: () => store.ping(),
      close: async () => undefined,
      readStream: async (streamId) => {
        if (failing) throw new Error(`corrupt row for ${PERSON.email} (${PERSON.name}, ${PERSON.phone})`);
        return store.readStream(streamId);
      },
    };
    api = await TestApi.start(
      { VIGIE_DATA_DIR: probe.config.dataDir, VIGIE_LOG_FILE: logFile, VIGIE_LOG_LEVEL: 'trace' },
      {
        eventStore: leaky,
        clock: fixedClock(),
        logger: ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'],
      },
    );
  });
  afterAll(async () => {
    await api.stop();
    await store.close();
  });

  it('holds requests, warnings and errors, but no token, name, e-mail or phone', async () => {
    const declarantToken = await api.token({ role: 'declarant', sub: 'rssi-logs' });
    const analystToken = await api.token({ role: 'analyst', sub: PERSON.email });
    tokens.push(declarantToken, analystToken);
    const declarant = bearer(declarantToken);
    const analyst = bearer(analystToken);

    const { id, position } = (
      await api.http
        .post('/api/v1/declarations')
        .set({ ...declarant, 'Idempotency-Key': 'logs-1' })
        .send(submission({ declarant: PERSON }))
        .expect(201)
    ).body;
    await api.http
      .post('/api/v1/declarations')
      .set(declarant)
      .send(submission({ declarant: { ...PERSON, phone: PERSON.name } }))
      .expect(400);
    await api.http
      .post('/api/v1/declarations')
      .set(declarant)
      .send(submission({ declarant: { ...PERSON, email: `${PERSON.name} <${PERSON.email}>` } }))
      .expect(400);
    await api.http
      .post(`/api/v1/declarations/${id}/qualification`)
      .set(analyst)
      .send(qualification())
      .expect(200);
    await api.http
      .post(`/api/v1/declarations/${id}/complement-requests`)
      .set(analyst)
      .send({ question: `Is ${PERSON.phone} still right?` })
      .expect(200);
    await api.http
      .post(`/api/v1/declarations/${id}/complements`)
      .set(declarant)
      .send({ answer: `Yes, ${PERSON.name}.` })
      .expect(200);
    await api.http
      .get(`/api/v1/declarations/${id}`)
      .query({ minPosition: position })
      .set(analyst)
      .expect(200);
    await api.http
      .get(`/api/v1/declarations/${id}/history`)
      .query(await api.caughtUp())
      .set(declarant)
      .expect(200);
    await api.http.get('/api/v1/declarations').query({ q: PERSON.name }).set(analyst).expect(200);
    await api.http
      .get(`/api/v1/declarations?q=${encodeURIComponent(PERSON.email)}&access_token=${analystToken}`)
      .set(analyst)
      .expect(400);
    await api.http.get(`/api/v1/${analystToken}`).expect(404);
    await api.http
      .get('/api/v1/declarations')
      .set({ Authorization: `Bearer ${analystToken}x` })
      .expect(401);
    failing = true;
    await api.http
      .post(`/api/v1/declarations/${id}/closure`)
      .set(analyst)
      .send({ reason: 'Done.' })
      .expect(500);
    failing = false;
    await api.http
      .post(`/api/v1/declarations/${id}/closure`)
      .set(analyst)
      .send({ reason: `Closed with ${PERSON.name}.` })
      .expect(200);

    const log = readFileSync(logFile, 'utf8');
    const lines = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // The run was logged: one access line per request, the failure as an error, all JSON.
    expect(lines.filter((line) => line.msg === 'request').length).toBeGreaterThanOrEqual(14);
    expect(lines.some((line) => line.level === 50 && /Unexpected Error on POST/.test(String(line.msg)))).toBe(
      true,
    );
    expect(lines.some((line) => line.status === 500)).toBe(true);
    for (const token of tokens) {
      expect(log).not.toContain(token);
      // Not even its signature, nor its payload: pieces of a token are enough to replay or read it.
      for (const part of token.split('.')) expect(log).not.toContain(part);
    }
    for (const secret of [
      PERSON.name,
      'Kerbrat',
      PERSON.email,
      'gwenaelle.kerbrat',
      PERSON.phone,
      '98 76 54 32',
      '+33298765432',
    ])
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
  });
});
