/**
 * The error thrown when a scenario cannot be used: not JSON, not matching
 * `scenarios/scenario.schema.json`, or inconsistent (unknown exit ids, crossed polygons, ...).
 * `loadScenario` and `validateScenario` throw nothing else.
 */

/**
 * One thing wrong with a scenario. `path` names the place in the document the way one would
 * write it in JavaScript (`pedestrians[2].goal`, `geometry.walkable[0]`), or `(root)` for the
 * document as a whole; `message` says what was expected and what was found.
 */
export interface ScenarioProblem {
  path: string;
  message: string;
}

/**
 * A scenario that cannot be loaded, with every problem found in it (not only the first).
 * Its message has one line per problem, `FILE: PATH: MESSAGE`, for example
 * `scenario.json: pedestrians[2].goal: unknown exit "E9" (known: E1, E2)`.
 * The problems array is owned by the error; callers (CLI, viewer) read it to point at places.
 */
export class ScenarioError extends Error {
  /** Name of the scenario file (or any label for the text's origin), as given to the loader. */
  readonly fileName: string;
  /** Every problem found, in the order found; never empty. */
  readonly problems: { path: string; message: string }[];

  constructor(fileName: string, problems: ScenarioProblem[]) {
    const listed = problems.length > 0 ? problems : [{ path: '(root)', message: 'invalid scenario' }];
    super(listed.map((problem) => `${fileName}: ${problem.path}: ${problem.message}`).join('\n'));
    this.name = 'ScenarioError';
    this.fileName = fileName;
    this.problems = listed;
  }
}
