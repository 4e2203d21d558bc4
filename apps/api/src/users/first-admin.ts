import type { LoginConfig } from '@vigie/config';
import { hasAdministrator } from '@vigie/read-models';
import type { DataSource } from 'typeorm';

/**
 * What to print at start-up while nobody can administer users: with the embedded provider and no
 * administrator in the user-permissions read model, how to create the first one (the CLI writes
 * it to the same log; the printed link sets its password). Null otherwise: with another provider
 * the first administrator is still made by the CLI, but logs in there.
 */
export async function firstAdminInstructions(
  readDataSource: DataSource,
  login: LoginConfig,
): Promise<string | null> {
  if (login.provider !== 'embedded') return null;
  if (await hasAdministrator(readDataSource)) return null;
  return [
    'No administrator yet. Create the first one: npm run vigie -- users add --email <your e-mail> --name "<your name>" --role admin',
    'then open the one-time link it prints to set the password.',
  ].join('\n');
}
