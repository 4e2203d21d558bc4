import { evolveUser, initialUserState } from './user';
import { decideUser } from './user.decide';

/** The user's decider, as the write path (`handleCommand` in libs/event-store) takes it. */
export const userDecider = { decide: decideUser, evolve: evolveUser, initialState: initialUserState };
