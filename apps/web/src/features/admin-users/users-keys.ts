import type { Role } from '../../api/types';

/** The react-query key of the users list: every change on the page refreshes it. */
export const USERS = ['users'] as const;

/** The roles an administrator grants, in the order the pickers show them. */
export const ROLES: Role[] = ['declarant', 'analyst', 'admin'];
