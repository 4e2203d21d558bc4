import { randomUUID } from 'node:crypto';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig, type VigieConfig } from '@vigie/config';
import {
  DomainError,
  USER_ROLES,
  decideUser,
  permissionsOf,
  validateFiness,
  type Actor,
  type UserRole,
} from '@vigie/domain';
import { openEventStore, type EventStore } from '@vigie/event-store';
import {
  ApiTokens,
  LocalAccounts,
  Sessions,
  openIdentityDataSource,
  type LocalAccountsPort,
} from '@vigie/identity';
import { PersonalDataVault, openKeyStore, type KeyStore } from '@vigie/privacy';
import { listUsers, openReadDataSource, readModelsPosition, userIdOfEmailHash } from '@vigie/read-models';
import { executeUserCommand, type UserRequest } from '@vigie/users';
import type { DataSource } from 'typeorm';
import { writeResult } from '../write-result';

/** Who acts in the events the CLI writes: whoever runs it on the server, as an administrator. */
const CLI_ACTOR: Actor = { sub: 'cli', role: 'admin' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function finessList(value: string): string[] {
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const [index, item] of list.entries()) {
    const reason = validateFiness(item);
    if (reason !== null) throw new InvalidArgumentError(`FINESS ${index + 1} (${item}) ${reason}`);
  }
  if (list.length === 0) throw new InvalidArgumentError('expected FINESS numbers separated by commas');
  return list;
}

function userId(value: string): string {
  if (!UUID.test(value))
    throw new InvalidArgumentError('expected a user id (a UUID, see `vigie users list`)');
  return value.toLowerCase();
}

function email(value: string): string {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) || value.length > 254)
    throw new InvalidArgumentError('expected an e-mail address');
  return value.trim();
}

function text(max: number) {
  return (value: string): string => {
    if (value.trim() === '' || value.length > max)
      throw new InvalidArgumentError(`expected a non-blank text of at most ${max} characters`);
    return value.trim();
  };
}

const needsTotp = (roles: readonly UserRole[]): boolean =>
  roles.includes('analyst') || roles.includes('admin');

/** The stores a `vigie users` command writes to, as the API opens them from the same configuration. */
interface Stores {
  config: VigieConfig;
  store: EventStore;
  vault: PersonalDataVault;
  read: DataSource;
  identityData: DataSource;
  /** Null without the embedded provider. */
  accounts: LocalAccountsPort | null;
}

async function withStores<T>(run: (stores: Stores) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const opened: { close: () => Promise<unknown> }[] = [];
  try {
    const store = await openEventStore(config.eventStoreUrl, { postgres: config.postgres });
    opened.push(store);
    const keys: KeyStore = await openKeyStore(config.keyStoreUrl, config.postgres);
    opened.push(keys);
    const read = await openReadDataSource(config.readDbUrl, { postgres: config.postgres });
    opened.push({ close: () => read.destroy() });
    const identityData = await openIdentityDataSource(config.identityDbUrl, config.postgres);
    opened.push({ close: () => identityData.destroy() });
    const accounts =
      config.login.provider === 'embedded' ? new LocalAccounts(identityData, () => new Date()) : null;
    const vault = new PersonalDataVault(keys, config.subjectSecret);
    return await run({ config, store, vault, read, identityData, accounts });
  } finally {
    for (const resource of opened.reverse()) await resource.close().catch(() => undefined);
  }
}

/** Domain refusals as one line on stderr and exit code 1; anything else is a failure of the command. */
async function refusing(command: Command, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainError) command.error(`error: ${error.message}`, { exitCode: 1 });
    throw error;
  }
}

function execute(stores: Stores, request: UserRequest) {
  return executeUserCommand(stores.store, stores.vault, request, {
    clock: () => new Date(),
    correlationId: randomUUID(),
  });
}

const activationUrlOf = (config: VigieConfig, token: string): string =>
  `${config.publicUrl}/activer#${token}`;

