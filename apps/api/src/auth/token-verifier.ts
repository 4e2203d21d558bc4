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

/** Turns a bearer token into a Principal, or throws 401. The reason is generic: a client learns nothing by probing. */
@Injectable()
export class TokenVerifier {
  private readonly verifyClaims: (token: string) => Promise<Record<string, unknown>>;

  private readonly remoteKeys: boolean;

  private readonly verified = new VerifiedTokens();

  constructor(@Inject(VIGIE_CONFIG) config: VigieConfig) {
    const auth = config.auth;
    this.remoteKeys = auth.mode === 'oidc';
    if (auth.mode === 'oidc') {
      const keys = createRemoteJWKSet(new URL(auth.jwksUrl));
      this.verifyClaims = async (token) =>
        (
          await jwtVerify(token, keys, {
            issuer: auth.issuer,
            audience: auth.audience,
            algorithms: OIDC_ALGORITHMS,
            requiredClaims: ['exp'],
          })
        ).payload;
    } else {
      this.verifyClaims = (token) => verifyEmbeddedToken(token, config.jwtSecret);
    }
  }

  async verify(token: string): Promise<Principal> {
    const known = this.verified.get(token);
    if (known !== null) return known;
    let claims: Record<string, unknown>;
    try {
      claims = await this.verifyClaims(token);
    } catch (error) {
      if (this.remoteKeys && providerFailed(error)) {
        throw new IdentityProviderUnavailable(
          'The keys of the identity provider cannot be fetched; retry later',
        );
      }
      throw new UnauthorizedException('The bearer token is invalid or expired');
    }
    const principal = principalFromClaims(claims);
    if (typeof principal === 'string') throw new UnauthorizedException(principal);
    this.verified.set(token, principal, claims.exp);
    return principal;
  }
}
