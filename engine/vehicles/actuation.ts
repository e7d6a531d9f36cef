/**
 * Actuators on the traffic, callable at run time (the hypervision panel, rules) and scheduled by
 * a scenario (`traffic.actions`, applied by `applyActuations` at the start of each traffic step):
 *  - signals: all-red, a phase forced green, back to the plan, always through amber and all-red
 *    (changeSignalMode in SignalPlans.ts); a green wave along a corridor of signals;
 *  - emergency pre-emption (emergencyPriority.ts), on by default, switched here;
 *  - closures and bollards raised or lowered now (a manual override of their time window), with
 *    the same re-routing as scheduled ones (closures.ts);
 *  - dispatch: one vehicle (a field team, an ambulance) sent from node to node now, its trip
 *    tracked to its arrival.
 * Each function takes the traffic and the simulated time first, checks its arguments and throws
 * an ActuationError naming the action, the field and the bad value; each actuation applied is
 * appended to the actuation log (`traffic.actuation.log`) that the run summary reports. Not a hot
 * path: actuations allocate a little (log entries, a route), never per step.
 */
import type { TrafficAction, VehicleClass } from '../scenario/Scenario.ts';
import { ActuationError } from './ActuationError.ts';
import type { ActuationLogEntry, ActuationSource } from './ActuationState.ts';
import { routeAroundClosures, updateClosures } from './closures.ts';
import { applySignalMode, modeName, releaseSignal, updateEmergencyPriority } from './emergencyPriority.ts';
import { changeSignalOffset, phaseGreenStartS, SignalMode, SignalState } from './SignalPlans.ts';
import { routeLinks, type Traffic } from './Traffic.ts';
import { EMERGENCY_CLASS, VEHICLE_CLASS_NAMES } from './vehicleClasses.ts';

/** The action kinds, in the order messages list them. */
export const TRAFFIC_ACTION_KINDS = ['forceAllRed', 'forcePhase', 'resumePlan', 'setGreenWave', 'setClosure', 'dispatchVehicle', 'setEmergencyPriority'] as const;

/** What `applyTrafficAction` reports: what was done (and, for a dispatch, the trip's id). */
export interface ActuationResult {
  timeS: number;
  kind: TrafficAction['kind'];
  target: string;
  result: string;
  /** The dispatched trip's id (dispatchVehicle only). */
  id?: string;
}

/**
 * The step hook (called first in stepVehicles): applies the scenario's actions due at this tick
 * (the first tick at or after their `atS`), notes when dispatched vehicles entered the road, and
 * runs emergency pre-emption. A scheduled action refused at run time (its input was checked at
 * load, so only a trip with no route round the closures of the moment) is logged, not thrown:
 * the hot loop does not throw.
 */
export function applyActuations(traffic: Traffic, tick: number, stepS: number): void {
  const state = traffic.actuation;
  const nowS = tick * stepS;
  while (state.nextScheduled < state.scheduled.length && state.scheduled[state.nextScheduled].atS <= nowS + 1e-9) {
    const action = state.scheduled[state.nextScheduled++].action;
    try {
      applyTrafficAction(traffic, nowS, action, 'scenario');
    } catch (error) {
      if (!(error instanceof ActuationError)) throw error;
    }
  }
  if (state.pendingDispatches > 0) trackDispatches(traffic, stepS, nowS - stepS);
  if (state.priorityEnabled && state.emergencyPossible && traffic.signals.length > 0) updateEmergencyPriority(traffic, nowS);
}

/** True while the scenario still has a vehicle to dispatch (the run is not over before it). */
export function dispatchStillScheduled(traffic: Traffic): boolean {
  const { scheduled, nextScheduled } = traffic.actuation;
  for (let k = nextScheduled; k < scheduled.length; k++) if (scheduled[k].action.kind === 'dispatchVehicle') return true;
  return false;
}

/**
 * Applies one action (as a scenario or a caller gives it) and logs it; a refused one is logged
 * too (ok: false) and its ActuationError thrown.
 */
