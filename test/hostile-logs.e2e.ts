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

/**
 * Percent-encoding hides nothing from whoever reads a log: a path holding `leak%40x.example` is an
 * e-mail. Paths encoded once, twice, malformed or undecodable are logged without the e-mail or the
 * phone in either form, and still logged.
 */
describe('the logs of requests whose path holds percent-encoded personal data', () => {
  let api: TestApi;
  let logFile: string;

  beforeAll(async () => {
    const probe = await TestApi.start();
    await probe.stop({ removeData: false });
    logFile = join(probe.config.dataDir, 'api.log');
    api = await TestApi.start(
      { VIGIE_DATA_DIR: probe.config.dataDir, VIGIE_LOG_FILE: logFile, VIGIE_LOG_LEVEL: 'trace' },
      { logger: ['log', 'error', 'warn'] },
    );
  });
  afterAll(() => api.stop());

  it('logs every request, with neither the encoded nor the decoded e-mail or phone', async () => {
    const analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-paths' }));
    const paths = [
      '/api/v1/declarations/leak%40x.example',
      '/api/v1/declarations/LEAK%40X.EXAMPLE/history',
      '/api/v1/declarations/leak%2540x.example',
      '/api/v1/declarations/leak%25252540x.example',
      '/api/v1/declarations/%2B33612345678',
      '/api/v1/declarations/%2B33%206%2012%2034%2056%2078',
      '/api/v1/declarations/06%2012%2034%2056%2078',
      '/api/v1/declarations/leak%FF%40x.example',
      '/api/v1/declarations/leak%40x.example%E0%A4%A',
      '/api/v1/declarations/leak%40x.example%',
      '/api/v1/leak%40x.example',
    ];
    for (const path of paths) {
      const response = await api.http.get(path).set(analyst);
      expect({ path, status: response.status }).toEqual({ path, status: expect.any(Number) });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    await api.http
      .post('/api/v1/declarations/leak%40x.example/closure')
      .set(analyst)
      .send({ reason: 'x' })
      .expect((response) => expect(response.status).toBeLessThan(500));

    const log = readFileSync(logFile, 'utf8');
    const lines = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg?: string; request?: { path?: string } });
    const logged = lines.filter((line) => line.msg === 'request').map((line) => line.request?.path);
    expect(logged).toHaveLength(paths.length + 1);
    expect(logged.filter((path) => path?.includes('[email]'))).toHaveLength(9);
    expect(logged.filter((path) => path?.includes('[phone]'))).toHaveLength(3);
    for (const secret of [
      'leak',
      'LEAK',
      'x.example',
      'X.EXAMPLE',
      '%40x',
      '612345678',
      '6 12 34 56 78',
      '%2B33',
      '%2012%2034',
      '12 34 56',
    ])
      expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
  });
});

/**
 * The in-process projector retries a failing batch with back-off and warns each time: that warning
 * is a JSON line of the same logger as the rest, scrubbed, not plain text on the console.
 */
describe('the projector’s retry warnings', () => {
  let api: TestApi;
  let store: EventStore;
  let failing = false;
  let logFile: string;

  beforeAll(async () => {
    const probe = await TestApi.start();
    await probe.stop({ removeData: false });
    logFile = join(probe.config.dataDir, 'api.log');
    store = await openEventStore(probe.config.eventStoreUrl);
    const failingFeed: EventStore = {
      append: (...args) => store.append(...args),
      readAll: async (...args) => {
        if (failing) throw new Error(`feed row unreadable for ${PERSON.email} (${PERSON.phone})`);
        return store.readAll(...args);
      },
      headPosition: () => store.headPosition(),
      findIdempotency: (key) => store.findIdempotency(key),
      ping: () => store.ping(),
      close: async () => undefined,
      readStream: (streamId) => store.readStream(streamId),
    };
    api = await TestApi.start(
      { VIGIE_DATA_DIR: probe.config.dataDir, VIGIE_LOG_FILE: logFile, VIGIE_LOG_LEVEL: 'info' },
      { eventStore: failingFeed, logger: ['log', 'warn', 'error'] },
    );
  });
  afterAll(async () => {
    await api.stop();
    await store.close();
  });

  const retryWarnings = (): Record<string, unknown>[] =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => /batch failed/.test(String(line.msg)));

  it('is a JSON line at level warn, naming the error without its personal data', async () => {
    failing = true;
    const deadline = Date.now() + 10_000;
    while (retryWarnings().length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    failing = false;
    const [warning] = retryWarnings();
    expect(warning).toMatchObject({
      level: 40,
      service: 'vigie-api',
      context: 'Projector',
      msg: expect.stringMatching(
        /^projector: batch failed \(1 in a row\), retrying: Error: feed row unreadable for \[email\] \(\[phone\]\)$/,
      ),
    });
    const log = readFileSync(logFile, 'utf8');
    for (const secret of [PERSON.email, PERSON.phone, 'gwenaelle']) expect(log).not.toContain(secret);
    // Recovered: the next command is projected and read back.
    const declarant = bearer(await api.token({ role: 'declarant', sub: 'rssi-retries' }));
    const { id, position } = (
      await api.http.post('/api/v1/declarations').set(declarant).send(submission()).expect(201)
    ).body;
    await api.http
      .get(`/api/v1/declarations/${id}`)
      .query({ minPosition: position })
      .set(declarant)
      .expect(200);
  });
});
