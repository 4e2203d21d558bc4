import type { components } from './schema';

/** The identity routes' shapes, named after the API's DTOs in its OpenAPI document (schema.d.ts). */
type Schemas = components['schemas'];

export type Me = Schemas['MeDto'];
export type User = Schemas['UserDto'];
export type Role = Schemas['UserGrantDto']['role'];
export type Grant = Schemas['UserGrantDto'];
export type ApiToken = Schemas['ApiTokenDto'];
export type CreatedApiToken = Schemas['CreatedApiTokenDto'];
export type LocalAccount = Schemas['LocalAccountDto'];
export type InvitedUser = Schemas['InvitedUserDto'];
