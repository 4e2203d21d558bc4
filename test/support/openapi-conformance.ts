import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import type { TestApi } from './vigie-api';

/** The parts of an OpenAPI 3.0 document this check reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export type Schema = Record<string, unknown>;

const DOCUMENT_ID = 'vigie-openapi';
const COMPONENTS = '#/components/schemas/';

/** One answer, whoever sent the request (supertest, or fetch in the soak kit). */
export interface Exchange {
  method: string;
  /** Without the query string. */
  path: string;
  status: number;
  contentType: string | undefined;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
  text: string;
}

/** A supertest response as an Exchange; a test that asked for raw bytes (`.parse(binary)`) still gets its JSON read. */
export function exchangeOf(response: Response): Exchange {
  const raw: unknown = response.body;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : (response.text ?? '');
  const contentType = response.headers['content-type'] as string | undefined;
  return {
    method: response.request.method,
    path: new URL(response.request.url).pathname,
    status: response.status,
    contentType,
    json: Buffer.isBuffer(raw) && isJson(mediaType(contentType)) ? JSON.parse(text) : raw,
    text,
  };
}

/** Answers without a body (RFC 9110; the login's 303s send none): their documented responses carry no content. */
export const BODILESS = new Set(['204', '303', '304']);

/**
 * OpenAPI 3.0 is not JSON Schema: `nullable: true` becomes "or null", `example` goes, `$ref`s
 * point into the set of components ajv holds. An object lists every property it may have
 * (`additionalProperties: false` unless it says otherwise): a field the API starts sending
 * without documenting it fails the conformance check, as a missing one does.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, example, ...rest } = schema as Schema;
  void example;
  const converted: Schema = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [
      key,
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as Schema).map(([name, sub]) => [name, toJsonSchema(sub)]))
        : toJsonSchema(value),
    ]),
  );
  if (typeof converted.$ref === 'string' && converted.$ref.startsWith(COMPONENTS)) {
    converted.$ref = `${DOCUMENT_ID}#/definitions/${converted.$ref.slice(COMPONENTS.length)}`;
  }
  if (converted.properties !== undefined && converted.additionalProperties === undefined) {
    converted.additionalProperties = false;
  }
  return nullable === true ? { anyOf: [{ type: 'null' }, converted] } : converted;
}

/** `/api/v1/declarations/{id}` as a pattern that matches the concrete paths of requests. */
const pathPattern = (template: string): RegExp =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`);

const mediaType = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0].trim().toLowerCase();

const isJson = (media: string): boolean => media === 'application/json' || media.endsWith('+json');

/** The document as the API serves it, and the validators compiled from it, one per answer. */
export class OpenApiConformance {
  private readonly ajv = new Ajv({ allErrors: true, strict: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: [RegExp, string][];

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    const definitions = Object.fromEntries(
      Object.entries(document.components.schemas).map(([name, schema]) => [name, toJsonSchema(schema)]),
    );
    this.ajv.addSchema({ $id: DOCUMENT_ID, definitions });
    // Literal paths first: `/publications` must not be taken for `/{id}`.
    this.templates = Object.keys(document.paths)
      .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))
      .map((template) => [pathPattern(template), template]);
  }

  /** The operation's template (`/api/v1/declarations/{id}`) for a concrete path, if documented. */
  templateOf(method: string, path: string): string | undefined {
    return this.templates.find(
      ([pattern, template]) => pattern.test(path) && this.document.paths[template][method] !== undefined,
    )?.[1];
  }

  /** What is wrong with the answer against the document, or null when it conforms. */
  defectOf(answer: Exchange): string | null {
    const method = answer.method.toLowerCase();
    const where = `${method.toUpperCase()} ${answer.path} → ${answer.status}`;
    const template = this.templateOf(method, answer.path);
    if (template === undefined) return `${where}: no operation in the document`;
    const documented = this.document.paths[template][method].responses[String(answer.status)];
    if (documented === undefined) return `${where}: status not documented for ${template}`;
    if (BODILESS.has(String(answer.status))) return null;
    const media = mediaType(answer.contentType);
    const content = Object.entries(documented.content ?? {}).find(([type]) => mediaType(type) === media);
    if (content === undefined) {
      return `${where}: ${media || 'no content-type'} is not documented (${Object.keys(documented.content ?? {}).join(', ')})`;
    }
    const [, { schema }] = content;
    if (schema === undefined) return `${where}: ${media} has no schema`;
    // Text and PDF: the schema says "a string"; what matters is that the media type was promised.
    if (!isJson(media)) return answer.text.length > 0 ? null : `${where}: empty body`;
    const validate = this.compile(schema, `${template} ${method} ${answer.status} ${media}`);
    if (!validate(answer.json)) {
      const errors = this.ajv.errorsText(validate.errors?.slice(0, 5), { dataVar: 'body' });
      return `${where}: ${errors}\n${answer.text.slice(0, 500)}`;
    }
    const { status } = answer.json as { status?: unknown };
    if (media === 'application/problem+json' && status !== answer.status) {
      return `${where}: problem status ${String(status)}`;
    }
    return null;
  }

  /** One answer's schema as an ajv validator, compiled once per `key`. */
  compile(schema: Schema, key = JSON.stringify(schema)): ValidateFunction {
    const known = this.validators.get(key);
    if (known !== undefined) return known;
    const validate = this.ajv.compile(toJsonSchema(schema) as Schema);
    this.validators.set(key, validate);
    return validate;
  }
}

let loaded: OpenApiConformance | undefined;

/** Loads `/docs-json` from the API once per test file (the document does not depend on the config). */
export async function loadDocument(api: TestApi): Promise<OpenApiConformance> {
  if (loaded === undefined) {
    const { body } = await api.http.get('/docs-json').expect(200);
    loaded = new OpenApiConformance(body as OpenApiDocument);
  }
  return loaded;
}

/**
 * For supertest: `.expect(conformsToDocument)` fails the request when its status, content type
 * or body is not what `/docs-json` says that operation answers. `loadDocument(api)` first.
 */
export function conformsToDocument(response: Response): void {
  if (loaded === undefined) throw new Error('conformsToDocument before loadDocument(api)');
  const defect = loaded.defectOf(exchangeOf(response));
  if (defect !== null) throw new Error(`The answer does not conform to /docs-json: ${defect}`);
}

/** The same check for a response already received: `expectConforms(await api.http.get(…))`. */
export async function expectConforms(api: TestApi, response: Response): Promise<void> {
  await loadDocument(api);
  conformsToDocument(response);
}
