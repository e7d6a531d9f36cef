/**
 * Scenario loading: JSON text in, a checked `Scenario` out, or a `ScenarioError` listing every
 * problem found. Three passes, each run only when the one before found nothing wrong:
 *   1. JSON syntax (with line and column of the first error);
 *   2. the JSON Schema `scenarios/scenario.schema.json` (ajv, all errors, rewritten into plain
 *      messages that say what was expected and what was found);
 *   3. semantic checks the schema cannot express: unique ids, goals naming known exits, simple
 *      polygons with an area, spawn places inside walkable space, ordered time windows and ranges.
 * No file access: the engine also runs in a browser; the CLI reads the file and passes its text.
 * Whatever the input, the only thing these functions throw is a `ScenarioError`.
 *
 * This file holds the public API and the orchestration; each pass has its own file:
 * `parseScenarioJson.ts`, `schemaProblems.ts`, `semanticProblems.ts` (wording helpers in `scenarioText.ts`).
 */
import type { Scenario } from './Scenario.ts';
import { ScenarioError, type ScenarioProblem } from './ScenarioError.ts';
import { parseScenarioJson } from './parseScenarioJson.ts';
import { schemaProblems } from './schemaProblems.ts';
import { semanticProblems } from './semanticProblems.ts';
import { errorText, ROOT } from './scenarioText.ts';

/** At most this many problems are kept; the rest are counted in a last problem. */
const MAX_PROBLEMS = 100;

/**
 * Parses and checks a scenario given as JSON text. `fileName` names the text's origin in
 * messages (`scenario.json: pedestrians[2].goal: unknown exit "E9" (known: E1, E2)`).
 * Returns the parsed scenario, owned by the caller; throws a `ScenarioError` and nothing else.
 */
export function loadScenario(text: string, fileName: string): Scenario {
  return validateScenario(parseScenarioJson(text, fileName), fileName);
}

/**
 * Checks an already parsed value against the scenario schema and the semantic rules.
 * Returns the same value, typed as a `Scenario` (not copied, not modified, no defaults filled in);
 * throws a `ScenarioError` with every problem found, and nothing else.
 */
export function validateScenario(value: unknown, fileName: string): Scenario {
  let problems: ScenarioProblem[];
  try {
    problems = schemaProblems(value);
    // NOTE: semantic checks only run on a value that matches the schema, so they can trust
    // its shape; a file with schema problems gets its semantic problems on the next try.
    if (problems.length === 0) problems = semanticProblems(value as Scenario);
  } catch (error) {
    // A safety net for a bug in the checks (schemaProblems, semanticProblems): the contract is
    // that only ScenarioError escapes.
    problems = [{ path: ROOT, message: `internal error while checking the scenario (please report): ${errorText(error)}` }];
  }
  if (problems.length > 0) throw new ScenarioError(fileName, capProblems(problems));
  return value as Scenario;
}

/** The problems as listed in a `ScenarioError`: the first MAX_PROBLEMS - 1, then a count of the rest. */
function capProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const kept = problems.slice(0, MAX_PROBLEMS - 1);
  kept.push({ path: ROOT, message: `${problems.length - kept.length} more problems not listed` });
  return kept;
}
