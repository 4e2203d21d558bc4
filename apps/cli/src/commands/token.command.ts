import { InvalidArgumentError, Option, type Command } from 'commander';
import { ROLES, type Role } from '../../../api/src/auth/principal';
import { isValidTtl, signToken } from '../../../api/src/auth/tokens';
import { dataDirOf, resolveJwtSecret } from '@vigie/config';
import { writeResult } from '../write-result';

const FINESS = /^[0-9A-Za-z]{9}$/;

function finessList(value: string): string[] {
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const bad = list.find((item) => !FINESS.test(item));
  if (list.length === 0 || bad !== undefined)
    throw new InvalidArgumentError('expected 9-character FINESS numbers separated by commas');
  return list;
}

function ttl(value: string): string {
  if (!isValidTtl(value)) throw new InvalidArgumentError('expected a duration such as 30m, 8h or 2d');
  return value;
}

/** `vigie token`: prints a token signed with the embedded secret (VIGIE_JWT_SECRET or the data dir's), and nothing else. */
export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('print a bearer token signed with the embedded secret')
    .addOption(
      new Option('--role <role>', 'declarant, analyst or admin').choices(ROLES).makeOptionMandatory(),
    )
    .option(
      '--finess <list>',
      'FINESS numbers the declarant acts for, comma-separated (required for declarants)',
      finessList,
    )
    .option('--sub <name>', 'subject of the token (who acts)')
    .option('--ttl <duration>', 'lifetime of the token', ttl, '8h')
    .action(
      async (options: { role: Role; finess?: string[]; sub?: string; ttl: string }, command: Command) => {
        if (options.role === 'declarant' && options.finess === undefined)
          command.error('error: a declarant token needs --finess');
        const secret = resolveJwtSecret(process.env, dataDirOf(process.env));
        const token = await signToken(
          {
            sub: options.sub ?? `${options.role}-cli`,
            role: options.role,
            finess: options.role === 'declarant' ? options.finess : [],
            ttl: options.ttl,
          },
          secret,
        );
        writeResult(command, `${token}\n`);
      },
    );
}
