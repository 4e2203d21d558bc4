import type { MailConfig } from '@vigie/config';
import { clockPolicyFromEnv } from '@vigie/domain';
import type { EventStore } from '@vigie/event-store';
import type { PostgresLimits } from '@vigie/postgres';
import type { PersonalDataVault } from '@vigie/privacy';
import { openReadDataSource } from '@vigie/read-models';
import { SqlNotifierState } from '../notifier-state';
import { MailProcessManager, type MailerConfig } from './mail-process-manager';
import { createMailTransport, type MailTransport } from './mail-transport';

export interface RunningMailer {
  manager: MailProcessManager;
  /** Finishes the look in progress, stops, closes the transport and the mailer's read-database connection. */
  stop(): Promise<void>;
}

const DAY_MS = 24 * 3_600_000;

export const mailerConfigOf = (
  mail: MailConfig,
  publicUrl: string,
  env: Readonly<Record<string, string | undefined>>,
): MailerConfig => ({
  publicUrl: publicUrl.replace(/\/+$/, ''),
  reminderLeadMs: DAY_MS,
  maxRounds: mail.maxRounds,
  roundCooldownMs: mail.roundCooldownMs,
  clockPolicy: clockPolicyFromEnv(env),
  maxAttempts: mail.maxAttempts,
  backoffMs: mail.backoffMs,
  pollIntervalMs: mail.pollIntervalMs,
  batchSize: 200,
  startFrom: mail.startFrom,
});

/**
 * The mailer of a process (the API with VIGIE_PROJECTOR=inline, else apps/projector), or null
 * when mail is off (docs/mail.md). Its state is in the read database, on a connection of its own.
 */
export async function startMailer(options: {
  store: EventStore;
  readDbUrl: string;
  postgres?: PostgresLimits;
  mail: MailConfig;
  publicUrl: string;
  vault: Pick<PersonalDataVault, 'reveal'>;
  /** For the clock policy (`VIGIE_CSP_TARGET_HOURS` …), as the webhooks read it. */
  env: Readonly<Record<string, string | undefined>>;
  clock?: () => Date;
  logger?: { warn(message: string): void; log?(message: string): void; info?(message: string): void };
}): Promise<RunningMailer | null> {
  if (options.mail.mode === 'off') return null;
  const logger = options.logger ?? console;
  const announce = (message: string) => (logger.log ?? logger.info ?? logger.warn).call(logger, message);
  const dataSource = await openReadDataSource(options.readDbUrl, { poolSize: 2, postgres: options.postgres });
  let transport: MailTransport | null = null;
  try {
    const state = await SqlNotifierState.open(dataSource, 'mailer');
    transport = createMailTransport(options.mail, announce);
    const manager = new MailProcessManager({
      store: options.store,
      state,
      config: mailerConfigOf(options.mail, options.publicUrl, options.env),
      transport,
      vault: options.vault,
      clock: options.clock ?? (() => new Date()),
      logger,
    });
    await manager.start();
    const opened = transport;
    return {
      manager,
      stop: async () => {
        await manager.stop();
        opened.close();
        await dataSource.destroy();
      },
    };
  } catch (error) {
    transport?.close();
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
