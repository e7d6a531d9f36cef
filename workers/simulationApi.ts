/**
 * The simulation as a message-friendly API object: load a scenario from JSON text, step it,
 * read a snapshot of positions, get the run summary. It holds one world and only calls engine
 * functions; everything it returns is plain data or typed arrays, so the same object can be
 * exposed in-process, in a Node worker thread or in a browser Web Worker (no Node-only API,
 * no DOM, no comlink here: see exposeSimulation.ts for the worker side).
 */
import {
  AgentKind,
  ScenarioError,
  createWorld,
  isRunOver,
  parseScenarioJson,
  stepWorld,
  validateScenario,
  summarizeWorld,
  type RunSummary,
  type World,
} from '../engine/index.ts';
import { applyTrafficAction, type ActuationResult } from '../engine/vehicles/actuation.ts';
import { ActuationError } from '../engine/vehicles/ActuationError.ts';
import type { Scenario, TrafficAction } from '../engine/scenario/Scenario.ts';
import type { RuleSetSpec } from '../engine/rules/RuleSet.ts';
import type { AuditRun } from '../engine/audit/scoreAudit.ts';
import { auditRun } from '../engine/run/auditRun.ts';
import { rehearsalRun, type RehearsalRun } from '../engine/run/rehearsalRun.ts';
import { takeEvents } from '../engine/run/runWorld.ts';
import { pointOnLink } from '../engine/vehicles/RoadNetwork.ts';
import { pointAlongTrack, TramState } from '../engine/transit/Transit.ts';
import { loadRules } from '../engine/rules/loadRules.ts';
import { RulesError } from '../engine/rules/RulesError.ts';
import { createControlLoop } from '../engine/responses/ControlLoop.ts';
import { loadResponses } from '../engine/responses/loadResponses.ts';
import { operatorCommand, type OperatorCommandResult } from '../engine/step/phases/operatorCommand.ts';
import { CityImportError } from '../city-models/CityImportError.ts';
import type { CityModel } from '../city-models/CityModel.ts';
import { actuatorState, sceneLayout, type ActuatorState, type SceneLayout } from './viewerData.ts';
import { placeScenario } from '../city-models/scenario/placeScenario.ts';
import { scenarioCityPath } from '../city-models/scenario/resolveCityScenario.ts';

/** A city given to `load` with a scenario that names one: its text (city.json, .osm or .geojson) and a name for messages. */
export interface CityInput {
  text: string;
  fileName: string;
}

/** Detection rules given to `load`: a rules file's text (engine/rules) and a name for messages. */
export interface RulesInput {
  text: string;
  fileName: string;
}

/** An alert the live rules raised, for a viewer's feed. */
export interface AlertItem {
  /** Position in the run's list of alerts (0 first). */
  index: number;
  id: string;
  timeS: number;
  rule: string;
  severity: string;
  description: string | null;
  x: number | null;
  y: number | null;
}

/** A command or an acknowledgement in the run's event log (the operator's, the responses', the actuators'), for a viewer's log. */
export interface LogItem {
  index: number;
  id: string;
  timeS: number;
  category: 'command' | 'ack';
  type: string;
  source: string;
  /** An ack: whether the actuator did it, and what it said. */
  ok: boolean | null;
  result: string | null;
}

/** What `load` reports: the scenario's basics, or every problem found (as plain data). */
export type LoadResult =
  | { ok: true; name: string; seed: number; stepS: number; durationS: number; exitIds: string[] }
  | { ok: false; message: string; problems: { path: string; message: string }[] };

/** Progress after `step`: ticks done, simulated seconds, people inside, and whether the run is over. */
export interface StepResult {
  tick: number;
  timeS: number;
  inside: number;
  done: boolean;
}

/** What `advance` returns: the progress, the worker's own time in those steps, the snapshot after them, and the new alerts and log lines. */
export interface AdvanceResult {
  step: StepResult;
  /** Wall time the steps took in the worker, ms. */
  stepWallMs: number;
  snapshot: SimulationSnapshot;
  alerts: { total: number; alerts: AlertItem[] };
  log: { total: number; items: LogItem[] };
}

