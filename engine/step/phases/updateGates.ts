/**
 * Phase 4a: gates follow the schedule (an entry gate opens at its moment), their signals and
 * their zebra crossings. A gate tied to a traffic
 * signal's phase is open while that phase shows green (the people's green at a signalised
 * crossing), closed otherwise: closed, it stops people from stepping onto the crossing, while
 * those already on it walk on. A gate on the kerb of zebra crossings is closed while a vehicle
 * approaches one of them that could no longer stop comfortably before it: people do not step out
 * in front of it (Code de la route R412-37: a pedestrian steps onto the carriageway only after
 * making sure, given the distance and speed of vehicles, that there is no immediate danger), and
 * open otherwise, when approaching drivers can yield (R415-11).
 *
 * A vehicle can stop comfortably when its distance to the stop point before the zebra is at
 * least its reaction distance plus its braking distance at the IDM's comfortable deceleration b:
 * d >= v t_r + v² / (2 b), with t_r = 1 s (the usual driver reaction time of stopping-sight
 * distances; none for a vehicle already braking), see comfortableStopM; vehicles on the zebra's
 * link and those about to enter it are checked.
 */
import { signalStateAt, SignalState } from '../../vehicles/SignalPlans.ts';
import { CLASS_PARAMS, comfortableStopM } from '../../vehicles/followingAcceleration.ts';
import type { Traffic } from '../../vehicles/Traffic.ts';
import type { World } from '../../world/World.ts';

/** Vehicles slower than this are taken to be stopping for the people anyway, m/s. */
const CRAWL_MPS = 0.5;
/** Vehicles stop this far before a zebra (as in followingAcceleration.ts), m. */
const ZEBRA_STOP_MARGIN_M = 2;

/** Opens and closes the gates for the current time. */
export function updateGates(world: World): void {
  const gates = world.scenario.geometry.gates;
  const traffic = world.traffic;
  if (traffic && traffic.zebraLink.length > 0) markUnstoppable(traffic, world.zebraUnstoppable);
  if (!gates || gates.length === 0) return;
  const nowS = world.clock.tick * world.clock.stepS;
  for (let g = 0; g < gates.length; g++) {
    const signal = gates[g].signal;
    const zebras = world.gateZebras[g];
    let open = 1;
    // An entry gate stays closed until its moment of the schedule.
    if (world.gateOpensAtS[g] > nowS) open = 0;
    if (open === 1 && signal && traffic) open = signalStateAt(traffic.signals[signal.signal], signal.phase, nowS) === SignalState.green ? 1 : 0;
    for (let k = 0; k < zebras.length && open === 1; k++) if (world.zebraUnstoppable[zebras[k]] === 1) open = 0;
    world.gateOpen[g] = open;
  }
}

/**
 * Marks each zebra with a vehicle approaching it (on its link, or on the link before it by the
 * vehicle's route) that could not stop comfortably before it.
 */
function markUnstoppable(traffic: Traffic, unstoppable: Uint8Array): void {
  unstoppable.fill(0);
  const { vehicles, network, zebraStart, zebraOrder, zebraPositionM } = traffic;
  for (let i = 0; i < vehicles.count; i++) {
    const speed = vehicles.speedMps[i];
    if (speed < CRAWL_MPS) continue;
    const needM = comfortableStopM(speed, vehicles.accelMps2[i], CLASS_PARAMS[vehicles.vehicleClass[i]].decelMps2);
    const link = vehicles.link[i];
    const pos = vehicles.posM[i];
    for (let k = zebraStart[link]; k < zebraStart[link + 1]; k++) {
      const z = zebraOrder[k];
      const toStopM = zebraPositionM[z] - ZEBRA_STOP_MARGIN_M - pos;
      // Past the zebra: no longer a danger to people stepping on.
      if (zebraPositionM[z] - pos < -1) continue;
      if (toStopM < needM) unstoppable[z] = 1;
    }
    const route = traffic.routes[vehicles.route[i]];
    const cursor = vehicles.cursor[i];
    if (cursor + 1 >= route.length) continue;
    const next = route[cursor + 1];
    const toEndM = network.linkLengthM[link] - pos;
    if (toEndM >= needM) continue;
    for (let k = zebraStart[next]; k < zebraStart[next + 1]; k++) {
      const z = zebraOrder[k];
      if (toEndM + zebraPositionM[z] - ZEBRA_STOP_MARGIN_M < needM) unstoppable[z] = 1;
    }
  }
}
