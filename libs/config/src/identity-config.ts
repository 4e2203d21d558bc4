import { ConfigError } from './config-error';

/**
 * Who logs people in. `embedded`: the OpenID provider mounted in the service at `/oidc`, with
 * local accounts. `external`: ProConnect, Pro Santé Connect, Keycloak … found by discovery on
 * its issuer. Either way the API is the confidential client (authorization code + PKCE).
 */
export type LoginConfig =
  | { provider: 'embedded' }
  | {
      provider: 'external';
      issuer: string;
      clientId: string;
      /** Never log it. */
      clientSecret: string;
      scopes: string;
      /** Dotted paths into the ID token's or userinfo's claims (`email`, `name`, `usual_name` …). */
      emailClaim: string;
      nameClaim: string;
    };

/** Dotted paths into a bearer token's claims: `realm_access.roles` reads Keycloak's nested roles. */
export interface BearerClaims {
  role: string;
  finess: string;
}

export interface SessionLimits {
  /** A session not used for this long ends. */
  idleMs: number;
  /** A session ends this long after the login, however active. */
  absoluteMs: number;
}

export interface SiteConfig {
  /** The operator shown in the header (`CERT Santé`). */
  operatorName: string;
  /** The State's brand block, one line per entry; empty for a deployment that is not a State service. */
  brandTop: string[];
  /** The CERT's 24/7 number, shown for a major incident. */
  emergencyPhone: string;
}

export interface IdentityConfig {
  /** Where browsers reach the service (`http://127.0.0.1:3000`): redirect URIs, links in messages. */
  publicUrl: string;
  identityDbUrl: string;
  login: LoginConfig;
  bearerClaims: BearerClaims;
  sessions: SessionLimits;
  site: SiteConfig;
}

type Read = (name: string) => string | undefined;

export function identityConfig(
  read: Read,
  host: string,
  port: number,
): Omit<IdentityConfig, 'identityDbUrl'> {
  return {
    publicUrl: publicUrl(read('VIGIE_PUBLIC_URL') ?? `http://${hostForUrl(host)}:${port}`),
    login: login(read),
    bearerClaims: {
      role: claimPath(read('VIGIE_OIDC_ROLE_CLAIM') ?? 'role', 'VIGIE_OIDC_ROLE_CLAIM'),
      finess: claimPath(read('VIGIE_OIDC_FINESS_CLAIM') ?? 'finess', 'VIGIE_OIDC_FINESS_CLAIM'),
    },
    sessions: {
      idleMs: minutes(read('VIGIE_SESSION_IDLE_MINUTES') ?? '30', 'VIGIE_SESSION_IDLE_MINUTES', 1, 24 * 60),
      absoluteMs: minutes(
        read('VIGIE_SESSION_MAX_MINUTES') ?? '720',
        'VIGIE_SESSION_MAX_MINUTES',
        1,
        7 * 24 * 60,
      ),
    },
    site: {
      operatorName: read('VIGIE_OPERATOR_NAME') ?? 'CERT Santé',
      brandTop: (read('VIGIE_BRAND_TOP') ?? 'République|Française').split('|').filter((line) => line !== ''),
      emergencyPhone: read('VIGIE_EMERGENCY_PHONE') ?? '+33 (0)9 72 43 91 25',
    },
  };
}

/** Listening on every interface still means 127.0.0.1 for the browser on this machine. */
const hostForUrl = (host: string): string => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);

function publicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`VIGIE_PUBLIC_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError('VIGIE_PUBLIC_URL must be an http(s) URL');
  // Plain http only where nobody else can listen: the embedded default on this machine.
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    throw new ConfigError(
      'VIGIE_PUBLIC_URL must use https:// unless it is http://127.0.0.1 or http://localhost',
    );
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export const isLoopback = (hostname: string): boolean =>
  hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';

function login(read: Read): LoginConfig {
  const issuer = read('VIGIE_LOGIN_ISSUER');
  if (issuer === undefined) return { provider: 'embedded' };
  const clientId = read('VIGIE_LOGIN_CLIENT_ID');
  const clientSecret = read('VIGIE_LOGIN_CLIENT_SECRET');
  if (clientId === undefined || clientSecret === undefined)
    throw new ConfigError(
      'VIGIE_LOGIN_ISSUER needs VIGIE_LOGIN_CLIENT_ID and VIGIE_LOGIN_CLIENT_SECRET as well',
    );
  if (!/^https?:\/\//.test(issuer)) throw new ConfigError('VIGIE_LOGIN_ISSUER must be an http(s) URL');
  return {
    provider: 'external',
    issuer,
    clientId,
    clientSecret,
    scopes: read('VIGIE_LOGIN_SCOPES') ?? 'openid email profile',
    emailClaim: claimPath(read('VIGIE_LOGIN_EMAIL_CLAIM') ?? 'email', 'VIGIE_LOGIN_EMAIL_CLAIM'),
    nameClaim: claimPath(read('VIGIE_LOGIN_NAME_CLAIM') ?? 'name', 'VIGIE_LOGIN_NAME_CLAIM'),
  };
}

function claimPath(raw: string, name: string): string {
  if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(raw))
    throw new ConfigError(`${name} must be a claim name or a dotted path such as realm_access.roles`);
  return raw;
}

function minutes(raw: string, name: string, min: number, max: number): number {
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || parsed < min || parsed > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return parsed * 60_000;
}

/** The value at a dotted path of a claims object (`realm_access.roles`), or undefined. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let current: unknown = claims;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
