import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { EventStore } from '@vigie/event-store';
import { PROJECTOR, READ_DATA_SOURCE, type Projector } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import type { KeyStore } from '@vigie/privacy';
import { READ_AUDIT_LOG } from '../audit/audit.tokens';
import type { ReadAuditLog } from '../audit/read-audit-log';
import { Public } from '../auth/auth.decorators';
import { VIGIE_CONFIG } from '../config/config.tokens';
import type { VigieConfig } from '@vigie/config';
import { EVENT_STORE } from '../infrastructure/event-store.module';
import { KEY_STORE } from '../privacy/privacy.module';
import { ApiProblems } from '../problem/api-problems.decorator';
import { HttpProblem } from '../problem/http-problem';
import { LivenessDto, ReadinessDto } from './health.dto';
import { assertSqliteWritable } from './sqlite-writable';

class NotReady extends HttpProblem {
  readonly status = 503;
  readonly code = 'not-ready';
  readonly title = 'Service unavailable';
  override readonly headers = { 'Retry-After': '5' };
}

export interface ReadinessChecks {
  eventStore: 'up' | 'down';
  readModels: 'up' | 'down';
  /** The keys of personal data: without them no declaration can be submitted or shown. */
  keyStore: 'up' | 'down';
  /** The record of reads: a read it cannot record is not served. */
  auditLog: 'up' | 'down';
  /** `off`: another process (apps/projector) projects, this one does not watch it. */
  projector: 'running' | 'stopped' | 'failing' | 'off';
}

/** A probe that hangs (a PostgreSQL host that drops packets) counts as down, in time for the orchestrator. */
const PROBE_TIMEOUT_MS = 2000;

async function answers(probe: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('probe timed out')), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@SkipThrottle({ address: true, token: true })
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATA_SOURCE) private readonly readDataSource: DataSource,
    @Inject(PROJECTOR) private readonly projector: Projector | null,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(READ_AUDIT_LOG) private readonly audit: ReadAuditLog,
    @Inject(VIGIE_CONFIG) private readonly config: VigieConfig,
  ) {}

  /** The process answers. */
  @Get('live')
  @ApiOkResponse({ type: LivenessDto })
  @ApiProblems()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * The process can serve: every store answers (and, for SQLite files, may be written: a read
   * alone would pass on a file that refuses writes) and, when it runs here, the projector follows the log.
   */
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto })
  // Its `detail` names what failed (`eventStore down`, `projector failing`…).
  @ApiProblems(503)
  async ready(): Promise<{ status: 'ok'; checks: ReadinessChecks }> {
    const { eventStoreUrl, readDbUrl, keyStoreUrl, auditDbUrl } = this.config;
    const [eventStore, readModels, keyStore, auditLog] = await Promise.all([
      answers(async () => (assertSqliteWritable(eventStoreUrl), await this.store.ping())),
      answers(async () => (assertSqliteWritable(readDbUrl), await this.readDataSource.query('SELECT 1'))),
      answers(async () => (assertSqliteWritable(keyStoreUrl), await this.keys.ping())),
      answers(async () => (assertSqliteWritable(auditDbUrl), await this.audit.ping())),
    ]);
    const checks: ReadinessChecks = {
      eventStore,
      readModels,
      keyStore,
      auditLog,
      projector: this.projectorState(),
    };
    const failing = Object.entries(checks).filter(([, state]) => !['up', 'running', 'off'].includes(state));
    if (failing.length > 0) {
      throw new NotReady(`Not ready: ${failing.map(([name, state]) => `${name} ${state}`).join(', ')}`);
    }
    return { status: 'ok', checks };
  }

  private projectorState(): ReadinessChecks['projector'] {
    if (this.projector === null) return 'off';
    const [any] = this.projector.metrics();
    if (any === undefined || !any.running) return 'stopped';
    // It retries a failed batch forever; until one succeeds the read models fall behind.
    return any.lastError === null ? 'running' : 'failing';
  }
}
