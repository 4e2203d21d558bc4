import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ApiProblems } from '../problem/api-problems.decorator';
import { AuditPageDto } from './audit-page.dto';
import { AuditReadsQueryDto, readFilterOf } from './audit-query.dto';
import { READ_AUDIT_LOG } from './audit.tokens';
import type { ReadAuditLog, RecordedRead } from './read-audit-log';

@ApiTags('accountability')
@ApiBearerAuth()
@Roles('admin')
@ApiProblems(400, 401, 403, 429, 503)
@Controller('api/v1/audit')
export class AuditController {
  constructor(@Inject(READ_AUDIT_LOG) private readonly audit: ReadAuditLog) {}

  @Get('reads')
  @ApiOkResponse({
    type: AuditPageDto,
    description: 'Reads of declarations by analysts and admins, newest first. Admins only',
  })
  async reads(
    @Query() query: AuditReadsQueryDto,
  ): Promise<{ items: RecordedRead[]; nextCursor: string | null }> {
    const filter = readFilterOf(query);
    const items = await this.audit.list(filter);
    return { items, nextCursor: items.length === filter.limit ? items[items.length - 1].id : null };
  }
}
