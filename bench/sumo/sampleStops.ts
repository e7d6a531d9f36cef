/**
 * Why Vigie's vehicles stand still, sampled now and then during a run (a diagnostic of the
 * comparison with SUMO, read from the world's public traffic state): each vehicle slower than
 * 0.1 m/s is either queued behind another vehicle in its lane, or at the front of its lane
 * facing a red or amber light, or at the front of its lane with a green light or no light (held
 * by the junction: a vehicle from another approach entering the same next link first, or no
 * room on the next link).
 */
import { movementSlot, movementStateAt, signalStateAt, SignalState } from '../../engine/vehicles/SignalPlans.ts';
import type { Traffic } from '../../engine/vehicles/Traffic.ts';

/** Vehicle-samples of stopped vehicles by cause. */
export interface StopSamples {
  samples: number;
  queued: number;
  atRed: number;
  heldAtGreen: number;
}

/** An empty tally. */
export function createStopSamples(): StopSamples {
  return { samples: 0, queued: 0, atRed: 0, heldAtGreen: 0 };
}

let frontPosM = new Float64Array(0);

/** Adds the stopped vehicles of `traffic` at time `nowS` to `into`. */
export function sampleStops(traffic: Traffic, nowS: number, into: StopSamples): void {
  const { vehicles, network } = traffic;
  if (frontPosM.length < network.laneCount) frontPosM = new Float64Array(network.laneCount);
  frontPosM.fill(-Infinity, 0, network.laneCount);
  for (let i = 0; i < vehicles.count; i++) {
    const lane = network.laneBase[vehicles.link[i]] + vehicles.lane[i];
    if (vehicles.posM[i] > frontPosM[lane]) frontPosM[lane] = vehicles.posM[i];
  }
  for (let i = 0; i < vehicles.count; i++) {
    if (vehicles.speedMps[i] > 0.1) continue;
    into.samples++;
    const link = vehicles.link[i];
    if (vehicles.posM[i] < frontPosM[network.laneBase[link] + vehicles.lane[i]]) {
      into.queued++;
      continue;
    }
    const signal = network.linkSignal[link];
    const route = traffic.routes[vehicles.route[i]];
    const next = vehicles.cursor[i] + 1 < route.length ? route[vehicles.cursor[i] + 1] : -1;
    const plan = signal >= 0 ? traffic.signals[signal] : null;
    const state = plan === null ? SignalState.green
      : !plan.program || next < 0 ? signalStateAt(plan, traffic.linkPhase[link], nowS) : movementStateAt(plan, movementSlot(network, plan.program, link, next), nowS);
    if (state === SignalState.green) into.heldAtGreen++;
    else into.atRed++;
  }
}
