import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { VIGIE_CONFIG } from '../config/config.tokens';
import type { VigieConfig } from '@vigie/config';
import { HttpProblem } from '../problem/http-problem';
import { principalFromClaims, type Principal } from './principal';
import { verifyEmbeddedToken } from './tokens';
import { VerifiedTokens } from './verified-tokens';

/** Asymmetric only: a provider's tokens are never HMAC-signed with a key we would share. */
const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** The provider's JWKS could not be fetched: the token may be fine, the client should retry. */
class IdentityProviderUnavailable extends HttpProblem {
  readonly status = 503;
  readonly code = 'identity-provider-unavailable';
  readonly title = 'Service unavailable';
  override readonly headers = { 'Retry-After': '5' };
}

/** Unreachable, timed out, or not answering 200 with JSON: jose reports those as generic or non-JOSE errors. */
const providerFailed = (error: unknown): boolean =>
  !(error instanceof errors.JOSEError) ||
  error.code === 'ERR_JWKS_TIMEOUT' ||
  error.code === 'ERR_JOSE_GENERIC';

/** A JWT's verified claims, and its issuer when a provider issued it (null: the embedded secret). */
export interface VerifiedClaims {
  claims: Record<string, unknown>;
  issuer: string | null;
}

/** Verifies a JWT bearer token, or throws 401. The reason is generic: a client learns nothing by probing. */
@Injectable()
export class TokenVerifier {
  private readonly verifyJwt: (token: string) => Promise<Record<string, unknown>>;

  private readonly issuer: string | null;

  private readonly verified = new VerifiedTokens<VerifiedClaims>();

  constructor(@Inject(VIGIE_CONFIG) config: VigieConfig) {
    const auth = config.auth;
    this.issuer = auth.mode === 'oidc' ? auth.issuer : null;
    if (auth.mode === 'oidc') {
      const keys = createRemoteJWKSet(new URL(auth.jwksUrl));
      this.verifyJwt = async (token) =>
        (
          await jwtVerify(token, keys, {
            issuer: auth.issuer,
            audience: auth.audience,
            algorithms: OIDC_ALGORITHMS,
            requiredClaims: ['exp'],
          })
        ).payload;
    } else {
      this.verifyJwt = (token) => verifyEmbeddedToken(token, config.jwtSecret);
    }
  }

  async verifyClaims(token: string): Promise<VerifiedClaims> {
    const known = this.verified.get(token);
    if (known !== null) return known;
    let claims: Record<string, unknown>;
    try {
      claims = await this.verifyJwt(token);
    } catch (error) {
      if (this.issuer !== null && providerFailed(error)) {
        throw new IdentityProviderUnavailable(
          'The keys of the identity provider cannot be fetched; retry later',
        );
      }
      throw new UnauthorizedException('The bearer token is invalid or expired');
    }
    const verified = { claims, issuer: this.issuer };
    this.verified.set(token, verified, claims.exp);
    return verified;
  }

  /** The token's claims as a principal, for callers that take no session (`/metrics`). */
  async verify(token: string): Promise<Principal> {
    const principal = principalFromClaims((await this.verifyClaims(token)).claims);
    if (typeof principal === 'string') throw new UnauthorizedException(principal);
    return principal;
  }
}
