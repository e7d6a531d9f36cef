/**
 * The live control loop of a world: the detection-rule engine fed with the world's event log as
 * it grows (phase evaluateRules), and the responses that its alerts start (phase respond). This
 * file holds the loop's state and the scheduling of a response on an alert; acting on the world
 * is the step's job (engine/step/phases/respond.ts), since only the step sees the whole world.
 * Owned by the world (`world.control`), created by the adapter with `createControlLoop`. Not a
 * hot path: everything here happens per event (allocation is fine), never per agent.
 */
import type { VigieEvent } from '../events/VigieEvent.ts';
import { pointInPolygon } from '../geometry/polygon.ts';
import { forkStream, type Rng } from '../random/Rng.ts';
import { createRuleEngine, type RuleEngine } from '../rules/RuleEngine.ts';
import type { RulePointM, RuleSetSpec } from '../rules/RuleSet.ts';
import { SEVERITY_RANK, type ResponseActionSpec, type ResponseSpec } from './ResponseSet.ts';

/** One response activation's fate per action, as the run summary lists it. */
export interface ResponseRecord {
  response: string;
  rule: string;
  /** The alert's id and time, s. */
  alert: string;
  alertS: number;
  /** The action name (`closure.set`...), and its target (`closure bollards`, `exit E2`...). */
  action: string;
  target: string;
  /** The command's id and time (null when none was sent: refused by the operator, over a limit). */
  command: string | null;
  commandS: number | null;
  /** Command time minus alert time, s. */
  delayS: number | null;
  /** The operator's decision (null without an operator). */
  confirmed: boolean | null;
  /** Whether the actuator carried the command out, and what it said (or why nothing was done). */
  ok: boolean;
  result: string;
  /** dispatch: the trip's id, its arrival time and the response time (arrival minus alert), s; null while on its way. */
  trip?: string;
  arriveS?: number | null;
  responseTimeS?: number | null;
}

/** A response with its trigger's zone polygon resolved. */
export interface CompiledResponse {
  spec: ResponseSpec;
  /** The rules file's polygon of `on.zone`, when it names a drawn zone. */
  zonePolygon: RulePointM[] | null;
  minSeverityRank: number;
  /** Times of its activations in the current limit window, s (oldest first). */
  activationsS: number[];
}

/** One alert that started a response, on its way to the commands. */
export interface Activation {
  response: CompiledResponse;
  alert: VigieEvent;
  /** The operator's decision, drawn when the alert arrives and revealed at `decideTick`. */
  confirmed: boolean | null;
  /** The request to the operator (a command event), when there is an operator. */
  requestId: string | null;
}

/** Something due at the end of a step: the operator's decision, or the commands. */
export interface PendingStep {
  /** Runs at the end of the step whose end tick (tick + 1) reaches this. */
  dueEndTick: number;
  /** Order among steps due at the same tick (creation order). */
  seq: number;
  kind: 'decide' | 'act';
  activation: Activation;
}

/** A dispatched team on its way, watched until it arrives. */
export interface TeamOnTheWay {
  record: ResponseRecord;
  /** Index of its one-vehicle demand entry in traffic.demand. */
  demand: number;
  command: string;
}

export interface ControlLoop {
  ruleEngine: RuleEngine;
  /** The rules file's zones by id. */
  zones: Map<string, RulePointM[]>;
  /** Index in world.eventLog of the next event to hand to the rules. */
  nextEvent: number;
  responses: CompiledResponse[];
  /** Responses by the rule id that starts them. */
  byRule: Map<string, CompiledResponse[]>;
  /** Due steps, sorted by (dueEndTick, seq). */
  pending: PendingStep[];
  nextSeq: number;
  /** The simulated operators' decisions: forkStream(seed, 'operator'). */
  operator: Rng;
  records: ResponseRecord[];
  teams: TeamOnTheWay[];
  /** Event sequence numbers per source (`response:ID`, `exit:E1`...), for deterministic ids. */
  eventSeq: Map<string, number>;
  /** Trips per team, for their ids (TEAM#n). */
  teamTrips: Map<string, number>;
  /** Goal sets redirected to by public address: field index by sorted exit ids. */
  addressFields: Map<string, number>;
}

/** Builds the loop for checked rules and responses (see loadRules, loadResponses); `seed` the world's. */
export function createControlLoop(ruleSet: RuleSetSpec, responses: ResponseSpec[], seed: number): ControlLoop {
  const zones = new Map<string, RulePointM[]>((ruleSet.zones ?? []).map((zone) => [zone.id, zone.polygon]));
  const compiled = responses.filter((spec) => spec.enabled !== false).map((spec): CompiledResponse => ({
    spec,
    zonePolygon: spec.on.zone === undefined ? null : zones.get(spec.on.zone) ?? null,
    minSeverityRank: spec.on.minSeverity === undefined ? 0 : SEVERITY_RANK[spec.on.minSeverity],
    activationsS: [],
  }));
  const byRule = new Map<string, CompiledResponse[]>();
  for (const response of compiled) byRule.set(response.spec.on.rule, [...(byRule.get(response.spec.on.rule) ?? []), response]);
  return {
    ruleEngine: createRuleEngine(ruleSet), zones, nextEvent: 0, responses: compiled, byRule, pending: [], nextSeq: 0,
    operator: forkStream(seed, 'operator'), records: [], teams: [], eventSeq: new Map(), teamTrips: new Map(), addressFields: new Map(),
  };
}

