import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { VIGIE_CONFIG } from '../config/config.tokens';
import type { VigieConfig } from '@vigie/config';
import { AuditController } from './audit.controller';
import { READ_AUDIT_LOG } from './audit.tokens';
import { ReadAuditInterceptor } from './audited-read.interceptor';
import { openReadAuditLog } from './open-read-audit-log';
import type { ReadAuditLog } from './read-audit-log';

@Injectable()
class ReadAuditCloser implements OnApplicationShutdown {
  constructor(@Inject(READ_AUDIT_LOG) private readonly audit: ReadAuditLog) {}

  async onApplicationShutdown(): Promise<void> {
    await this.audit.close();
  }
}

/** Who read which declaration (`VIGIE_AUDIT_DB_URL`), recorded by @AuditedRead() routes, listed to admins. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: READ_AUDIT_LOG,
      inject: [VIGIE_CONFIG],
      useFactory: (config: VigieConfig) => openReadAuditLog(config.auditDbUrl, config.postgres),
    },
    ReadAuditInterceptor,
    ReadAuditCloser,
  ],
  exports: [READ_AUDIT_LOG, ReadAuditInterceptor],
})
export class AuditModule {}
