import { Controller, Get, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../problem/api-problems.decorator';
import { LogoutDto } from './logout.dto';
import type { VigieConfig } from '@vigie/config';
import { randomToken, type LoginAttempts, type Sessions } from '@vigie/identity';
import type { Request, Response } from 'express';
import * as oidc from 'openid-client';
import { Public } from '../../auth/auth.decorators';
import { Principals } from '../../auth/principals';
import {
  cookieOf,
  loginCookieName,
  loginCookieOptions,
  sessionCookieName,
  sessionCookieOptions,
} from '../../auth/session-cookie';
import { VIGIE_CONFIG } from '../../config/config.tokens';
import { LOGIN_ATTEMPTS, SESSIONS } from '../identity.tokens';
import { LoginProvider } from './login-provider';
import { LoginResolver } from './login-resolver';
import { safeReturnTo } from './return-to';
import { LOGIN_ATTEMPT_TTL_MS } from '@vigie/identity';

/** A page navigation's answer: where to go, and no body. */
const SEE_OTHER = {
  status: 303,
  description: 'Where the browser goes next',
  headers: { Location: { schema: { type: 'string' } } },
};

/**
 * The browser's login, the API being the OpenID Connect client (backend-for-frontend): these are
 * page navigations, answered with redirects; a failure lands on the web app's login page with a
 * code it explains in French (`/connexion?erreur=…`).
 */
@ApiTags('login')
@ApiProblems(429)
@Controller('auth')
export class LoginController {
  private readonly logger = new Logger('Login');

  constructor(
    @Inject(VIGIE_CONFIG) private readonly config: VigieConfig,
    private readonly provider: LoginProvider,
    private readonly resolver: LoginResolver,
    private readonly principals: Principals,
    @Inject(LOGIN_ATTEMPTS) private readonly attempts: LoginAttempts,
    @Inject(SESSIONS) private readonly sessions: Sessions,
  ) {}

  @Public()
  @Get('login')
  @ApiOperation({
    summary:
      'Start a browser login: to the provider, with PKCE, state and nonce (`returnTo`: a path of this site)',
  })
  @ApiResponse(SEE_OTHER)
  async login(@Query('returnTo') returnTo: unknown, @Res() response: Response): Promise<void> {
    const browser = randomToken();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const nonce = oidc.randomNonce();
    const state = await this.attempts.start(
      { codeVerifier, nonce, returnTo: safeReturnTo(returnTo) },
      browser,
    );
    let url: URL;
    try {
      url = await this.provider.authorizationUrl({ state, nonce, codeVerifier });
    } catch (error) {
      this.logger.warn(`the identity provider cannot be reached: ${(error as Error).message}`);
      seeOther(response, '/connexion?erreur=fournisseur-indisponible');
      return;
    }
    response.cookie(
      loginCookieName(this.config),
      browser,
      loginCookieOptions(this.config, LOGIN_ATTEMPT_TTL_MS),
    );
    seeOther(response, url.href);
  }

  @Public()
  @Get('callback')
  @ApiOperation({
    summary: 'The provider sends the browser back here: a session, or /acces-refuse, or /connexion?erreur=…',
  })
  @ApiResponse(SEE_OTHER)
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const browser = cookieOf(request, loginCookieName(this.config));
    response.clearCookie(loginCookieName(this.config), loginCookieOptions(this.config, 0));
    const state = typeof request.query.state === 'string' ? request.query.state : null;
    if (typeof request.query.error === 'string') return this.fail(response, 'refus');
    const pending = state === null ? null : await this.attempts.take(state, browser);
    if (pending === null) return this.fail(response, 'connexion-expiree');
    const callbackUrl = new URL(request.originalUrl, this.config.publicUrl);
    let person;
    try {
      person = await this.provider.exchange(callbackUrl, { state: state!, ...pending });
    } catch (error) {
      this.logger.warn(`a login callback failed: ${(error as Error).name}: ${(error as Error).message}`);
      return this.fail(response, 'echec');
    }
    const userId = await this.resolver.userOf(person);
    if (userId === null) {
      seeOther(response, '/acces-refuse');
      return;
    }
    const { id, session } = await this.sessions.create({
      userId,
      issuer: person.issuer,
      idToken: person.idToken,
    });
    const lifetime = Date.parse(session.expiresAt) - Date.now();
    response.cookie(sessionCookieName(this.config), id, sessionCookieOptions(this.config, lifetime));
    seeOther(response, pending.returnTo);
  }

  /** Ends the session here, then at the provider when it has an end-session endpoint. */
  @Public()
  @Post('logout')
  @ApiOperation({ summary: 'End the session (CSRF-checked), and say where the provider ends its own' })
  @ApiOkResponse({ type: LogoutDto })
  @ApiProblems(403)
  async logout(@Req() request: Request, @Res() response: Response): Promise<void> {
    const cookie = cookieOf(request, sessionCookieName(this.config));
    const session = cookie === null ? null : await this.principals.sessionForChange(request, cookie);
    response.clearCookie(sessionCookieName(this.config), sessionCookieOptions(this.config, 0));
    if (session !== null) await this.sessions.end(cookie!);
    let redirectTo = '/';
    try {
      redirectTo = (await this.provider.endSessionUrl(session?.idToken ?? null)) ?? '/';
    } catch (error) {
      this.logger.warn(`the provider's logout cannot be reached: ${(error as Error).message}`);
    }
    response.status(200).json({ redirectTo });
  }

  private fail(response: Response, code: string): void {
    seeOther(response, `/connexion?erreur=${code}`);
  }
}

/** 303 without the body Express writes: a browser follows the Location, nobody reads the text. */
function seeOther(response: Response, location: string): void {
  response.status(303).location(location).end();
}
