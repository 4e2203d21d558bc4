import { UNSTATED_TAXONOMY_VERSION } from '../taxonomy/versions';
import { upcasting, type Upcasters } from '../upcasting';
import { unstatedFormFields } from './declaration-form';
import {
  TAXONOMY_CODED_EVENT_TYPES,
  type DeclarationEvent,
  type DeclarationSubmitted,
  type TaxonomyCodedEventType,
} from './declaration.events';

/**
 * An event written before events carried their taxonomy version was coded with the only version
 * there was. The field was added, not changed, so the type keeps its name; what the event holds wins.
 */
const withTaxonomyVersion = (data: unknown): object => ({
  taxonomyVersion: UNSTATED_TAXONOMY_VERSION,
  ...(data as object),
});

const TAXONOMY_VERSION_UPCASTERS = Object.fromEntries(
  TAXONOMY_CODED_EVENT_TYPES.map((type) => [
    type,
    (data: unknown) => ({ type, data: withTaxonomyVersion(data) }) as DeclarationEvent,
  ]),
) as Record<TaxonomyCodedEventType, (data: unknown) => DeclarationEvent>;

/**
 * A submission written before the form's later fields and references existed reads with "nothing
 * said" and no reference: the fields were added, not changed, so the type keeps its name.
 * What the submission holds wins over the defaults.
 */
const DECLARATION_UPCASTERS: Upcasters<DeclarationEvent> = {
  ...TAXONOMY_VERSION_UPCASTERS,
  DeclarationSubmitted: (data) => ({
    type: 'DeclarationSubmitted',
    data: {
      ...unstatedFormFields(),
      reference: null,
      ...withTaxonomyVersion(data),
    } as DeclarationSubmitted['data'],
  }),
};

/**
 * The one place where a recorded event of a declaration stream becomes a `DeclarationEvent`: the
 * write path's fold, the notifier, the report's replay and the read-model projections all read
 * events through it, so an upcaster added above reaches every one of them.
 */
export const toDeclarationEvent = upcasting(DECLARATION_UPCASTERS);