export function applyTrafficAction(traffic: Traffic, nowS: number, action: TrafficAction, source: ActuationSource = 'runtime'): ActuationResult {
  try {
    if (action === null || typeof action !== 'object') throw new ActuationError('action', `expected an object with a "kind", found ${JSON.stringify(action)}`);
    const kind = action.kind;
    switch (kind) {
      case 'forceAllRed': return asResult(forceAllRed(traffic, nowS, action.signal, source));
      case 'forcePhase': return asResult(forcePhase(traffic, nowS, action.signal, action.phase, source));
      case 'resumePlan': return asResult(resumePlan(traffic, nowS, action.signal, source));
      case 'setGreenWave': return asResult(setGreenWave(traffic, nowS, action.signals, action.speedKph, source));
      case 'setClosure': return asResult(setClosure(traffic, nowS, action.closure, action.active, source));
      case 'setEmergencyPriority': return asResult(setEmergencyPriority(traffic, nowS, action.enabled, source));
      case 'dispatchVehicle': {
        const id = dispatchVehicle(traffic, nowS, action, source);
        return { ...asResult(traffic.actuation.log[traffic.actuation.log.length - 1]), id };
      }
      default:
        throw new ActuationError('action.kind', `unknown action ${JSON.stringify(kind)} (known: ${TRAFFIC_ACTION_KINDS.join(', ')})`);
    }
  } catch (error) {
    if (error instanceof ActuationError) traffic.actuation.log.push({ timeS: nowS, source, action: plainCopy(action), target: error.path, result: `refused: ${error.message}`, ok: false });
    throw error;
  }
}

function asResult(entry: ActuationLogEntry): ActuationResult {
  return { timeS: entry.timeS, kind: entry.action.kind as TrafficAction['kind'], target: entry.target, result: entry.result };
}

/** Every approach of `signal` red, after the amber and all-red of the phase that was green. */
export function forceAllRed(traffic: Traffic, nowS: number, signal: number, source: ActuationSource = 'runtime'): ActuationLogEntry {
  checkSignal(traffic, signal, 'forceAllRed.signal');
  return setSignalMode(traffic, nowS, signal, SignalMode.allRed, { kind: 'forceAllRed', signal }, source);
}

/** Phase `phase` of `signal` green, every other red (through amber and all-red), until resumed. */
export function forcePhase(traffic: Traffic, nowS: number, signal: number, phase: number, source: ActuationSource = 'runtime'): ActuationLogEntry {
  checkSignal(traffic, signal, 'forcePhase.signal');
  const phaseCount = traffic.signals[signal].phaseCount;
  if (!Number.isInteger(phase) || phase < 0 || phase >= phaseCount) throw new ActuationError('forcePhase.phase', `expected a phase of signal ${signal} (0 to ${phaseCount - 1}), found ${JSON.stringify(phase)}`);
  const program = traffic.signals[signal].program;
  if (program && !program.state.subarray(phase * program.slotCount, (phase + 1) * program.slotCount).includes(SignalState.green)) {
    throw new ActuationError('forcePhase.phase', `phase ${phase} of signal ${signal} shows no movement green (an amber or all-red phase of its program)`);
  }
  return setSignalMode(traffic, nowS, signal, phase, { kind: 'forcePhase', signal, phase }, source);
}

/** `signal` back to its fixed-time plan (through amber and all-red when the plan cuts a green short). */
export function resumePlan(traffic: Traffic, nowS: number, signal: number, source: ActuationSource = 'runtime'): ActuationLogEntry {
  checkSignal(traffic, signal, 'resumePlan.signal');
  return setSignalMode(traffic, nowS, signal, SignalMode.plan, { kind: 'resumePlan', signal }, source);
}

function setSignalMode(traffic: Traffic, nowS: number, signal: number, mode: number, action: TrafficAction, source: ActuationSource): ActuationLogEntry {
  const state = traffic.actuation;
  state.signalMode[signal] = mode;
  applySignalMode(traffic, signal, nowS);
  const plan = traffic.signals[signal];
  const preempted = state.preemptVehicle[signal] >= 0 && mode !== SignalMode.allRed;
  const result = preempted
    ? `held by emergency vehicle ${state.preemptVehicle[signal]}: ${modeName(state, signal)} once it passed`
    : nowS < plan.clearEndS ? `${modeName(state, signal)} from ${round3(plan.clearEndS)} s (amber and all-red first)` : `${modeName(state, signal)} now`;
  return log(traffic, nowS, source, action, `signal ${signal}`, result);
}

/**
 * A green wave along a corridor: `signals` in driving order, coordinated for a platoon at
 * `speedKph`. The ideal offset of a one-way progression (Roess, Prassas and McShane, "Traffic
 * Engineering", chapter on signal coordination; FHWA Traffic Signal Timing Manual, 2008): each
 * signal's green for the corridor's approach starts L / S after the first one's, L the distance
 * along the road from the first signal, S the progression speed:
 *   offset_k = offset_0 + green start of phase p_0 + L_k / S - green start of phase p_k (mod C)
 * (p_k the phase of the corridor's approach: under an explicit program, the one showing it green longest).
 * All signals need one common cycle C. The first signal keeps its timing; the others change at
 * once, through amber and all-red where the new timing cuts a green short. The log entry gives the offsets, s.
 */