/**
 * Positions of the people inside at one instant. The arrays are fresh copies owned by the
 * receiver (sent as transferables across a worker boundary); slot k of each array is one person.
 */
export interface SimulationSnapshot {
  timeS: number;
  tick: number;
  count: number;
  ids: Int32Array;
  /** Metres. */
  x: Float64Array;
  y: Float64Array;
  /** Road vehicles on the road: centre (m) and heading (radians from east, counter-clockwise). */
  vehicleCount: number;
  vehicleX: Float64Array;
  vehicleY: Float64Array;
  vehicleAngle: Float32Array;
  /** Trams running or at a stop: centre, heading and length. */
  tramCount: number;
  tramX: Float64Array;
  tramY: Float64Array;
  tramAngle: Float32Array;
  tramLengthM: Float32Array;
  /** Per road vehicle: its class, an index in the scene's `vehicleClasses`. */
  vehicleClass: Uint8Array;
  /** The actuators now: camera bearings, light levels, ambient light, closures, exits, vehicles in the pedestrian streets. */
  actuators: ActuatorState;
}

/**
 * What a viewer draws that does not move (sent once after `load`), in metres: the area's
 * bounds, the walkable space's rings (outer and holes, to be filled even-odd), the obstacles
 * with their heights (null: a wall of unknown height), and the exits.
 */
export interface SceneGeometry {
  bounds: [number, number, number, number];
  walkableRings: [number, number][][];
  obstacles: { polygon: [number, number][]; heightM: number | null }[];
  exits: { id: string; polygon: [number, number][] }[];
  /** Roads, tram tracks, cameras, street lights, closures, signals, zones and teams. */
  layout: SceneLayout;
}

/**
 * What `actuate` reports: what the actuation did (and a dispatched trip's id), or why it was
 * refused, naming the action's field (`forcePhase.signal`).
 */
export type ActuateResult = ({ ok: true } & ActuationResult) | { ok: false; message: string; path: string };

/** The API one simulation worker exposes. Methods are synchronous; over comlink they return promises. */
export interface SimulationApi {
  /**
   * Parses, checks and compiles a scenario; replaces any loaded one. A scenario that names a
   * city needs its text in `city` (a worker reads no files). Never throws for bad input.
   */
  load(scenarioJsonText: string, fileName: string, city?: CityInput, rules?: RulesInput): LoadResult;
  /**
   * The alerts raised by the rules given to `load`, from position `since` on (at most `max`), and
   * how many there are in all. The run keeps the last MAX_ALERTS_KEPT.
   */
  alerts(since: number, max?: number): { total: number; alerts: AlertItem[] };
  /**
   * Advances up to `steps` steps, stopping where `runWorld` would (end of duration, or nobody
   * left when `stopWhenEmpty`). Never throws for bad input: a group that cannot be placed yet waits (see the summary's warnings).
   */
  step(steps: number): StepResult;
  /**
   * A viewer's one call per update: `step(steps)`, then the snapshot, the alerts from `alertsSince`
   * and the log from `logSince` (at most `max` of each), in one message instead of four.
   */
  advance(steps: number, alertsSince: number, logSince: number, max?: number): AdvanceResult;
  /** Positions of everybody inside now. */
  snapshot(): SimulationSnapshot;
  /** The loaded scenario's still geometry, for a viewer. */
  scene(): SceneGeometry;
  /** The run summary so far (`wallS`: wall time spent in `step`). */
  summary(): RunSummary;
  /**
   * Applies one traffic actuation now, before the next step (engine/vehicles/actuation.ts):
   * `{ kind: 'forceAllRed', signal: 2 }`, `{ kind: 'dispatchVehicle', vehicleClass: 'emergency',
   * from: 0, to: 9 }`, ... Logged in the summary's `traffic.actions`. Never throws for bad input
   * (an unknown signal, closure or node, a scenario without traffic): `ok: false` says why.
   */
  actuate(action: TrafficAction): ActuateResult;
  /**
   * An operator's command, carried out now (engine/step/phases/operatorCommand.ts): an action of
   * a rules file's responses (`{ action: 'closure.set', closure: 'bollard-6', active: true }`,
   * `lights.set`, `camera.point`, `exit.close`, `publicAddress`, `dispatch`...), `place` where it
   * concerns (a team's destination, a PTZ camera's target). Written to the event log as a command
   * from `operator` and its ack. Never throws for bad input: `valid: false` lists the problems.
   */
  command(action: unknown, place?: [number, number]): OperatorCommandResult;
  /** Commands and acknowledgements logged from position `since` on (at most `max`), and how many in all (the last MAX_ALERTS_KEPT kept). */
  log(since: number, max?: number): { total: number; items: LogItem[] };
  /**
   * One run of an audit (engine/run/auditRun.ts): a checked scenario and rule set (as the
   * parent loaded them: a worker reads no files) run with `seed`; returns what scoring needs.
   * Independent of any loaded scenario.
   */
  auditRun(scenario: Scenario, fileName: string, ruleSet: RuleSetSpec, seed: number, sweptRules?: string[]): AuditRun;
  /**
   * One run of a rehearsal (engine/run/rehearsalRun.ts): a checked scenario (a variant, scaled,
   * as the parent made it) run with `seed`; returns the planner's figures and maps. Independent
   * of any loaded scenario.
   */
  rehearsalRun(scenario: Scenario, fileName: string, seed: number): RehearsalRun;
}

