import { regionContradictingFiness, REGION_CODES, validateFiness } from '@vigie/domain';
import { ValidateBy } from 'class-validator';

/**
 * The domain's rule that a facility's region is its FINESS number's (docs/domain-regions.md), on
 * both fields of the structure: the 400 names `structure.region` and `structure.finess` beside any
 * other fault of the body. Silent while either field is itself invalid: its own rule speaks then.
 */
export const RegionOfFiness = (): PropertyDecorator =>
  ValidateBy({
    name: 'regionOfFiness',
    validator: {
      validate: (_value: unknown, args) => contradiction(args?.object) === null,
      defaultMessage: (args) => contradiction(args?.object) ?? '',
    },
  });

function contradiction(structure: unknown): string | null {
  const { finess, region } = (structure ?? {}) as { finess?: unknown; region?: unknown };
  if (typeof finess !== 'string' || validateFiness(finess) !== null) return null;
  if (typeof region !== 'string' || !(REGION_CODES as readonly string[]).includes(region)) return null;
  return regionContradictingFiness(finess, region);
}
