import { Body, Controller, HttpCode, Param, Post, Res, applyDecorators } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import type { Role } from '../auth/principal';
import { CurrentCommandContext, type CommandContext } from '../declarations/command-context';
import { CommandResultDto } from '../declarations/command-result.dto';
import { DeclarationIdPipe } from '../declarations/declaration-id.pipe';
import { ExecuteDeclarationCommand, type CommandIntent } from '../declarations/execute-declaration-command';
import { newId } from '../declarations/idempotency';
import {
  CnilNotificationDto,
  IntermediateReportRequestDto,
  IntermediateReportRequestResultDto,
  RegulatoryStatusDto,
  StagedReportDto,
  StagedReportResultDto,
} from './regulatory-actions.dto';

/** A regulatory command on one declaration, answered like every declaration command (200, ETag). */
const Action = (path: string, type: typeof CommandResultDto, ...roles: Role[]): MethodDecorator =>
  applyDecorators(
    Post(path),
    HttpCode(200),
    Roles(...roles),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A retry with the same key and body gets the first answer again',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: '"<revision>": refuse with 412 when the declaration changed since',
    }),
    ApiOkResponse({ type }),
  );

/**
 * The staged reports, the CERT's requests for an intermediate report, the CNIL notification and
 * the structure's regulatory status. Thin: each body becomes a command on the declaration bus.
 */
@ApiTags('regulatory clocks')
@ApiBearerAuth()
@Controller('api/v1/declarations')
export class RegulatoryActionsController {
  constructor(private readonly commands: CommandBus) {}

  @Action(':id/reports', StagedReportResultDto, 'declarant', 'admin')
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

  @Action(':id/intermediate-report-requests', IntermediateReportRequestResultDto, 'analyst', 'admin')
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

  @Action(':id/cnil-notification', CommandResultDto, 'declarant', 'admin')
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

  @Action(':id/regulatory-status', CommandResultDto, 'analyst', 'admin')
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
    const outcome = await this.commands.execute(new ExecuteDeclarationCommand(intent, context));
    res.setHeader('ETag', outcome.etag);
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return outcome.body;
  }
}
