export const LOCAL_ACCOUNTS = Symbol('LOCAL_ACCOUNTS');
export const IDENTITY_DATA_SOURCE = Symbol('IDENTITY_DATA_SOURCE');
export const API_TOKENS = Symbol('API_TOKENS');
export const SESSIONS = Symbol('SESSIONS');
export const LOGIN_ATTEMPTS = Symbol('LOGIN_ATTEMPTS');
