/**
 * Pass 3 of rules loading: what the schema cannot say. Unique ids, simple zone polygons, zones
 * and rules that exist, fields that belong to the rule's kind, windows that are positive, data
 * fields that the selected event types carry (eventCatalog.ts), conditions whose value fits their
 * operator, and sequences that do not refer back to themselves. Runs only on a value that matches
 * the schema, so it trusts its shape.
 */
import { areaM2, findSelfIntersection } from '../geometry/polygon.ts';
import type { EventSelector, FieldCondition, RuleKind, RuleSetSpec, RuleSpec } from './RuleSet.ts';
import type { RulesProblem } from './RulesError.ts';
import { knownFieldsOf } from './eventCatalog.ts';
import { ALERT_DATA_FIELDS } from './alertEvent.ts';
import { abbreviateList, closestName, describeValue, quote, unknownNameMessage } from './rulesText.ts';

type Report = (path: string, message: string) => void;

/** Options of the checks: the zones the rules may name besides their own (the scenario's). */
export interface RuleCheckOptions {
  zoneIds?: readonly string[];
}

const COMMON_FIELDS = ['id', 'description', 'enabled', 'kind', 'severity', 'alertCategory', 'alertSubCategory', 'suppressS', 'confidence', 'minConfidence', 'per'];
/** The fields each kind takes besides the common ones; the first list is required. */
const KIND_FIELDS: Record<RuleKind, { required: string[]; optional: string[] }> = {
  event: { required: ['match'], optional: ['zones', 'condition'] },
  count: { required: ['match', 'windowS'], optional: ['zones', 'condition', 'minCount', 'minRatePerS'] },
  persistence: { required: ['match', 'forS'], optional: ['zones', 'condition', 'maxGapS'] },
  change: { required: ['match', 'field', 'overS', 'by'], optional: ['zones', 'condition', 'relative', 'minBase'] },
  sequence: { required: ['steps', 'withinS'], optional: [] },
};
const NUMERIC_OPS = new Set(['gt', 'gte', 'lt', 'lte']);

/** Every semantic problem of a rules file that matches the schema, in document order. */
export function ruleSemanticProblems(spec: RuleSetSpec, options: RuleCheckOptions = {}): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const report: Report = (path, message) => problems.push({ path, message });

  const fileZones = spec.zones ?? [];
  checkUnique(fileZones.map((zone) => zone.id), 'zones', 'zone', report);
  fileZones.forEach((zone, i) => {
    const at = `zones[${i}].polygon`;
    if (zone.polygon.some((point) => !point.every(Number.isFinite))) return;
    const crossing = findSelfIntersection(zone.polygon);
    if (crossing !== null) report(at, `the polygon crosses itself (edges ${crossing[0]} and ${crossing[1]})`);
    else if (areaM2(zone.polygon) <= 1e-9) report(at, 'the polygon encloses no area');
  });
  const zoneIds = [...new Set([...fileZones.map((zone) => zone.id), ...(options.zoneIds ?? [])])];

  const rules = spec.rules;
  checkUnique(rules.map((rule) => rule.id), 'rules', 'rule', report);
  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));
  rules.forEach((rule, i) => checkRule(rule, `rules[${i}]`, zoneIds, ruleById, report));
  checkCycles(rules, report);
  return problems;
}

function checkUnique(ids: string[], path: string, noun: string, report: Report): void {
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i);
    else report(`${path}[${i}].id`, `duplicate ${noun} id ${quote(id)} (also ${path}[${earlier}])`);
  });
}

function checkRule(rule: RuleSpec, at: string, zoneIds: string[], ruleById: Map<string, RuleSpec>, report: Report): void {
  const { required, optional } = KIND_FIELDS[rule.kind];
  const allowed = new Set([...COMMON_FIELDS, ...required, ...optional]);
  for (const key of Object.keys(rule)) {
    if (!allowed.has(key)) report(`${at}.${key}`, `${quote(key)} does not apply to a ${rule.kind} rule (it takes ${[...required, ...optional].join(', ')})`);
  }
  for (const key of required) if ((rule as unknown as Record<string, unknown>)[key] === undefined) report(`${at}.${key}`, `a ${rule.kind} rule needs ${quote(key)}`);

  const positive = (key: 'windowS' | 'overS' | 'withinS' | 'maxGapS' | 'minRatePerS') => {
    const value = rule[key];
    if (value !== undefined && !(value > 0)) report(`${at}.${key}`, `expected a duration or rate > 0, got ${value}`);
  };
  const nonNegative = (key: 'forS' | 'suppressS' | 'minBase') => {
    const value = rule[key];
    if (value !== undefined && value < 0) report(`${at}.${key}`, `expected a number >= 0, got ${value}`);
  };
  positive('windowS');
  positive('overS');
  positive('withinS');
  positive('maxGapS');
  positive('minRatePerS');
  nonNegative('forS');
  nonNegative('suppressS');
  nonNegative('minBase');
  if (rule.minCount !== undefined && rule.minCount < 1) report(`${at}.minCount`, `expected an integer >= 1, got ${rule.minCount}`);
  if (rule.kind === 'count' && (rule.minCount === undefined) === (rule.minRatePerS === undefined)) {
    report(at, 'a count rule needs exactly one of "minCount" and "minRatePerS"');
  }
  if (rule.by === 0) report(`${at}.by`, 'expected a rise (> 0) or a fall (< 0), got 0');
  if (rule.minBase !== undefined && rule.relative !== true) report(`${at}.minBase`, '"minBase" applies only with "relative": true');
  checkDuplicates(rule.per ?? [], `${at}.per`, report);

  const types = rule.match?.types;
  const fields = knownFieldsOf(types);
  if (rule.match !== undefined) checkSelector(rule.match, `${at}.match`, report);
  checkZones(rule.zones, `${at}.zones`, zoneIds, report);
  checkConditions(rule.condition, `${at}.condition`, fields, types, report);
  if (rule.field !== undefined) checkField(rule.field, `${at}.field`, fields, types, report);
  if (rule.per?.includes('object') && fields !== null && !fields.includes('objectId')) {
    report(`${at}.per`, `"object" needs events with data.objectId, which ${types?.join(', ')} do not carry`);
  }

  (rule.steps ?? []).forEach((step, j) => {
    const stepAt = `${at}.steps[${j}]`;
    if ((step.rule === undefined) === (step.match === undefined)) {
      report(stepAt, 'a step needs exactly one of "rule" (another rule\'s alerts) and "match" (events)');
      return;
    }
    checkZones(step.zones, `${stepAt}.zones`, zoneIds, report);
    if (step.match !== undefined) {
      checkSelector(step.match, `${stepAt}.match`, report);
      checkConditions(step.condition, `${stepAt}.condition`, knownFieldsOf(step.match.types), step.match.types, report);
      return;
    }
    const target = ruleById.get(step.rule ?? '');
    if (target === undefined) report(`${stepAt}.rule`, unknownNameMessage('rule', step.rule ?? '', [...ruleById.keys()]));
    else if (target.enabled === false && rule.enabled !== false) report(`${stepAt}.rule`, `rule ${quote(target.id)} is disabled, so this step could never happen`);
    checkConditions(step.condition, `${stepAt}.condition`, [...ALERT_DATA_FIELDS], ['Alert'], report);
  });
}

