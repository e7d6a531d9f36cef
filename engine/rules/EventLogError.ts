/**
 * The error thrown when an event log (JSONL, one VigieEvent per line) cannot be read: lines that
 * are not JSON or not events. Its message has one line per problem, `FILE: line N: MESSAGE`.
 */
import type { RulesProblem } from './RulesError.ts';

/** A log with bad lines, every one of them listed (up to a cap); the problems are owned by the error. */
export class EventLogError extends Error {
  readonly fileName: string;
  /** `path` is `line N`; never empty. */
  readonly problems: RulesProblem[];

  constructor(fileName: string, problems: RulesProblem[]) {
    const listed = problems.length > 0 ? problems : [{ path: '(root)', message: 'invalid event log' }];
    super(listed.map((problem) => `${fileName}: ${problem.path}: ${problem.message}`).join('\n'));
    this.name = 'EventLogError';
    this.fileName = fileName;
    this.problems = listed;
  }
}
