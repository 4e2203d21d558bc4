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
    // One declaration's region rewritten behind the projector's back, in its first change (what a
    // report folds while the declaration still changes) and as it stands (what a report reads once
    // all its events are counted): nothing changes the region later.
    const read = await openReadDataSource(`sqlite:${join(dataDir, 'read.sqlite')}`);
    const midYear = Date.parse('2019-07-01T00:00:00Z');
    try {
      const [row] = (await read.query(
        `SELECT d."declaration_id", d."facts", c."facts_change" FROM "as_of_declaration" d
           JOIN "as_of_change" c ON c."position" = d."created_position"
          WHERE d."year" = 2019 AND d."created_at" < ? AND d."last_at" > ? LIMIT 1`,
        [midYear, midYear],
      )) as { declaration_id: string; facts: string; facts_change: string }[];
      const otherRegion = (json: string) => {
        const facts = JSON.parse(json) as { region: string };
        return JSON.stringify({ ...facts, region: facts.region === '11' ? '84' : '11' });
      };
      await read.query(`UPDATE "as_of_declaration" SET "facts" = ? WHERE "declaration_id" = ?`, [
        otherRegion(row.facts),
        row.declaration_id,
      ]);
      await read.query(
        `UPDATE "as_of_change" SET "facts_change" = ? WHERE "position" = (SELECT "created_position" FROM "as_of_declaration" WHERE "declaration_id" = ?)`,
        [otherRegion(row.facts_change), row.declaration_id],
      );
    } finally {
      await read.destroy();
    }
    for (const asOf of ['2019-07-01T00:00:00Z', '2020-04-28T12:00:00Z']) {
      const verified = await runVigie(['report', '--year', '2019', '--as-of', asOf, '--verify'], env);
      expect(verified.err).toMatch(/verify: the as-of history and the replay differ in .*byRegion/);
      expect(verified.out).toBe('');
      expect(process.exitCode).toBe(1);
      process.exitCode = undefined;
    }
  }, 60_000);
});
