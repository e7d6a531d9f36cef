/**
 * Pass 1 of scenario loading: JSON syntax. Turns the text of a scenario file into a plain value,
 * or throws a `ScenarioError` that gives the line and column of the first syntax error.
 * The value is not checked any further here (see `schemaProblems` and `semanticProblems`).
 */
import { ScenarioError } from './ScenarioError.ts';
import { describeValue, errorText, lineAndColumn, ROOT } from './scenarioText.ts';

/**
 * Parses scenario JSON text (a leading byte-order mark is allowed). `fileName` names the text's
 * origin in messages. Returns the parsed value, owned by the caller; throws a `ScenarioError` and
 * nothing else when the text is not a string, is empty or is not valid JSON.
 */
export function parseScenarioJson(text: string, fileName: string): unknown {
  const fail = (message: string): never => {
    throw new ScenarioError(fileName, [{ path: ROOT, message }]);
  };
  if (typeof text !== 'string') fail(`expected the scenario as JSON text, got ${describeValue(text)}`);
  // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') fail('the file is empty; expected a JSON object');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const offset = findJsonSyntaxErrorOffset(body);
    const where = offset === null ? '' : ` at ${lineAndColumn(body, offset)}`;
    return fail(`not valid JSON${where}: ${cleanJsonParseMessage(errorText(error))}`);
  }
}

/** V8's messages carry a character position or a quote of the text; the location is given separately. */
function cleanJsonParseMessage(message: string): string {
  const cleaned = message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .trim();
  return cleaned === '' ? message : cleaned;
}


/**
 * Offset of the first JSON syntax error in `text` (RFC 8259 grammar), or null when none is found.
 * NOTE: V8's JSON.parse gives a position for some errors only, so this small scanner finds it.
 * It keeps an explicit stack of open brackets, so deep nesting cannot overflow the call stack.
 */
function findJsonSyntaxErrorOffset(text: string): number | null {
  let i = 0;
  const closers: ('}' | ']')[] = [];
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  // Each scanner advances i past what it reads, or stops at the offending character and returns false.
  const scanString = (): boolean => {
    i++; // opening quote
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return true;
      }
      if (code < 0x20) return false;
      if (code !== 0x5c) {
        i++;
        continue;
      }
      const escaped = text[i + 1];
      if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else if (escaped !== undefined && escaped !== 'u' && '"\\/bfnrt'.includes(escaped)) i += 2;
      else {
        i++;
        return false;
      }
    }
    return false; // unterminated string: the error is at the end of the text
  };
  const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const scanScalar = (): boolean => {
    const literal = ['true', 'false', 'null'].find((word) => word[0] === text[i]);
    if (literal !== undefined) {
      // Stop at the first character that differs, as a parser would.
      for (let k = 0; k < literal.length; k++, i++) if (text[i] !== literal[k]) return false;
      return true;
    }
    numberPattern.lastIndex = i;
    const match = numberPattern.exec(text);
    if (match === null) return false;
    i += match[0].length;
    return true;
  };
  const scanMemberName = (): boolean => {
    if (text[i] !== '"' || !scanString()) return false;
    skipSpace();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };

  let expectValue = true;
  for (;;) {
    skipSpace();
    if (expectValue) {
      const opener = text[i];
      if (opener === '{' || opener === '[') {
        const closer = opener === '{' ? '}' : ']';
        i++;
        skipSpace();
        if (text[i] === closer) {
          i++;
          expectValue = false;
          continue;
        }
        closers.push(closer);
        if (opener === '{') {
          skipSpace();
          if (!scanMemberName()) return i;
        }
        continue;
      }
      if (opener === '"' ? !scanString() : !scanScalar()) return i;
      expectValue = false;
      continue;
    }
    const closer = closers.at(-1);
    if (closer === undefined) return i < text.length ? i : null;
    if (text[i] === closer) {
      i++;
      closers.pop();
    } else if (text[i] === ',') {
      i++;
      if (closer === '}') {
        skipSpace();
        if (!scanMemberName()) return i;
      }
      expectValue = true;
    } else {
      return i;
    }
  }
}
