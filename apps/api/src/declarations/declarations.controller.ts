import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { DeclarationView, TimelineEntry } from '@vigie/read-models';
import type { Request, Response } from 'express';
import { AuditedRead } from '../audit/audited-read.interceptor';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CurrentCommandContext, type CommandContext } from './command-context';
import { CommandResultDto } from './command-result.dto';
import {
  COMMAND_ANSWER_HEADERS,
  COMMAND_PROBLEMS,
  DeclarationAction,
  IDEMPOTENCY_KEY_HEADER,
} from './declaration-action.decorator';
import {
  AmendDeclarationDto,
  AssignmentDto,
  InternalNoteDto,
  PostMessageDto,
  LogSupportInterventionDto,
  ProvideComplementDto,
  QualifyDeclarationDto,
  ReasonDto,
  ReportResolutionDto,
  RequestComplementDto,
  RequestSupportDto,
} from './declaration-actions.dto';
import { AssigneeCheck } from './assignee-check';
import { DeclarationExport } from './export/declaration-export';
import { DeclarationIdOrReferencePipe, DeclarationIdPipe } from './declaration-id.pipe';
import { DeclarationHistoryDto, DeclarationPageDto } from './declaration-reads.dto';
import { DeclarationViewDto } from './declaration-view.dto';
import * as intents from './declaration-intents';
import {
  GetDeclaration,
  GetDeclarationHistory,
  ListDeclarations,
  type DeclarationPage,
} from './declaration-queries';
import { ExecuteDeclarationCommand, sendOutcome, type CommandIntent } from './execute-declaration-command';
import { newId } from './idempotency';
import { ListDeclarationsQueryDto, ReadQueryDto, filterOf, minPositionOf } from './list-declarations.dto';
import { SubmitDeclarationDto } from './submit-declaration.dto';
import { ApiProblems } from '../problem/api-problems.decorator';

