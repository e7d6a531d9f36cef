/**
 * The actuators' part of the traffic state (owned by `Traffic.actuation`, changed only by
 * actuation.ts and emergencyPriority.ts): the scenario's scheduled actions and the next one due,
 * the log of every actuation applied, the vehicles dispatched, the operator's mode of each signal
 * and the emergency pre-emption under way. Plain data and typed arrays.
 */
import type { ScheduledTrafficAction, TrafficAction, TrafficSpec, VehicleClass } from '../scenario/Scenario.ts';
import { SignalMode } from './SignalPlans.ts';

/** Who applied an actuation: the scenario's schedule, a caller at run time, or emergency pre-emption. */
export type ActuationSource = 'scenario' | 'runtime' | 'priority';

/** One actuation applied (or refused), as the run summary reports it. */
export interface ActuationLogEntry {
  /** Simulated time, s. */
  timeS: number;
  source: ActuationSource;
  /** The action as given (a plain copy); pre-emption logs `{ kind: 'preempt' | 'release', ... }`. */
  action: TrafficAction | { kind: 'preempt' | 'release'; signal: number; phase: number; vehicleId: number };
  /** What it acted on: "signal 2", "signals 0, 1, 2", "closure bollards", "dispatch amb-1". */
  target: string;
  /** What it did, or why it was refused. */
  result: string;
  ok: boolean;
}

/** A vehicle dispatched at run time (a field team, an ambulance): one trip, tracked to its arrival. */
export interface DispatchRecord {
  id: string;
  vehicleClass: VehicleClass;
  from: number;
  to: number;
  /** Its one-vehicle entry in `Traffic.demand` (which records its arrival and trip time). */
  demand: number;
  /** When it was dispatched, s. */
  dispatchS: number;
  /** Its vehicle id and when it entered the road (-1 until it has). */
  vehicleId: number;
  departS: number;
}

/** Defaults of emergency pre-emption: detection distance along the route, m, and time at the vehicle's speed, s. */
export const PREEMPTION_DETECTION_M = 300;
export const PREEMPTION_DETECTION_S = 20;

export interface ActuationState {
  /** The scenario's actions, by time (stable), and the index of the next one due. */
  scheduled: ScheduledTrafficAction[];
  nextScheduled: number;
  log: ActuationLogEntry[];
  dispatches: DispatchRecord[];
  /** Dispatches not yet seen on the road. */
  pendingDispatches: number;
  /** Per signal: the mode asked for by the operator or the scenario (SignalMode.plan, .allRed or a phase). */
  signalMode: Int32Array;
  /** Per closure: -1 follows its time window, 0 lowered now, 1 raised now (setClosure). */
  closureOverride: Int8Array;
  priorityEnabled: boolean;
  detectionM: number;
  detectionS: number;
  /** True once an emergency vehicle may be on the road (in the demand or dispatched): only then is pre-emption looked for. */
  emergencyPossible: boolean;
  /** Per signal: the phase an emergency vehicle holds green and its id, or -1. */
  preemptPhase: Int32Array;
  preemptVehicle: Int32Array;
  /** Per signal, scratch of each step: the emergency vehicle claiming it (-1), for which phase, how far. */
  claimVehicle: Int32Array;
  claimPhase: Int32Array;
  claimDistanceM: Float64Array;
}

/** The actuation state of a validated traffic spec with `signalCount` signals. */
export function createActuationState(spec: TrafficSpec, signalCount: number, emergencyPossible: boolean): ActuationState {
  const scheduled = (spec.actions ?? []).map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.atS - b.entry.atS || a.index - b.index).map(({ entry }) => entry);
  const priority = spec.emergencyPriority ?? {};
  return {
    scheduled,
    nextScheduled: 0,
    log: [],
    dispatches: [],
    pendingDispatches: 0,
    signalMode: new Int32Array(signalCount).fill(SignalMode.plan),
    closureOverride: new Int8Array((spec.closures ?? []).length).fill(-1),
    priorityEnabled: priority.enabled ?? true,
    detectionM: priority.detectionM ?? PREEMPTION_DETECTION_M,
    detectionS: priority.detectionS ?? PREEMPTION_DETECTION_S,
    emergencyPossible,
    preemptPhase: new Int32Array(signalCount).fill(-1),
    preemptVehicle: new Int32Array(signalCount).fill(-1),
    claimVehicle: new Int32Array(signalCount).fill(-1),
    claimPhase: new Int32Array(signalCount),
    claimDistanceM: new Float64Array(signalCount),
  };
}
