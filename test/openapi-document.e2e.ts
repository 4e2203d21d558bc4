import {
  BODILESS,
  loadDocument,
  type Exchange,
  type OpenApiConformance,
  type Schema,
} from './support/openapi-conformance';
import { TestApi } from './support/vigie-api';

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

/** Every `$ref` anywhere below `value`, with where it was found. */
function refsIn(value: unknown, at: string): [ref: string, at: string][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsIn(item, `${at}/${index}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Schema).flatMap(([key, sub]): [string, string][] =>
    key === '$ref' && typeof sub === 'string' ? [[sub, at]] : refsIn(sub, `${at}/${key}`),
  );
}

/** A JSON pointer into the document (`#/components/schemas/ProblemDto`), or undefined. */
function resolve(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
}

/**
 * The web client is generated from `/docs-json`: an answer the document does not describe is an
 * answer the client cannot type. Every operation says what it answers on success and on error.
 */
describe('The OpenAPI document (GET /docs-json)', () => {
  let api: TestApi;
  let conformance: OpenApiConformance;
  let operations: [
    name: string,
    responses: Record<string, { content?: Record<string, { schema?: Schema }> }>,
  ][];

  beforeAll(async () => {
    api = await TestApi.start();
    conformance = await loadDocument(api);
    operations = Object.entries(conformance.document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]): (typeof operations)[number] => [
          `${method.toUpperCase()} ${path}`,
          operation.responses,
        ]),
    );
  });

  afterAll(() => api.stop());

  it('lists every served route family, health and metrics included', () => {
    const paths = Object.keys(conformance.document.paths);
    for (const expected of [
      '/api/v1/declarations',
      '/api/v1/declarations/{id}/history',
      '/api/v1/deadlines',
      '/api/v1/reports/annual/{year}',
      '/api/v1/audit/reads',
      '/health/live',
      '/health/ready',
      '/metrics',
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it('gives every operation a success answer and its error answers', () => {
    const defects = operations.flatMap(([name, responses]) => {
      const statuses = Object.keys(responses);
      return [
        // A page navigation of the login succeeds by sending the browser on (303).
        ...(statuses.some((status) => /^2\d\d$/.test(status) || status === '303') ? [] : [`${name}: no 2xx`]),
        ...(statuses.some((status) => /^[45]\d\d$/.test(status)) ? [] : [`${name}: no error status`]),
        ...(statuses.includes('default') ? [`${name}: a "default" answer says nothing`] : []),
      ];
    });
    expect(defects).toEqual([]);
  });

  it('gives every (operation, status) a media type with a schema, except bodiless answers', () => {
    const defects = operations.flatMap(([name, responses]) =>
      Object.entries(responses).flatMap(([status, response]) => {
        if (BODILESS.has(status)) return response.content === undefined ? [] : [`${name} ${status}: a body`];
        const content = Object.entries(response.content ?? {});
        if (content.length === 0) return [`${name} ${status}: no content`];
        return content
          .filter(([, media]) => media.schema === undefined || Object.keys(media.schema).length === 0)
          .map(([type]) => `${name} ${status} ${type}: no schema`);
      }),
    );
    expect(defects).toEqual([]);
  });

  it('answers every error as problem+json, 400 with the errors of each field', () => {
    const defects = operations.flatMap(([name, responses]) =>
      Object.entries(responses)
        .filter(([status]) => /^[45]/.test(status))
        .flatMap(([status, response]) => {
          const schema = response.content?.['application/problem+json']?.schema;
          const expected = `#/components/schemas/${status === '400' ? 'ValidationProblemDto' : 'ProblemDto'}`;
          return schema?.$ref === expected ? [] : [`${name} ${status}: ${JSON.stringify(response.content)}`];
        }),
    );
    expect(defects).toEqual([]);
  });

  it('resolves every $ref', () => {
    const unresolved = refsIn(conformance.document, '#')
      .filter(([ref]) => resolve(conformance.document, ref) === undefined)
      .map(([ref, at]) => `${ref} at ${at}`);
    expect(unresolved).toEqual([]);
  });

  it('compiles every schema for the conformance check', () => {
    const defects = operations.flatMap(([name, responses]) =>
      Object.entries(responses).flatMap(([status, response]) =>
        Object.entries(response.content ?? {}).flatMap(([type, { schema }]) => {
          try {
            conformance.compile(schema ?? {});
            return [];
          } catch (error) {
            return [`${name} ${status} ${type}: ${(error as Error).message}`];
          }
        }),
      ),
    );
    expect(defects).toEqual([]);
  });

  /** An answer, reduced to what the check reads. */
  const answer = (path: string, status: number, contentType: string, json: unknown): Exchange => ({
    method: 'GET',
    path,
    status,
    contentType,
    json,
    text: JSON.stringify(json),
  });

  it('the conformance check refuses an answer that drifted from the document', () => {
    const json = 'application/json; charset=utf-8';
    const problem = 'application/problem+json; charset=utf-8';
    expect(conformance.defectOf(answer('/health/live', 200, json, { status: 'ok' }))).toBeNull();
    expect(conformance.defectOf(answer('/health/live', 200, json, { status: 'ok', uptime: 3 }))).toMatch(
      /additional properties/,
    );
    expect(conformance.defectOf(answer('/health/live', 200, json, {}))).toMatch(/required property 'status'/);
    expect(conformance.defectOf(answer('/health/live', 200, 'text/html', 'ok'))).toMatch(/not documented/);
    expect(conformance.defectOf(answer('/health/live', 404, problem, {}))).toMatch(/status not documented/);
    expect(conformance.defectOf(answer('/nowhere', 200, json, {}))).toMatch(/no operation/);
    const unknownId = '/api/v1/declarations/00000000-0000-4000-8000-000000000000';
    const notFound = {
      type: 'https://vigie.example/problems/x',
      title: 'Not found',
      status: 404,
      detail: '…',
    };
    expect(conformance.defectOf(answer(unknownId, 404, problem, notFound))).toBeNull();
    expect(conformance.defectOf(answer(unknownId, 404, problem, { ...notFound, status: 400 }))).toMatch(
      /problem status 400/,
    );
    expect(conformance.defectOf(answer(unknownId, 400, problem, { ...notFound, status: 400 }))).toMatch(
      /required property 'errors'/,
    );
  });
});