export function setGreenWave(traffic: Traffic, nowS: number, signals: number[], speedKph: number, source: ActuationSource = 'runtime'): ActuationLogEntry {
  if (!Array.isArray(signals) || signals.length < 2) throw new ActuationError('setGreenWave.signals', `expected at least two signals in driving order, found ${JSON.stringify(signals)}`);
  signals.forEach((signal, k) => checkSignal(traffic, signal, `setGreenWave.signals[${k}]`));
  if (new Set(signals).size !== signals.length) throw new ActuationError('setGreenWave.signals', `a signal appears twice in ${JSON.stringify(signals)}`);
  if (typeof speedKph !== 'number' || !(speedKph > 0 && speedKph <= 200)) throw new ActuationError('setGreenWave.speedKph', `expected a progression speed above 0 and at most 200 km/h, found ${JSON.stringify(speedKph)}`);
  const { network } = traffic;
  const plans = signals.map((s) => traffic.signals[s]);
  const cycleS = plans[0].cycleS;
  plans.forEach((plan, k) => {
    if (Math.abs(plan.cycleS - cycleS) > 1e-9) throw new ActuationError(`setGreenWave.signals[${k}]`, `signal ${signals[k]} has a ${plan.cycleS} s cycle, signal ${signals[0]} ${cycleS} s: a green wave needs one common cycle`);
  });
  const speedMps = speedKph / 3.6;
  let firstPhase = -1;
  let distanceM = 0;
  const offsetsS = [plans[0].offsetS];
  for (let k = 1; k < signals.length; k++) {
    const route = routeLinks(network, plans[k - 1].node, plans[k].node);
    if (route === null) throw new ActuationError(`setGreenWave.signals[${k}]`, `no road from signal ${signals[k - 1]} (node ${plans[k - 1].node}) to signal ${signals[k]} (node ${plans[k].node})`);
    if (k === 1) firstPhase = phaseAlong(traffic, signals[0], route[0]);
    for (const link of route) distanceM += network.linkLengthM[link];
    const phase = traffic.linkPhase[route[route.length - 1]];
    const greenStartS = plans[0].offsetS + phaseGreenStartS(plans[0], firstPhase) + distanceM / speedMps;
    offsetsS.push(((greenStartS - phaseGreenStartS(plans[k], phase)) % cycleS + cycleS) % cycleS);
  }
  for (let k = 1; k < signals.length; k++) changeSignalOffset(plans[k], nowS, offsetsS[k]);
  return log(traffic, nowS, source, { kind: 'setGreenWave', signals: [...signals], speedKph }, `signals ${signals.join(', ')}`, `offsets ${offsetsS.map(round3).join(', ')} s for ${speedKph} km/h`);
}

/** The phase of `signal` whose approach runs along `outLink` (leaving its node): same axis, else 0. */
function phaseAlong(traffic: Traffic, signal: number, outLink: number): number {
  const { network } = traffic;
  const shape = network.linkShape[outLink];
  const axisRad = Math.atan2(shape[3] - shape[1], shape[2] - shape[0]);
  for (let link = 0; link < network.linkCount; link++) {
    if (network.linkSignal[link] !== signal) continue;
    const s = network.linkShape[link];
    const n = s.length / 2;
    const inRad = Math.atan2(s[2 * n - 1] - s[2 * n - 3], s[2 * n - 2] - s[2 * n - 4]);
    if (Math.abs(Math.sin(inRad - axisRad)) < Math.SQRT1_2) return traffic.linkPhase[link];
  }
  return 0;
}

/**
 * Raises (`active` true) or lowers closure `id` now, whatever its time window says, until changed
 * again: routes and vehicles on the road re-route at once, as for a scheduled closure; vehicles
 * already past it drive on.
 */
