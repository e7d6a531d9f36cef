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
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../scenarios/scenario.schema.json';
import {
  areaM2,
  distanceToPolygonBoundaryM,
  findSelfIntersection,
  pointInPolygon,
  polygonCentroid,
} from '../geometry/polygon.ts';
import type { GoalSpec, PedestrianGroupSpec, PointM, PolygonM, Scenario, SpeedSpec } from './Scenario.ts';
import { ScenarioError, type ScenarioProblem } from './ScenarioError.ts';

/** The path that names the document as a whole. */
const ROOT = '(root)';
/** At most this many problems are kept; the rest are counted in a last problem. */
const MAX_PROBLEMS = 100;
/** At most this many spawn points are reported one by one per group. */
const MAX_POINT_PROBLEMS = 10;
/**
 * Points within this distance of a polygon's edge count as on it. NOTE: a spawn area drawn on
 * the outline of a room or against a wall puts points exactly on edges, where the crossing-number
 * test goes either way; the tolerance makes such points walkable (and not inside the wall).
 */
const EDGE_TOLERANCE_M = 1e-6;
/** A ring whose points all lie within this distance of one line encloses no area. */
const COLLINEAR_TOLERANCE_M = 1e-9;
/** Weidmann's speed-by-age curve (RiMEA 3.0, section 2.2) is tabulated for these ages. */
const WEIDMANN_MIN_AGE_YEARS = 5;
const WEIDMANN_MAX_AGE_YEARS = 90;

type Report = (path: string, message: string) => void;

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
    // A safety net for a bug in this file: the contract is that only ScenarioError escapes.
    problems = [{ path: ROOT, message: `internal error while checking the scenario (please report): ${errorText(error)}` }];
  }
  if (problems.length > 0) throw new ScenarioError(fileName, capProblems(problems));
  return value as Scenario;
}

// ---------------------------------------------------------------------------------------------
// Pass 1: JSON syntax

