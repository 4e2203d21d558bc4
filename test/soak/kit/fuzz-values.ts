import {
  ATTACK_VECTORS,
  CLOCK_STAGES,
  CLOCK_STATUSES,
  DATA_IMPACTS,
  NIS2_STATUSES,
  OPERATIONAL_IMPACTS,
  PATIENT_ENDANGERMENTS,
  QUALIFIED_ORIGINS,
  REGIMES,
  REGION_CODES,
  REGULATORY_QUALIFICATIONS,
  STRUCTURE_TYPES,
  SUSPECTED_ORIGINS,
  finessPlace,
  typesOfOrigin,
  validateFiness,
  type RegionCode,
} from '@vigie/domain';
import { LIST_SORT_KEYS } from '@vigie/read-models';
import fc from 'fast-check';
import { isInstant, isPrintable } from '../../../apps/api/src/declarations/fields';

/** A property of a body schema, as the OpenAPI document describes it. */
export interface SchemaProperty {
  type?: string;
  enum?: string[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  items?: { enum?: string[] };
  allOf?: { $ref: string }[];
  $ref?: string;
}

/** Values of the wrong JSON type for any field (null is added by the caller when the field refuses it). */
// Infinity is left out: JSON.stringify writes it as null, a valid value for a nullable field.
const wrongType = (kind: 'string' | 'boolean' | 'array' | 'object'): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    ...(kind === 'boolean' ? [] : [fc.boolean()]),
    ...(kind === 'array' ? [] : [fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 })]),
    ...(kind === 'object'
      ? []
      : [fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 })]),
    ...(kind === 'string' ? [] : [fc.string({ maxLength: 12 })]),
  );

/** Text that no text field accepts: blank, control characters, half a surrogate pair, or too long. */
export const badText = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('', ' ', '\t\n ', '\u00a0\u2003', '\ufeff'),
    fc
      .tuple(
        fc.string({ maxLength: 10 }),
        fc.constantFrom('\u0000', '\u0007', '\u001b[31m', '\ud800', '\udfff', '\u007f'),
        fc.string({ maxLength: 10 }),
      )
      .map(([a, bad, b]) => `x${a}${bad}${b}`),
    fc.integer({ min: 1, max: 64 }).map((extra) => 'é'.repeat(maxLength + extra)),
  );

const BAD_INSTANTS = [
  '2026-02-30T10:00:00+01:00',
  '2026-03-02T07:40:00',
  '2026-03-02 07:40:00+01:00',
  '2026-13-01T00:00:00Z',
  '2026-03-02T24:00:00Z',
  '2026-03-02T07:60:00Z',
  '2026-03-02',
  '02/03/2026',
  'yesterday',
  '＀２０２６-03-02T07:40:00Z',
  '2026-03-02T07:40:00+1:00',
  '+002026-03-02T07:40:00Z',
  '2026-03-02T07:40:00.1234567890Z',
  '1e12',
];

export const badInstant: fc.Arbitrary<string> = fc
  .oneof(fc.constantFrom(...BAD_INSTANTS), fc.string({ maxLength: 30 }))
  .filter((value) => !isInstant(value));

/** A valid FINESS with its check digit changed, the wrong length, letters, Corsica done wrong. */
export const badFiness: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '75071218',
    '7507121840',
    '750712185',
    'ABCDEFGHI',
    '2C1234567',
    '75O712184',
    ' 750712184',
    '７５０７１２１８４',
  ),
  fc.stringMatching(/^\d{9}$/).filter((value) => validateFiness(value) !== null),
  fc.string({ maxLength: 12 }).filter((value) => validateFiness(value) !== null),
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const badEmail: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    'jeanne',
    'jeanne@',
    '@ch-x.example',
    'jeanne@ch-x',
    'jeanne martin@ch-x.example',
    'a@b@c.example',
    `${'a'.repeat(250)}@x.example`,
    'a\u0000@b.example',
  ),
  fc.string({ maxLength: 20 }).filter((value) => !EMAIL.test(value)),
);

export const badPhone: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'call me', '+', '++33 1 23', '01', `+${'1'.repeat(40)}`, '+33 1 23 45 67 8\u0000'),
  fc.string({ maxLength: 12 }).filter((value) => !/^\+?[0-9][0-9 ().-]{2,38}$/.test(value)),
);

