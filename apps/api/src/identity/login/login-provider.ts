import { Inject, Injectable } from '@nestjs/common';
import { claimAt, isLoopback, type VigieConfig } from '@vigie/config';
import * as oidc from 'openid-client';
import { VIGIE_CONFIG } from '../../config/config.tokens';
import {
  EMBEDDED_CLIENT_ID,
  EMBEDDED_SCOPES,
  embeddedClientSecret,
  embeddedIssuer,
} from '../embedded-provider/embedded-client';

/** The client's side of a provider: where it is, who we are to it, which claims name the person. */
interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  emailClaim: string;
  nameClaim: string;
}

/** What a successful callback tells about the person. */
export interface LoggedIn {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  idToken: string | null;
}

/**
 * The API as the confidential OpenID Connect client of the configured provider: the embedded one
 * (`/oidc` of this service) or an external one (ProConnect, Pro Santé Connect, Keycloak), found
 * by discovery, authorization code with PKCE (S256), `state` and `nonce`. The tokens stay here.
 */
@Injectable()
export class LoginProvider {
  readonly settings: ProviderSettings;

  readonly redirectUri: string;

  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(@Inject(VIGIE_CONFIG) private readonly config: VigieConfig) {
    const login = config.login;
    this.settings =
      login.provider === 'external'
        ? login
        : {
            issuer: embeddedIssuer(config),
            clientId: EMBEDDED_CLIENT_ID,
            clientSecret: embeddedClientSecret(config),
            scopes: EMBEDDED_SCOPES.join(' '),
            emailClaim: 'email',
            nameClaim: 'name',
          };
    this.redirectUri = `${config.publicUrl}/auth/callback`;
  }

  /** Where to send the browser; `state`, `nonce` and the verifier's challenge go with it. */
  async authorizationUrl(checks: { state: string; nonce: string; codeVerifier: string }): Promise<URL> {
    const configuration = await this.discovered();
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.settings.scopes,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Exchanges the code of the callback URL, checking state, nonce and the ID token; throws otherwise. */
  async exchange(
    callbackUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<LoggedIn> {
    const configuration = await this.discovered();
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (idClaims === undefined) throw new Error('the provider sent no ID token');
    let claims: Record<string, unknown> = idClaims;
    // ProConnect gives the e-mail in userinfo only: ask it when the ID token lacks it.
    if (claimText(claims, this.settings.emailClaim) === null) {
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...userInfo, ...idClaims };
    }
    return {
      issuer: idClaims.iss,
      subject: idClaims.sub,
      email: claimText(claims, this.settings.emailClaim)?.trim().toLowerCase() ?? null,
      // Only an explicit `false` is unverified: ProConnect and the embedded provider verify e-mails.
      emailVerified: claims.email_verified !== false,
      name: claimText(claims, this.settings.nameClaim),
      idToken: tokens.id_token ?? null,
    };
  }

  /** The provider's logout for this session, back to the home page; null when it has none. */
  async endSessionUrl(idToken: string | null): Promise<string | null> {
    const configuration = await this.discovered();
    if (configuration.serverMetadata().end_session_endpoint === undefined) return null;
    const parameters: Record<string, string> = { post_logout_redirect_uri: `${this.config.publicUrl}/` };
    if (idToken !== null) parameters.id_token_hint = idToken;
    else parameters.client_id = this.settings.clientId;
    return oidc.buildEndSessionUrl(configuration, parameters).href;
  }

  /** Discovery once; a failure is not kept, so the next login tries again. */
  private discovered(): Promise<oidc.Configuration> {
    if (this.configuration === null) {
      const issuer = new URL(this.settings.issuer);
      // Plain http only to this machine (the embedded provider, tests); everywhere else https.
      const execute =
        issuer.protocol === 'http:' && isLoopback(issuer.hostname) ? [oidc.allowInsecureRequests] : [];
      this.configuration = oidc
        .discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, {
          execute,
          timeout: 10,
        })
        .catch((error: unknown) => {
          this.configuration = null;
          throw error;
        });
    }
    return this.configuration;
  }
}

function claimText(claims: Record<string, unknown>, path: string): string | null {
  const value = claimAt(claims, path);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
