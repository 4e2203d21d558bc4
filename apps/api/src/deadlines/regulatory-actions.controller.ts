import { Body, Controller, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../problem/api-problems.decorator';
import type { Response } from 'express';
import { CurrentCommandContext, type CommandContext } from '../declarations/command-context';
import { CommandResultDto } from '../declarations/command-result.dto';
import { DeclarationAction } from '../declarations/declaration-action.decorator';
import { DeclarationIdPipe } from '../declarations/declaration-id.pipe';
import {
  ExecuteDeclarationCommand,
  sendOutcome,
  type CommandIntent,
} from '../declarations/execute-declaration-command';
import { newId } from '../declarations/idempotency';
import {
  AuthorityNoticeDto,
  CnilNotificationDto,
  IntermediateReportRequestDto,
  IntermediateReportRequestResultDto,
  RegulatoryStatusDto,
  StagedReportDto,
  StagedReportResultDto,
} from './regulatory-actions.dto';

/**
 * The staged reports, the CERT's requests for an intermediate report, the CNIL notification and
 * the structure's regulatory status. Thin: each body becomes a command on the declaration bus.
 */
@ApiTags('regulatory clocks')
@ApiBearerAuth()
@ApiProblems(401, 429, 503)
@Controller('api/v1/declarations')
export class RegulatoryActionsController {
  constructor(private readonly commands: CommandBus) {}

  @DeclarationAction(':id/reports', ['declarant', 'admin'], StagedReportResultDto)
  async submitReport(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: StagedReportDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StagedReportResultDto> {
    const reportId = newId(context.idempotencyKey, 'report');
    const result = await this.run(
      { type: 'SubmitStagedReport', declarationId: id, reportId, stage: dto.stage, content: dto.content },
      context,
      res,
    );
    return { ...result, reportId };
  }

  @DeclarationAction(
    ':id/intermediate-report-requests',
    ['analyst', 'admin'],
    IntermediateReportRequestResultDto,
  )
  async requestIntermediateReport(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: IntermediateReportRequestDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<IntermediateReportRequestResultDto> {
    const requestId = newId(context.idempotencyKey, 'intermediate-report-request');
    const result = await this.run(
      {
        type: 'RequestIntermediateReport',
        declarationId: id,
        requestId,
        dueAt: dto.dueAt,
        reason: dto.reason,
      },
      context,
      res,
    );
    return { ...result, requestId };
  }

  @DeclarationAction(':id/cnil-notification', ['declarant', 'admin'])
  declareCnilNotification(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: CnilNotificationDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResultDto> {
    return this.run(
      {
        type: 'DeclareCnilNotification',
        declarationId: id,
        notifiedAt: dto.notifiedAt,
        reference: dto.reference,
      },
      context,
      res,
    );
  }

  @DeclarationAction(':id/authority-notices', ['analyst', 'admin'])
  recordAuthorityInformed(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: AuthorityNoticeDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResultDto> {
    return this.run(
      {
        type: 'RecordAuthorityInformed',
        declarationId: id,
        authority: dto.authority,
        informedAt: dto.informedAt,
        reference: dto.reference ?? null,
      },
      context,
      res,
    );
  }

  @DeclarationAction(':id/regulatory-status', ['analyst', 'admin'])
  amendRegulatoryStatus(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: RegulatoryStatusDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResultDto> {
    const changes = {
      ...(dto.nis2 === undefined ? {} : { nis2: dto.nis2 }),
      ...(dto.isOse === undefined ? {} : { isOse: dto.isOse }),
    };
    return this.run({ type: 'AmendRegulatoryStatus', declarationId: id, changes }, context, res);
  }

  private async run(
    intent: CommandIntent,
    context: CommandContext,
    res: Response,
  ): Promise<CommandResultDto> {
    return sendOutcome(res, await this.commands.execute(new ExecuteDeclarationCommand(intent, context)));
  }
}
