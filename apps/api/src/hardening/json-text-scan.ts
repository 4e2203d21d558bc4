/** A container open at some point of the text, and which of its members is being read. */
interface Frame {
  array: boolean;
  /** The key of the member being read (null before the first), or the index of the item. */
  key: string | null;
  index: number;
}

export interface JsonTextScan {
  /** The dotted path of the first container opened deeper than `maxDepth`, or null. */
  tooDeepAt: string | null;
  /**
   * Where the text stops: the path of the value whose string it stops in, else of the innermost
   * open container (a key being written names the object that holds it); '' at the top.
   */
  pathAtEnd: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const pathOf = (frames: readonly Frame[]): string =>
  frames
    .map((frame) => (frame.array ? String(frame.index) : frame.key))
    .filter((label): label is string => label !== null)
    .join('.');

function keyOf(token: string): string {
  try {
    return JSON.parse(token) as string;
  } catch {
    return token.slice(1, -1);
  }
}

/**
 * Walks JSON text with a stack of the containers open, in one loop and without building any value:
 * how deep a body nests, and where in it a byte went wrong, are known before JSON.parse and every
 * recursive reader of the parsed body (class-transformer, the Idempotency-Key fingerprint…) see it.
 * Paths are dotted like the validation errors' (`structure.finess`, `dataImpacts.1`). On text that
 * is not JSON the answer means little; JSON.parse refuses such text next.
 */
export function scanJsonText(text: string, maxDepth = Number.POSITIVE_INFINITY): JsonTextScan {
  const frames: Frame[] = [];
  let expectingKey = false;
  for (let at = 0; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === QUOTE) {
      const start = at;
      for (at++; at < text.length && text.charCodeAt(at) !== QUOTE; at++) {
        if (text.charCodeAt(at) === BACKSLASH) at++;
      }
      if (at >= text.length) {
        return { tooDeepAt: null, pathAtEnd: pathOf(expectingKey ? frames.slice(0, -1) : frames) };
      }
      if (expectingKey) frames[frames.length - 1].key = keyOf(text.slice(start, at + 1));
      continue;
    }
    switch (text[at]) {
      case '{':
      case '[':
        if (frames.length >= maxDepth) return { tooDeepAt: pathOf(frames), pathAtEnd: pathOf(frames) };
        frames.push({ array: text[at] === '[', key: null, index: 0 });
        expectingKey = text[at] === '{';
        break;
      case '}':
      case ']':
        frames.pop();
        expectingKey = false;
        break;
      case ',': {
        const top = frames.at(-1);
        if (top?.array === true) top.index += 1;
        else expectingKey = top !== undefined;
        break;
      }
      case ':':
        expectingKey = false;
        break;
      default:
        break;
    }
  }
  return { tooDeepAt: null, pathAtEnd: pathOf(frames) };
}
