import { openReadDataSource } from '@vigie/read-models';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { newDataDir } from './support/vigie-api';
import { runVigie } from './support/vigie-cli';

/**
 * `vigie report` reads the as-of history; `--verify` computes the report both ways and fails
 * unless they are identical; `--replay` is the reference alone.
 */
describe('vigie report --verify: the as-of history against the replay of the log', () => {
  const dataDir = newDataDir();
  const env = { VIGIE_DATA_DIR: dataDir, VIGIE_SUBJECT_SECRET: 'seeded-subject-secret-of-32-chars-or-more' };
  const figures = (json: string) => {
    const { generatedAt: _generatedAt, ...rest } = JSON.parse(json);
    return rest;
  };

  afterAll(() => {
    process.exitCode = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the same report both ways, at an instant of the year and after it, and says where it read it', async () => {
    expect((await runVigie(['seed', '--profile', 'ans-2019'], env)).out).toMatch(/seeded ans-2019/);
    for (const asOf of ['2019-07-01T00:00:00Z', '2020-04-28T12:00:00Z']) {
      const args = ['report', '--year', '2019', '--as-of', asOf];
      const verified = await runVigie([...args, '--verify'], env);
      expect(verified.err).toMatch(/read from the as-of history in \d+ ms/);
      expect(verified.err).toMatch(
        /verify: the as-of history and the replay of the log give the same report/,
      );
      expect(process.exitCode ?? 0).toBe(0);
      const replayed = await runVigie([...args, '--replay'], env);
      expect(figures(verified.out)).toEqual(figures(replayed.out));
      expect(figures(verified.out).declarations.total).toBeGreaterThan(asOf.startsWith('2020') ? 100 : 10);
    }
  }, 120_000);

  it('fails, naming the section, when the history does not say what the log says', async () => {
    // One declaration's first change (its whole facts) rewritten behind the projector's back: its
    // region, which nothing changes later.
    const read = await openReadDataSource(`sqlite:${join(dataDir, 'read.sqlite')}`);
    try {
      const [row] = (await read.query(
        `SELECT "position", "facts_change" FROM "as_of_change" WHERE "year" = 2019 AND "facts_change" LIKE '{"declarationId"%' LIMIT 1`,
      )) as { position: number; facts_change: string }[];
      const facts = JSON.parse(row.facts_change) as { region: string };
      facts.region = facts.region === '11' ? '84' : '11';
      await read.query(`UPDATE "as_of_change" SET "facts_change" = ? WHERE "position" = ?`, [
        JSON.stringify(facts),
        row.position,
      ]);
    } finally {
      await read.destroy();
    }
    const verified = await runVigie(
      ['report', '--year', '2019', '--as-of', '2020-04-28T12:00:00Z', '--verify'],
      env,
    );
    expect(verified.err).toMatch(/verify: the as-of history and the replay differ in .*byRegion/);
    expect(verified.out).toBe('');
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
  }, 60_000);
});
