/**
 * The error thrown when a rules file cannot be used: not JSON, not matching
 * `scenarios/rules.schema.json`, or inconsistent (unknown zone or rule ids, cyclic sequences,
 * fields that do not apply to a rule's kind, negative windows). `loadRules` throws nothing else.
 * Same contract as `ScenarioError` (engine/scenario/ScenarioError.ts), which this floor may not import.
 */

/** One thing wrong with a rules file: where (`rules[2].windowS`) and what. */
export interface RulesProblem {
  path: string;
  message: string;
}

/**
 * A rules file that cannot be loaded, with every problem found in it. Its message has one line
 * per problem, `FILE: PATH: MESSAGE`, for example
 * `rules.json: rules[2].zones[0]: unknown zone "plaza" in rule "crowd-density" (known: square, quay)`.
 * The problems array is owned by the error.
 */
export class RulesError extends Error {
  /** Name of the rules file (or any label for the text's origin). */
  readonly fileName: string;
  /** Every problem found, in the order found; never empty. */
  readonly problems: RulesProblem[];

  constructor(fileName: string, problems: RulesProblem[]) {
    const listed = problems.length > 0 ? problems : [{ path: '(root)', message: 'invalid rules file' }];
    super(listed.map((problem) => `${fileName}: ${problem.path}: ${problem.message}`).join('\n'));
    this.name = 'RulesError';
    this.fileName = fileName;
    this.problems = listed;
  }
}
