import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Lang } from '@vigie/domain';
import type { DeclarationView } from '@vigie/read-models';
import { AuditedRead } from '../../audit/audited-read.interceptor';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { GetDeclarationClocks, type DeclarationClocks } from '../../deadlines/deadline-queries';
import { ApiProblems } from '../../problem/api-problems.decorator';
import { DeclarationIdOrReferencePipe } from '../declaration-id.pipe';
import { GetDeclaration } from '../declaration-queries';
import { minPositionOf, QueryParam, ReadQueryDto } from '../list-declarations.dto';
import { renderReceiptPdf } from './receipt-pdf';

export class ReceiptQueryDto extends ReadQueryDto {
  @QueryParam((value) => value === 'pdf', 'must be pdf', {
    enum: ['pdf'],
    description: 'The only format (default pdf)',
  })
  format?: string;

  @QueryParam((value) => value === 'fr' || value === 'en', 'must be one of fr, en', {
    enum: ['fr', 'en'],
    description: 'Language (default fr)',
  })
  lang?: string;
}

/** The accusé de réception of a declaration, for whoever may read the declaration itself. */
@ApiTags('declarations')
@ApiBearerAuth()
@ApiProblems(400, 401, 404, 429, 503)
@Controller('api/v1/declarations')
export class ReceiptController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/receipt')
  @AuditedRead()
  @ApiOkResponse({
    description: 'The accusé de réception as a PDF; `:id` may be the reference',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async receipt(
    @Param('id', DeclarationIdOrReferencePipe) id: string,
    @Query() query: ReceiptQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StreamableFile> {
    const minPosition = minPositionOf(query);
    const view: DeclarationView = await this.queries.execute(new GetDeclaration(id, principal, minPosition));
    const clocks: DeclarationClocks = await this.queries.execute(
      new GetDeclarationClocks(view.id, principal, minPosition),
    );
    const lang: Lang = query.lang === 'en' ? 'en' : 'fr';
    const body = await renderReceiptPdf(view, clocks.items, lang);
    const name = `accuse-de-reception-${view.reference ?? view.id}.pdf`;
    return new StreamableFile(body, {
      type: 'application/pdf',
      length: body.length,
      disposition: `attachment; filename="${name}"`,
    });
  }
}
