/**
 * A JSON syntax error as a city problem with its line and column. V8's messages give a position
 * only for some errors, so the place is found with Microsoft's `jsonc-parser` in strict mode
 * (no comments, no trailing commas), which reports an offset for every error.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { CityProblem } from '../CityImportError.ts';

/** The problem to report for text that `JSON.parse` rejected with `error`. */
export function jsonSyntaxProblem(text: string, error: unknown): CityProblem {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === '') return { path: '(root)', message: 'the file is empty; expected GeoJSON' };
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const cleaned = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
  if (errors.length === 0) return { path: '(root)', message: `not valid JSON: ${cleaned}` };
  const offset = errors[0].offset;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { path: `line ${line}, column ${offset - lineStart + 1}`, message: `not valid JSON: ${cleaned} (${printParseErrorCode(errors[0].error)})` };
}