export function setClosure(traffic: Traffic, nowS: number, id: string, active: boolean, source: ActuationSource = 'runtime'): ActuationLogEntry {
  const index = traffic.closures.findIndex((closure) => closure.id === id);
  if (index < 0) {
    const known = traffic.closures.map((closure) => JSON.stringify(closure.id)).join(', ');
    throw new ActuationError('setClosure.closure', `unknown closure ${JSON.stringify(id)} (${known === '' ? 'the scenario has no closures' : `known: ${known}`})`);
  }
  if (typeof active !== 'boolean') throw new ActuationError('setClosure.active', `expected true (raise) or false (lower), found ${JSON.stringify(active)}`);
  traffic.actuation.closureOverride[index] = active ? 1 : 0;
  const reroutedBefore = traffic.rerouted;
  const changed = updateClosures(traffic, nowS);
  const verb = active ? 'raised' : 'lowered';
  const result = changed ? `${verb} now; ${traffic.rerouted - reroutedBefore} vehicles re-routed` : `already ${verb}`;
  return log(traffic, nowS, source, { kind: 'setClosure', closure: id, active }, `closure ${id}`, result);
}

/** Switches emergency pre-emption on or off (off: every signal it holds goes back to its mode). */
export function setEmergencyPriority(traffic: Traffic, nowS: number, enabled: boolean, source: ActuationSource = 'runtime'): ActuationLogEntry {
  if (typeof enabled !== 'boolean') throw new ActuationError('setEmergencyPriority.enabled', `expected true or false, found ${JSON.stringify(enabled)}`);
  const state = traffic.actuation;
  state.priorityEnabled = enabled;
  if (!enabled) for (let signal = 0; signal < traffic.signals.length; signal++) releaseSignal(traffic, signal, nowS, 'pre-emption switched off');
  return log(traffic, nowS, source, { kind: 'setEmergencyPriority', enabled }, 'emergency priority', enabled ? 'on' : 'off');
}

/**
 * Sends one vehicle of class `vehicleClass` from node `from` to node `to` now (a field team, an
 * ambulance): it enters the first link of its route (around the closures that do not let it
 * through) at the first step with room, as a demand vehicle would, and its trip is recorded to
 * its arrival (`dispatchedTrips`). Returns the trip's id (`id`, or "dispatch-N").
 */
export function dispatchVehicle(traffic: Traffic, nowS: number, spec: { vehicleClass: VehicleClass; from: number; to: number; id?: string }, source: ActuationSource = 'runtime'): string {
  const state = traffic.actuation;
  const nodeCount = traffic.network.nodeXY.length / 2;
  if (spec === null || typeof spec !== 'object') throw new ActuationError('dispatchVehicle', `expected { vehicleClass, from, to, id? }, found ${JSON.stringify(spec)}`);
  const classIndex = VEHICLE_CLASS_NAMES.indexOf(spec.vehicleClass);
  if (classIndex < 0) throw new ActuationError('dispatchVehicle.vehicleClass', `unknown vehicle class ${JSON.stringify(spec.vehicleClass)} (known: ${VEHICLE_CLASS_NAMES.join(', ')})`);
  for (const field of ['from', 'to'] as const) {
    const node = spec[field];
    if (!Number.isInteger(node) || node < 0 || node >= nodeCount) throw new ActuationError(`dispatchVehicle.${field}`, `expected the index of a road node (0 to ${nodeCount - 1}), found ${JSON.stringify(node)}`);
  }
  if (spec.from === spec.to) throw new ActuationError('dispatchVehicle.to', `the trip ends where it starts (node ${spec.from})`);
  const taken = (id: string) => traffic.demand.some((d) => d.id === id);
  if (spec.id !== undefined && (typeof spec.id !== 'string' || spec.id === '')) throw new ActuationError('dispatchVehicle.id', `expected a non-empty string, found ${JSON.stringify(spec.id)}`);
  if (spec.id !== undefined && taken(spec.id)) throw new ActuationError('dispatchVehicle.id', `${JSON.stringify(spec.id)} is already the id of a demand entry or a dispatched vehicle`);
  const route = routeAroundClosures(traffic, classIndex, spec.from, spec.to);
  if (route === null) throw new ActuationError('dispatchVehicle.to', `no road route from node ${spec.from} to node ${spec.to} for a ${spec.vehicleClass} (links are one-way; closures count)`);
  let id = spec.id;
  for (let n = state.dispatches.length + 1; id === undefined; n++) if (!taken(`dispatch-${n}`)) id = `dispatch-${n}`;
  traffic.routes.push(route);
  // A one-vehicle demand entry due now: the step's insertion puts it on the road (safely, when
  // there is room), re-routing handles it, and its arrival and trip time are counted there.
  traffic.demand.push({
    id, classIndex, toNode: spec.to, route, routeIndex: traffic.routes.length - 1, vehiclesPerHour: 3600, fromS: nowS, toS: nowS + 1,
    inserted: 0, backlog: 0, arrived: 0, travelTimeSumS: 0, nextDueS: nowS,
  });
  state.dispatches.push({ id, vehicleClass: spec.vehicleClass, from: spec.from, to: spec.to, demand: traffic.demand.length - 1, dispatchS: nowS, vehicleId: -1, departS: -1 });
  state.pendingDispatches++;
  if (classIndex === EMERGENCY_CLASS) state.emergencyPossible = true;
  let lengthM = 0;
  for (const link of route) lengthM += traffic.network.linkLengthM[link];
  const action: TrafficAction = { kind: 'dispatchVehicle', vehicleClass: spec.vehicleClass, from: spec.from, to: spec.to, ...(spec.id !== undefined ? { id: spec.id } : {}) };
  log(traffic, nowS, source, action, `dispatch ${id}`, `${spec.vehicleClass} from node ${spec.from} to node ${spec.to}, ${route.length} links, ${Math.round(lengthM)} m`);
  return id;
}

