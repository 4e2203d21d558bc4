import { crashRun, type CrashCheck } from './soak/kit/crash-run';

/**
 * kill -9 under load: API processes are SIGKILLed at random moments while keyed clients submit
 * and amend declarations and retry like real ones. `npm test` kills 5 times (VIGIE_CRASH_KILLS to
 * change it); `npm run test:soak` kills 20 times.
 */
const KILLS = Number(process.env.VIGIE_CRASH_KILLS ?? 5);

describe(`an API killed ${KILLS} times under a stream of keyed declarations`, () => {
  let check: CrashCheck;
  beforeAll(
    async () => {
      check = await crashRun({ kills: KILLS });
      console.log(`crash run: ${JSON.stringify(check.figures)}`);
    },
    KILLS * 60_000 + 120_000,
  );

  it('survived every kill, with declarations acknowledged along the way', () => {
    expect(check.figures.kills).toBe(KILLS);
    expect(check.figures.submissionsAcknowledged).toBeGreaterThan(KILLS);
    expect(check.figures.amendmentsAcknowledged).toBeGreaterThan(0);
  });

  it('every acknowledged declaration and amendment is in the log exactly once, and nothing else is', () => {
    expect(check.lostOrDoubled).toEqual([]);
    expect(check.lostAmendments).toEqual([]);
    expect(check.strays).toEqual([]);
    expect(check.figures.declarationsInLog).toBeGreaterThanOrEqual(check.figures.submissionsAcknowledged);
  });

  it('the read models the crashed processes built equal a fresh rebuild from the log', () => {
    expect(Object.keys(check.liveReadModels).sort()).toEqual(Object.keys(check.rebuiltReadModels).sort());
    for (const [table, rows] of Object.entries(check.rebuiltReadModels)) {
      expect({ table, rows: check.liveReadModels[table] }).toEqual({ table, rows });
    }
    expect(check.rebuiltReadModels.declaration_summary).toHaveLength(check.figures.declarationsInLog);
  });
});
