import fc from 'fast-check';
import { OpenApiConformance, type OpenApiDocument } from '../../support/openapi-conformance';
import { fixedClock, qualification, submission } from '../../support/vigie-api';
import { badQueryValue, badValue, type SchemaProperty } from './fuzz-values';
import { ListeningApi, problemDefect, type Answer } from './listening-api';

/** A valid body per request schema: the fuzzer breaks one thing in it at a time. */
const BASE_BODIES: Record<string, Record<string, unknown>> = {
  SubmitDeclarationDto: submission(),
  AmendDeclarationDto: { description: 'Amended.' },
  RequestComplementDto: { question: 'Which backups are intact?' },
  ProvideComplementDto: { answer: 'The tapes.' },
  PostMessageDto: { body: 'Les sauvegardes sont intactes.' },
  AssignmentDto: { assignee: null },
  InternalNoteDto: { body: 'Même prestataire.' },
  QualifyDeclarationDto: qualification(),
  RequestSupportDto: { reason: 'Help.' },
  LogSupportInterventionDto: { kind: 'REMOTE_ADVICE', summary: 'Called.' },
  ReportResolutionDto: { resolvedAt: '2026-03-02T10:00:00+01:00', summary: 'Restored.' },
  ReasonDto: { reason: 'Done.' },
  StagedReportDto: { stage: 'NOTIFICATION', content: 'First report.' },
  IntermediateReportRequestDto: { dueAt: '2026-04-01T10:00:00+02:00', reason: 'Where are you?' },
  CnilNotificationDto: { notifiedAt: '2026-03-02T10:00:00+01:00', reference: 'CNIL-2026-1' },
  RegulatoryStatusDto: { nis2: 'ESSENTIAL' },
  AuthorityNoticeDto: { authority: 'ARS', informedAt: '2026-03-02T10:00:00+01:00', reference: 'ARS-1' },
  PublishReportDto: { note: 'Edition of March.' },
  InviteUserDto: { email: 'fuzz@ch-x.example', name: 'Fuzz', role: 'declarant', finess: ['750712184'] },
  GrantDto: { role: 'declarant', finess: ['750712184'] },
  DisableUserDto: { reason: 'Fuzz.' },
  CreateApiTokenDto: { label: 'Fuzz', expiresInDays: 30 },
  ActivationDto: { token: 'x'.repeat(43), password: 'a long enough password' },
  PasswordChangeDto: { currentPassword: 'the current one', newPassword: 'a long enough password' },
  TotpConfirmationDto: { code: '123456' },
};

export const FUZZ_CLOCK = '2026-03-03T09:00:00.000Z';

interface OpenApiParameter {
  name: string;
  in: string;
  schema: { enum?: string[]; format?: string };
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
}

interface ObjectSchema {
  properties: Record<string, SchemaProperty>;
  required?: string[];
}

export interface FuzzRoute {
  method: 'GET' | 'POST';
  /** As the OpenAPI document writes it: `/api/v1/declarations/{id}/closure`. */
  path: string;
  body: { schema: string; properties: FieldSpec[]; objects: string[][] } | null;
  query: OpenApiParameter[];
}

interface FieldSpec {
  path: string[];
  property: SchemaProperty;
  required: boolean;
}

/** One generated request that the API must refuse: 400 naming `field` (or a path below it). */
interface BadInput {
  label: string;
  field: string;
  /** The JSON text sent, or the query string. */
  raw: string;
}

export interface RouteFigures {
  route: string;
  tried: number;
  statuses: Record<number, number>;
}

const schemaName = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);

/** Every operation of the document that takes a JSON body or query parameters. */
export function fuzzRoutes(document: {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, ObjectSchema> };
}): FuzzRoute[] {
  const routes: FuzzRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
      const ref = operation.requestBody?.content['application/json']?.schema.$ref;
      if (ref === undefined && query.length === 0) continue;
      let body: FuzzRoute['body'] = null;
      if (ref !== undefined) {
        const properties: FieldSpec[] = [];
        const objects: string[][] = [[]];
        const walk = (schema: ObjectSchema, prefix: string[]): void => {
          for (const [name, property] of Object.entries(schema.properties ?? {})) {
            const path = [...prefix, name];
            properties.push({ path, property, required: (schema.required ?? []).includes(name) });
            const nested = property.allOf?.[0]?.$ref ?? property.$ref;
            if (nested !== undefined) {
              objects.push(path);
              walk(document.components.schemas[schemaName(nested)], path);
            }
          }
        };
        walk(document.components.schemas[schemaName(ref)], []);
        body = { schema: schemaName(ref), properties, objects };
      }
      routes.push({ method: method.toUpperCase() as 'GET' | 'POST', path, body, query });
    }
  }
  return routes;
}

