import {
  MALICIOUS_TYPES,
  NON_MALICIOUS_TYPES,
  type IncidentType,
  type QualifiedOrigin,
  type SuspectedOrigin,
} from './codes';

const TYPES_OF_ORIGIN: Record<SuspectedOrigin, readonly IncidentType[]> = {
  MALICIOUS: MALICIOUS_TYPES,
  NON_MALICIOUS: NON_MALICIOUS_TYPES,
  // Nobody can name a type before knowing whether someone meant harm.
  UNKNOWN: [],
};

/** The incident types of an origin's typology (DOMAIN.md §1.3 and §1.4). */
export const typesOfOrigin = (origin: SuspectedOrigin): readonly IncidentType[] =>
  TYPES_OF_ORIGIN[origin] ?? [];

/** Whether a type, or no type at all, may go with an origin. */
export function typeMatchesOrigin(type: IncidentType | null, origin: SuspectedOrigin): boolean {
  return type === null || typesOfOrigin(origin).includes(type);
}

/** The origin whose typology holds the type: the two typologies share no code. */
export function originOfType(type: IncidentType): QualifiedOrigin {
  return (MALICIOUS_TYPES as readonly string[]).includes(type) ? 'MALICIOUS' : 'NON_MALICIOUS';
}