function checkSelector(selector: EventSelector, at: string, report: Report): void {
  checkDuplicates(selector.types ?? [], `${at}.types`, report);
  checkDuplicates(selector.sources ?? [], `${at}.sources`, report);
  checkConditions(selector.where, `${at}.where`, knownFieldsOf(selector.types), selector.types, report);
}

function checkDuplicates(items: string[], at: string, report: Report): void {
  items.forEach((item, i) => {
    if (items.indexOf(item) !== i) report(`${at}[${i}]`, `${quote(item)} is listed twice`);
  });
}

function checkZones(zones: string[] | undefined, at: string, zoneIds: string[], report: Report): void {
  (zones ?? []).forEach((zone, i) => {
    if (!zoneIds.includes(zone)) {
      report(`${at}[${i}]`, zoneIds.length === 0 ? `unknown zone ${quote(zone)} (the rules file and the scenario define no zones)` : unknownNameMessage('zone', zone, zoneIds));
    }
  });
}

function checkField(field: string, at: string, fields: string[] | null, types: readonly string[] | undefined, report: Report): void {
  if (fields === null || fields.includes(field)) return;
  const suggestion = closestName(field, fields);
  const hint = suggestion !== undefined ? `did you mean ${quote(suggestion)}?` : `known: ${abbreviateList(fields)}`;
  report(at, `unknown field ${quote(field)}: events of type ${abbreviateList([...(types ?? [])], 4)} carry no such data field (${hint})`);
}

function checkConditions(conditions: FieldCondition[] | undefined, at: string, fields: string[] | null, types: readonly string[] | undefined, report: Report): void {
  (conditions ?? []).forEach((condition, i) => {
    const here = `${at}[${i}]`;
    checkField(condition.field, `${here}.field`, fields, types, report);
    if (condition.divideBy !== undefined) {
      checkField(condition.divideBy, `${here}.divideBy`, fields, types, report);
      if (!NUMERIC_OPS.has(condition.op)) report(`${here}.divideBy`, `"divideBy" needs a numeric operator (gt, gte, lt, lte), not ${quote(condition.op)}`);
    }
    const value = condition.value;
    if (condition.op === 'exists') {
      if (value !== undefined) report(`${here}.value`, '"exists" takes no value');
    } else if (NUMERIC_OPS.has(condition.op)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) report(`${here}.value`, `${quote(condition.op)} needs a number, got ${describeValue(value)}`);
    } else if (condition.op === 'in' || condition.op === 'notIn') {
      if (!Array.isArray(value) || value.length === 0 || value.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
        report(`${here}.value`, `${quote(condition.op)} needs a non-empty list of strings or numbers, got ${describeValue(value)}`);
      }
    } else if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      report(`${here}.value`, `${quote(condition.op)} needs a number, a string or true/false, got ${describeValue(value)}`);
    }
  });
}

/** Sequences referring to themselves through other rules: one problem per cycle, at its first step. */
function checkCycles(rules: RuleSpec[], report: Report): void {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      const key = [...cycle.slice(0, -1)].sort().join('\u0000');
      if (reported.has(key)) return;
      reported.add(key);
      const from = cycle[0];
      const i = index.get(from) ?? 0;
      const j = (rules[i].steps ?? []).findIndex((step) => step.rule === cycle[1]);
      report(`rules[${i}].steps[${Math.max(j, 0)}].rule`, `cyclic sequence: ${cycle.map(quote).join(' -> ')} (a sequence may not wait for its own alerts)`);
      return;
    }
    state.set(id, 'visiting');
    const rule = rules[index.get(id) ?? -1];
    for (const step of rule?.steps ?? []) if (step.rule !== undefined && index.has(step.rule)) visit(step.rule, [...path, id]);
    state.set(id, 'done');
  };
  for (const rule of rules) visit(rule.id, []);
}
