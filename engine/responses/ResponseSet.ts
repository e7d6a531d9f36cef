/**
 * Responses to alerts: types only (the JSON contract of a rules file's `responses` section),
 * mirrored by `scenarios/responses.schema.json`. A response says, as data, what happens when an
 * alert of a rule arrives: `on` the alert (of rule R, optionally in zone Z, at least severity S),
 * after `delayS` and an optional simulated operator who takes `takesS` seconds and confirms with
 * probability `confirmProbability`, the `actions` run, within `limits`. Nothing in it is ever
 * evaluated as code. Times are simulated seconds, places local metres (x east, y north).
 * See docs/decisions/006-events-sensors-rules.md, "Responses and the live loop".
 */
import type { RuleSeverity } from '../rules/RuleSet.ts';
import type { VehicleClass } from '../scenario/Scenario.ts';

/** Which alerts start a response. */
export interface ResponseTriggerSpec {
  /** The id of the rule whose alerts start it. */
  rule: string;
  /**
   * Only alerts in this zone: the alert's `zone` is this id, or its place lies inside the rules
   * file's zone of this id.
   */
  zone?: string;
  /** Only alerts of at least this severity (informational < low < medium < high < critical). */
  minSeverity?: RuleSeverity;
}

/** The simulated operator who must confirm the response before it acts. */
export interface OperatorSpec {
  /** Seconds the operator takes to decide, from the alert. */
  takesS: number;
  /** Probability that the operator confirms (drawn from the seeded stream `operator`), in [0, 1]. */
  confirmProbability: number;
}

/** Limits on a response. */
export interface ResponseLimitsSpec {
  /** At most this many activations (alerts that start the response) per `perS` seconds. */
  maxActivations?: number;
  /** The sliding window of `maxActivations`, s. */
  perS?: number;
  /** Never close the only exit still open of a goal set (default true): the command is refused and logged. */
  keepOneExitOpen?: boolean;
}

/** The action names, in the order messages list them. */
export const RESPONSE_ACTIONS = [
  'closure.set', 'signal.allRed', 'signal.forcePhase', 'signal.resume', 'signal.greenWave',
  'dispatch', 'camera.point', 'lights.set', 'exit.close', 'exit.open', 'publicAddress',
] as const;

/** One action name. */
export type ResponseActionName = (typeof RESPONSE_ACTIONS)[number];

/**
 * One action. Which fields apply depends on `action` (the loader refuses the others):
 *  - `closure.set`: `closure` (a traffic.closures id), `active` (default true: raised);
 *  - `signal.allRed`, `signal.resume`: `signal`; `signal.forcePhase`: `signal`, `phase`;
 *    `signal.greenWave`: `signals` (in driving order), `speedKph` (signals are indices in traffic.signals);
 *  - `dispatch`: `team` (names the trips), `vehicleClass` (default `emergency`), `base`: the road
 *    node it sets off from (an index in traffic.roads.nodes, or a point `[x, y]`: its nearest
 *    node); it drives to the road node nearest to the alert;
 *  - `camera.point`: `camera` (a PTZ camera id): turns toward the alert's place;
 *  - `lights.set`: `lights` (street light ids), `level` (0 off to 1 full);
 *  - `exit.close`, `exit.open`: `exit` (an exit id of geometry.exits);
 *  - `publicAddress`: `zone` (a zone of the rules file), `goal` (exit ids): the people inside the
 *    zone at that time head for those exits.
 */
export interface ResponseActionSpec {
  action: ResponseActionName;
  closure?: string;
  active?: boolean;
  signal?: number;
  phase?: number;
  signals?: number[];
  speedKph?: number;
  team?: string;
  vehicleClass?: VehicleClass;
  base?: number | [number, number];
  camera?: string;
  lights?: string[];
  level?: number;
  exit?: string;
  zone?: string;
  goal?: string | string[];
}

/** One response. */
export interface ResponseSpec {
  id: string;
  description?: string;
  /** A response with `enabled: false` is checked but never runs (default true). */
  enabled?: boolean;
  on: ResponseTriggerSpec;
  /** Seconds from the alert (or the operator's confirmation) to the commands (default 0). */
  delayS?: number;
  operator?: OperatorSpec;
  limits?: ResponseLimitsSpec;
  actions: ResponseActionSpec[];
}

/** Severity order, for `minSeverity`. */
export const SEVERITY_RANK: Record<RuleSeverity, number> = { informational: 0, low: 1, medium: 2, high: 3, critical: 4 };
