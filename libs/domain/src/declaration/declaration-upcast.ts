import { upcasting, type Upcasters } from '../upcasting';
import type { DeclarationEvent } from './declaration.events';

/** Empty while no declaration event has changed shape (every event is at schema version 1). */
const DECLARATION_UPCASTERS: Upcasters<DeclarationEvent> = {};

/**
 * The one place where a recorded event of a declaration stream becomes a `DeclarationEvent`: the
 * write path's fold, the notifier, the report's replay and the read-model projections all read
 * events through it, so an upcaster added above reaches every one of them.
 */
export const toDeclarationEvent = upcasting(DECLARATION_UPCASTERS);
