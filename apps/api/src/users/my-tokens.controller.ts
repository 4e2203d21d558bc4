import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { ApiTokens } from '@vigie/identity';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { DeclarationIdPipe as UuidPipe } from '../declarations/declaration-id.pipe';
import { API_TOKENS } from '../identity/identity.tokens';
import { ApiProblems } from '../problem/api-problems.decorator';
import { ApiTokenNotFound } from './user-problems';
import { ApiTokenListDto, CreatedApiTokenDto } from './user-view.dto';
import { CreateApiTokenDto } from './users.dto';

/** The caller's own personal API tokens, whatever their role: `principal.sub` is their user id. */
@ApiTags('me')
@ApiBearerAuth()
@ApiProblems(401, 429, 503)
@Controller('api/v1/me/tokens')
export class MyTokensController {
  constructor(@Inject(API_TOKENS) private readonly tokens: ApiTokens) {}

  @Get()
  @ApiOkResponse({ type: ApiTokenListDto })
  async list(@CurrentPrincipal() principal: Principal): Promise<ApiTokenListDto> {
    return { items: await this.tokens.list(principal.sub) };
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CreatedApiTokenDto, description: 'The token is shown this once' })
  @ApiProblems(400)
  create(
    @Body() dto: CreateApiTokenDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedApiTokenDto> {
    return this.tokens.create(principal.sub, dto.label.trim(), dto.expiresInDays ?? 90);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: it opens nothing any more' })
  @ApiProblems(400, 404)
  async revoke(@Param('id', UuidPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    if (!(await this.tokens.revoke(principal.sub, id))) throw new ApiTokenNotFound(id);
  }
}
