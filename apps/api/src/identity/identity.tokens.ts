export const LOCAL_ACCOUNTS = Symbol('LOCAL_ACCOUNTS');
export const IDENTITY_DATA_SOURCE = Symbol('IDENTITY_DATA_SOURCE');
/** `ApiTokens` (libs/identity): personal API tokens, which the AuthGuard verifies. */
export const API_TOKENS = Symbol('API_TOKENS');
