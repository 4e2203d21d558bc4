import { regionContradictingFiness, validateFiness } from '../reference/finess';
import { INCIDENT_TYPES, type IncidentType, type RegionCode, type SuspectedOrigin } from '../taxonomy/codes';
import { typeMatchesOrigin } from '../taxonomy/typology';
import {
  InvalidFiness,
  RegionContradictsFiness,
  TextRequired,
  TypeDoesNotMatchOrigin,
  UnknownCode,
} from './declaration.errors';

/*
 * Commands arrive from JSON through the edge's validation, but what reaches the log stays there
 * forever: the decider checks again what the report and the rules depend on.
 */

export function checkCode<Code extends string>(codes: readonly Code[], value: unknown, field: string): Code {
  if (typeof value !== 'string' || !(codes as readonly string[]).includes(value)) {
    throw new UnknownCode(field, codes);
  }
  return value as Code;
}

/** A set of codes as events store it: each once, sorted, so that equal sets compare equal. */
export function checkCodeSet<Code extends string>(
  codes: readonly Code[],
  values: unknown,
  field: string,
): Code[] {
  if (!Array.isArray(values)) throw new UnknownCode(field, codes);
  return sortedSet(values.map((value) => checkCode(codes, value, field)));
}

export const sortedSet = <Code extends string>(values: readonly Code[]): Code[] =>
  [...new Set(values)].sort();

export const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  sortedSet(a).join('\u0000') === sortedSet(b).join('\u0000');

export function checkText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TextRequired(field);
  return value;
}

/** Free text the declarant may leave out: absent, null or blank all mean "nothing said". */
export function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function checkFiness(value: unknown): string {
  const reason = validateFiness(value as string);
  if (reason !== null) throw new InvalidFiness(reason);
  return value as string;
}

/** A facility belongs to the region of its FINESS number's département: a declaration cannot say otherwise. */
export function checkRegionOfFiness(finess: string, region: RegionCode): RegionCode {
  const contradiction = regionContradictingFiness(finess, region);
  if (contradiction !== null) throw new RegionContradictsFiness(contradiction);
  return region;
}

export function checkIncidentType(value: unknown, field: string): IncidentType | null {
  return value === null || value === undefined ? null : checkCode(INCIDENT_TYPES, value, field);
}

export function checkTypeMatchesOrigin(
  type: IncidentType | null,
  origin: SuspectedOrigin,
  field: string,
  hint = '',
): void {
  if (typeMatchesOrigin(type, origin)) return;
  const message =
    origin === 'UNKNOWN'
      ? `an incident of unknown origin has no type (got ${String(type)})`
      : `${String(type)} is not a type of the ${origin} typology`;
  throw new TypeDoesNotMatchOrigin(field, message + hint);
}
