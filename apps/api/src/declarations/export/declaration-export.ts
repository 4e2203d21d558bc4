import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { DeclarationFilter, DeclarationListItem } from '@vigie/read-models';
import { READ_AUDIT_LOG } from '../../audit/audit.tokens';
import type { ReadAuditLog } from '../../audit/read-audit-log';
import type { Principal } from '../../auth/principal';
import { CLOCK, type Clock } from '../../config/config.tokens';
import { RequestValidationError } from '../../problem/http-problem';
import { ListDeclarations, type DeclarationPage } from '../declaration-queries';
import { declarationsCsv } from './declarations-csv';

/** More than any year's declarations; an export beyond is refused rather than cut silently. */
export const MAX_EXPORT_ROWS = 100_000;

/**
 * The queue, filtered as the list is, as a CSV file for the CERT. Each export is recorded in the
 * read-audit log before it leaves — who, when, and the filter (in `route`, with the query string
 * as sent) — so that "who took which list out, when" has an answer. Not for a facility.
 */
@Injectable()
export class DeclarationExport {
  constructor(
    private readonly queries: QueryBus,
    @Inject(READ_AUDIT_LOG) private readonly audit: ReadAuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async csv(
    filter: DeclarationFilter,
    principal: Principal,
    minPosition: bigint | null,
    request: { query: string; requestId: string },
  ): Promise<Buffer> {
    if (principal.role === 'declarant') throw new ForbiddenException('The export is for the CERT');
    const items: DeclarationListItem[] = [];
    let cursor: string | undefined;
    do {
      const page: DeclarationPage = await this.queries.execute(
        new ListDeclarations(
          { ...filter, limit: 200, cursor },
          principal,
          cursor === undefined ? minPosition : null,
        ),
      );
      items.push(...page.items);
      if (items.length > MAX_EXPORT_ROWS)
        throw new RequestValidationError([
          {
            field: 'format',
            message: `an export holds at most ${MAX_EXPORT_ROWS} declarations: narrow the filter`,
          },
        ]);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    await this.audit.record({
      at: this.clock().toISOString(),
      actor: principal.sub,
      role: principal.role,
      route: `EXPORT GET /api/v1/declarations?${request.query}`,
      declarationId: '',
      requestId: request.requestId,
    });
    return declarationsCsv(items);
  }
}
