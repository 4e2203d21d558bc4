import { upcasting, type Upcasters } from '../upcasting';
import { unstatedFormFields } from './declaration-form';
import type { DeclarationEvent, DeclarationSubmitted } from './declaration.events';

/**
 * A submission written before the form's later fields and references existed reads with "nothing
 * said" and no reference: the fields were added, not changed, so the type keeps its name.
 * What the submission holds wins over the defaults.
 */
const DECLARATION_UPCASTERS: Upcasters<DeclarationEvent> = {
  DeclarationSubmitted: (data) => ({
    type: 'DeclarationSubmitted',
    data: { ...unstatedFormFields(), reference: null, ...(data as object) } as DeclarationSubmitted['data'],
  }),
};

/**
 * The one place where a recorded event of a declaration stream becomes a `DeclarationEvent`: the
 * write path's fold, the notifier, the report's replay and the read-model projections all read
 * events through it, so an upcaster added above reaches every one of them.
 */
export const toDeclarationEvent = upcasting(DECLARATION_UPCASTERS);
