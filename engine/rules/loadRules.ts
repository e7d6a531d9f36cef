/**
 * Rules loading: JSON text in, a checked `RuleSetSpec` out, or a `RulesError` listing every
 * problem, as `FILE: PATH: MESSAGE` lines (the scenario loader's contract, engine/scenario/loadScenario.ts).
 * Three passes, each only when the one before found nothing: JSON syntax (with line and column),
 * the schema `scenarios/rules.schema.json` (ruleSchemaProblems.ts), the semantic checks
 * (ruleSemanticProblems.ts). Problems inside a rule name it: `rules[2].zones[0]: rule "crowd": ...`.
 * No file access (the CLI reads the file). Whatever the input, the only thing thrown is a `RulesError`.
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { RuleSetSpec } from './RuleSet.ts';
import { RulesError, type RulesProblem } from './RulesError.ts';
import { ruleSchemaProblems } from './ruleSchemaProblems.ts';
import { ruleSemanticProblems, type RuleCheckOptions } from './ruleSemanticProblems.ts';
import { errorText, isPlainObject, quote, ROOT } from './rulesText.ts';
import { lineAndColumn } from '../scenario/scenarioText.ts';

export type { RuleCheckOptions } from './ruleSemanticProblems.ts';

/** At most this many problems are listed; the rest are counted in a last one. */
const MAX_PROBLEMS = 100;

/**
 * Parses and checks a rules file given as text. `fileName` names it in messages; `options.zoneIds`
 * are the zones the rules may name besides the file's own (the scenario's zones).
 * Returns the parsed rule set, owned by the caller; throws a `RulesError` and nothing else.
 */
export function loadRules(text: string, fileName: string, options: RuleCheckOptions = {}): RuleSetSpec {
  return validateRules(parseRulesJson(text, fileName), fileName, options);
}

/** Checks an already parsed value; returns it typed (not copied) or throws a `RulesError`. */
export function validateRules(value: unknown, fileName: string, options: RuleCheckOptions = {}): RuleSetSpec {
  let problems: RulesProblem[];
  try {
    problems = ruleSchemaProblems(value);
    if (problems.length === 0) problems = ruleSemanticProblems(value as RuleSetSpec, options);
  } catch (error) {
    problems = [{ path: ROOT, message: `internal error while checking the rules (please report): ${errorText(error)}` }];
  }
  if (problems.length > 0) throw new RulesError(fileName, capProblems(problems.map((problem) => namingTheRule(value, problem))));
  return value as RuleSetSpec;
}

/** Parses JSON text (a leading byte-order mark allowed), or throws a `RulesError` with line and column. */
export function parseRulesJson(text: string, fileName: string): unknown {
  const fail = (message: string): never => {
    throw new RulesError(fileName, [{ path: ROOT, message }]);
  };
  if (typeof text !== 'string') fail('expected the rules as JSON text');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') fail('the file is empty; expected a JSON object');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const message = errorText(error);
    // NOTE: V8 gives a position for some syntax errors only; jsonc-parser (strict mode) finds it.
    const errors: ParseError[] = [];
    parseJsonc(body, errors, { disallowComments: true, allowTrailingComma: false });
    const where = errors.length === 0 ? '' : ` at ${lineAndColumn(body, errors[0].offset)}`;
    const cleaned = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '').replace(/ \(line \d+ column \d+\)$/, '');
    return fail(`not valid JSON${where}: ${cleaned}`);
  }
}


/** A problem inside `rules[i]` says which rule, by id, at the start of its message. */
function namingTheRule(value: unknown, problem: RulesProblem): RulesProblem {
  const match = /^rules\[(\d+)\]/.exec(problem.path);
  if (match === null || !isPlainObject(value) || !Array.isArray(value.rules)) return problem;
  const rule: unknown = value.rules[Number(match[1])];
  if (!isPlainObject(rule) || typeof rule.id !== 'string') return problem;
  return { path: problem.path, message: `rule ${quote(rule.id)}: ${problem.message}` };
}

function capProblems(problems: RulesProblem[]): RulesProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const kept = problems.slice(0, MAX_PROBLEMS - 1);
  kept.push({ path: ROOT, message: `${problems.length - kept.length} more problems not listed` });
  return kept;
}
