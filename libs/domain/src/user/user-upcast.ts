import { upcasting, type Upcasters } from '../upcasting';
import type { UserEvent } from './user.events';

/** Empty while no user event has changed shape (every event is at schema version 1). */
const USER_UPCASTERS: Upcasters<UserEvent> = {};

/** The one place where a recorded event of a user stream becomes a `UserEvent`: write path and projections. */
export const toUserEvent = upcasting(USER_UPCASTERS);
