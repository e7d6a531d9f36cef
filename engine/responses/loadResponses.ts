/**
 * Responses loading: the `responses` section of a rules file in, checked `ResponseSpec`s out, or
 * a `RulesError` listing every problem as `FILE: PATH: MESSAGE`, the response named in the
 * message (`rules.json: responses[1].actions[0].closure: response "close-square": unknown closure
 * "square" (known: "bollards")`). Two passes, the second only when the first found nothing: the
 * JSON Schema `scenarios/responses.schema.json` (ajv), then what a schema cannot say: unique
 * ids, known rules and zones, which fields each action takes and needs, and, when the scenario is
 * given (a live run), that closures, signals, cameras, lights, exits and road nodes exist.
 * Nothing is evaluated as code. Whatever the input, the only thing thrown is a `RulesError`.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import schema from '../../scenarios/responses.schema.json';
import type { RuleSetSpec } from '../rules/RuleSet.ts';
import { RulesError, type RulesProblem } from '../rules/RulesError.ts';
import { describeSchemaError, formatPath } from '../rules/ruleSchemaProblems.ts';
import { errorText, isPlainObject, quote, ROOT, unknownNameMessage } from '../rules/rulesText.ts';
import type { Scenario } from '../scenario/Scenario.ts';
import { RESPONSE_ACTIONS, type ResponseActionName, type ResponseActionSpec, type ResponseSpec } from './ResponseSet.ts';

let compiledValidator: ValidateFunction | undefined;

/** What each action takes: required fields, then optional ones. */
const ACTION_FIELDS: Record<ResponseActionName, { needs: (keyof ResponseActionSpec)[]; may: (keyof ResponseActionSpec)[] }> = {
  'closure.set': { needs: ['closure'], may: ['active'] },
  'signal.allRed': { needs: ['signal'], may: [] },
  'signal.forcePhase': { needs: ['signal', 'phase'], may: [] },
  'signal.resume': { needs: ['signal'], may: [] },
  'signal.greenWave': { needs: ['signals', 'speedKph'], may: [] },
  dispatch: { needs: ['team', 'base'], may: ['vehicleClass'] },
  'camera.point': { needs: ['camera'], may: [] },
  'lights.set': { needs: ['lights', 'level'], may: [] },
  'exit.close': { needs: ['exit'], may: [] },
  'exit.open': { needs: ['exit'], may: [] },
  publicAddress: { needs: ['zone', 'goal'], may: [] },
};

/**
 * Checks the `responses` of a rules file (`ruleSet`, already checked by `loadRules`; its
 * `responses` property, absent or an array). With `scenario` (a live run) the actions' targets
 * are checked against it too. Returns the responses (empty when there are none), owned by the
 * caller; throws a `RulesError` and nothing else.
 */
export function loadResponses(ruleSet: RuleSetSpec, fileName: string, scenario: Scenario | null = null, options: { zoneIds?: readonly string[] } = {}): ResponseSpec[] {
  const value: unknown = (ruleSet as unknown as Record<string, unknown>).responses;
  if (value === undefined) return [];
  let problems: RulesProblem[];
  try {
    problems = schemaProblems(value);
    if (problems.length === 0) problems = semanticProblems(value as ResponseSpec[], ruleSet, scenario, options.zoneIds ?? []);
  } catch (error) {
    problems = [{ path: ROOT, message: `internal error while checking the responses (please report): ${errorText(error)}` }];
  }
  if (problems.length > 0) throw new RulesError(fileName, problems.map((problem) => namingTheResponse(value, problem)));
  return value as ResponseSpec[];
}

