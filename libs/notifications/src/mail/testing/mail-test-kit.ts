import { join } from 'node:path';
import type { MailConfig } from '@vigie/config';
import type { MailSent, SubmitDeclaration } from '@vigie/domain';
import type { EventStore } from '@vigie/event-store';
import { PersonalDataVault, SqliteKeyStore, type KeyStore } from '@vigie/privacy';
import { ManualClock, NotifierFiles, execute, streamOf, submission } from '../../testing/notifier-test-kit';
import { SqlNotifierState } from '../../notifier-state';
import { MailProcessManager, type MailProcessManagerOptions } from '../mail-process-manager';
import { createMailTransport, type MailTransport } from '../mail-transport';
import { mailerConfigOf } from '../start-mailer';

export const SUBJECT_SECRET = 'subject-secret-of-the-mail-tests-0123456789';
export const DECLARANT_EMAIL = 'rssi@chu-x.example';
export const FROM = 'CERT Santé <no-reply@cert.example>';
export const PUBLIC_URL = 'https://vigie.example';

/** The configuration as the variables give it, with short waits. */
export const mailConfig = (overrides: Partial<MailConfig> = {}): MailConfig => ({
  mode: 'smtp',
  smtpUrl: null,
  from: FROM,
  outboxDir: '/nowhere',
  maxAttempts: 3,
  backoffMs: 5,
  maxRounds: 2,
  roundCooldownMs: 600_000,
  pollIntervalMs: 20,
  startFrom: 'beginning',
  ...overrides,
});

/**
 * Real SQLite files (log, read database, key store), a clock moved by hand, and declarations
 * submitted as the API does: the declarant sealed by the vault before it reaches the log.
 */
export class MailFiles extends NotifierFiles {
  readonly clock: ManualClock;
  private keyStore: KeyStore | null = null;
  private transports: MailTransport[] = [];

  constructor(now: string) {
    super();
    this.clock = new ManualClock(Date.parse(now));
  }

  keys(): KeyStore {
    this.keyStore ??= SqliteKeyStore.open(join(this.directory, 'keys.sqlite'));
    return this.keyStore;
  }

  vault(): PersonalDataVault {
    return new PersonalDataVault(this.keys(), SUBJECT_SECRET);
  }

  async submit(store: EventStore, command: SubmitDeclaration): Promise<void> {
    await execute(store, { ...command, declarant: await this.vault().seal(command.declarant) });
  }

  async mailerState(): Promise<SqlNotifierState> {
    const { dataSource } = await this.state();
    return SqlNotifierState.open(dataSource, 'mailer');
  }

  transport(config: MailConfig): MailTransport {
    const transport = createMailTransport(config, () => undefined);
    this.transports.push(transport);
    return transport;
  }

  async manager(
    store: EventStore,
    config: MailConfig,
    options: Partial<MailProcessManagerOptions> = {},
  ): Promise<MailProcessManager> {
    return new MailProcessManager({
      store,
      state: await this.mailerState(),
      config: mailerConfigOf(config, PUBLIC_URL, {}),
      transport: this.transport(config),
      vault: this.vault(),
      clock: this.clock.now,
      logger: { warn: () => undefined },
      ...options,
    });
  }

  override async remove(): Promise<void> {
    for (const transport of this.transports) transport.close();
    await this.keyStore?.close();
    await super.remove();
  }
}

export const mailsOf = async (store: EventStore, declarationId: string): Promise<MailSent['data'][]> =>
  (await streamOf(store, declarationId))
    .filter((event): event is MailSent => event.type === 'MailSent')
    .map((event) => event.data);

export { submission };