/** A code with its letters changed just enough: case, a look-alike, a stray space or zero-width joiner. */
export const badCode = (codes: readonly string[]): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc
        .constantFrom(...codes)
        .chain((code) =>
          fc.constantFrom(
            code.toLowerCase(),
            ` ${code}`,
            `${code}\u200d`,
            code.replace(/A/, 'А'),
            `${code}S`,
          ),
        ),
      fc.string({ maxLength: 16 }),
    )
    .filter((value) => !codes.includes(value));

/** An invalid value for a body property, by what the schema says of it. */
export function badValue(property: SchemaProperty, name: string): fc.Arbitrary<unknown> {
  const nullable = property.nullable === true;
  const withNull = (arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    nullable ? arbitrary : fc.oneof(arbitrary, fc.constant(null));
  if (property.allOf !== undefined || property.$ref !== undefined)
    return withNull(fc.oneof(wrongType('object'), fc.constant([])));
  if (property.type === 'array' && property.items?.enum === undefined)
    // A list of FINESS numbers (a user's grant): a bad one, one twice, or not a string.
    return withNull(
      fc.oneof(
        wrongType('array'),
        badFiness.map((finess) => [finess]),
        fc.constant(['750712184', '750712184']),
        fc.constant([{ finess: '750712184' }]),
      ),
    );
  if (property.type === 'integer') {
    const { minimum = Number.MIN_SAFE_INTEGER, maximum = Number.MAX_SAFE_INTEGER } = property;
    return withNull(
      fc.oneof(
        fc.oneof(fc.string({ maxLength: 6 }), fc.boolean(), fc.constant([]), fc.constant({})),
        fc.constantFrom(minimum - 1, maximum + 1, minimum + 0.5, -0.5),
      ),
    );
  }
  if (property.type === 'array') {
    const codes = property.items?.enum ?? [];
    return withNull(
      fc.oneof(
        wrongType('array'),
        fc.constantFrom(...codes).map((code) => [code, code]),
        badCode(codes).map((code) => [code]),
        fc.constantFrom(...codes).map((code) => [code, { code }]),
      ),
    );
  }
  if (property.type === 'boolean')
    return withNull(fc.oneof(wrongType('boolean'), fc.constantFrom('true', 'false', 0, 1)));
  if (property.enum !== undefined) return withNull(fc.oneof(wrongType('string'), badCode(property.enum)));
  if (property.format === 'date-time') return withNull(fc.oneof(wrongType('string'), badInstant));
  if (property.format === 'email') return withNull(fc.oneof(wrongType('string'), badEmail));
  if (property.pattern !== undefined) return withNull(fc.oneof(wrongType('string'), badFiness));
  if (name === 'phone') return withNull(fc.oneof(wrongType('string'), badPhone));
  return withNull(fc.oneof(wrongType('string'), badText(property.maxLength ?? 2000)));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const among = (codes: readonly string[]) => (value: string) =>
  value.split(',').every((item) => codes.includes(item.trim()));

/**
 * Invalid values of query parameters, by name (or by the enum the document gives). Every
 * parameter also gets '' and repeated occurrences; a parameter this table does not know fails the
 * fuzz suite, so that a new one is not left out.
 */
export function badQueryValue(
  name: string,
  schema: { enum?: string[]; format?: string },
): fc.Arbitrary<string> | null {
  const blankOrJunk = (valid: (value: string) => boolean, extra: string[] = []): fc.Arbitrary<string> =>
    fc
      .oneof(fc.constantFrom('', ' ', '%', '\u0000', ...extra), fc.string({ maxLength: 24 }))
      .filter((value) => !valid(value));
  if (schema.enum !== undefined)
    return blankOrJunk(
      (value) => schema.enum!.includes(value),
      schema.enum.map((code) => (code.toUpperCase() === code ? code.toLowerCase() : code.toUpperCase())),
    );
  if (schema.format === 'date-time') return badInstant;
  switch (name) {
    case 'from':
    case 'to':
    case 'asOf':
      return badInstant;
    case 'assignee':
      return blankOrJunk(
        (value) => value.length <= 200 && /^[\x21-\x7e]+$/.test(value),
        ['a b', 'é', 'x'.repeat(201)],
      );
    case 'sort':
      return blankOrJunk(
        (value) => (LIST_SORT_KEYS as readonly string[]).includes(value.replace(/^-/, '')),
        ['--status', 'description', '+status', 'STATUS'],
      );
    case 'after':
    case 'minPosition':
      return blankOrJunk(
        (value) => /^\d{1,20}$/.test(value),
        ['-1', '1.5', '1e3', '1'.repeat(21), '٣', '0x10'],
      );
    case 'year':
      return blankOrJunk((value) => /^\d{4}$/.test(value), ['20266', '२०२६', '-2026', '2026.0']);
    case 'limit':
      // Invalid whatever the route's maximum (200 for lists, 500 for the audit).
      return blankOrJunk(
        (value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 500,
        ['0', '-1', '1000', '1.0', '999'],
      );
    case 'weeks':
      return blankOrJunk(
        (value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 104,
        ['0', '105', '-1', '1.0', '52 '],
      );
    case 'cursor':
      return blankOrJunk(
        (value) => /^[A-Za-z0-9_-]{1,512}$/.test(value),
        ['a b', 'a/b', 'x'.repeat(513), 'é'],
      );
    case 'q':
      return fc.oneof(fc.constantFrom('', '   ', 'x'.repeat(201), 'a\u0000b', '\ud800'), badText(200));
    case 'finess':
      // Items are trimmed: ' 750712184' is a valid item of a list.
      return fc
        .oneof(
          badFiness,
          fc.constant(Array.from({ length: 101 }, () => '750712184').join(',')),
          badFiness.map((bad) => `750712184,${bad}`),
        )
        .filter((value) => {
          const items = value.split(',');
          return items.length > 100 || !items.every((item) => validateFiness(item.trim()) === null);
        });
    case 'status':
      return blankOrJunk(among(CLOCK_STATUSES), ['OVERDUE', 'due,', 'due;met']);
    case 'region':
      return blankOrJunk((value) => (REGION_CODES as readonly string[]).includes(value), ['1', '011', '2A']);
    case 'regime':
      return blankOrJunk((value) => (REGIMES as readonly string[]).includes(value), ['nis2', 'RGPD']);
    case 'stage':
      return blankOrJunk((value) => (CLOCK_STAGES as readonly string[]).includes(value), ['final']);
    case 'declarationId':
      return blankOrJunk(
        (value) => UUID.test(value),
        ['2b1f6a57-9a53-4c1e-8d7b-6d8e8f0e7a1', '2b1f6a57_9a53_4c1e_8d7b_6d8e8f0e7a11'],
      );
    case 'actor':
      return fc.constantFrom('', 'a'.repeat(201), 'a\u0000', 'b\u001b', '\udc00');
    default:
      return null;
  }
}

function regionOf(finess: string): RegionCode {
  const place = finessPlace(finess);
  if (place.kind !== 'region') throw new Error(`validFiness made ${finess}, which is in no region`);
  return place.region;
}

export const validFiness: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 95 }).filter((dept) => dept !== 20),
    fc.stringMatching(/^\d{6}$/),
  )
  .map(([dept, digits]) => {
    const stem = `${String(dept).padStart(2, '0')}${digits}`;
    const check = [...'0123456789'].find((digit) => validateFiness(`${stem}${digit}`) === null)!;
    return `${stem}${check}`;
  });

/** Text as people write it, in any script, emoji and combining marks included. */
export const text = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(maxLength, 60) })
    .filter((value) => value.trim().length > 0 && value.length <= maxLength && isPrintable(value));