function printLink(command: Command, config: VigieConfig, token: string, expiresAt: string): void {
  writeResult(
    command,
    `activation link (one use, until ${expiresAt}):\n  ${activationUrlOf(config, token)}\n` +
      'Give it to the person through a channel you trust; opening it lets them choose a password' +
      ' (and, for analysts and administrators, enrol a second factor at the first login).\n',
  );
}

const roleOption = () =>
  new Option('--role <role>', USER_ROLES.join(', ')).choices(USER_ROLES).makeOptionMandatory();
const finessOption = () =>
  new Option('--finess <list>', 'the declarant’s FINESS numbers, comma-separated').argParser(finessList);

/** After a change of grants, the local account's second factor follows the roles held. */
async function followRoles(stores: Stores, id: string, roles: UserRole[]): Promise<void> {
  if (stores.accounts !== null && (await stores.accounts.ofUser(id)) !== null)
    await stores.accounts.setTotpRequired(id, needsTotp(roles));
}

/**
 * `vigie users …`: users and their grants, written to the same event log as the API's routes
 * (`executeUserCommand`), as the actor `cli`. `add` creates the first administrator.
 */
export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('users, their roles and facilities');

  users
    .command('add')
    .description(
      'invite a user with a role; with the embedded provider, print their one-time activation link',
    )
    .requiredOption('--email <address>', 'their e-mail address', email)
    .requiredOption('--name <name>', 'their name', text(200))
    .addOption(roleOption())
    .addOption(finessOption())
    .action(
      async (options: { email: string; name: string; role: UserRole; finess?: string[] }, command: Command) =>
        refusing(command, () =>
          withStores(async (stores) => {
            const id = randomUUID();
            const grant = {
              type: 'GrantRole',
              userId: id,
              actor: CLI_ACTOR,
              role: options.role,
              finess: options.finess ?? [],
            } as const;
            // Decided first on a user just invited: a refused grant invites nobody.
            decideUser(
              { ...grant, now: new Date().toISOString() },
              { exists: true, disabled: false, grants: [], bindings: [] },
            );
            if ((await userIdOfEmailHash(stores.read, stores.vault.emailHashOf(options.email))) !== null)
              command.error('error: a user was already invited with this e-mail address', { exitCode: 1 });
            await execute(stores, {
              type: 'InviteUser',
              userId: id,
              actor: CLI_ACTOR,
              email: options.email,
              name: options.name,
            });
            await execute(stores, grant);
            writeResult(command, `user ${id} invited as ${options.role}\n`);
            if (stores.config.login.provider !== 'embedded') {
              writeResult(command, 'They log in with the configured identity provider, with this e-mail.\n');
              return;
            }
            if (stores.accounts === null) {
              writeResult(
                command,
                'No local account: the embedded provider’s accounts are not in this build.\n',
              );
              return;
            }
            const activation = await stores.accounts.create({
              email: options.email,
              displayName: options.name,
              userId: id,
              totpRequired: needsTotp([options.role]),
            });
            printLink(command, stores.config, activation.token, activation.expiresAt);
          }),
        ),
    );

  users
    .command('list')
    .description('list the users (id, e-mail, name, roles in force, disabled)')
    .action(async (_options: unknown, command: Command) =>
      withStores(async (stores) => {
        const [position, head] = await Promise.all([
          readModelsPosition(stores.read),
          stores.store.headPosition(),
        ]);
        if (position < head)
          command
            .configureOutput()
            .writeErr?.(
              `note: the read models are at position ${position} of ${head}; start the API (or its projector) to see the latest changes\n`,
            );
        const listed = await listUsers(stores.read);
        const lines = await Promise.all(
          listed.map(async (user) => {
            const person = await stores.vault.reveal({
              name: user.name,
              email: user.email,
              role: '',
              phone: null,
            });
            const finess = user.grants.filter((grant) => grant.finess !== null).map((grant) => grant.finess);
            const roles = user.roles.length === 0 ? '-' : user.roles.join(',');
            const facilities = finess.length === 0 ? '' : ` [${finess.join(',')}]`;
            return `${user.userId}\t${person.email}\t${person.name}\t${roles}${facilities}${user.disabled ? '\tdisabled' : ''}\n`;
          }),
        );
        writeResult(command, lines.length === 0 ? 'no users yet\n' : lines.join(''));
      }),
    );

  for (const [name, type] of [
    ['grant', 'GrantRole'],
    ['revoke', 'RevokeRole'],
  ] as const) {
    users
      .command(name)
      .description(
        name === 'grant' ? 'grant a role (and facilities) to a user' : 'revoke a role (or facilities)',
      )
      .requiredOption('--id <id>', 'the user id (see `vigie users list`)', userId)
      .addOption(roleOption())
      .addOption(finessOption())
      .action(async (options: { id: string; role: UserRole; finess?: string[] }, command: Command) =>
        refusing(command, () =>
          withStores(async (stores) => {
            const { id, role, finess = [] } = options;
            const handled = await execute(stores, { type, userId: id, actor: CLI_ACTOR, role, finess });
            const roles = permissionsOf(handled.stream.state).roles;
            await followRoles(
              stores,
              id,
              handled.stream.state.grants.map((grant) => grant.role),
            );
            const done =
              handled.events.length === 0 ? 'nothing to do' : `${name === 'grant' ? 'granted' : 'revoked'}`;
            writeResult(command, `user ${id}: ${done}; roles in force: ${roles.join(', ') || 'none'}\n`);
          }),
        ),
      );
  }

  users
    .command('disable')
    .description('disable a user: they may nothing, their local account and API tokens stop')
    .requiredOption('--id <id>', 'the user id', userId)
    .requiredOption('--reason <text>', 'why (kept in the log)', text(500))
    .action(async (options: { id: string; reason: string }, command: Command) =>
      refusing(command, () =>
        withStores(async (stores) => {
          const handled = await execute(stores, {
            type: 'DisableUser',
            userId: options.id,
            actor: CLI_ACTOR,
            reason: options.reason,
          });
          await new ApiTokens(stores.identityData).revokeAllOf(options.id);
          // A disabled user is logged out everywhere at once, not at their sessions' idle limit.
          await new Sessions(stores.identityData, stores.config.sessions).endAllOf(options.id);
          await stores.accounts?.setDisabled(options.id, true);
          writeResult(
            command,
            `user ${options.id}: ${handled.events.length === 0 ? 'already disabled' : 'disabled'}\n`,
          );
        }),
      ),
    );

  users
    .command('enable')
    .description('enable a disabled user again, with the grants they hold')
    .requiredOption('--id <id>', 'the user id', userId)
    .action(async (options: { id: string }, command: Command) =>
      refusing(command, () =>
        withStores(async (stores) => {
          const handled = await execute(stores, { type: 'EnableUser', userId: options.id, actor: CLI_ACTOR });
          await stores.accounts?.setDisabled(options.id, false);
          writeResult(
            command,
            `user ${options.id}: ${handled.events.length === 0 ? 'already enabled' : 'enabled'}\n`,
          );
        }),
      ),
    );

  users
    .command('link')
    .description(
      'print a new one-time activation link for a user’s local account (the previous one stops working)',
    )
    .requiredOption('--id <id>', 'the user id', userId)
    .action(async (options: { id: string }, command: Command) =>
      withStores(async (stores) => {
        if (stores.config.login.provider !== 'embedded')
          command.error(
            'error: local accounts are the embedded provider’s; another one logs people in here',
            {
              exitCode: 1,
            },
          );
        if (stores.accounts === null)
          command.error('error: the embedded provider’s accounts are not in this build', { exitCode: 1 });
        const activation = await stores.accounts!.renewActivation(options.id);
        if (activation === null)
          command.error(`error: user ${options.id} has no local account`, { exitCode: 1 });
        printLink(command, stores.config, activation!.token, activation!.expiresAt);
      }),
    );
}