function schemaProblems(value: unknown): RulesProblem[] {
  compiledValidator ??= new Ajv({ allErrors: true, verbose: true, strict: true }).compile(schema);
  if (compiledValidator(value)) return [];
  const seen = new Set<string>();
  const problems: RulesProblem[] = [];
  const root = { responses: value };
  for (const error of compiledValidator.errors ?? []) {
    if (error.keyword === 'anyOf') continue; // its branches' own errors say more
    const { pointer, message } = describeSchemaError(error);
    const problem = { path: formatPath(root, `/responses${pointer}`), message };
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function semanticProblems(responses: ResponseSpec[], ruleSet: RuleSetSpec, scenario: Scenario | null, extraZoneIds: readonly string[]): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  const rules = new Map(ruleSet.rules.map((rule) => [rule.id, rule]));
  const drawnZones = (ruleSet.zones ?? []).map((zone) => zone.id);
  const zoneIds = [...new Set([...drawnZones, ...extraZoneIds])];
  const seen = new Set<string>();
  responses.forEach((response, i) => {
    const at = `responses[${i}]`;
    if (seen.has(response.id)) report(`${at}.id`, `duplicate response id ${quote(response.id)}`);
    seen.add(response.id);
    const rule = rules.get(response.on.rule);
    if (rule === undefined) report(`${at}.on.rule`, unknownNameMessage('rule', response.on.rule, [...rules.keys()]));
    else if (rule.enabled === false && response.enabled !== false) report(`${at}.on.rule`, `rule ${quote(rule.id)} is disabled: its alerts never come (disable the response too)`);
    if (response.on.zone !== undefined && !zoneIds.includes(response.on.zone)) report(`${at}.on.zone`, unknownNameMessage('zone', response.on.zone, zoneIds));
    const limits = response.limits ?? {};
    if ((limits.maxActivations === undefined) !== (limits.perS === undefined)) {
      report(`${at}.limits.${limits.maxActivations === undefined ? 'maxActivations' : 'perS'}`, 'maxActivations and perS go together (at most N activations per T seconds)');
    }
    response.actions.forEach((action, k) => checkAction(action, `${at}.actions[${k}]`, drawnZones, scenario, report));
  });
  return problems;
}

function checkAction(action: ResponseActionSpec, at: string, drawnZones: string[], scenario: Scenario | null, report: (path: string, message: string) => void): void {
  const fields = ACTION_FIELDS[action.action];
  for (const key of Object.keys(action) as (keyof ResponseActionSpec)[]) {
    if (key !== 'action' && !fields.needs.includes(key) && !fields.may.includes(key)) report(`${at}.${key}`, `${quote(key)} does not apply to ${quote(action.action)} (it takes ${[...fields.needs, ...fields.may].join(', ')})`);
  }
  let missing = false;
  for (const key of fields.needs) {
    if (action[key] === undefined) {
      report(`${at}.${key}`, `${quote(action.action)} needs ${quote(key)}`);
      missing = true;
    }
  }
  if (missing) return;
  if (action.action === 'publicAddress' && !drawnZones.includes(action.zone!)) report(`${at}.zone`, `${unknownNameMessage('zone', action.zone!, drawnZones)}: a public address needs a zone drawn in the rules file`);
  if (scenario === null) return;
  const traffic = scenario.traffic;
  const exitIds = scenario.geometry.exits.map((exit) => exit.id);
  const needTraffic = (): boolean => {
    if (traffic === undefined) report(`${at}.action`, `${quote(action.action)} needs road traffic, and the scenario has none`);
    return traffic !== undefined;
  };
  const checkSignal = (signal: number, path: string) => {
    const count = traffic!.signals?.length ?? 0;
    if (signal >= count) report(path, `unknown signal ${signal} (${count === 0 ? 'the scenario has no signals' : `known: the indices of traffic.signals, 0 to ${count - 1}`})`);
  };
  switch (action.action) {
    case 'closure.set': {
      if (!needTraffic()) return;
      const known = (traffic!.closures ?? []).map((closure) => closure.id);
      if (!known.includes(action.closure!)) report(`${at}.closure`, known.length === 0 ? `unknown closure ${quote(action.closure!)} (the scenario has no traffic.closures)` : unknownNameMessage('closure', action.closure!, known));
      return;
    }
    case 'signal.allRed':
    case 'signal.resume':
    case 'signal.forcePhase':
      if (needTraffic()) checkSignal(action.signal!, `${at}.signal`);
      return;
    case 'signal.greenWave':
      if (needTraffic()) action.signals!.forEach((signal, k) => checkSignal(signal, `${at}.signals[${k}]`));
      return;
    case 'dispatch': {
      if (!needTraffic()) return;
      const nodeCount = traffic!.roads.nodes.length;
      if (typeof action.base === 'number' && action.base >= nodeCount) report(`${at}.base`, `unknown road node ${action.base} (known: the indices of traffic.roads.nodes, 0 to ${nodeCount - 1})`);
      return;
    }
    case 'camera.point': {
      const cameras = scenario.sensors?.cameras ?? [];
      const camera = cameras.find((c) => c.id === action.camera);
      if (camera === undefined) report(`${at}.camera`, cameras.length === 0 ? `unknown camera ${quote(action.camera!)} (the scenario has no cameras)` : unknownNameMessage('camera', action.camera!, cameras.map((c) => c.id)));
      else if (camera.kind !== 'ptz') report(`${at}.camera`, `camera ${quote(camera.id)} is fixed: only a PTZ camera turns`);
      return;
    }
    case 'lights.set': {
      const known = (scenario.sensors?.lighting?.streetLights ?? []).map((light) => light.id);
      action.lights!.forEach((light, k) => {
        if (!known.includes(light)) report(`${at}.lights[${k}]`, known.length === 0 ? `unknown street light ${quote(light)} (the scenario has no sensors.lighting.streetLights)` : unknownNameMessage('street light', light, known));
      });
      return;
    }
    case 'exit.close':
    case 'exit.open':
      if (!exitIds.includes(action.exit!)) report(`${at}.exit`, unknownNameMessage('exit', action.exit!, exitIds));
      return;
    case 'publicAddress': {
      const goals = typeof action.goal === 'string' ? [action.goal] : action.goal!;
      goals.forEach((goal, k) => {
        if (!exitIds.includes(goal)) report(typeof action.goal === 'string' ? `${at}.goal` : `${at}.goal[${k}]`, unknownNameMessage('exit', goal, exitIds));
      });
      if (scenario.navigation?.exitChoice === 'congestion') report(`${at}.action`, 'a public address cannot redirect people while navigation.exitChoice is "congestion" (their exit choice would override it)');
      return;
    }
    default:
      report(`${at}.action`, unknownNameMessage('action', String(action.action), [...RESPONSE_ACTIONS]));
  }
}

/** A problem inside `responses[i]` says which response, by id, at the start of its message. */
function namingTheResponse(value: unknown, problem: RulesProblem): RulesProblem {
  const match = /^responses\[(\d+)\]/.exec(problem.path);
  if (match === null || !Array.isArray(value)) return problem;
  const response: unknown = value[Number(match[1])];
  if (!isPlainObject(response) || typeof response.id !== 'string') return problem;
  return { path: problem.path, message: `response ${quote(response.id)}: ${problem.message}` };
}

/**
 * Checks one command an operator gives at run time (the hypervision panel): the same schema and
 * the same checks as a response's action against the running scenario, with paths from `action`
 * (`action.closure: unknown closure "x" (known: ...)`). `zoneIds`: the rules file's zones, for a
 * public address. Returns the problems (none: the command may be carried out). Never throws.
 */
export function commandProblems(action: unknown, scenario: Scenario, zoneIds: readonly string[]): RulesProblem[] {
  const wrapped = [{ id: 'operator', on: { rule: 'operator' }, actions: [action] }];
  const relabel = (problem: RulesProblem): RulesProblem => ({ path: problem.path.replace(/^responses\[0\]\.actions\[0\]/, 'action'), message: problem.message });
  try {
    const problems = schemaProblems(wrapped).map(relabel);
    if (problems.length > 0) return problems;
    const found: RulesProblem[] = [];
    checkAction(action as ResponseActionSpec, 'action', [...zoneIds], scenario, (path, message) => found.push({ path, message }));
    return found;
  } catch (error) {
    return [{ path: 'action', message: `internal error while checking the command (please report): ${errorText(error)}` }];
  }
}