/** Alerts kept for the feed (the oldest are dropped beyond). */
export const MAX_ALERTS_KEPT = 1000;

/** Options of the API: a wall clock for `wallS` (default `performance.now`, present in every JS runtime we target). */
export interface SimulationApiOptions {
  nowMs?: () => number;
}

/** Creates an API object with no scenario loaded. */
export function createSimulationApi(options: SimulationApiOptions = {}): SimulationApi {
  const nowMs = options.nowMs ?? (() => globalThis.performance.now());
  let world: World | null = null;
  let cityModel: CityModel | null = null;
  let finished = false;
  let wallMs = 0;
  // The event log is read after every step (as `vigie run` streams it): alerts are kept for
  // the viewer's feed, the rest dropped, so that a long run's log never grows.
  let alertList: AlertItem[] = [];
  let alertTotal = 0;
  let logList: LogItem[] = [];
  let logTotal = 0;
  const takeAlerts = (w: World): void => takeEvents(w, (log, count) => {
    for (let i = 0; i < count; i++) {
      const event = log[i];
      if (event.category === 'command' || event.category === 'ack') {
        const ack = event.category === 'ack';
        logList.push({
          index: logTotal++, id: event.id, timeS: event.timeS, category: event.category, type: event.type, source: event.source,
          ok: ack && typeof event.data.ok === 'boolean' ? event.data.ok : null, result: ack && typeof event.data.result === 'string' ? event.data.result : null,
        });
        continue;
      }
      if (event.category !== 'alert') continue;
      alertList.push({
        index: alertTotal++, id: event.id, timeS: event.timeS, rule: event.source, severity: String(event.severity ?? ''),
        description: typeof event.data?.description === 'string' ? event.data.description : null, x: event.x ?? null, y: event.y ?? null,
      });
    }
    if (alertList.length > MAX_ALERTS_KEPT) alertList = alertList.slice(alertList.length - MAX_ALERTS_KEPT);
    if (logList.length > MAX_ALERTS_KEPT) logList = logList.slice(logList.length - MAX_ALERTS_KEPT);
  }, false);

  const loaded = (): World => {
    if (world === null) throw new Error('no scenario loaded: call load() first');
    return world;
  };
  const progress = (w: World): StepResult => ({ tick: w.clock.tick, timeS: w.clock.tick * w.clock.stepS, inside: w.agents.count - w.departingCount, done: finished });

  return {
    load(scenarioJsonText, fileName, city, rules) {
      world = null;
      cityModel = null;
      alertList = [];
      alertTotal = 0;
      logList = [];
      logTotal = 0;
      try {
        const raw = parseScenarioJson(scenarioJsonText, fileName);
        const cityPath = scenarioCityPath(raw);
        if (cityPath !== undefined && city === undefined) {
          const message = `the scenario names a city ("${cityPath}"): pass its text to load()`;
          return { ok: false, message: `${fileName}: city: ${message}`, problems: [{ path: 'city', message }] };
        }
        const placement = cityPath !== undefined && city !== undefined ? placeScenario(raw, city.text, city.fileName, fileName) : null;
        const placed = placement?.scenario ?? raw;
        const scenario = validateScenario(placed, fileName);
        const created = createWorld(scenario, fileName);
        if (rules !== undefined) {
          const ruleSet = loadRules(rules.text, rules.fileName);
          created.control = createControlLoop(ruleSet, loadResponses(ruleSet, rules.fileName, scenario), created.seed);
        }
        world = created;
        cityModel = placement?.city ?? null;
      } catch (error) {
        if (error instanceof ScenarioError || error instanceof CityImportError || error instanceof RulesError) return { ok: false, message: error.message, problems: error.problems.map((p) => ({ ...p })) };
        throw error;
      }
      finished = false;
      wallMs = 0;
      const { scenario } = world;
      return { ok: true, name: scenario.name, seed: world.seed, stepS: world.clock.stepS, durationS: scenario.durationS, exitIds: [...world.exitIds] };
    },

    step(steps) {
      const w = loaded();
      const startMs = nowMs();
      // The same stopping rule as runWorld, so that stepping to the end gives its summary.
      finished = isRunOver(w);
      for (let k = 0; k < steps && !finished; k++) {
        stepWorld(w);
        takeAlerts(w);
        finished = isRunOver(w);
      }
      wallMs += nowMs() - startMs;
      return progress(w);
    },

    advance(steps, alertsSince, logSince, max = 100) {
      const before = wallMs;
      const step = this.step(steps);
      return { step, stepWallMs: wallMs - before, snapshot: this.snapshot(), alerts: this.alerts(alertsSince, max), log: this.log(logSince, max) };
    },

    snapshot() {
      const w = loaded();
      // People inside only: those already through an exit (departing) are not shown.
      const { count, id, posXM, posYM, kind } = w.agents;
      const inside = count - w.departingCount;
      const ids = new Int32Array(inside), x = new Float64Array(inside), y = new Float64Array(inside);
      for (let slot = 0, k = 0; slot < count; slot++) {
        if (kind[slot] !== AgentKind.pedestrian) continue;
        ids[k] = id[slot]; x[k] = posXM[slot]; y[k] = posYM[slot]; k++;
      }
      return { timeS: w.clock.tick * w.clock.stepS, tick: w.clock.tick, count: inside, ids, x, y, ...vehiclesOf(w), ...tramsOf(w), actuators: actuatorState(w) };
    },

    alerts(since, max = 100) {
      const first = alertList.length === 0 ? alertTotal : alertList[0].index;
      const from = Math.max(0, since - first);
      return { total: alertTotal, alerts: alertList.slice(from, from + max).map((alert) => ({ ...alert })) };
    },

    scene() {
      const w = loaded();
      const geometry = w.scenario.geometry;
      const heights = geometry.obstacleHeightsM ?? [];
      return {
        bounds: [...w.space.bounds] as [number, number, number, number],
        walkableRings: w.space.rings.map((ring) => ring.map(([x, y]) => [x, y] as [number, number])),
        obstacles: (geometry.obstacles ?? []).map((polygon, k) => ({ polygon: polygon.map(([x, y]) => [x, y] as [number, number]), heightM: heights[k] ?? null })),
        exits: geometry.exits.map((exit) => ({ id: exit.id, polygon: exit.polygon.map(([x, y]) => [x, y] as [number, number]) })),
        layout: sceneLayout(w, cityModel),
      };
    },

    summary() {
      return summarizeWorld(loaded(), wallMs / 1000);
    },

    actuate(action) {
      const w = loaded();
      if (w.traffic === null) return { ok: false, message: 'action: the scenario has no traffic to act on', path: 'action' };
      try {
        return { ok: true, ...applyTrafficAction(w.traffic, w.clock.tick * w.clock.stepS, action, 'runtime') };
      } catch (error) {
        if (error instanceof ActuationError) return { ok: false, message: error.message, path: error.path };
        throw error;
      }
    },

    command(action, place) {
      // The command and its ack reach `log` after the next step, once the rules have read them.
      return operatorCommand(loaded(), action, place);
    },

    log(since, max = 100) {
      const first = logList.length === 0 ? logTotal : logList[0].index;
      const from = Math.max(0, since - first);
      return { total: logTotal, items: logList.slice(from, from + max).map((item) => ({ ...item })) };
    },

    auditRun(scenario, fileName, ruleSet, seed, sweptRules = []) {
      return auditRun(scenario, fileName, ruleSet, seed, sweptRules);
    },
    rehearsalRun(scenario, fileName, seed) {
      return rehearsalRun(scenario, fileName, seed);
    },
  };
}

