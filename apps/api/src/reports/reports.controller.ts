import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Lang } from '@vigie/domain';
import { renderReport, type Publication, type ReportFormat, type RestatementsReport } from '@vigie/reporting';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { CurrentCommandContext, type CommandContext } from '../declarations/command-context';
import { ApiProblems } from '../problem/api-problems.decorator';
import { AnnualReportDto } from './annual-report.dto';
import { PublicationDto, PublicationListDto, PublicationSummaryDto } from './publication.dto';
import { PublishReport, publicationLocation } from './publish-report.handler';
import {
  GetAnnualReport,
  GetPublication,
  GetRestatements,
  ListPublications,
  type PublicationSummary,
} from './report-queries';
import {
  AnnualReportQueryDto,
  PublicationParamsDto,
  PublicationQueryDto,
  PublishReportDto,
  RestatementsQueryDto,
  YearParamsDto,
  asOfOf,
  reportRequestOf,
  yearOf,
} from './report-query.dto';
import { RestatementsDto } from './restatements.dto';

/** Formats a browser or a script saves rather than shows. */
const DOWNLOADED = new Set(['csv', 'pdf', 'opendata-csv', 'opendata-json']);

/** An edition as the API shows it: `id`, and the report only when one edition is asked for. */
function publicationView({ publicationId, ...edition }: Publication | PublicationSummary) {
  return { id: publicationId, ...edition };
}

@ApiTags('reports')
@ApiBearerAuth()
@Roles('analyst', 'admin')
@ApiProblems(400, 401, 403, 429, 503)
@Controller('api/v1/reports/annual')
export class ReportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':year')
  @ApiExtraModels(AnnualReportDto)
  @ApiOkResponse({
    description:
      'The yearly report (docs/report.md) in the `format` asked for: now, from the annual-statistics read model (`position` = what it had applied), or as of an instant, replayed from the event log. CSV and PDF come as attachments',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AnnualReportDto) } },
      'text/csv': { schema: { type: 'string', description: 'One line per cell: section, key, value' } },
      'text/markdown': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string', description: 'A page with SVG charts' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async report(
    @Param() params: YearParamsDto,
    @Query() query: AnnualReportQueryDto,
  ): Promise<StreamableFile> {
    const request = reportRequestOf(params, query);
    const report = await this.queries.execute(
      new GetAnnualReport(request.year, request.asOf, request.minPosition),
    );
    const rendered = await renderReport(report, {
      format: request.format,
      lang: request.lang,
      public: request.public,
    });
    const filename = `vigie-report-${request.year}${request.public ? '-public' : ''}.${rendered.extension}`;
    return new StreamableFile(rendered.body, {
      type: rendered.contentType,
      length: rendered.body.length,
      disposition: DOWNLOADED.has(request.format) ? `attachment; filename="${filename}"` : undefined,
    });
  }

  @Post(':year/publications')
  @HttpCode(201)
  @ApiBody({ type: PublishReportDto, required: false })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key and body gets the same edition, not a second one',
  })
  @ApiCreatedResponse({
    type: PublicationSummaryDto,
    description: 'The edition, frozen from the log up to `position`',
    headers: {
      Location: { description: 'The edition', schema: { type: 'string' } },
      'Idempotent-Replayed': { description: '`true` on a replay', schema: { type: 'string' } },
    },
  })
  // 409: a request with this Idempotency-Key is still being processed; 422: the key was used for another.
  @ApiProblems(409, 413, 415, 422)
  async publish(
    @Param() params: YearParamsDto,
    @Body() body: PublishReportDto,
    @CurrentCommandContext() context: CommandContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const year = yearOf(params);
    const { publication, replayed } = await this.commands.execute(
      new PublishReport(year, asOfOf(body.asOf), body.note ?? null, context),
    );
    const { report, ...edition } = publication;
    res.setHeader('Location', publicationLocation(year, edition.publicationId));
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    return publicationView({ ...edition, total: report.declarations.total });
  }

  @Get(':year/publications')
  @ApiOkResponse({
    type: PublicationListDto,
    description: 'The editions of the year, newest first, without their report',
  })
  async publications(@Param() params: YearParamsDto) {
    const { items } = await this.queries.execute(new ListPublications(yearOf(params)));
    return { items: items.map(publicationView) };
  }

  @Get(':year/publications/:id')
  @ApiExtraModels(PublicationDto)
  @ApiOkResponse({
    description:
      'One edition, with the report it froze (`report`); with `format` (or `public=true`), that frozen report rendered, internal or public: the same bytes every time (the edition’s instant, never the rendering’s)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(PublicationDto) } },
      'text/csv': { schema: { type: 'string' } },
      'text/markdown': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(404)
  async publication(@Param() params: PublicationParamsDto, @Query() query: PublicationQueryDto) {
    const year = yearOf(params);
    const publication = await this.queries.execute(new GetPublication(year, params.id.toLowerCase()));
    if (query.format === undefined && query.public === undefined) return publicationView(publication);
    const format = (query.format ?? 'json') as ReportFormat;
    const isPublic = query.public === 'true';
    const rendered = await renderReport(publication.report, {
      format,
      lang: (query.lang ?? 'fr') as Lang,
      public: isPublic,
    });
    const filename = `vigie-report-${year}-${publication.publicationId.slice(0, 8)}${isPublic ? '-public' : ''}.${rendered.extension}`;
    return new StreamableFile(rendered.body, {
      type: rendered.contentType,
      length: rendered.body.length,
      disposition: DOWNLOADED.has(format) ? `attachment; filename="${filename}"` : undefined,
    });
  }

  @Get(':year/publications/:id/restatements')
  @ApiOkResponse({
    type: RestatementsDto,
    description:
      'Every count that differs between the edition and the report now (or at asOf), with the declarations that moved it',
  })
  @ApiProblems(404)
  restatements(
    @Param() params: PublicationParamsDto,
    @Query() query: RestatementsQueryDto,
  ): Promise<RestatementsReport> {
    return this.queries.execute(
      new GetRestatements(yearOf(params), params.id.toLowerCase(), asOfOf(query.asOf)),
    );
  }
}
