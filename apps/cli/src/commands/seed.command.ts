import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig } from '@vigie/config';
import { openEventStore } from '@vigie/event-store';
import { PersonalDataVault, openKeyStore } from '@vigie/privacy';
import { SEED_PROFILES, seedProfile } from '@vigie/reporting';
import { writeResult } from '../write-result';

function seedNumber(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(value);
}

/**
 * `vigie seed --profile ans-2020`: writes a reference year of declarations through the domain's
 * commands, each recorded at its historical instant, whose report reproduces the ANS figures
 * published for that year (libs/reporting/src/seed/published-figures.ts). Declarants are sealed
 * with the API's vault (same key store and subject secret, from the same configuration), so the
 * seeded log holds no personal data in clear and `vigie gdpr erase` works on seeded subjects.
 */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('write a reference year of declarations into the event log')
    .addOption(
      new Option('--profile <profile>', 'reference year')
        .choices(Object.keys(SEED_PROFILES))
        .makeOptionMandatory(),
    )
    .option(
      '--seed <n>',
      'seed of the generator (other seeds: other declarations, the same published figures)',
      seedNumber,
      1,
    )
    .action(async (options: { profile: string; seed: number }, command: Command) => {
      const writeErr = command.configureOutput().writeErr ?? ((text: string) => process.stderr.write(text));
      const config = loadConfig(process.env);
      const store = await openEventStore(config.eventStoreUrl);
      const keys = await openKeyStore(config.keyStoreUrl).catch(async (error: unknown) => {
        await store.close();
        throw error;
      });
      const vault = new PersonalDataVault(keys, config.subjectSecret);
      try {
        const result = await seedProfile(store, options.profile, {
          seed: options.seed,
          sealDeclarant: (person) => vault.seal(person),
          onProgress: ({ commands, total }) =>
            writeErr(`seeding ${options.profile}: ${commands} / ${total} commands\n`),
        });
        writeResult(
          command,
          `seeded ${result.profile} (seed ${options.seed}): ${result.declarations} declarations, ${result.commands} commands, ${result.events} events\n`,
        );
      } finally {
        await Promise.all([store.close(), keys.close()]);
      }
    });
}
