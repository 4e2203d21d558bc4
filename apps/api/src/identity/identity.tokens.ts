/** The identity database (`VIGIE_IDENTITY_DB_URL`), a TypeORM DataSource opened and migrated at start. */
export const IDENTITY_DATA_SOURCE = Symbol('IDENTITY_DATA_SOURCE');
/** The embedded provider's local accounts (`LocalAccountsPort`, a `LocalAccounts` on the identity database). */
export const LOCAL_ACCOUNTS = Symbol('LOCAL_ACCOUNTS');
/** `ApiTokens` (libs/identity): personal API tokens, which the AuthGuard verifies. */
export const API_TOKENS = Symbol('API_TOKENS');
/** `Sessions` and `LoginAttempts` (libs/identity): the browser's sessions and its logins in flight. */
export const SESSIONS = Symbol('SESSIONS');
export const LOGIN_ATTEMPTS = Symbol('LOGIN_ATTEMPTS');
