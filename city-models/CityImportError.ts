/**
 * The error thrown when city data cannot be imported at all: malformed XML or JSON, a file that
 * is not OpenStreetMap or GeoJSON, a bounding box with no data. Problems with single features
 * (a zero-area building, a broken relation) are not errors: the feature is skipped and counted
 * in the import report. Its message has one line per problem, `FILE: PATH: MESSAGE`, where PATH
 * is `line 12, column 4` for XML, a JSON path (`features[3].geometry.coordinates`) for GeoJSON,
 * or `(root)`.
 */

/** One thing wrong with city data: where, and what was expected. */
export interface CityProblem {
  path: string;
  message: string;
}

/** City data that cannot be used, with what is wrong with it. */
export class CityImportError extends Error {
  readonly fileName: string;
  readonly problems: CityProblem[];

  constructor(fileName: string, problems: CityProblem[]) {
    const listed = problems.length > 0 ? problems : [{ path: '(root)', message: 'invalid city data' }];
    super(listed.map((problem) => `${fileName}: ${problem.path}: ${problem.message}`).join('\n'));
    this.name = 'CityImportError';
    this.fileName = fileName;
    this.problems = listed;
  }
}