function parseScenarioJson(text: string, fileName: string): unknown {
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

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
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

// ---------------------------------------------------------------------------------------------
// Pass 2: the JSON Schema

let compiledValidator: ValidateFunction | undefined;

/** The schema validator, compiled on first use (compiling costs milliseconds; importing should not). */
function scenarioValidator(): ValidateFunction {
  compiledValidator ??= new Ajv({
    allErrors: true,
    // verbose: errors carry the failing value and schema, which the messages quote.
    verbose: true,
    strict: true,
    // The spawn place's `oneOf: [{required: [polygon]}, {required: [points]}]` names properties
    // declared beside the oneOf, which strictRequired would reject.
    strictRequired: false,
  }).compile(schema);
  return compiledValidator;
}

/** An error located by a JSON pointer into the checked value, before its path is formatted. */
interface Finding {
  pointer: string;
  message: string;
}

function schemaProblems(value: unknown): ScenarioProblem[] {
  const validate = scenarioValidator();
  if (validate(value)) return [];
  const seen = new Set<string>();
  const problems: ScenarioProblem[] = [];
  for (const finding of rewriteErrors(validate.errors ?? [])) {
    const problem = { path: formatPath(value, finding.pointer), message: finding.message };
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/**
 * Turns ajv's errors into findings, one clear message per place. A failed `oneOf` (a value that
 * may take several shapes: a speed is a number or a distribution object) makes ajv report every
 * shape's errors plus "must match exactly one schema"; here only the errors of the shape whose
 * JSON type the value has are kept, or one message listing the accepted shapes when none fits.
 * NOTE: this relies on oneOf branches holding no `$ref` (errors inside a referenced schema carry
 * that schema's own paths, so they could not be told apart); a test checks the schema for it.
 */
function rewriteErrors(errors: ErrorObject[]): Finding[] {
  const dropped = new Set<ErrorObject>();
  const replacements = new Map<ErrorObject, string | null>();
  const alternatives = errors
    .filter((error) => error.keyword === 'oneOf' || error.keyword === 'anyOf')
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length); // outer alternatives first
  for (const alternative of alternatives) {
    if (dropped.has(alternative)) continue;
    const branches: unknown[] = Array.isArray(alternative.schema) ? alternative.schema : [];
    const errorsByBranch = new Map<number, ErrorObject[]>();
    for (const error of errors) {
      const index = branchIndex(error, alternative);
      if (index === undefined) continue;
      const list = errorsByBranch.get(index) ?? [];
      list.push(error);
      errorsByBranch.set(index, list);
    }
    const fitting = branches.flatMap((branch, index) => (typeFits(branch, alternative.data) ? [index] : []));
    const kept = fitting.length === 1 ? errorsByBranch.get(fitting[0]) : undefined;
    for (const [index, list] of errorsByBranch) {
      if (kept === undefined || index !== fitting[0]) for (const error of list) dropped.add(error);
    }
    if (kept !== undefined && kept.length > 0) dropped.add(alternative);
    else replacements.set(alternative, describeAlternatives(branches, alternative.data));
  }

  const findings: Finding[] = [];
  for (const error of errors) {
    if (dropped.has(error)) continue;
    if (replacements.has(error)) {
      const message = replacements.get(error);
      if (message != null) findings.push({ pointer: error.instancePath, message });
    } else {
      findings.push(describeError(error));
    }
  }
  return findings;
}

/** Which branch of `alternative` an error comes from, or undefined when it comes from elsewhere. */
function branchIndex(error: ErrorObject, alternative: ErrorObject): number | undefined {
  if (error === alternative) return undefined;
  const prefix = `${alternative.schemaPath}/`;
  if (!error.schemaPath.startsWith(prefix)) return undefined;
  const at = alternative.instancePath;
  if (error.instancePath !== at && !error.instancePath.startsWith(`${at}/`)) return undefined;
  const index = Number.parseInt(error.schemaPath.slice(prefix.length), 10);
  return Number.isInteger(index) ? index : undefined;
}

function describeAlternatives(branches: unknown[], data: unknown): string | null {
  const requiredOnly = branches.map((branch) =>
    isPlainObject(branch) && branch.type === undefined && Array.isArray(branch.required) ? (branch.required as unknown[]) : null,
  );
  if (requiredOnly.length > 0 && requiredOnly.every((keys) => keys !== null)) {
    // "Exactly one of these fields": only meaningful on an object; a type error covers the rest.
    if (!isPlainObject(data)) return null;
    const keys = requiredOnly.flatMap((list) => (list ?? []).map(String));
    const present = keys.filter((key) => Object.hasOwn(data, key));
    const got = present.length === 0 ? 'none' : present.map(quote).join(' and ');
    return `expected exactly one of ${keys.map(quote).join(' or ')}, got ${got}`;
  }
  return `expected ${branches.map(describeSchemaBriefly).join(' or ')}, got ${describeValue(data)}`;
}

/** A short noun phrase for what a schema accepts: `a number > 0 and <= 10`, `a non-empty string`. */
function describeSchemaBriefly(branch: unknown): string {
  if (!isPlainObject(branch)) return 'a value';
  const types = typesOf(branch.type);
  if (types.length === 0) return 'a value';
  if (types.length > 1) return types.map(typeNoun).join(' or ');
  const type = types[0];
  if (type === 'number' || type === 'integer') {
    const bounds = numberBounds(branch);
    return bounds === '' ? typeNoun(type) : `${typeNoun(type)} ${bounds}`;
  }
  if (type === 'string' && branch.minLength === 1) return 'a non-empty string';
  if (type === 'array') {
    const items = isPlainObject(branch.items) ? typesOf(branch.items.type) : [];
    const of = items.length === 1 ? ` of ${items[0]}s` : '';
    return typeof branch.minItems === 'number' && branch.minItems >= 1 ? `a non-empty array${of}` : `an array${of}`;
  }
  if (type === 'object' && Array.isArray(branch.required) && branch.required.length > 0) {
    return `an object with ${branch.required.map((key) => quote(String(key))).join(', ')}`;
  }
  return typeNoun(type);
}

function numberBounds(schemaObject: Record<string, unknown>): string {
  const bounds: string[] = [];
  const add = (keyword: string, operator: string): void => {
    const limit = schemaObject[keyword];
    if (typeof limit === 'number') bounds.push(`${operator} ${limit}`);
  };
  add('minimum', '>=');
  add('exclusiveMinimum', '>');
  add('maximum', '<=');
  add('exclusiveMaximum', '<');
  return bounds.join(' and ');
}

/** One ajv error, said plainly; `required` and `additionalProperties` point at the field itself. */
function describeError(error: ErrorObject): Finding {
  const at = error.instancePath;
  const data: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  const parent: Record<string, unknown> = isPlainObject(error.parentSchema) ? error.parentSchema : {};
  const limit = params.limit;
  switch (error.keyword) {
    case 'type': {
      const expected = typesOf(params.type);
      if (typeof data === 'number' && !Number.isFinite(data)) {
        return { pointer: at, message: `expected a finite number, got ${describeValue(data)}` };
      }
      return { pointer: at, message: `expected ${expected.map(typeNoun).join(' or ')}, got ${describeValue(data)}` };
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const operator = { minimum: '>=', exclusiveMinimum: '>', maximum: '<=', exclusiveMaximum: '<' }[error.keyword];
      const noun = parent.type === 'integer' ? 'an integer' : 'a number';
      return { pointer: at, message: `expected ${noun} ${operator} ${String(limit)}, got ${describeValue(data)}` };
    }
    case 'minItems':
    case 'maxItems': {
      const count = Array.isArray(data) ? data.length : 0;
      const exactly = parent.minItems === parent.maxItems;
      const bound = exactly ? 'exactly' : error.keyword === 'minItems' ? 'at least' : 'at most';
      return { pointer: at, message: `expected ${bound} ${String(limit)} ${plural(Number(limit), 'item')}, got ${count}` };
    }
    case 'minLength':
      return {
        pointer: at,
        message: limit === 1 ? 'expected a non-empty string' : `expected at least ${String(limit)} characters, got ${describeValue(data)}`,
      };
    case 'required':
      return { pointer: childPointer(at, String(params.missingProperty)), message: 'required field is missing' };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = isPlainObject(parent.properties) ? Object.keys(parent.properties) : [];
      return { pointer: childPointer(at, key), message: unknownFieldMessage(key, allowed) };
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return { pointer: at, message: `expected one of ${allowed.map(describeValue).join(', ')}, got ${describeValue(data)}` };
    }
    default:
      return { pointer: at, message: `${error.message ?? 'invalid value'}, got ${describeValue(data)}` };
  }
}

function unknownFieldMessage(key: string, allowed: string[]): string {
  const suggestion = closestName(key, allowed);
  if (suggestion !== undefined) return `unknown field (did you mean ${quote(suggestion)}?)`;
  return allowed.length > 0 ? `unknown field (allowed: ${allowed.join(', ')})` : 'unknown field';
}

/** The allowed name a typo most likely meant: same letters ignoring case, or a few edits away. */
function closestName(key: string, allowed: string[]): string | undefined {
  if (key.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of allowed) {
    const distance = name.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Formats a JSON pointer (`/pedestrians/2/goal`) as a path (`pedestrians[2].goal`), walking the
 * value so that array indices and object keys that look like numbers are told apart.
 */
function formatPath(root: unknown, pointer: string): string {
  if (pointer === '') return ROOT;
  let path = '';
  let node: unknown = root;
  for (const segment of pointer.slice(1).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      path += `[${key}]`;
      node = node[Number(key)];
      continue;
    }
    if (/^[A-Za-z_$][\w$]*$/.test(key)) path += path === '' ? key : `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
    node = isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  }
  return path;
}

function childPointer(pointer: string, key: string): string {
  return `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function typesOf(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.map(String) : [];
}

function typeFits(branch: unknown, data: unknown): boolean {
  if (!isPlainObject(branch)) return true;
  const types = typesOf(branch.type);
  if (types.length === 0) return true;
  return types.some((type) => {
    switch (type) {
      case 'number':
      case 'integer':
        return typeof data === 'number';
      case 'string':
      case 'boolean':
        return typeof data === type;
      case 'array':
        return Array.isArray(data);
      case 'object':
        return isPlainObject(data);
      case 'null':
        return data === null;
      default:
        return false;
    }
  });
}

function typeNoun(type: string): string {
  switch (type) {
    case 'integer':
    case 'array':
    case 'object':
      return `an ${type}`;
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    default:
      return `a ${type}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Pass 3: semantic checks, on a value that matches the schema

/** The walkable space as the loader sees it: walkable polygons and exits, minus obstacles. */
interface WalkableSpace {
  walkable: PolygonM[];
  exits: PolygonM[];
  obstacles: PolygonM[];
}

function semanticProblems(scenario: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const report: Report = (path, message) => {
    problems.push({ path, message });
  };
  const { geometry } = scenario;
  const exits = geometry.exits;
  const obstacles = geometry.obstacles ?? [];
  const groups = scenario.pedestrians ?? [];
  const sources = scenario.sources ?? [];
  const lines = scenario.measurementLines ?? [];
  const areas = scenario.measurementAreas ?? [];

  // Ids: each kind is its own namespace.
  checkUniqueIds(exits, 'geometry.exits', 'exit', report);
  checkUniqueIds(groups, 'pedestrians', 'group', report);
  checkUniqueIds(sources, 'sources', 'source', report);
  checkUniqueIds(lines, 'measurementLines', 'line', report);
  checkUniqueIds(areas, 'measurementAreas', 'area', report);

  // Geometry.
  geometry.walkable.forEach((polygon, i) => checkPolygonShape(polygon, `geometry.walkable[${i}]`, report));
  obstacles.forEach((polygon, i) => checkPolygonShape(polygon, `geometry.obstacles[${i}]`, report));
  exits.forEach((exit, i) => checkPolygonShape(exit.polygon, `geometry.exits[${i}].polygon`, report));
  const periodic = geometry.periodicX;
  if (periodic !== undefined && periodic.minXM >= periodic.maxXM) {
    report('geometry.periodicX', `minXM (${periodic.minXM}) must be less than maxXM (${periodic.maxXM})`);
  }

  const space: WalkableSpace = { walkable: geometry.walkable, exits: exits.map((exit) => exit.polygon), obstacles };
  const exitIds = exits.map((exit) => exit.id);

  groups.forEach((group, i) => checkGroup(group, `pedestrians[${i}]`, space, exitIds, report));
  sources.forEach((source, i) => {
    const at = `sources[${i}]`;
    checkPolygonShape(source.polygon, `${at}.polygon`, report);
    checkPolygonWalkable(source.polygon, `${at}.polygon`, 'source polygon', space, report);
    if (source.fromS > source.toS) report(`${at}.toS`, `toS (${source.toS}) is before fromS (${source.fromS})`);
    checkGoal(source.goal, `${at}.goal`, exitIds, report);
    checkSpeed(source.desiredSpeedMps, `${at}.desiredSpeedMps`, report);
  });

  // Measurements.
  lines.forEach((line, i) => {
    if (line.from[0] === line.to[0] && line.from[1] === line.to[1]) {
      report(`measurementLines[${i}]`, `zero length: from and to are the same point ${formatPoint(line.from)}`);
    }
  });
  areas.forEach((area, i) => {
    const at = `measurementAreas[${i}]`;
    checkPolygonShape(area.polygon, `${at}.polygon`, report);
    if (area.fromS !== undefined && area.toS !== undefined && area.fromS > area.toS) {
      report(`${at}.toS`, `toS (${area.toS}) is before fromS (${area.fromS})`);
    }
  });
  return problems;
}

function checkGroup(group: PedestrianGroupSpec, at: string, space: WalkableSpace, exitIds: string[], report: Report): void {
  const spawn = group.spawn;
  if ('polygon' in spawn) {
    checkPolygonShape(spawn.polygon, `${at}.spawn.polygon`, report);
    checkPolygonWalkable(spawn.polygon, `${at}.spawn.polygon`, 'spawn polygon', space, report);
  } else {
    checkPointsWalkable(spawn.points, `${at}.spawn.points`, space, report);
    if (group.count > spawn.points.length) {
      report(`${at}.count`, `count (${group.count}) is more than the ${spawn.points.length} spawn points (one person per point)`);
    }
  }
  checkGoal(group.goal, `${at}.goal`, exitIds, report);
  checkSpeed(group.desiredSpeedMps, `${at}.desiredSpeedMps`, report);
  const preMovement = group.preMovementS;
  if (preMovement !== undefined && typeof preMovement !== 'number') {
    const path = `${at}.preMovementS`;
    checkMinMax(preMovement.min, preMovement.max, path, report);
    if (preMovement.distribution === 'uniform') requireFields(preMovement, ['min', 'max'], path, 'uniform', report);
    else requireFields(preMovement, ['mean'], path, preMovement.distribution, report);
  }
}

function checkUniqueIds(items: { id: string }[], listPath: string, noun: string, report: Report): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const first = firstIndex.get(item.id);
    if (first === undefined) firstIndex.set(item.id, i);
    else report(`${listPath}[${i}].id`, `duplicate ${noun} id ${quote(item.id)} (already used by ${listPath}[${first}])`);
  });
}

function checkGoal(goal: GoalSpec, path: string, exitIds: string[], report: Report): void {
  const known = new Set(exitIds);
  const knownList = known.size === 0 ? 'none' : abbreviateList([...known], 20);
  const check = (id: string, at: string): void => {
    if (!known.has(id)) report(at, `unknown exit ${quote(id)} (known: ${knownList})`);
  };
  if (typeof goal === 'string') check(goal, path);
  else goal.forEach((id, i) => check(id, `${path}[${i}]`));
}

function checkSpeed(speed: SpeedSpec, path: string, report: Report): void {
  if (typeof speed === 'number') return;
  checkMinMax(speed.min, speed.max, path, report);
  switch (speed.distribution) {
    case 'normal':
      requireFields(speed, ['mean'], path, 'normal', report);
      break;
    case 'uniform':
      requireFields(speed, ['min', 'max'], path, 'uniform', report);
      break;
    case 'weidmannAge': {
      for (const field of ['minAgeYears', 'maxAgeYears'] as const) {
        const ageYears = speed[field];
        if (ageYears !== undefined && (ageYears < WEIDMANN_MIN_AGE_YEARS || ageYears > WEIDMANN_MAX_AGE_YEARS)) {
          report(
            `${path}.${field}`,
            `expected an age within ${WEIDMANN_MIN_AGE_YEARS}..${WEIDMANN_MAX_AGE_YEARS} years (the range of Weidmann's speed-by-age curve), got ${ageYears}`,
          );
        }
      }
      const { minAgeYears, maxAgeYears } = speed;
      if (minAgeYears !== undefined && maxAgeYears !== undefined && minAgeYears > maxAgeYears) {
        report(path, `minAgeYears (${minAgeYears}) is greater than maxAgeYears (${maxAgeYears})`);
      }
      break;
    }
  }
}

function checkMinMax(min: number | undefined, max: number | undefined, path: string, report: Report): void {
  if (min !== undefined && max !== undefined && min > max) report(path, `min (${min}) is greater than max (${max})`);
}

function requireFields(spec: object, fields: string[], path: string, distribution: string, report: Report): void {
  for (const field of fields) {
    if (!Object.hasOwn(spec, field)) report(`${path}.${field}`, `required by the ${distribution} distribution`);
  }
}

/** A polygon must enclose an area and must not cross itself. */
function checkPolygonShape(polygon: PolygonM, path: string, report: Report): void {
  if (!Number.isFinite(areaM2(polygon))) {
    report(path, 'coordinates too large: the area cannot be computed');
  } else if (allOnOneLine(polygon)) {
    report(path, `zero area: all ${polygon.length} points lie on one line`);
  } else {
    const crossing = findSelfIntersection(polygon);
    if (crossing !== null) report(path, describeSelfIntersection(polygon, crossing[0], crossing[1]));
  }
}

function allOnOneLine(polygon: PolygonM): boolean {
  const [x0, y0] = polygon[0];
  // The direction from the first point to the farthest one; every point must lie near that line.
  let farthestSq = 0;
  let dxM = 0;
  let dyM = 0;
  for (const [x, y] of polygon) {
    const distanceSq = (x - x0) ** 2 + (y - y0) ** 2;
    if (distanceSq > farthestSq) {
      farthestSq = distanceSq;
      dxM = x - x0;
      dyM = y - y0;
    }
  }
  if (farthestSq === 0) return true;
  const lengthM = Math.sqrt(farthestSq);
  return polygon.every(([x, y]) => Math.abs(dxM * (y - y0) - dyM * (x - x0)) / lengthM <= COLLINEAR_TOLERANCE_M);
}

function describeSelfIntersection(polygon: PolygonM, edgeA: number, edgeB: number): string {
  const n = polygon.length;
  const a = polygon[edgeA];
  const b = polygon[edgeB];
  if (edgeB === (edgeA + 1) % n && a[0] === b[0] && a[1] === b[1]) {
    return `points ${edgeA} and ${edgeB} are the same point ${formatPoint(a)}`;
  }
  const edge = (i: number): string => `edge ${i} from ${formatPoint(polygon[i])} to ${formatPoint(polygon[(i + 1) % n])}`;
  return `self-intersecting: ${edge(edgeA)} crosses or touches ${edge(edgeB)}`;
}

/**
 * Why a point is not walkable, or null when it is. Walkable: inside (or on the edge of) some
 * walkable polygon or exit, and not strictly inside an obstacle.
 */
function whyNotWalkable(space: WalkableSpace, xM: number, yM: number): string | null {
  const obstacleIndex = space.obstacles.findIndex(
    (obstacle) => pointInPolygon(xM, yM, obstacle) && distanceToPolygonBoundaryM(xM, yM, obstacle) > EDGE_TOLERANCE_M,
  );
  if (obstacleIndex >= 0) return `inside obstacle geometry.obstacles[${obstacleIndex}]`;
  const onOrIn = (polygon: PolygonM): boolean =>
    pointInPolygon(xM, yM, polygon) || distanceToPolygonBoundaryM(xM, yM, polygon) <= EDGE_TOLERANCE_M;
  if (space.walkable.some(onOrIn) || space.exits.some(onOrIn)) return null;
  return 'outside every walkable polygon and exit';
}

/** Every vertex of an area where people appear, and its centroid, must be walkable. */
function checkPolygonWalkable(polygon: PolygonM, path: string, noun: string, space: WalkableSpace, report: Report): void {
  const faults: string[] = [];
  polygon.forEach(([x, y], i) => {
    const why = whyNotWalkable(space, x, y);
    if (why !== null) faults.push(`point ${i} ${formatPoint([x, y])} is ${why}`);
  });
  // NOTE: the centroid of a concave polygon (an L-shaped room) may lie outside it; nobody
  // appears there, so it is checked only when it lies inside the polygon.
  const centroid = polygonCentroid(polygon);
  if (pointInPolygon(centroid[0], centroid[1], polygon)) {
    const why = whyNotWalkable(space, centroid[0], centroid[1]);
    if (why !== null) faults.push(`its centroid ${formatPoint(centroid)} is ${why}`);
  }
  if (faults.length > 0) report(path, `${noun} is not inside walkable space: ${abbreviateList(faults, 5, '; ')}`);
}

function checkPointsWalkable(points: PointM[], path: string, space: WalkableSpace, report: Report): void {
  let notReported = 0;
  let reported = 0;
  points.forEach((point, i) => {
    const why = whyNotWalkable(space, point[0], point[1]);
    if (why === null) return;
    if (reported < MAX_POINT_PROBLEMS) {
      report(`${path}[${i}]`, `spawn point ${formatPoint(point)} is ${why}`);
      reported++;
    } else {
      notReported++;
    }
  });
  if (notReported > 0) report(path, `${notReported} more spawn ${plural(notReported, 'point')} outside walkable space`);
}

// ---------------------------------------------------------------------------------------------
// Wording helpers

function capProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const kept = problems.slice(0, MAX_PROBLEMS - 1);
  kept.push({ path: ROOT, message: `${problems.length - kept.length} more problems not listed` });
  return kept;
}

/** A value as quoted in messages: numbers and literals as written, strings quoted and shortened. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `an array of ${value.length} ${plural(value.length, 'item')}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function formatPoint(point: PointM): string {
  return `(${point[0]}, ${point[1]})`;
}

function abbreviateList(items: string[], max: number, separator = ', '): string {
  const shown = items.slice(0, max).join(separator);
  return items.length > max ? `${shown}${separator}and ${items.length - max} more` : shown;
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}
