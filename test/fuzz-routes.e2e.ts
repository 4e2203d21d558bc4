import { describePostgres, createTestDatabase } from './support/postgres';
import { ON_SQLITE } from './support/vigie-api';
import {
  figuresTable,
  fuzzRoute,
  fuzzRuns,
  startFuzzTarget,
  type FuzzTarget,
  type FuzzRoute,
  type RouteFigures,
} from './soak/kit/fuzz-routes';
import {
  amendmentsRoundTrip,
  listFiltersHold,
  qualificationsRoundTrip,
  submissionsRoundTrip,
} from './soak/kit/valid-round-trips';

/**
 * Every route that takes a JSON body or query parameters (read from the API's own OpenAPI
 * document, so a new route is fuzzed without being listed here) gets generated invalid inputs:
 * each must be a 400 problem+json naming the field, with no internals, and append nothing.
 * `npm test` tries VIGIE_FUZZ_RUNS per route (300 by default); `npm run test:soak` tries 2,000.
 */
const RUNS = fuzzRuns(300);

function fuzzEveryRoute(
  name: string,
  env: () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>,
  runs: number,
): void {
  describe(name, () => {
    let target: FuzzTarget & { routes: FuzzRoute[] };
    let drop: () => Promise<void>;
    const figures: RouteFigures[] = [];

    beforeAll(async () => {
      const store = await env();
      drop = store.drop;
      target = await startFuzzTarget(store.env);
    }, 60_000);
    afterAll(async () => {
      console.log(`fuzzed ${name}: ${runs} invalid inputs per route\n${figuresTable(figures)}`);
      await target?.api.stop();
      await drop?.();
    });

    it('finds the routes with a body or a query in the OpenAPI document', () => {
      const listed = target.routes.map((route) => `${route.method} ${route.path}`);
      expect(listed).toEqual(
        expect.arrayContaining([
          'POST /api/v1/declarations',
          'GET /api/v1/declarations',
          'GET /api/v1/audit/reads',
        ]),
      );
      expect(listed.length).toBeGreaterThanOrEqual(20);
    });

    it(
      'refuses every generated invalid input with a 400 naming the field, appending nothing, on every route',
      async () => {
        for (const route of target.routes) figures.push(await fuzzRoute(target, route, runs));
        for (const route of figures) expect(route).toMatchObject({ tried: runs, statuses: { 400: runs } });
      },
      30 * 60_000,
    );
  });
}

fuzzEveryRoute(
  'fuzzed input [sqlite]',
  async () => ({ env: { ...ON_SQLITE }, drop: async () => undefined }),
  RUNS,
);

describePostgres('fuzzed input, event log and read models in PostgreSQL', () => {
  // PostgreSQL refuses what SQLite stores (NUL, half surrogate pairs in jsonb): those must be refused at the edge.
  fuzzEveryRoute(
    'fuzzed input [postgres]',
    async () => {
      const database = await createTestDatabase('vigie_fuzz');
      return {
        env: {
          VIGIE_EVENT_STORE_URL: database.url,
          VIGIE_READ_DB_URL: database.url,
          VIGIE_KEY_STORE_URL: database.url,
          VIGIE_AUDIT_DB_URL: database.url,
        },
        drop: database.drop,
      };
    },
    Math.max(50, Math.round(RUNS / 5)),
  );
});

describe('generated valid input', () => {
  let target: FuzzTarget;
  beforeAll(async () => {
    target = await startFuzzTarget();
  }, 60_000);
  afterAll(() => target?.api.stop());

  const VALID_RUNS = Math.max(40, Math.round(RUNS / 3));

  const declare = async (): Promise<string> => {
    const { submission } = await import('./support/vigie-api');
    const answer = await target.api.call({
      method: 'POST',
      path: '/api/v1/declarations',
      headers: target.headers,
      body: JSON.stringify(submission()),
    });
    return (answer.json as { id: string }).id;
  };

  it(
    'submissions are accepted and read back equal, declarant included',
    async () => {
      expect(await submissionsRoundTrip(target, VALID_RUNS)).toBe(VALID_RUNS);
    },
    10 * 60_000,
  );

  it(
    'amendments are accepted and read back equal',
    async () => {
      expect(await amendmentsRoundTrip(target, await declare(), VALID_RUNS)).toBe(VALID_RUNS);
    },
    10 * 60_000,
  );

  it(
    'qualifications are accepted and read back equal',
    async () => {
      expect(await qualificationsRoundTrip(target, await declare(), VALID_RUNS)).toBe(VALID_RUNS);
    },
    10 * 60_000,
  );

  it(
    'list filters answer 200 with items that match them',
    async () => {
      expect(await listFiltersHold(target, VALID_RUNS)).toBe(VALID_RUNS);
    },
    10 * 60_000,
  );
});