/**
 * Notes the vehicle id and entry time of dispatched vehicles that entered the road since the last
 * call (a scan of the vehicles while some are pending). `fallbackDepartS`: the entry time of one
 * already gone again (it entered in the step before).
 */
function trackDispatches(traffic: Traffic, stepS: number, fallbackDepartS: number): void {
  const state = traffic.actuation;
  const { vehicles } = traffic;
  for (let k = 0; k < state.dispatches.length; k++) {
    const record = state.dispatches[k];
    if (record.vehicleId >= 0 || record.departS >= 0 || traffic.demand[record.demand].inserted === 0) continue;
    record.departS = fallbackDepartS;
    for (let i = 0; i < vehicles.count; i++) {
      if (vehicles.demand[i] !== record.demand) continue;
      record.vehicleId = vehicles.id[i];
      record.departS = vehicles.departTick[i] * stepS;
      break;
    }
    state.pendingDispatches--;
  }
}

/** One dispatched trip as the run summary lists it (times in s, null while not yet known). */
export interface DispatchedTrip {
  id: string;
  vehicleClass: VehicleClass;
  from: number;
  to: number;
  vehicleId: number | null;
  dispatchS: number;
  departS: number | null;
  arriveS: number | null;
  /** Arrival minus entry on the road, and arrival minus dispatch (the response time). */
  travelTimeS: number | null;
  responseTimeS: number | null;
}

/** The dispatched trips so far, in dispatch order (`nowS`: the time now, for one that just entered). */
export function dispatchedTrips(traffic: Traffic, stepS: number, nowS: number): DispatchedTrip[] {
  if (traffic.actuation.pendingDispatches > 0) trackDispatches(traffic, stepS, nowS - stepS);
  return traffic.actuation.dispatches.map((record) => {
    const demand = traffic.demand[record.demand];
    const departed = record.departS >= 0;
    const arriveS = departed && demand.arrived > 0 ? record.departS + demand.travelTimeSumS : null;
    return {
      id: record.id, vehicleClass: record.vehicleClass, from: record.from, to: record.to, vehicleId: record.vehicleId >= 0 ? record.vehicleId : null,
      dispatchS: record.dispatchS, departS: departed ? record.departS : null, arriveS,
      travelTimeS: arriveS === null ? null : arriveS - record.departS, responseTimeS: arriveS === null ? null : arriveS - record.dispatchS,
    };
  });
}

function checkSignal(traffic: Traffic, signal: number, path: string): void {
  const count = traffic.signals.length;
  if (Number.isInteger(signal) && signal >= 0 && signal < count) return;
  throw new ActuationError(path, `unknown signal ${JSON.stringify(signal)} (${count === 0 ? 'the scenario has no signals' : `known: the indices of traffic.signals, 0 to ${count - 1}`})`);
}

function log(traffic: Traffic, timeS: number, source: ActuationSource, action: TrafficAction, target: string, result: string): ActuationLogEntry {
  const entry: ActuationLogEntry = { timeS, source, action, target, result, ok: true };
  traffic.actuation.log.push(entry);
  return entry;
}

/** A plain copy of what a caller sent (for the log of a refused action). */
function plainCopy(action: unknown): TrafficAction {
  try {
    return JSON.parse(JSON.stringify(action ?? null)) as TrafficAction;
  } catch {
    return { kind: String((action as { kind?: unknown })?.kind) } as unknown as TrafficAction;
  }
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
