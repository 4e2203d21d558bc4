import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpProblem, RequestValidationError } from '../problem/http-problem';
import { MAX_DEPTH } from './body-shape.pipe';
import { scanJsonText } from './json-text-scan';

/** RFC 8259 §8.1: JSON exchanged between systems is UTF-8; body-parser would also take UTF-16 and UTF-32. */
export class UnsupportedCharset extends HttpProblem {
  readonly status = 415;
  readonly code = 'unsupported-media-type';
  readonly title = 'Unsupported media type';

  constructor() {
    super('JSON bodies must be UTF-8 (Content-Type: application/json, with no charset or charset=utf-8)');
  }
}

const UTF8 = new Set(['utf-8', 'utf8']);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON body parser's `verify` hook: it sees the raw bytes before they are decoded and parsed.
 * Bytes that are not UTF-8 would be stored as U+FFFD; nesting deeper than MAX_DEPTH would reach
 * recursive readers of the parsed body (the Idempotency-Key fingerprint, class-transformer) and
 * overflow the stack (a 500) before BodyShapePipe could refuse it. Both are a 400 naming the field.
 * The errors keep their status through body-parser; ProblemFilter unwraps them.
 */
export function strictJsonBody(
  _req: IncomingMessage,
  _res: ServerResponse,
  body: Buffer,
  encoding: string | null,
): void {
  if (encoding !== null && !UTF8.has(encoding.toLowerCase())) throw new UnsupportedCharset();
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    const valid = body.subarray(0, firstInvalidUtf8(body));
    const field = scanJsonText(valid.toString('utf8')).pathAtEnd;
    throw new RequestValidationError([
      { field: field === '' ? 'body' : field, message: 'is not valid UTF-8' },
    ]);
  }
  const { tooDeepAt } = scanJsonText(text, MAX_DEPTH);
  if (tooDeepAt !== null) {
    throw new RequestValidationError([
      { field: tooDeepAt === '' ? 'body' : tooDeepAt, message: `nests deeper than ${MAX_DEPTH} levels` },
    ]);
  }
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode table 3-7:
 * no overlong forms, no surrogates, nothing above U+10FFFF, no sequence cut short), or the length.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    if (bytes[at] < 0x80) {
      at += 1;
      continue;
    }
    const sequence = sequenceLedBy(bytes[at]);
    if (sequence === null) return at;
    const [length, low, high] = sequence;
    for (let next = 1; next < length; next++) {
      const byte = bytes[at + next];
      const [min, max] = next === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return at;
    }
    at += length;
  }
  return bytes.length;
}

/** The length of the sequence a lead byte starts and the range of its second byte, or null. */
function sequenceLedBy(lead: number): [length: number, low: number, high: number] | null {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  // ED A0…ED BF would encode UTF-16 surrogates.
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  // F4 90 and above would be beyond U+10FFFF.
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return null;
}
