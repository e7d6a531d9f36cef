/**
 * Pass 2 of rules loading: the JSON Schema `scenarios/rules.schema.json` (ajv, all errors),
 * rewritten into plain messages located by JavaScript-style paths (`rules[2].windowS`), in the
 * wording of the scenario loader's `schemaProblems.ts`. The schema holds no `oneOf`: a rule's
 * kind-specific fields are checked by the semantic pass, which can say which kind wants what.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../scenarios/rules.schema.json';
import type { RulesProblem } from './RulesError.ts';
import { describeValue, isPlainObject, unknownNameMessage } from './rulesText.ts';
import { formatPath } from '../scenario/scenarioText.ts';

let compiledValidator: ValidateFunction | undefined;

/** The schema validator, compiled on first use. */
function rulesValidator(): ValidateFunction {
  compiledValidator ??= new Ajv({ allErrors: true, verbose: true, strict: true }).compile(schema);
  return compiledValidator;
}

/** Every way `value` fails the rules schema, one message per place, no duplicates; empty when it matches. */
export function ruleSchemaProblems(value: unknown): RulesProblem[] {
  const validate = rulesValidator();
  if (validate(value)) return [];
  const seen = new Set<string>();
  const problems: RulesProblem[] = [];
  for (const error of validate.errors ?? []) {
    const { pointer, message } = describeSchemaError(error);
    const problem = { path: formatPath(value, pointer), message };
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/**
 * One ajv error, said plainly; `required` and `additionalProperties` point at the field itself.
 * Shared with the responses loader (engine/responses/loadResponses.ts).
 */
export function describeSchemaError(error: ErrorObject): { pointer: string; message: string } {
  const at = error.instancePath;
  const data: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  const parent: Record<string, unknown> = isPlainObject(error.parentSchema) ? error.parentSchema : {};
  switch (error.keyword) {
    case 'type': {
      if (typeof data === 'number' && !Number.isFinite(data)) return { pointer: at, message: `expected a finite number, got ${describeValue(data)}` };
      const type = String(params.type);
      const noun = type === 'integer' || type === 'array' || type === 'object' ? `an ${type}` : type === 'boolean' ? 'true or false' : `a ${type}`;
      return { pointer: at, message: `expected ${noun}, got ${describeValue(data)}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum': {
      const operator = error.keyword === 'minimum' ? '>=' : error.keyword === 'maximum' ? '<=' : '>';
      return { pointer: at, message: `expected a number ${operator} ${String(params.limit)}, got ${describeValue(data)}` };
    }
    case 'minItems':
    case 'maxItems': {
      const count = Array.isArray(data) ? data.length : 0;
      const bound = parent.minItems === parent.maxItems ? 'exactly' : error.keyword === 'minItems' ? 'at least' : 'at most';
      const limit = Number(params.limit);
      return { pointer: at, message: `expected ${bound} ${limit} ${limit === 1 ? 'item' : 'items'}, got ${count}` };
    }
    case 'minLength':
      return { pointer: at, message: 'expected a non-empty string' };
    case 'pattern':
      return { pointer: at, message: `expected only letters, digits, "_", ".", ":" and "-", got ${describeValue(data)}` };
    case 'required':
      return { pointer: `${at}/${String(params.missingProperty)}`, message: 'required field is missing' };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = isPlainObject(parent.properties) ? Object.keys(parent.properties) : [];
      return { pointer: `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: unknownNameMessage('field', key, allowed) };
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return { pointer: at, message: `expected one of ${allowed.map(describeValue).join(', ')}, got ${describeValue(data)}` };
    }
    default:
      return { pointer: at, message: `${error.message ?? 'invalid'} (got ${describeValue(data)})` };
  }
}

export { formatPath };
