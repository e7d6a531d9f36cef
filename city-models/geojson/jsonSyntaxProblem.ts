/**
 * A JSON syntax error as a city problem with its line and column. V8 gives a character position
 * in most messages ("... in JSON at position 35") and none at the end of the input.
 */
import type { CityProblem } from '../CityImportError.ts';

/** The problem to report for text that `JSON.parse` rejected with `error`. */
export function jsonSyntaxProblem(text: string, error: unknown): CityProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === '') return { path: '(root)', message: 'the file is empty; expected GeoJSON' };
  const match = /at position (\d+)/.exec(message);
  const offset = match ? Number(match[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  const cleaned = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
  if (offset === undefined) return { path: '(root)', message: `not valid JSON: ${cleaned}` };
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { path: `line ${line}, column ${offset - lineStart + 1}`, message: `not valid JSON: ${cleaned}` };
}