/** Thin on purpose: a body becomes a command on the bus; every rule lives in the handler and the domain. */
@ApiTags('declarations')
@ApiBearerAuth()
@ApiProblems(400, 401, 429, 503)
@Controller('api/v1/declarations')
export class DeclarationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly assignees: AssigneeCheck,
    private readonly exports: DeclarationExport,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('declarant', 'analyst', 'admin')
  @IDEMPOTENCY_KEY_HEADER
  @ApiCreatedResponse({
    type: CommandResultDto,
    headers: {
      ...COMMAND_ANSWER_HEADERS,
      Location: { description: '/api/v1/declarations/<id>', schema: { type: 'string' } },
    },
  })
  @COMMAND_PROBLEMS
  @ApiProblems(403)
  submit(
    @Body() dto: SubmitDeclarationDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(intents.submitIntent(newId(context.idempotencyKey, 'declaration'), dto), context, res);
  }

  @DeclarationAction(':id/amendments', ['declarant', 'analyst', 'admin'])
  amend(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: AmendDeclarationDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(intents.amendIntent(id, dto), context, res);
  }

  @DeclarationAction(':id/complement-requests', ['analyst', 'admin'])
  requestComplement(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: RequestComplementDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      intents.requestComplementIntent(id, newId(context.idempotencyKey, 'complement-request'), dto),
      context,
      res,
    );
  }

  @DeclarationAction(':id/complements', ['declarant', 'admin'])
  provideComplement(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: ProvideComplementDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(intents.provideComplementIntent(id, dto), context, res);
  }

  @DeclarationAction(':id/qualification', ['analyst', 'admin'])
  qualify(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: QualifyDeclarationDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(intents.qualifyIntent(id, dto), context, res);
  }

  @DeclarationAction(':id/support-requests', ['declarant', 'admin'])
  requestSupport(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: RequestSupportDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(intents.requestSupportIntent(id, dto), context, res);
  }

  @DeclarationAction(':id/support-interventions', ['analyst', 'admin'])
  logIntervention(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: LogSupportInterventionDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      intents.logInterventionIntent(id, newId(context.idempotencyKey, 'intervention'), dto),
      context,
      res,
    );
  }

  @DeclarationAction(':id/resolution', ['declarant', 'analyst', 'admin'])
  reportResolution(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: ReportResolutionDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(intents.reportResolutionIntent(id, dto), context, res);
  }

  @DeclarationAction(':id/closure', ['analyst', 'admin'])
  close(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: ReasonDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(intents.closeIntent(id, dto), context, res);
  }

  @DeclarationAction(':id/reopening', ['analyst', 'admin'])
  reopen(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: ReasonDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(intents.reopenIntent(id, dto), context, res);
  }

  @DeclarationAction(':id/messages', ['declarant', 'analyst', 'admin'])
  postMessage(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: PostMessageDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      intents.postMessageIntent(id, newId(context.idempotencyKey, 'message'), dto),
      context,
      res,
    );
  }

  @DeclarationAction(':id/assignment', ['analyst', 'admin'])
  async assign(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: AssignmentDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.assignees.check(context.principal, dto.assignee ?? null);
    return this.run(intents.assignIntent(id, dto.assignee ?? null), context, res);
  }

  @DeclarationAction(':id/internal-notes', ['analyst', 'admin'])
  postInternalNote(
    @Param('id', DeclarationIdPipe) id: string,
    @Body() dto: InternalNoteDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(
      intents.internalNoteIntent(id, newId(context.idempotencyKey, 'internal-note'), dto),
      context,
      res,
    );
  }

  @Get()
  // The CSV answer is told in the description only: a second media type here would make every
  // typed client (the web's) treat the page as "a page or a string".
  @ApiOkResponse({
    type: DeclarationPageDto,
    description:
      'Newest first (submittedAt, then id, descending) unless `sort` says otherwise; a declarant sees its facilities only. With format=csv (CERT only): every selected declaration as a `text/csv; charset=utf-8` attachment (UTF-8 with BOM), recorded in the read-audit log',
  })
  async list(
    @Query() query: ListDeclarationsQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<DeclarationPage | StreamableFile> {
    const filter = filterOf(query, principal);
    if (query.format !== 'csv')
      return this.queries.execute(new ListDeclarations(filter, principal, minPositionOf(query)));
    const body = await this.exports.csv(filter, principal, minPositionOf(query), {
      query: request.originalUrl.split('?')[1] ?? '',
      requestId: String(request.headers['x-request-id'] ?? ''),
    });
    return new StreamableFile(body, {
      type: 'text/csv; charset=utf-8',
      length: body.length,
      disposition: `attachment; filename="declarations-${new Date().toISOString().slice(0, 10)}.csv"`,
    });
  }

  @Get(':id')
  @AuditedRead()
  @ApiOkResponse({
    type: DeclarationViewDto,
    description: 'The declaration as it stands; `:id` may be its reference (2026-000042)',
    headers: { ETag: COMMAND_ANSWER_HEADERS.ETag },
  })
  @ApiProblems(404)
  async get(
    @Param('id', DeclarationIdOrReferencePipe) id: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeclarationView> {
    const view = await this.queries.execute(new GetDeclaration(id, principal, minPositionOf(query)));
    res.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':id/history')
  @AuditedRead()
  @ApiOkResponse({ type: DeclarationHistoryDto, description: 'One item per event, in order' })
  @ApiProblems(404)
  history(
    @Param('id', DeclarationIdOrReferencePipe) id: string,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ items: TimelineEntry[] }> {
    return this.queries.execute(new GetDeclarationHistory(id, principal, minPositionOf(query)));
  }

  /** The status comes from @HttpCode: a replay answers what the first request on this route answered. */
  private async run(
    intent: CommandIntent,
    context: CommandContext,
    res: Response,
  ): Promise<CommandResultDto> {
    return sendOutcome(res, await this.commands.execute(new ExecuteDeclarationCommand(intent, context)));
  }
}
