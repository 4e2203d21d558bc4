import {
  figuresTable,
  fuzzRoute,
  fuzzRuns,
  startFuzzTarget,
  type FuzzRoute,
  type FuzzTarget,
  type RouteFigures,
} from './kit/fuzz-routes';
import { submissionsRoundTrip } from './kit/valid-round-trips';

/** The long form of test/fuzz-routes.e2e.ts: 2,000 invalid inputs per route (`npm run test:soak`). */
const RUNS = fuzzRuns(2000);

describe(`soak: ${RUNS} invalid inputs per route`, () => {
  let target: FuzzTarget & { routes: FuzzRoute[] };
  const figures: RouteFigures[] = [];
  beforeAll(async () => {
    target = await startFuzzTarget();
  }, 60_000);
  afterAll(async () => {
    console.log(`fuzz soak: ${RUNS} invalid inputs per route\n${figuresTable(figures)}`);
    await target?.api.stop();
  });

  it(
    'refuses every one with a 400 naming the field, appending nothing',
    async () => {
      for (const route of target.routes) figures.push(await fuzzRoute(target, route, RUNS));
      for (const route of figures) expect(route).toMatchObject({ tried: RUNS, statuses: { 400: RUNS } });
    },
    120 * 60_000,
  );

  it(
    'accepts generated valid submissions and reads them back equal',
    async () => {
      expect(await submissionsRoundTrip(target, Math.round(RUNS / 4))).toBe(Math.round(RUNS / 4));
    },
    60 * 60_000,
  );
});
