import { Global, Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdminSettingsModule } from './admin-settings/admin-settings.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CLOCK, VIGIE_CONFIG, type Clock } from './config/config.tokens';
import type { EventStore } from '@vigie/event-store';
import type { VigieConfig } from '@vigie/config';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DeclarationsModule } from './declarations/declarations.module';
import { HealthModule } from './health/health.module';
import { IdentityDataModule } from './identity/identity-data.module';
import { LocalAccountsModule } from './identity/local-accounts.module';
import { LoginModule } from './identity/login/login.module';
import { EventStoreModule } from './infrastructure/event-store.module';
import { ReadSideModule } from './infrastructure/read-side.module';
import { RateLimitModule } from './hardening/rate-limit.module';
import { MetricsModule } from './metrics/metrics.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ProblemFilter } from './problem/problem.filter';
import { ReportsModule } from './reports/reports.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';

/** The configuration and the clock, for every module. */
@Global()
@Module({})
class SettingsModule {
  static of(config: VigieConfig, clock: Clock): DynamicModule {
    const providers = [
      { provide: VIGIE_CONFIG, useValue: config },
      { provide: CLOCK, useValue: clock },
    ];
    return { module: SettingsModule, providers, exports: providers.map((provider) => provider.provide) };
  }
}

@Module({})
export class AppModule {
  /** `imports`: modules mounted after the application's own (the benchmark's no-op route). */
  static forRoot(
    config: VigieConfig,
    clock: Clock,
    eventStore?: EventStore,
    imports: NonNullable<ModuleMetadata['imports']> = [],
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SettingsModule.of(config, clock),
        EventStoreModule.forRoot(config.eventStoreUrl, eventStore, config.postgres),
        ReadSideModule.forRoot(),
        PrivacyModule,
        IdentityDataModule,
        AuditModule,
        // Before AuthModule: global guards run in the order of their modules, and a client guessing
        // tokens must be limited before its token is even looked at.
        RateLimitModule,
        AuthModule,
        HealthModule,
        MetricsModule,
        DeclarationsModule,
        DeadlinesModule,
        ReportsModule,
        TaxonomyModule,
        LocalAccountsModule,
        UsersModule,
        AdminSettingsModule,
        LoginModule,
        WebModule.register(),
        ...imports,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
