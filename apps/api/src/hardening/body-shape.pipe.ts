import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { RequestValidationError, type FieldError } from '../problem/http-problem';

/**
 * Keys that rewire an object's prototype when some library merges or assigns them, and the names
 * of Object.prototype's members: class-validator's whitelist takes an own `toString` or `valueOf`
 * for a known property (found by the fuzz suite), and code calling them would call the client's data.
 */
const FORBIDDEN_KEYS = new Set(['prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
/** Deeper than any body of the API: only an attack nests further, and recursion would pay for it. */
export const MAX_DEPTH = 8;

/**
 * Runs before validation on bodies and query strings: refuses, naming the field, what no DTO
 * accepts but a library might choke on or be fooled by: a body that is not a JSON object,
 * prototype keys at any depth, nesting deeper than MAX_DEPTH.
 */
@Injectable()
export class BodyShapePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    if (metadata.type === 'body' && value !== undefined && !isPlainObject(value)) {
      throw new RequestValidationError([{ field: 'body', message: 'must be a JSON object' }]);
    }
    const problem = shapeProblem(value, '', 0);
    if (problem !== null) throw new RequestValidationError([problem]);
    return value;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function shapeProblem(value: unknown, path: string, depth: number): FieldError | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return { field: path, message: `nests deeper than ${MAX_DEPTH} levels` };
  const entries = Array.isArray(value)
    ? value.map((item, index): [string, unknown] => [String(index), item])
    : Object.keys(value).map((key): [string, unknown] => [key, (value as Record<string, unknown>)[key]]);
  for (const [key, item] of entries) {
    const field = path === '' ? key : `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) return { field, message: 'is not an accepted field' };
    const nested = shapeProblem(item, field, depth + 1);
    if (nested !== null) return nested;
  }
  return null;
}
