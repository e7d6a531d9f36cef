/**
 * Pass 2 of scenario loading: the JSON Schema `scenarios/scenario.schema.json`. The ajv validator
 * is compiled once, on first use, and reports all errors; they are rewritten here into plain
 * messages that say what was expected and what was found, each located by a JavaScript-style path
 * (`pedestrians[2].goal`).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../scenarios/scenario.schema.json';
import type { ScenarioProblem } from './ScenarioError.ts';
import { closestName, describeValue, formatPath, isPlainObject, plural, quote, ROOT } from './scenarioText.ts';

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

/**
 * Every way `value` fails the scenario schema, one plain message per place and no duplicates;
 * empty when it matches. The returned array is new and owned by the caller.
 */
export function schemaProblems(value: unknown): ScenarioProblem[] {
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
    const listed = keys.length > 2 ? `${keys.slice(0, -1).map(quote).join(', ')} or ${quote(keys[keys.length - 1])}` : keys.map(quote).join(' or ');
    return `expected exactly one of ${listed}, got ${got}`;
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