/** The next event id of `source`: `${source}#${n}`, n from 1. */
export function nextEventId(loop: ControlLoop, source: string): string {
  const n = (loop.eventSeq.get(source) ?? 0) + 1;
  loop.eventSeq.set(source, n);
  return `${source}#${n}`;
}

/** True when a response's trigger takes this alert (rule, zone, severity). */
function triggers(response: CompiledResponse, alert: VigieEvent): boolean {
  if (SEVERITY_RANK[alert.severity ?? 'informational'] < response.minSeverityRank) return false;
  const zone = response.spec.on.zone;
  if (zone === undefined || alert.zone === zone) return true;
  return response.zonePolygon !== null && alert.x !== undefined && alert.y !== undefined && pointInPolygon(alert.x, alert.y, response.zonePolygon);
}

/**
 * Starts the responses an alert triggers (in file order): each one within its activation limit
 * is scheduled (the operator's decision, drawn now, at alert + takesS; the commands at the
 * decision + delayS); one over its limit is recorded as skipped. `stepS` the world's step.
 * Returns the operator requests to log (command events), in order.
 */
export function scheduleResponses(loop: ControlLoop, alert: VigieEvent, stepS: number): VigieEvent[] {
  const requests: VigieEvent[] = [];
  for (const response of loop.byRule.get(alert.source) ?? []) {
    if (!triggers(response, alert)) continue;
    const { spec } = response;
    const limits = spec.limits ?? {};
    if (limits.maxActivations !== undefined && limits.perS !== undefined) {
      const window = response.activationsS;
      while (window.length > 0 && window[0] <= alert.timeS - limits.perS) window.shift();
      if (window.length >= limits.maxActivations) {
        for (const action of spec.actions) loop.records.push(skippedRecord(spec, alert, action, null, `skipped: limit of ${limits.maxActivations} activations per ${limits.perS} s reached`));
        continue;
      }
      window.push(alert.timeS);
    }
    const activation: Activation = { response, alert, confirmed: null, requestId: null };
    if (spec.operator !== undefined) {
      // NOTE: drawn when the alert arrives, in alert order, so the decisions do not depend on
      // how the reviews interleave; revealed only after takesS.
      activation.confirmed = loop.operator.next() < spec.operator.confirmProbability;
      const source = `response:${spec.id}`;
      activation.requestId = nextEventId(loop, source);
      requests.push({
        id: activation.requestId, category: 'command', type: 'operator.confirm', source, timeS: alert.timeS,
        ...(alert.x !== undefined && alert.y !== undefined ? { x: alert.x, y: alert.y } : {}), ...(alert.zone !== undefined ? { zone: alert.zone } : {}),
        data: { response: spec.id, alert: alert.id, takesS: spec.operator.takesS }, causes: [alert.id],
      });
      schedule(loop, endTickAtOrAfter(alert.timeS + spec.operator.takesS, stepS), 'decide', activation);
    } else {
      schedule(loop, endTickAtOrAfter(alert.timeS + (spec.delayS ?? 0), stepS), 'act', activation);
    }
  }
  return requests;
}

/** Schedules a step of an activation (kept sorted by due tick, then creation order). */
export function schedule(loop: ControlLoop, dueEndTick: number, kind: PendingStep['kind'], activation: Activation): void {
  const step: PendingStep = { dueEndTick, seq: loop.nextSeq++, kind, activation };
  let k = loop.pending.length;
  while (k > 0 && loop.pending[k - 1].dueEndTick > dueEndTick) k--;
  loop.pending.splice(k, 0, step);
}

/** The first step end (tick count) at or after `timeS` (a hair of tolerance for float sums). */
export function endTickAtOrAfter(timeS: number, stepS: number): number {
  return Math.max(0, Math.ceil(timeS / stepS - 1e-6));
}

/** A record for an action that was not commanded (operator refused, limit reached). */
export function skippedRecord(spec: ResponseSpec, alert: VigieEvent, action: ResponseActionSpec, confirmed: boolean | null, result: string): ResponseRecord {
  return {
    response: spec.id, rule: alert.source, alert: alert.id, alertS: alert.timeS, action: action.action, target: actionTarget(action),
    command: null, commandS: null, delayS: null, confirmed, ok: false, result,
  };
}

/** What an action acts on, in words (`closure bollards`, `signals 0, 1`, `camera ptz`). */
export function actionTarget(action: ResponseActionSpec): string {
  switch (action.action) {
    case 'closure.set': return `closure ${action.closure}`;
    case 'signal.allRed': case 'signal.forcePhase': case 'signal.resume': return `signal ${action.signal}`;
    case 'signal.greenWave': return `signals ${(action.signals ?? []).join(', ')}`;
    case 'dispatch': return `team ${action.team}`;
    case 'camera.point': return `camera ${action.camera}`;
    case 'lights.set': return `lights ${(action.lights ?? []).join(', ')}`;
    case 'exit.close': case 'exit.open': return `exit ${action.exit}`;
    case 'publicAddress': return `zone ${action.zone}`;
    default: return '';
  }
}
