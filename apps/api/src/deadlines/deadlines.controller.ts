import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '../audit/audited-read.interceptor';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { DeclarationIdPipe } from '../declarations/declaration-id.pipe';
import { ReadQueryDto, minPositionOf } from '../declarations/list-declarations.dto';
import {
  GetDeclarationClocks,
  ListDeadlines,
  type DeadlinePage,
  type DeclarationClocks,
} from './deadline-queries';
import { ListDeadlinesQueryDto, deadlineFilterOf } from './list-deadlines.dto';

const MIN_POSITION_NOT_REACHED = ApiServiceUnavailableResponse({
  description:
    'The read models did not reach `minPosition` in time (with Retry-After), or a store is unavailable',
});

/** Who owes what, by when: analysts see every deadline, declarants those of their facilities. */
@ApiTags('regulatory clocks')
@ApiBearerAuth()
@Controller('api/v1')
export class DeadlinesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('deadlines')
  @ApiOkResponse({
    description:
      '{ at, items: [{ declarationId, clockId, regime, stage, requestId, finess, structureName, region, dueAt, metAt, status, declarationClosed }], nextCursor }, the soonest due first',
  })
  @MIN_POSITION_NOT_REACHED
  list(
    @Query() query: ListDeadlinesQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeadlinePage> {
    return this.queries.execute(new ListDeadlines(deadlineFilterOf(query), principal, minPositionOf(query)));
  }

  @Get('declarations/:id/clocks')
  @AuditedRead()
  @ApiOkResponse({
    description: '{ declarationId, at, items }: every clock of the declaration, its status at `at`',
  })
  @MIN_POSITION_NOT_REACHED
  clocks(
    @Param('id', DeclarationIdPipe) id: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeclarationClocks> {
    return this.queries.execute(new GetDeclarationClocks(id, principal, minPositionOf(query)));
  }
}
