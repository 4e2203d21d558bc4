import { openEventStore } from '@vigie/event-store';
import { ERASED, PersonalDataVault, openKeyStore } from '@vigie/privacy';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newDataDir } from './support/vigie-api';
import { runVigie } from './support/vigie-cli';

/** What `vigie <args>` wrote to stdout. */
const vigie = async (args: string[], env: Record<string, string>): Promise<string> =>
  (await runVigie(args, env)).out;

type Person = { name: string; role: string; email: string; phone: string | null };

/**
 * `vigie seed` seals declarants as the API does: the seeded log holds no name or e-mail in clear,
 * and erasing one seeded subject erases that declarant while the yearly report stays the same.
 */
describe('vigie seed: declarants sealed with the API’s vault', () => {
  const dataDir = newDataDir();
  const env = { VIGIE_DATA_DIR: dataDir, VIGIE_SUBJECT_SECRET: 'seeded-subject-secret-of-32-chars-or-more' };
  const report = async () => {
    const { generatedAt: _generatedAt, ...figures } = JSON.parse(
      await vigie(['report', '--year', '2019', '--as-of', '2024-01-01T00:00:00Z'], env),
    );
    return figures;
  };
  /** Every declarant of the seeded log, as stored. */
  const storedDeclarants = async (): Promise<Person[]> => {
    const store = await openEventStore(`sqlite:${join(dataDir, 'events.sqlite')}`);
    try {
      const people: Person[] = [];
      for (let after = 0n; ;) {
        const page = await store.readAll(after, 1000);
        for (const event of page)
          if (event.type === 'DeclarationSubmitted') people.push(event.data.declarant as Person);
        if (page.length < 1000) break;
        after = page[page.length - 1].position;
      }
      return people;
    } finally {
      await store.close();
    }
  };
  const withVault = async <T>(use: (vault: PersonalDataVault) => Promise<T>): Promise<T> => {
    const keys = await openKeyStore(`sqlite:${join(dataDir, 'keys.sqlite')}`);
    try {
      return await use(new PersonalDataVault(keys, env.VIGIE_SUBJECT_SECRET));
    } finally {
      await keys.close();
    }
  };

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes no e-mail, name or phone in clear, and erasing one subject leaves the report unchanged', async () => {
    // Given the 2019 reference profile seeded through the CLI
    expect(await vigie(['seed', '--profile', 'ans-2019'], env)).toMatch(/seeded ans-2019/);

    // Then no byte of the log (WAL included) holds a seeded e-mail or name
    const logBytes = Buffer.concat(
      readdirSync(dataDir)
        .filter((file) => file.startsWith('events.sqlite'))
        .map((file) => readFileSync(join(dataDir, file))),
    ).toString('latin1');
    expect(logBytes).not.toMatch(/@example\.org/);
    expect(logBytes).not.toMatch(/Responsable SSI/);
    const declarants = await storedDeclarants();
    expect(declarants.length).toBeGreaterThan(100);
    for (const person of declarants) {
      expect(person.email).toMatch(/^enc:v1:ds_/);
      expect(person.name).toMatch(/^enc:v1:ds_/);
      expect(person.role).toBe('RSSI');
    }

    // And the vault opens them, as the API would for an analyst
    const [first, ...others] = await withVault((vault) =>
      Promise.all(declarants.slice(0, 50).map((person) => vault.reveal(person))),
    );
    expect(first.email).toMatch(/^rssi\.\d{9}@example\.org$/);
    const before = await report();

    // When that subject is erased with the CLI
    const subject = (await vigie(['gdpr', 'subject', '--email', first.email], env)).trim();
    expect(await vigie(['gdpr', 'erase', '--subject', subject], env)).toMatch(/key.* destroyed/);

    // Then that declarant reads "[erased]", other facilities' declarants do not, and the report is the same
    const after = await withVault((vault) =>
      Promise.all(declarants.slice(0, 50).map((person) => vault.reveal(person))),
    );
    expect(after[0]).toEqual({ name: ERASED, role: 'RSSI', email: ERASED, phone: null });
    const otherFacility = others.findIndex((person) => person.email !== first.email);
    expect(otherFacility).toBeGreaterThanOrEqual(0);
    expect(after[otherFacility + 1].email).toBe(others[otherFacility].email);
    expect(await report()).toEqual(before);
    expect(before.declarations.total).toBeGreaterThan(100);
  }, 120_000);
});
