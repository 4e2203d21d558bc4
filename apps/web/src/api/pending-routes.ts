/**
 * PENDING — DELETE THIS FILE once the identity routes are merged and `npm run generate:api-client`
 * has put them in schema.d.ts (then use `paths` alone in client.ts).
 *
 * The routes other branches are building (me, tokens, local accounts, users), typed by hand
 * from the agreed contract, in openapi-typescript's shape.
 */
import type { components } from './schema';

type Problem = components['schemas']['ProblemDto'];
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type WithId = { query?: never; header?: never; path: { id: string }; cookie?: never };
type Answer<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type NoContent = { headers: { [name: string]: unknown }; content?: never };
type Problems = {
  [status in 400 | 401 | 403 | 404 | 409 | 410 | 500]: {
    headers: { [name: string]: unknown };
    content: { 'application/problem+json': Problem };
  };
};
type Op<Ok, Body = undefined, Params = NoParams> = {
  parameters: Params;
  responses: Ok & Partial<Problems>;
} & ([Body] extends [undefined]
  ? { requestBody?: never }
  : { requestBody: { content: { 'application/json': Body } } });

export type Role = 'declarant' | 'analyst' | 'admin';
export interface Me {
  user: { id: string; name: string; email: string };
  roles: Role[];
  finess: string[];
  csrfToken: string;
  expiresAt: string;
  idleExpiresAt: string;
  localAccount: boolean;
}
export interface ApiToken {
  id: string;
  label: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}
export interface LocalAccount {
  email: string;
  activated: boolean;
  totpRequired: boolean;
  totpEnrolled: boolean;
  lockedUntil: string | null;
}
export interface Grant {
  role: Role;
  finess: string[];
}
export interface User {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  grants: Grant[];
  disabled: boolean;
  logins: number;
  localAccount: { activated: boolean; lockedUntil: string | null } | null;
}
type GrantBody = { role: Role; finess?: string[] };

export interface PendingPaths {
  '/api/v1/me': { parameters: NoParams; get: Op<{ 200: Answer<Me> }> };
  '/api/v1/me/tokens': {
    parameters: NoParams;
    get: Op<{ 200: Answer<{ items: ApiToken[] }> }>;
    post: Op<{ 201: Answer<ApiToken & { token: string }> }, { label: string; expiresInDays?: number }>;
  };
  '/api/v1/me/tokens/{id}': { parameters: WithId; delete: Op<{ 204: NoContent }, undefined, WithId> };
  '/api/v1/me/local-account': { parameters: NoParams; get: Op<{ 200: Answer<LocalAccount> }> };
  '/api/v1/me/password': {
    parameters: NoParams;
    post: Op<{ 204: NoContent }, { currentPassword: string; newPassword: string }>;
  };
  '/api/v1/me/totp': {
    parameters: NoParams;
    post: Op<{ 200: Answer<{ secret: string; otpauthUri: string }> }>;
  };
  '/api/v1/me/totp/confirmation': { parameters: NoParams; post: Op<{ 204: NoContent }, { code: string }> };
  '/api/v1/local-accounts/activation': {
    parameters: NoParams;
    post: Op<{ 204: NoContent }, { token: string; password: string }>;
  };
  '/api/v1/users': {
    parameters: NoParams;
    get: Op<{ 200: Answer<{ items: User[] }> }>;
    post: Op<
      { 201: Answer<{ user: User; activationUrl: string | null }> },
      { email: string; name: string; role: Role; finess?: string[] }
    >;
  };
  '/api/v1/users/{id}/grants': { parameters: WithId; post: Op<{ 200: Answer<User> }, GrantBody, WithId> };
  '/api/v1/users/{id}/revocations': {
    parameters: WithId;
    post: Op<{ 200: Answer<User> }, GrantBody, WithId>;
  };
  '/api/v1/users/{id}/disable': {
    parameters: WithId;
    post: Op<{ 200: Answer<User> }, { reason: string }, WithId>;
  };
  '/api/v1/users/{id}/enable': { parameters: WithId; post: Op<{ 200: Answer<User> }, undefined, WithId> };
}
