export const LOCAL_ACCOUNTS = Symbol('LOCAL_ACCOUNTS');
export const IDENTITY_DATA_SOURCE = Symbol('IDENTITY_DATA_SOURCE');
/** `ApiTokens` (libs/identity): personal API tokens, which the AuthGuard verifies. */
export const API_TOKENS = Symbol('API_TOKENS');
/** `Sessions` and `LoginAttempts` (libs/identity): the browser's sessions and its logins in flight. */
export const SESSIONS = Symbol('SESSIONS');
export const LOGIN_ATTEMPTS = Symbol('LOGIN_ATTEMPTS');