export const email: fc.Arbitrary<string> = fc
  .emailAddress()
  .filter((value) => value.length <= 254 && EMAIL.test(value) && isPrintable(value));

export const phone: fc.Arbitrary<string> = fc.stringMatching(/^\+?[0-9][0-9 ().-]{2,38}$/);

/** An instant written with an offset of its zone, as a declarant's software would send it. */
export const instantWithOffset = (ms: number, offsetMinutes: number): string => {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
};

const offset = fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15);
const subset = <Code extends string>(codes: readonly Code[]) => fc.subarray([...codes]);

/** A submission every rule accepts, incidents in the `days` before `nowMs`. */
export const validSubmission = (nowMs: number) =>
  fc
    .record({
      structure: fc
        .record(
          {
            finess: validFiness,
            name: text(200),
            type: fc.constantFrom(...STRUCTURE_TYPES),
            isOse: fc.boolean(),
            nis2: fc.constantFrom(...NIS2_STATUSES),
          },
          { requiredKeys: ['finess', 'name', 'type'] },
        )
        // The region is the FINESS number's (docs/domain-regions.md): any other is refused.
        .map((structure) => ({ ...structure, region: regionOf(structure.finess) })),
      declarant: fc.record(
        { name: text(200), role: text(100), email, phone: fc.option(phone, { nil: null }) },
        { requiredKeys: ['name', 'role', 'email'] },
      ),
      agoMs: fc.integer({ min: 60_000, max: 300 * 86_400_000 }),
      detectedAfterMs: fc.integer({ min: 0, max: 86_400_000 }),
      offsets: fc.tuple(offset, offset),
      description: text(20_000),
      suspectedOrigin: fc.constantFrom(...SUSPECTED_ORIGINS),
      typePick: fc.nat(),
      operationalImpact: fc.constantFrom(...OPERATIONAL_IMPACTS),
      patientEndangerment: fc.constantFrom(...PATIENT_ENDANGERMENTS),
      dataImpacts: subset(DATA_IMPACTS),
      supportRequested: fc.option(fc.boolean(), { nil: undefined }),
      measuresTaken: fc.option(text(20_000), { nil: null }),
    })
    .map(({ agoMs, detectedAfterMs, offsets, typePick, ...rest }) => {
      const occurred = nowMs - agoMs;
      const detected = Math.min(occurred + detectedAfterMs, nowMs - 1000);
      const types = typesOfOrigin(rest.suspectedOrigin);
      return {
        ...rest,
        occurredAt: instantWithOffset(occurred, offsets[0]),
        detectedAt: instantWithOffset(detected, offsets[1]),
        suspectedType: types.length === 0 || typePick % 3 === 0 ? null : types[typePick % types.length],
      };
    });

