/**
 * Emergency-vehicle signal pre-emption (EVP, as 3M Opticom and its successors do it): a signal
 * that an emergency vehicle approaches on its route, nearer than the detection distance or the
 * detection time at its speed, leaves its plan and, through amber and all-red (changeSignalMode),
 * turns the phase of the vehicle's approach green, every other approach red; once the vehicle
 * has crossed, the signal goes back to what the operator had set (its plan, usually), again
 * through amber and all-red. Detection: 300 m or 20 s by default, within the 2,500 ft (760 m)
 * line-of-sight range of optical emitters; the US DOT's cross-cutting study of pre-emption
 * (FHWA-JPO-05-010, 2006) reports the Denver evaluation of 1978: response times 14-23 % shorter,
 * about 70 s saved on routes with 3 to 6 signalised intersections.
 *
 * When two emergency vehicles claim one signal from different approaches, the one holding it
 * keeps it until it passed, then the nearest one gets it. Pre-emption wins over the plan and a
 * forced phase (as in signal controllers, where it has the highest priority; an operator's
 * command during pre-emption is applied once the vehicle passed), but not over an operator's
 * all-red: that one is a safety command (people on the crossings), and the vehicle waits.
 *
 * Per step: one pass over the vehicles (class test only) and, for each emergency vehicle, a walk
 * along its route up to the detection distance; no allocation (per-signal scratch arrays).
 */
import type { ActuationState } from './ActuationState.ts';
import { changeSignalMode, movementSlot, SignalMode, signalModeOf } from './SignalPlans.ts';
import type { Traffic } from './Traffic.ts';
import { EMERGENCY_CLASS } from './vehicleClasses.ts';

/** An emergency vehicle looks at most this many links ahead. */
const MAX_DETECTION_LINKS = 32;

/** Finds the signals emergency vehicles claim now, pre-empts and releases them (logging each). */
export function updateEmergencyPriority(traffic: Traffic, nowS: number): void {
  const state = traffic.actuation;
  const { vehicles, network, linkPhase } = traffic;
  const { claimVehicle, claimPhase, claimDistanceM, preemptVehicle, preemptPhase } = state;
  claimVehicle.fill(-1);
  for (let i = 0; i < vehicles.count; i++) {
    if (vehicles.vehicleClass[i] !== EMERGENCY_CLASS) continue;
    const route = traffic.routes[vehicles.route[i]];
    const id = vehicles.id[i];
    const reachM = Math.max(state.detectionM, vehicles.speedMps[i] * state.detectionS);
    let toEndM = network.linkLengthM[vehicles.link[i]] - vehicles.posM[i];
    // The last link of a route ends where the trip ends: that node is not crossed.
    for (let k = vehicles.cursor[i], hop = 0; k + 1 < route.length && hop < MAX_DETECTION_LINKS && toEndM <= reachM; k++, hop++) {
      const link = route[k];
      if (k > vehicles.cursor[i]) {
        toEndM += network.linkLengthM[link];
        if (toEndM > reachM) break;
      }
      const signal = network.linkSignal[link];
      if (signal < 0) continue;
      // The phase of its approach; under an explicit program, the one showing its movement green longest.
      const program = traffic.signals[signal].program;
      const phase = !program ? linkPhase[link] : program.bestPhase[movementSlot(network, program, link, route[k + 1])];
      if (phase < 0) continue;
      const current = claimVehicle[signal];
      // The vehicle holding the signal keeps it; otherwise the nearest claim wins.
      if (current < 0 || id === preemptVehicle[signal] || (current !== preemptVehicle[signal] && toEndM < claimDistanceM[signal])) {
        claimVehicle[signal] = id;
        claimPhase[signal] = phase;
        claimDistanceM[signal] = toEndM;
      }
    }
  }
  for (let signal = 0; signal < claimVehicle.length; signal++) {
    const claimant = state.signalMode[signal] === SignalMode.allRed ? -1 : claimVehicle[signal];
    if (claimant >= 0) {
      if (claimant === preemptVehicle[signal] && claimPhase[signal] === preemptPhase[signal]) continue;
      preemptVehicle[signal] = claimant;
      preemptPhase[signal] = claimPhase[signal];
      applySignalMode(traffic, signal, nowS);
      state.log.push({ timeS: nowS, source: 'priority', action: { kind: 'preempt', signal, phase: claimPhase[signal], vehicleId: claimant }, target: `signal ${signal}`, result: `phase ${claimPhase[signal]} green for emergency vehicle ${claimant}, ${Math.round(claimDistanceM[signal])} m away`, ok: true });
    } else if (preemptVehicle[signal] >= 0) {
      releaseSignal(traffic, signal, nowS, `emergency vehicle ${preemptVehicle[signal]} passed`);
    }
  }
}

/** Ends the pre-emption of `signal` (if any): back to the operator's mode, logged with `why`. */
export function releaseSignal(traffic: Traffic, signal: number, nowS: number, why: string): void {
  const state = traffic.actuation;
  if (state.preemptVehicle[signal] < 0) return;
  const vehicleId = state.preemptVehicle[signal];
  const phase = state.preemptPhase[signal];
  state.preemptVehicle[signal] = -1;
  state.preemptPhase[signal] = -1;
  applySignalMode(traffic, signal, nowS);
  state.log.push({ timeS: nowS, source: 'priority', action: { kind: 'release', signal, phase, vehicleId }, target: `signal ${signal}`, result: `${why}: back to ${modeName(state, signal)}`, ok: true });
}

/** Shows on `signal` what it should run now: an operator's all-red, else the pre-empting phase, else the operator's mode. */
export function applySignalMode(traffic: Traffic, signal: number, nowS: number): void {
  const state = traffic.actuation;
  const plan = traffic.signals[signal];
  const operator = state.signalMode[signal];
  const mode = operator !== SignalMode.allRed && state.preemptPhase[signal] >= 0 ? state.preemptPhase[signal] : operator;
  if (signalModeOf(plan) !== mode) changeSignalMode(plan, nowS, mode);
}

/** The operator's mode of a signal, in words. */
export function modeName(state: ActuationState, signal: number): string {
  const mode = state.signalMode[signal];
  return mode === -1 ? 'its plan' : mode === -2 ? 'all-red' : `phase ${mode} forced green`;
}
