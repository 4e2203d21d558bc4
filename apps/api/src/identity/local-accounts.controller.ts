import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { LocalAccounts } from '@vigie/identity';
import { CurrentPrincipal, Public } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../problem/api-problems.decorator';
import { ProblemDto } from '../problem/problem.dto';
import { RequestValidationError } from '../problem/http-problem';
import { LOCAL_ACCOUNTS } from './identity.tokens';
import { AccountLocked, ActivationExpired, NoLocalAccount, WrongPassword } from './local-account-problems';
import {
  ActivationDto,
  LocalAccountDto,
  PasswordChangeDto,
  TotpConfirmationDto,
  TotpEnrolmentDto,
} from './local-account.dto';

const GONE = {
  status: 410,
  description: 'The activation token is unknown, already used or expired',
  content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
};

/** Setting the first password with the one-time link of the invitation. */
@ApiTags('my account')
@Controller('api/v1/local-accounts')
export class LocalAccountActivationController {
  constructor(@Inject(LOCAL_ACCOUNTS) private readonly accounts: LocalAccounts) {}

  @Public()
  @Post('activation')
  @HttpCode(204)
  @ApiExtraModels(ProblemDto)
  @ApiNoContentResponse({ description: 'The password is set; the link no longer works' })
  @ApiResponse(GONE)
  @ApiProblems(400, 429, 503)
  async activate(@Body() body: ActivationDto): Promise<void> {
    if (!(await this.accounts.activate(body.token, body.password))) throw new ActivationExpired();
  }
}

/** The caller's own local account: password, second factor. `sub` is the Vigie user id. */
@ApiTags('my account')
@ApiBearerAuth()
@ApiProblems(401, 404, 429, 503)
@Controller('api/v1/me')
export class MyLocalAccountController {
  constructor(@Inject(LOCAL_ACCOUNTS) private readonly accounts: LocalAccounts) {}

  @Get('local-account')
  @ApiOkResponse({ type: LocalAccountDto })
  async show(@CurrentPrincipal() principal: Principal): Promise<LocalAccountDto> {
    const { email, activated, totpRequired, totpEnrolled, lockedUntil } = await this.accountOf(principal);
    return { email, activated, totpRequired, totpEnrolled, lockedUntil };
  }

  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The new password is set' })
  @ApiProblems(400, 403)
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PasswordChangeDto,
  ): Promise<void> {
    const account = await this.accountOf(principal);
    if (account.lockedUntil !== null) throw new AccountLocked(account.lockedUntil);
    if (!(await this.accounts.changePassword(account.accountId, body.currentPassword, body.newPassword))) {
      const after = await this.accounts.ofAccount(account.accountId);
      if (after?.lockedUntil) throw new AccountLocked(after.lockedUntil);
      throw new WrongPassword();
    }
  }

  @Post('totp')
  @HttpCode(200)
  @ApiOkResponse({
    type: TotpEnrolmentDto,
    description: 'A new secret, pending until a first code confirms it; an enrolled one works meanwhile',
  })
  async startTotp(@CurrentPrincipal() principal: Principal): Promise<TotpEnrolmentDto> {
    const account = await this.accountOf(principal);
    const enrolment = await this.accounts.startTotpEnrolment(account.accountId);
    if (enrolment === null) throw new NoLocalAccount();
    return enrolment;
  }

  @Post('totp/confirmation')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The pending secret is now the second factor' })
  @ApiProblems(400, 403)
  async confirmTotp(
    @CurrentPrincipal() principal: Principal,
    @Body() body: TotpConfirmationDto,
  ): Promise<void> {
    const account = await this.accountOf(principal);
    const check = await this.accounts.confirmTotp(account.accountId, body.code);
    switch (check.outcome) {
      case 'ok':
        return;
      case 'locked':
        throw new AccountLocked(check.until);
      case 'not-enrolled':
        throw new RequestValidationError([
          { field: 'code', message: 'no enrolment in progress: start one first' },
        ]);
      case 'wrong':
      case 'disabled':
        throw new RequestValidationError([
          { field: 'code', message: 'is not the current code of the authenticator' },
        ]);
      default: {
        const unknown: never = check;
        throw new Error(`Unknown TOTP outcome ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async accountOf(principal: Principal) {
    const account = await this.accounts.ofUser(principal.sub);
    if (account === null) throw new NoLocalAccount();
    return account;
  }
}