/** What a route's invalid inputs are made of; throws when the fuzzer would not know how to break something. */
export function badInputs(route: FuzzRoute): fc.Arbitrary<BadInput> {
  return route.body !== null ? badBodies(route.body) : badQueries(route.query);
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function at(body: Record<string, unknown>, path: string[]): Record<string, unknown> {
  return path.reduce((node, key) => node[key] as Record<string, unknown>, body);
}

/** Sets an own property, `__proto__` included (a plain assignment would change the prototype instead). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

const nested = (depth: number): unknown => {
  let value: unknown = 'deep';
  for (let level = 0; level < depth; level++) value = level % 3 === 0 ? [value] : { a: value };
  return value;
};

function badBodies(body: NonNullable<FuzzRoute['body']>): fc.Arbitrary<BadInput> {
  const base = BASE_BODIES[body.schema];
  if (base === undefined) throw new Error(`No valid base body for ${body.schema}: add one to BASE_BODIES`);
  const text = JSON.stringify(base);
  const field = fc.constantFrom(...body.properties);
  const level = fc.constantFrom(...body.objects);
  const mutate = (
    label: string,
    path: string[],
    change: (copy: Record<string, unknown>) => void,
  ): BadInput => {
    const copy = clone(base);
    change(copy);
    return { label, field: path.join('.'), raw: JSON.stringify(copy) };
  };
  const required = body.properties.filter((spec) => spec.required);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: field.chain((spec) =>
        badValue(spec.property, spec.path.at(-1)!).map((value) =>
          mutate(`bad ${spec.path.join('.')}`, spec.path, (copy) =>
            setOwn(at(copy, spec.path.slice(0, -1)), spec.path.at(-1)!, value),
          ),
        ),
      ),
    },
    ...(required.length === 0
      ? []
      : [
          {
            weight: 1,
            arbitrary: fc
              .constantFrom(...required)
              .map((spec) =>
                mutate(
                  `missing ${spec.path.join('.')}`,
                  spec.path,
                  (copy) => delete at(copy, spec.path.slice(0, -1))[spec.path.at(-1)!],
                ),
              ),
          },
        ]),
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          level,
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .filter(
          ([path, key]) =>
            !body.properties.some((spec) => spec.path.join('\u0000') === [...path, key].join('\u0000')),
        )
        .map(([path, key, value]) =>
          mutate(`extra ${[...path, key].join('.')}`, [...path, key], (copy) =>
            setOwn(at(copy, path), key, value),
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          level,
          fc.constantFrom(
            '__proto__',
            'constructor',
            'prototype',
            'toString',
            'valueOf',
            'hasOwnProperty',
            '__defineGetter__',
          ),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([path, key, value]) =>
          mutate(`prototype key ${[...path, key].join('.')}`, [...path, key], (copy) =>
            setOwn(at(copy, path), key, value ?? { polluted: true }),
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(field, fc.integer({ min: 9, max: 400 }))
        .map(([spec, depth]) =>
          mutate(`nested ${depth} deep in ${spec.path.join('.')}`, spec.path, (copy) =>
            setOwn(at(copy, spec.path.slice(0, -1)), spec.path.at(-1)!, nested(depth)),
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom('[]', '[{}]', 'null', '"a string"', '42', 'true', JSON.stringify([base])),
          fc.integer({ min: 1, max: text.length - 1 }).map((cut) => text.slice(0, cut)),
        )
        .map((raw) => ({ label: `body ${raw.slice(0, 20)}`, field: 'body', raw })),
    },
  );
}

/** `encodeURIComponent` refuses half a surrogate pair: such values cannot be sent in a URL at all. */
const encodable = (value: string): boolean => {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
};

const queryString = (pairs: [string, string][]): string =>
  pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');

function badQueries(parameters: OpenApiParameter[]): fc.Arbitrary<BadInput> {
  const rules = parameters.map((parameter) => {
    const rule = badQueryValue(parameter.name, parameter.schema);
    if (rule === null)
      throw new Error(`No fuzz rule for the query parameter "${parameter.name}": add one to badQueryValue`);
    return { name: parameter.name, bad: rule.filter(encodable) };
  });
  const names = parameters.map((parameter) => parameter.name);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .constantFrom(...rules)
        .chain(({ name, bad }) =>
          bad.map((value) => ({ label: `bad ${name}`, field: name, raw: queryString([[name, value]]) })),
        ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...rules).chain(({ name, bad }) =>
        fc.tuple(bad, fc.constantFrom('1', '2026', 'fr')).map(([value, other]) => ({
          label: `repeated ${name}`,
          field: name,
          raw: queryString([
            [name, other],
            [name, value],
          ]),
        })),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.string({ minLength: 1, maxLength: 12 }),
            fc.constantFrom('a[b]', 'minPosition[]', 'year.x', 'filter[region]'),
          ),
          fc.string({ maxLength: 8 }),
        )
        .filter(
          ([key, value]) => !names.includes(key) && encodable(key) && encodable(value) && key !== '__proto__',
        )
        .map(([key, value]) => ({ label: `extra ${key}`, field: key, raw: queryString([[key, value]]) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '__proto__',
          'constructor',
          'prototype',
          'toString',
          'hasOwnProperty',
          '__proto__[admin]',
        )
        .map((key) => ({ label: `prototype key ${key}`, field: key, raw: queryString([[key, 'true']]) })),
    },
  );
}

