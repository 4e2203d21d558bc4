import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { EventStore } from '@vigie/event-store';
import { startMailer, startNotifier, type RunningMailer, type RunningNotifier } from '@vigie/notifications';
import { PersonalDataVault } from '@vigie/privacy';
import { CLOCK, VIGIE_CONFIG, type Clock } from '../config/config.tokens';
import type { VigieConfig } from '@vigie/config';
import { EVENT_STORE } from '../infrastructure/event-store.module';

/**
 * Runs the notifier in this process when it runs the projector (`VIGIE_PROJECTOR=inline`) and a
 * webhook is configured (`VIGIE_WEBHOOK_*`, read from the process environment); with
 * `VIGIE_PROJECTOR=off`, apps/projector runs it. Stopped before the stores close.
 */
@Injectable()
export class NotifierLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifier');
  private notifier: RunningNotifier | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIE_CONFIG) private readonly config: VigieConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.projector !== 'inline') return;
    this.notifier = await startNotifier({
      store: this.store,
      readDbUrl: this.config.readDbUrl,
      postgres: this.config.postgres,
      env: process.env,
      clock: this.clock,
      logger: this.logger,
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.notifier?.stop();
    this.notifier = null;
  }
}

/**
 * Runs the mailer in this process on the same terms as the notifier (`VIGIE_PROJECTOR=inline`),
 * when mail is on (`VIGIE_SMTP_URL` or `VIGIE_MAIL=on`, docs/mail.md). Stopped before the stores close.
 */
@Injectable()
export class MailerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private mailer: RunningMailer | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIE_CONFIG) private readonly config: VigieConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly vault: PersonalDataVault,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.projector !== 'inline') return;
    this.mailer = await startMailer({
      store: this.store,
      readDbUrl: this.config.readDbUrl,
      postgres: this.config.postgres,
      mail: this.config.mail,
      publicUrl: this.config.publicUrl,
      vault: this.vault,
      env: process.env,
      clock: this.clock,
      logger: this.logger,
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.mailer?.stop();
    this.mailer = null;
  }
}

@Module({ providers: [NotifierLifecycle, MailerLifecycle] })
export class NotificationsModule {}
