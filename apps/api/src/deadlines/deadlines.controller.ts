import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '../audit/audited-read.interceptor';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { DeclarationIdPipe } from '../declarations/declaration-id.pipe';
import { ReadQueryDto, minPositionOf } from '../declarations/list-declarations.dto';
import { ApiProblems } from '../problem/api-problems.decorator';
import { DeadlinePageDto, DeclarationClocksDto } from './deadline-page.dto';
import {
  GetDeclarationClocks,
  ListDeadlines,
  type DeadlinePage,
  type DeclarationClocks,
} from './deadline-queries';
import { ListDeadlinesQueryDto, deadlineFilterOf } from './list-deadlines.dto';

/** Who owes what, by when: analysts see every deadline, declarants those of their facilities. */
@ApiTags('regulatory clocks')
@ApiBearerAuth()
@ApiProblems(400, 401, 429, 503)
@Controller('api/v1')
export class DeadlinesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('deadlines')
  @ApiOkResponse({ type: DeadlinePageDto, description: 'The soonest due first' })
  list(
    @Query() query: ListDeadlinesQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeadlinePage> {
    return this.queries.execute(new ListDeadlines(deadlineFilterOf(query), principal, minPositionOf(query)));
  }

  @Get('declarations/:id/clocks')
  @AuditedRead()
  @ApiOkResponse({
    type: DeclarationClocksDto,
    description: 'Every clock of the declaration, its status at `at`',
  })
  @ApiProblems(404)
  clocks(
    @Param('id', DeclarationIdPipe) id: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeclarationClocks> {
    return this.queries.execute(new GetDeclarationClocks(id, principal, minPositionOf(query)));
  }
}