/** Why the answer to a bad input is not the expected refusal, or null. */
function refusalDefect(answer: Answer, input: BadInput): string | null {
  if (answer.status !== 400) return `status ${answer.status}: ${answer.text.slice(0, 300)}`;
  const defect = problemDefect(answer);
  if (defect !== null) return defect;
  const errors = ((answer.json as { errors?: { field: string }[] }).errors ?? []).map((error) => error.field);
  const named = errors.some((field) => field === input.field || field.startsWith(`${input.field}.`));
  return named ? null : `errors name ${JSON.stringify(errors)}, not ${input.field}`;
}

export interface FuzzTarget {
  api: ListeningApi;
  /** Path parameters: `{id}` of a declaration, `{year}`, and the publication's `{id}`. */
  pathOf: (route: FuzzRoute) => string;
  headers: Record<string, string>;
  /** The API's own document: every refusal must also be an answer it describes. */
  conformance: OpenApiConformance;
}

/** Sends `runs` invalid inputs to one route; every one must be refused cleanly and append nothing. */
export async function fuzzRoute(
  target: FuzzTarget,
  route: FuzzRoute,
  runs: number,
  seed?: number,
): Promise<RouteFigures> {
  const figures: RouteFigures = { route: `${route.method} ${route.path}`, tried: 0, statuses: {} };
  const path = target.pathOf(route);
  const head = await target.api.headPosition();
  await fc.assert(
    fc.asyncProperty(badInputs(route), async (input) => {
      const answer = await target.api.call(
        route.body !== null
          ? { method: route.method, path, headers: target.headers, body: input.raw }
          : { method: route.method, path: `${path}?${input.raw}`, headers: target.headers },
      );
      figures.tried += 1;
      figures.statuses[answer.status] = (figures.statuses[answer.status] ?? 0) + 1;
      const defect =
        refusalDefect(answer, input) ??
        target.conformance.defectOf({
          method: route.method,
          path,
          status: answer.status,
          contentType: answer.headers.get('content-type') ?? undefined,
          json: answer.json,
          text: answer.text,
        });
      if (defect !== null) throw new Error(`${input.label}: ${defect}\nsent: ${input.raw.slice(0, 400)}`);
      const after = await target.api.headPosition();
      if (after !== head) throw new Error(`${input.label}: the log moved from ${head} to ${after}`);
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  return figures;
}

/** The API under fuzz: its clock in March 2026, one declaration and one publication to aim at. */
export async function startFuzzTarget(
  env: Record<string, string> = {},
): Promise<FuzzTarget & { routes: FuzzRoute[] }> {
  const api = await ListeningApi.start(env, { clock: fixedClock(FUZZ_CLOCK) });
  const headers = await api.as('admin');
  const declared = await api.call({
    method: 'POST',
    path: '/api/v1/declarations',
    headers,
    body: JSON.stringify(submission()),
  });
  const published = await api.call({
    method: 'POST',
    path: '/api/v1/reports/annual/2026/publications',
    headers,
    body: '{}',
  });
  if (declared.status !== 201 || published.status !== 201)
    throw new Error(`fuzz set-up failed: ${declared.text} ${published.text}`);
  const declarationId = (declared.json as { id: string }).id;
  const publicationId = (published.json as { id: string }).id;
  const document = (await api.call({ method: 'GET', path: '/docs-json' })).json as Parameters<
    typeof fuzzRoutes
  >[0];
  const pathOf = (route: FuzzRoute): string =>
    route.path
      .replace('{year}', '2026')
      .replace(/\/publications\/\{id\}/, `/publications/${publicationId}`)
      .replace('{id}', declarationId);
  const conformance = new OpenApiConformance(document as unknown as OpenApiDocument);
  return { api, headers, pathOf, conformance, routes: fuzzRoutes(document) };
}

/** Fuzz-run sizes: `VIGIE_FUZZ_RUNS` overrides the default of the caller. */
export const fuzzRuns = (fallback: number): number => {
  const configured = Number(process.env.VIGIE_FUZZ_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : fallback;
};

export const figuresTable = (all: RouteFigures[]): string =>
  all
    .map(
      (figures) =>
        `${figures.route.padEnd(72)} ${String(figures.tried).padStart(6)} ${JSON.stringify(figures.statuses)}`,
    )
    .join('\n');
