import { crashRun, type CrashCheck } from './kit/crash-run';

/** The long form of test/crash-recovery.e2e.ts: 20 kills (`npm run test:soak`). */
const KILLS = Number(process.env.VIGIE_CRASH_KILLS ?? 20);

describe(`soak: an API killed ${KILLS} times under a stream of keyed declarations`, () => {
  let check: CrashCheck;
  beforeAll(
    async () => {
      check = await crashRun({ kills: KILLS, clients: 8 });
      console.log(`crash soak: ${JSON.stringify(check.figures)}`);
    },
    KILLS * 60_000 + 120_000,
  );

  it('survived every kill, losing and doubling nothing that was acknowledged', () => {
    expect(check.figures.kills).toBe(KILLS);
    expect(check.figures.cut).toBeGreaterThan(0);
    expect(check.lostOrDoubled).toEqual([]);
    expect(check.lostAmendments).toEqual([]);
    expect(check.strays).toEqual([]);
  });

  it('the read models equal a fresh rebuild from the log', () => {
    for (const [table, rows] of Object.entries(check.rebuiltReadModels)) {
      expect({ table, rows: check.liveReadModels[table] }).toEqual({ table, rows });
    }
  });
});