const pointScratch = new Float64Array(2);
const behindScratch = new Float64Array(2);

/** Road vehicles: the point at their position on their link, headed along it. */
function vehiclesOf(w: World): Pick<SimulationSnapshot, 'vehicleCount' | 'vehicleX' | 'vehicleY' | 'vehicleAngle' | 'vehicleClass'> {
  const traffic = w.traffic;
  const n = traffic?.vehicles.count ?? 0;
  const vehicleX = new Float64Array(n), vehicleY = new Float64Array(n), vehicleAngle = new Float32Array(n), vehicleClass = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const { link, posM } = traffic!.vehicles;
    pointOnLink(traffic!.network, link[i], posM[i], pointScratch);
    pointOnLink(traffic!.network, link[i], posM[i] - 1, behindScratch);
    vehicleX[i] = pointScratch[0];
    vehicleY[i] = pointScratch[1];
    vehicleAngle[i] = Math.atan2(pointScratch[1] - behindScratch[1], pointScratch[0] - behindScratch[0]);
    vehicleClass[i] = traffic!.vehicles.vehicleClass[i];
  }
  return { vehicleCount: n, vehicleX, vehicleY, vehicleAngle, vehicleClass };
}

/** Trams running or standing at a stop: the middle of the tram, headed along the track. */
function tramsOf(w: World): Pick<SimulationSnapshot, 'tramCount' | 'tramX' | 'tramY' | 'tramAngle' | 'tramLengthM'> {
  const transit = w.transit;
  const shown: number[] = [];
  for (let t = 0; t < (transit?.count ?? 0); t++) {
    if (transit!.state[t] === TramState.running || transit!.state[t] === TramState.dwelling) shown.push(t);
  }
  const n = shown.length;
  const tramX = new Float64Array(n), tramY = new Float64Array(n), tramAngle = new Float32Array(n), tramLengthM = new Float32Array(n);
  shown.forEach((t, k) => {
    const line = transit!.lines[transit!.line[t]];
    const middleM = transit!.posM[t] - line.tramLengthM / 2;
    pointAlongTrack(line, middleM, pointScratch);
    pointAlongTrack(line, middleM - 1, behindScratch);
    tramX[k] = pointScratch[0];
    tramY[k] = pointScratch[1];
    tramAngle[k] = Math.atan2(pointScratch[1] - behindScratch[1], pointScratch[0] - behindScratch[0]);
    tramLengthM[k] = line.tramLengthM;
  });
  return { tramCount: n, tramX, tramY, tramAngle, tramLengthM };
}
