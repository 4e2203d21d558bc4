import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DECLARATION_STATUSES } from '@vigie/domain';
import { READ_DATA_SOURCE, countDeclarations, weeklySubmissions } from '@vigie/read-models';
import type { DataSource } from 'typeorm';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { ApiProblems } from '../../problem/api-problems.decorator';
import { DeclarationFilterQueryDto, filterOf, minPositionOf } from '../list-declarations.dto';
import { CLOCK, type Clock } from '../../config/config.tokens';
import { ReadYourWrites } from '../read-your-writes';
import { WeeklyCountsDto, WeeklyCountsQueryDto } from './weekly-counts';

export class StatusCountsDto {
  @ApiProperty({ type: 'integer' }) SUBMITTED!: number;
  @ApiProperty({ type: 'integer' }) COMPLEMENT_REQUESTED!: number;
  @ApiProperty({ type: 'integer' }) QUALIFIED!: number;
  @ApiProperty({ type: 'integer' }) RESOLVED!: number;
  @ApiProperty({ type: 'integer' }) CLOSED!: number;
}

export class DeclarationCountsDto {
  @ApiProperty({ type: 'integer', description: 'Every declaration the filters select, whatever its status' })
  total!: number;

  @ApiProperty({
    type: StatusCountsDto,
    description: `One count per status (${DECLARATION_STATUSES.join(', ')})`,
  })
  byStatus!: StatusCountsDto;
}

/** The queue's tabs: how many declarations the list's filters select, by status. */
@ApiTags('declarations')
@ApiBearerAuth()
@ApiProblems(400, 401, 429, 503)
@Controller('api/v1/declaration-counts')
export class DeclarationCountsController {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('weekly')
  @ApiOkResponse({
    type: WeeklyCountsDto,
    description: 'Declarations submitted per Paris week, to this one; a declarant counts its facilities only',
  })
  async weekly(
    @Query() query: WeeklyCountsQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WeeklyCountsDto> {
    const scope = principal.role === 'declarant' ? { finess: principal.finess } : 'all';
    const weeks = query.weeks === undefined ? 52 : Number(query.weeks);
    return { weeks: await weeklySubmissions(this.dataSource, scope, weeks, this.clock()) };
  }

  @Get()
  @ApiOkResponse({
    type: DeclarationCountsDto,
    description:
      'The list’s filters (status aside: every status is counted); a declarant counts its facilities only',
  })
  async counts(
    @Query() query: DeclarationFilterQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeclarationCountsDto> {
    await this.readYourWrites.reach(minPositionOf(query));
    const scope = principal.role === 'declarant' ? { finess: principal.finess } : 'all';
    return (await countDeclarations(
      this.dataSource,
      filterOf(query, principal),
      scope,
    )) as DeclarationCountsDto;
  }
}
