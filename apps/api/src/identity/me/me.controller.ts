import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { VigieConfig } from '@vigie/config';
import { PersonalDataVault } from '@vigie/privacy';
import { READ_DATA_SOURCE, getUser } from '@vigie/read-models';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { AnswersNoAccess, CurrentPrincipal, type AuthenticatedRequest } from '../../auth/auth.decorators';
import type { Principal } from '../../auth/principal';
import { csrfTokenOf } from '../../auth/session-cookie';
import { VIGIE_CONFIG } from '../../config/config.tokens';
import { ApiProblems } from '../../problem/api-problems.decorator';
import { embeddedIssuer } from '../embedded-provider/embedded-client';
import { MeDto } from './me.dto';

@ApiTags('me')
@ApiProblems(401, 403, 429, 503)
@Controller('api/v1/me')
export class MeController {
  constructor(
    @Inject(VIGIE_CONFIG) private readonly config: VigieConfig,
    private readonly vault: PersonalDataVault,
    @Inject(READ_DATA_SOURCE) private readonly readDb: DataSource,
  ) {}

  @Get()
  @AnswersNoAccess()
  @ApiOperation({ summary: 'Who is calling: name, roles, facilities, and the session with its CSRF token' })
  @ApiOkResponse({ type: MeDto })
  async me(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request & AuthenticatedRequest,
  ): Promise<MeDto> {
    const session = request.session ?? null;
    const userId = principal.userId ?? null;
    const user = userId === null ? null : await getUser(this.readDb, userId);
    const person =
      user === null
        ? null
        : await this.vault.reveal({ name: user.name, email: user.email, role: '', phone: null });
    return {
      user: { id: principal.sub, name: person?.name ?? null, email: person?.email ?? null },
      // `[]`: a user who may do nothing now (every grant revoked, or disabled).
      roles: user?.roles ?? [principal.role],
      finess: principal.finess,
      csrfToken: session === null ? null : csrfTokenOf(this.config, session.idHash),
      expiresAt: session?.expiresAt ?? null,
      idleExpiresAt: session?.idleExpiresAt ?? null,
      localAccount: session !== null && session.issuer === embeddedIssuer(this.config),
    };
  }
}
