import { SignJWT, jwtVerify } from 'jose';
import type { Role } from './principal';

export interface TokenClaims {
  sub: string;
  role: Role;
  /** The facilities a declarant acts for; ignored for the other roles. */
  finess?: string[];
  /** A jose time span (`8h`, `30m`, `2d`); 8 hours when omitted. */
  ttl?: string;
}

const ALGORITHM = 'HS256';
const TTL_PATTERN =
  /^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks|y|yr|yrs|year|years)$/i;

export const isValidTtl = (ttl: string): boolean => TTL_PATTERN.test(ttl.trim());

/** A token of the embedded mode, as `vigie token` prints it and the tests use it. */
export async function signToken(claims: TokenClaims, secret: string): Promise<string> {
  const ttl = claims.ttl ?? '8h';
  if (!isValidTtl(ttl)) throw new Error(`invalid token lifetime "${ttl}" (examples: 30m, 8h, 2d)`);
  return new SignJWT({ role: claims.role, finess: claims.finess ?? [] })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(ttl.trim())
    .sign(secretKey(secret));
}

/** Verifies signature and expiry of an embedded-mode token; throws a jose error otherwise. */
export async function verifyEmbeddedToken(token: string, secret: string): Promise<Record<string, unknown>> {
  const { payload } = await jwtVerify(token, secretKey(secret), {
    algorithms: [ALGORITHM],
    requiredClaims: ['exp'],
  });
  return payload;
}

const secretKey = (secret: string): Uint8Array => new TextEncoder().encode(secret);