/** Amendments of a random subset of fields, each pair of dependent fields sent together. */
export const validAmendment = (nowMs: number) =>
  fc
    .record(
      {
        description: text(20_000),
        operationalImpact: fc.constantFrom(...OPERATIONAL_IMPACTS),
        patientEndangerment: fc.constantFrom(...PATIENT_ENDANGERMENTS),
        dataImpacts: subset(DATA_IMPACTS),
        measuresTaken: fc.option(text(20_000), { nil: null }),
        origin: fc.tuple(fc.constantFrom(...SUSPECTED_ORIGINS), fc.nat()),
        degraded: fc.tuple(
          fc.integer({ min: 2 * 86_400_000, max: 30 * 86_400_000 }),
          fc.integer({ min: 0, max: 86_400_000 }),
        ),
      },
      { requiredKeys: [] },
    )
    .filter((picked) => Object.keys(picked).length > 0)
    .map(({ origin, degraded, ...rest }) => {
      const amendment: Record<string, unknown> = { ...rest };
      if (origin !== undefined) {
        const types = typesOfOrigin(origin[0]);
        amendment.suspectedOrigin = origin[0];
        amendment.suspectedType = types.length === 0 ? null : types[origin[1] % types.length];
      }
      if (degraded !== undefined) {
        amendment.degradedModeStartedAt = instantWithOffset(nowMs - degraded[0], 60);
        amendment.degradedModeEndedAt = instantWithOffset(nowMs - degraded[0] + degraded[1], 120);
      }
      return amendment;
    });

export const validQualification = fc
  .record({
    origin: fc.constantFrom(...QUALIFIED_ORIGINS),
    typePick: fc.nat(),
    attackVectors: subset(ATTACK_VECTORS),
    regulatoryQualification: fc.constantFrom(...REGULATORY_QUALIFICATIONS),
    inScope: fc.boolean(),
    reason: text(2000),
  })
  .map(({ origin, typePick, reason, ...rest }) => {
    const types = typesOfOrigin(origin);
    return {
      ...rest,
      origin,
      type: types[typePick % types.length],
      ...(rest.inScope ? {} : { outOfScopeReason: reason }),
    };
  });
