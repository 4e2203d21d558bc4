/** The embedded OpenID provider (`oidc-provider`'s Provider), or null when logins go to an external one. */
export const EMBEDDED_PROVIDER = Symbol('EMBEDDED_PROVIDER');
