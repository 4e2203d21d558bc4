import { openEventStore, type EventStore } from '@vigie/event-store';
import { withSlowReads } from './support/slow-store';
import { createTestDatabase, describePostgres } from './support/postgres';
import { SQLITE_IN_DATA_DIR, TestApi, bearer, submission } from './support/vigie-api';

const WRITERS = 32;

interface Store {
  env: Record<string, string>;
  open: (dataDir: string) => Promise<EventStore>;
  drop: () => Promise<void>;
}

function racingWriters(name: string, store: () => Promise<Store>): void {
  describe(`${WRITERS} racing writers on one declaration [${name}]`, () => {
    let api: TestApi;
    let log: EventStore;
    let drop: () => Promise<void>;
    let analyst: Record<string, string>;
    const figures: string[] = [];

    beforeAll(async () => {
      const chosen = await store();
      drop = chosen.drop;
      const probe = await TestApi.start(chosen.env);
      await probe.stop({ removeData: false });
      log = await chosen.open(probe.config.dataDir);
      api = await TestApi.start(
        { ...chosen.env, VIGIE_DATA_DIR: probe.config.dataDir, VIGIE_RATE_LIMIT_PER_TOKEN: '0' },
        { eventStore: withSlowReads(log, 25) },
      );
      analyst = bearer(await api.token({ role: 'analyst', sub: 'analyst-race' }));
    });
    afterAll(async () => {
      console.log(`racing writers [${name}]:\n${figures.join('\n')}`);
      await api.stop();
      await log.close();
      await drop();
    });

    const declare = async (): Promise<string> =>
      (await api.http.post('/api/v1/declarations').set(analyst).send(submission()).expect(201)).body.id;
    const history = async (id: string) =>
      (
        await api.http
          .get(`/api/v1/declarations/${id}/history`)
          .query(await api.caughtUp())
          .set(analyst)
          .expect(200)
      ).body.items as { revision: number; type: string; changes: { field: string; to: unknown }[] }[];
    const intervene = (id: string, summary: string, headers: Record<string, string> = {}) =>
      api.http
        .post(`/api/v1/declarations/${id}/support-interventions`)
        .set({ ...analyst, ...headers })
        .send({ kind: 'REMOTE_ADVICE', summary });

    it(`given the same If-Match, exactly one of ${WRITERS} wins; the others are refused and append nothing`, async () => {
      const id = await declare();
      const before = await log.headPosition();
      const answers = await Promise.all(
        Array.from({ length: WRITERS }, (_, writer) =>
          intervene(id, `Writer ${writer}`, { 'If-Match': '"0"' }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      figures.push(`  same If-Match: ${JSON.stringify(count(statuses))}`);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(
        statuses.filter((status) => status !== 200).every((status) => status === 412 || status === 409),
      ).toBe(true);
      for (const lost of answers.filter((answer) => answer.status !== 200))
        expect(lost.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await log.headPosition()).toBe(before + 1n);
      const winner = answers.find((answer) => answer.status === 200)!;
      expect(winner.body.revision).toBe(1);
      expect((await history(id)).map((item) => item.type)).toEqual([
        'DeclarationSubmitted',
        'SupportInterventionLogged',
      ]);
    });

    it(`without If-Match, none of ${WRITERS} is lost: clients retry lost races, and the history holds each once, revisions 1…${WRITERS}`, async () => {
      const id = await declare();
      let attempts = 0;
      let conflicts = 0;
      const write = async (writer: number): Promise<number> => {
        // A real client keys its request, so that retrying after an unclear outcome cannot apply it twice.
        const headers = { 'Idempotency-Key': `race-${id}-${writer}` };
        for (let attempt = 1; attempt <= 20; attempt++) {
          attempts += 1;
          const answer = await intervene(id, `Writer ${writer}`, headers);
          if (answer.status === 200) return answer.body.revision;
          expect(answer.status).toBe(409);
          conflicts += 1;
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 50));
        }
        throw new Error(`writer ${writer} never got through`);
      };
      const revisions = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => write(writer)));
      figures.push(
        `  no If-Match: ${WRITERS} writes in ${attempts} requests, ${conflicts} answered 409 and retried`,
      );
      expect([...revisions].sort((a, b) => a - b)).toEqual(
        Array.from({ length: WRITERS }, (_, index) => index + 1),
      );
      const items = await history(id);
      expect(items.map((item) => item.revision)).toEqual(
        Array.from({ length: WRITERS + 1 }, (_, index) => index),
      );
      const summaries = items
        .slice(1)
        .map((item) => item.changes.find((change) => change.field === 'summary')?.to);
      expect([...summaries].sort()).toEqual(
        Array.from({ length: WRITERS }, (_, writer) => `Writer ${writer}`).sort(),
      );
    });

    it(`${WRITERS} concurrent retries with one Idempotency-Key append once and all get the first answer`, async () => {
      const before = await log.headPosition();
      const headers = { ...analyst, 'Idempotency-Key': `submit-once-${name}` };
      const answers = await Promise.all(
        Array.from({ length: WRITERS }, () =>
          api.http.post('/api/v1/declarations').set(headers).send(submission()),
        ),
      );
      figures.push(`  one Idempotency-Key: ${JSON.stringify(count(answers.map((answer) => answer.status)))}`);
      expect(answers.map((answer) => answer.status)).toEqual(Array(WRITERS).fill(201));
      expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
      // Once: its reference's reservation and the submission.
      expect(await log.headPosition()).toBe(before + 2n);
    });
  });
}

const count = (values: number[]): Record<number, number> =>
  values.reduce<Record<number, number>>(
    (counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }),
    {},
  );

racingWriters('sqlite', async () => ({
  env: { VIGIE_EVENT_STORE_URL: SQLITE_IN_DATA_DIR },
  open: (dataDir) => openEventStore(`sqlite:${dataDir}/events.sqlite`),
  drop: async () => undefined,
}));

describePostgres('racing writers', () => {
  racingWriters('postgres', async () => {
    const database = await createTestDatabase('vigie_races');
    return {
      env: { VIGIE_EVENT_STORE_URL: database.url },
      open: () => openEventStore(database.url),
      drop: database.drop,
    };
  });
});
