import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { HttpProblem } from '../problem/http-problem';
import { claimAt, type VigieConfig } from '@vigie/config';
import { PersonalDataVault } from '@vigie/privacy';
import { READ_DATA_SOURCE, permissionsOfUser, userIdOfLogin } from '@vigie/read-models';
import { API_TOKEN_PREFIX, type ActiveSession, type Sessions } from '@vigie/identity';
import { highestRole } from '@vigie/domain';
import type { AuthenticatedRequest } from './auth.decorators';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { VIGIE_CONFIG } from '../config/config.tokens';
import { API_TOKENS, SESSIONS } from '../identity/identity.tokens';
import { principalFromClaims, type Principal } from './principal';
import { cookieOf, csrfTokenOf, sameToken, sessionCookieName } from './session-cookie';
import { TokenVerifier } from './token-verifier';
import { crossSiteReason } from './same-site-request';
import { userPrincipal } from './user-principal';

/** What verifying a personal API token needs of the token store. */
export interface ApiTokenCheck {
  verify(token: string): Promise<{ userId: string } | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A state-changing request with the session cookie, not from a page of this site. */
export class CsrfRefused extends HttpProblem {
  readonly status = 403;
  readonly code = 'csrf-refused';
  readonly title = 'Forbidden';

  constructor(reason: string) {
    super(`Cross-site request refused: ${reason}`);
  }
}

/**
 * Every way a caller is recognised, in one place: a bearer token (a personal API token, a token
 * of the embedded secret, or a provider's JWT) or the browser's session cookie. Users' grants are
 * read on every request from the user-permissions read model.
 */
@Injectable()
export class Principals {
  constructor(
    @Inject(VIGIE_CONFIG) private readonly config: VigieConfig,
    private readonly tokens: TokenVerifier,
    private readonly vault: PersonalDataVault,
    @Inject(READ_DATA_SOURCE) private readonly readDb: DataSource,
    @Inject(API_TOKENS) private readonly apiTokens: ApiTokenCheck,
    @Inject(SESSIONS) private readonly sessions: Sessions,
  ) {}

  /** The caller of the request; 401 when it has neither a valid token nor a valid session. */
  async of(request: Request): Promise<Principal> {
    const token = bearerTokenOf(request);
    if (token !== null) return this.ofBearer(token);
    const cookie = cookieOf(request, sessionCookieName(this.config));
    if (cookie === null)
      throw new UnauthorizedException('An "Authorization: Bearer <token>" header or a session is required');
    const session = await this.sessions.use(cookie);
    if (session === null) throw new UnauthorizedException('The session has ended: log in again');
    if (!SAFE_METHODS.has(request.method)) this.checkCsrf(request, csrfTokenOf(this.config, session.idHash));
    (request as Request & AuthenticatedRequest).session = session;
    return userPrincipal(session.userId, await permissionsOfUser(this.readDb, session.userId));
  }

  /** The session of a state-changing request (logout) after the CSRF check; null when it has ended. */
  async sessionForChange(request: Request, cookie: string): Promise<ActiveSession | null> {
    const session = await this.sessions.use(cookie);
    if (session !== null) this.checkCsrf(request, csrfTokenOf(this.config, session.idHash));
    return session;
  }

  private async ofBearer(token: string): Promise<Principal> {
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const owner = await this.apiTokens.verify(token);
      if (owner === null) throw new UnauthorizedException('The bearer token is invalid or expired');
      return userPrincipal(owner.userId, await permissionsOfUser(this.readDb, owner.userId));
    }
    const { claims, issuer } = await this.tokens.verifyClaims(token);
    if (issuer !== null && typeof claims.sub === 'string') {
      // A provider's subject bound to a Vigie user acts with that user's grants, whatever its claims say.
      const userId = await userIdOfLogin(
        this.readDb,
        issuer,
        this.vault.loginSubjectHashOf(issuer, claims.sub),
      );
      if (userId !== null) return userPrincipal(userId, await permissionsOfUser(this.readDb, userId));
    }
    const mapped = {
      ...claims,
      role: claimAt(claims, this.config.bearerClaims.role),
      finess: claimAt(claims, this.config.bearerClaims.finess),
    };
    const principal = principalFromClaims(pickRole(mapped));
    if (typeof principal === 'string') throw new UnauthorizedException(principal);
    return { ...principal, sub: this.actorFor(issuer, principal.sub) };
  }

  /**
   * What events record for a subject that is no Vigie user: a provider's subject, or an e-mail
   * given as the subject of an embedded token, as a keyed pseudonym; other embedded subjects
   * (`analyst-1`, a script's name) as they are, for development and existing scripts.
   */
  private actorFor(issuer: string | null, sub: string): string {
    if (issuer === null && !sub.includes('@')) return sub;
    return `ext-${this.vault.loginSubjectHashOf(issuer ?? 'embedded', sub).slice(0, 22)}`;
  }

  /** Origin or Fetch Metadata must say "this site", and the session's token must come along. */
  private checkCsrf(request: Request, expected: string): void {
    const crossSite = crossSiteReason(request.headers, new URL(this.config.publicUrl).origin);
    if (crossSite !== null) throw new CsrfRefused(crossSite);
    const given = request.headers['x-csrf-token'];
    if (typeof given !== 'string' || !sameToken(given, expected))
      throw new CsrfRefused('the X-CSRF-Token header is missing or wrong');
  }
}

/** `role` may be a list (Keycloak's `realm_access.roles`): the highest Vigie role in it. */
function pickRole(claims: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(claims.role)) return claims;
  const held = claims.role as unknown[];
  return { ...claims, role: highestRole(held) };
}

/** The token of `Authorization: Bearer <token>`, null without the header; 401 when it is malformed. */
export function bearerTokenOf(request: Request): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
  if (match === null)
    throw new UnauthorizedException('An "Authorization: Bearer <token>" header is required');
  return match[1];
}
