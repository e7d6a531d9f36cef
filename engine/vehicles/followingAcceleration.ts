/**
 * What a vehicle's car-following acceleration depends on: its leader in a lane, or at the front
 * of its link the stop line (a red or amber signal, or a node where it must give way: rightOfWay.ts),
 * the vehicle nearest to entering its next link from another approach (first come, first served at
 * a merge), and the rearmost vehicle of the lane it will take there; and the turns ahead, taken at
 * their turning speed (junctions.ts). Shared by the traffic step and the lane-change model; reads
 * the current state only.
 */
import { idmAccelerationMps2, MAX_BRAKING_MPS2 } from './IntelligentDriverModel.ts';
import { movementStateAt, signalStateAt, SignalState } from './SignalPlans.ts';
import type { Traffic } from './Traffic.ts';
import { VEHICLE_CLASS_NAMES, VEHICLE_CLASSES, type VehicleClassParams } from './vehicleClasses.ts';
import { isClosedTo } from './closures.ts';
import { HELD_NONE, movementOf, nextLaneOf } from './junctions.ts';

/** Class parameters by class index. */
export const CLASS_PARAMS: VehicleClassParams[] = VEHICLE_CLASS_NAMES.map((name) => VEHICLE_CLASSES[name]);
/** Vehicles stop this far before the stop line, m. */
export const STOP_LINE_MARGIN_M = 1;

/** The desired speed of vehicle class `cls` on link `link`, m/s. */
export function desiredSpeedMps(traffic: Traffic, cls: number, link: number): number {
  const params = CLASS_PARAMS[cls];
  if (params.ignoresLimits) return params.maxSpeedMps;
  return Math.min(params.maxSpeedMps, traffic.network.linkSpeedMps[link] * params.speedFactor);
}

/** Vehicles stop this far before a zebra with someone on it, m. */
const ZEBRA_STOP_MARGIN_M = 2;

/**
 * The gap from position `posM` on `link` to the stopping point before the first occupied zebra
 * ahead on that link, m, or Infinity. A vehicle already within the margin of it drives on (it
 * cannot stop on the crossing itself).
 */
function occupiedZebraAheadM(traffic: Traffic, link: number, posM: number, beforeM: number, stoppingM: number): number {
  for (let k = traffic.zebraStart[link]; k < traffic.zebraStart[link + 1]; k++) {
    const zebra = traffic.zebraOrder[k];
    const gapM = traffic.zebraPositionM[zebra] - ZEBRA_STOP_MARGIN_M - posM;
    if (gapM < -ZEBRA_STOP_MARGIN_M) continue;
    const occupied = traffic.zebraOccupied[zebra];
    if (occupied === ZebraState.someoneOn) return Math.max(0, gapM);
    // Someone waiting at the kerb: yield when a comfortable stop is still possible (R415-11).
    if (occupied === ZebraState.someoneWaiting && beforeM + gapM >= stoppingM) return Math.max(0, gapM);
  }
  return Infinity;
}

/**
 * Zebra states (traffic.zebraOccupied): free, someone on the crossing (every vehicle stops
 * before it), someone waiting at its kerb (vehicles that can still stop comfortably yield).
 */
export const ZebraState = { free: 0, someoneOn: 1, someoneWaiting: 2 } as const;

/** Driver reaction time in stopping distances, s. */
export const REACTION_TIME_S = 1;

/**
 * The distance a vehicle needs to stop comfortably: reaction distance plus braking distance at
 * the IDM's comfortable deceleration b, d = v t_r + v² / (2 b) (the stopping-sight distance of
 * road design); a vehicle already braking needs no reaction time.
 */
export function comfortableStopM(speedMps: number, accelMps2: number, decelMps2: number): number {
  return (accelMps2 < -0.5 ? 0 : speedMps * REACTION_TIME_S) + (speedMps * speedMps) / (2 * decelMps2);
}

/** Look ahead at least this far along the route, m, and at most this many links. */
const LOOKAHEAD_MIN_M = 60;
const MAX_LOOKAHEAD_LINKS = 5;

/**
 * True when the end of link `link` is a stop for a vehicle of class `cls` at `speed`, `toEndM`
 * from it, going on into link `next`: a red signal (for that movement, under an explicit program),
 * an amber one it can stop for, or a next link closed to it.
 */
export function mustStopAt(traffic: Traffic, link: number, next: number, cls: number, speed: number, toEndM: number, nowS: number): boolean {
  const network = traffic.network;
  const signal = network.linkSignal[link];
  if (signal >= 0) {
    const plan = traffic.signals[signal];
    // An explicit program shows each movement its own state; the two default phases, each approach.
    const state = !plan.program ? signalStateAt(plan, traffic.linkPhase[link], nowS) : movementStateAt(plan, network.linkInIndex[link] * plan.program.outCount + network.linkOutIndex[next], nowS);
    if (state === SignalState.red) return true;
    if (state === SignalState.amber && speed * speed <= 2 * CLASS_PARAMS[cls].decelMps2 * Math.max(0, toEndM - STOP_LINE_MARGIN_M)) return true;
  }
  return traffic.linkClosed[next] !== 0 && isClosedTo(traffic, next, cls);
}

/**
 * Per lane of a next link: which lane-front vehicle is nearest to entering it (ties to the lower
 * slot). Vehicles heading for different lanes of the same link do not compete, and a vehicle
 * held at a red light, a closure, or waiting to give way at the node claims nothing (it is not
 * about to enter).
 */
export function findMergeFirst(traffic: Traffic, nowS: number): void {
  const { vehicles, network, laneStart, order, mergeFirst, mergeDistanceM, occupiedLanes, mergeSet } = traffic;
  // Reset only the lanes set by the last scan.
  for (let k = 0; k < traffic.mergeSetCount; k++) mergeFirst[mergeSet[k]] = -1;
  traffic.mergeSetCount = 0;
  for (let k = 0; k < traffic.occupiedCount; k++) {
    const l = occupiedLanes[k];
    const front = order[laneStart[l]];
    const route = traffic.routes[vehicles.route[front]];
    const cursor = vehicles.cursor[front];
    if (cursor + 1 >= route.length) continue;
    const next = route[cursor + 1];
    const link = vehicles.link[front];
    const distanceM = network.linkLengthM[link] - vehicles.posM[front];
    if (mustStopAt(traffic, link, next, vehicles.vehicleClass[front], vehicles.speedMps[front], distanceM, nowS)) continue;
    // Nor does one waiting at the node to give way (rightOfWay.ts, last step's decision).
    if (traffic.junctions.laneFrontId[l] === vehicles.id[front] && traffic.junctions.laneHeld[l] !== HELD_NONE) continue;
    const target = network.laneBase[next] + nextLaneOf(traffic.junctions, network, link, vehicles.lane[front], next);
    const first = mergeFirst[target];
    if (first < 0) mergeSet[traffic.mergeSetCount++] = target;
    if (first < 0 || distanceM < mergeDistanceM[target] || (distanceM === mergeDistanceM[target] && front < first)) {
      mergeFirst[target] = front;
      mergeDistanceM[target] = distanceM;
    }
  }
}

/**
 * The IDM acceleration of vehicle i if it drove in `lane` of its link behind vehicle `leader`
 * (a slot, or -1 when nobody is ahead in that lane on this link). Without a leader it looks
 * ahead along its route, link after link, as far as it could need to brake (at least
 * LOOKAHEAD_MIN_M, at most MAX_LOOKAHEAD_LINKS links): at each link end the stop line (red or
 * amber signal, closed next link), the vehicle nearer to entering the same lane from another
 * approach (merge), and the rearmost vehicle of the lane it will take, whichever is nearest.
 * Short links (a few metres between two junctions) are thus seen through. Reads the current
 * state only; used for the vehicle's own lane and, by the lane-change model, for a neighbour's.
 * Writes the acceleration, m/s², into out[at].
 * NOTE: a result written into a typed array rather than returned: V8 boxes every double returned by
 * a function it does not inline (a heap number per call, about 16 bytes: most of the traffic
 * step's garbage when this returned it).
 */
export function accelerationBehind(traffic: Traffic, i: number, lane: number, leader: number, nowS: number, out: Float64Array, at: number): void {
  const { vehicles, network, laneRear, mergeFirst, mergeDistanceM } = traffic;
  const cls = vehicles.vehicleClass[i];
  const params = CLASS_PARAMS[cls];
  const link = vehicles.link[i];
  const pos = vehicles.posM[i];
  const speed = vehicles.speedMps[i];
  let gapM = Infinity;
  let leaderSpeed = 0;
  // An occupied zebra ahead on this link, before the leader: a stop line.
  const stoppingM = comfortableStopM(speed, vehicles.accelMps2[i], params.decelMps2);
  const zebraGapM = traffic.zebraStart[link] < traffic.zebraStart[link + 1] ? occupiedZebraAheadM(traffic, link, pos, 0, stoppingM) : Infinity;
  if (zebraGapM < Infinity) {
    gapM = zebraGapM;
    leaderSpeed = 0;
  }
  // A node ahead where it must give way this step: a stop line.
  const giveWayGapM = traffic.junctions.stopGapM[i];
  if (giveWayGapM < gapM) {
    gapM = giveWayGapM;
    leaderSpeed = 0;
  }
  if (leader >= 0) {
    const leaderGapM = vehicles.posM[leader] - CLASS_PARAMS[vehicles.vehicleClass[leader]].lengthM - pos;
    if (leaderGapM < gapM) {
      gapM = leaderGapM;
      leaderSpeed = vehicles.speedMps[leader];
    }
  } else {
    const route = traffic.routes[vehicles.route[i]];
    const horizonM = Math.max(LOOKAHEAD_MIN_M, (speed * speed) / (2 * params.decelMps2) + 2 * speed * params.timeGapS + params.minGapM);
    let aheadM = network.linkLengthM[link] - pos;
    let current = link;
    let laneAt = lane;
    for (let k = vehicles.cursor[i], hop = 0; k + 1 < route.length && hop < MAX_LOOKAHEAD_LINKS && aheadM < horizonM && aheadM < gapM; k++, hop++) {
      const next = route[k + 1];
      if (mustStopAt(traffic, current, next, cls, speed, aheadM, nowS) && aheadM - STOP_LINE_MARGIN_M < gapM) {
        gapM = aheadM - STOP_LINE_MARGIN_M;
        leaderSpeed = 0;
        break;
      }
      const target = network.laneBase[next] + nextLaneOf(traffic.junctions, network, current, laneAt, next);
      // A vehicle nearer to entering that lane from another approach goes first.
      const first = mergeFirst[target];
      if (first >= 0 && first !== i) {
        const gapBehindM = aheadM - mergeDistanceM[target] - CLASS_PARAMS[vehicles.vehicleClass[first]].lengthM;
        if (gapBehindM < gapM) {
          gapM = gapBehindM;
          leaderSpeed = vehicles.speedMps[first];
        }
      }
      // Its rearmost vehicle: the one to follow; nothing beyond it matters.
      const rear = laneRear[target];
      if (rear >= 0) {
        const gapToRearM = aheadM + vehicles.posM[rear] - CLASS_PARAMS[vehicles.vehicleClass[rear]].lengthM;
        if (gapToRearM < gapM) {
          gapM = gapToRearM;
          leaderSpeed = vehicles.speedMps[rear];
        }
        break;
      }
      // An occupied zebra on the next link.
      const zebraNextM = traffic.zebraStart[next] < traffic.zebraStart[next + 1] ? occupiedZebraAheadM(traffic, next, 0, aheadM, stoppingM) : Infinity;
      if (zebraNextM < Infinity && aheadM + zebraNextM < gapM) {
        gapM = aheadM + zebraNextM;
        leaderSpeed = 0;
        break;
      }
      aheadM += network.linkLengthM[next];
      current = next;
      laneAt = target - network.laneBase[next];
    }
  }
  // In a turn (rear still in the conflict area past the node): the turning speed is the desired one.
  let desiredMps = desiredSpeedMps(traffic, cls, link);
  const cursor = vehicles.cursor[i];
  if (cursor > 0 && pos - params.lengthM < traffic.junctions.linkBoxM[link]) {
    const m = movementOf(traffic.junctions, network, traffic.routes[vehicles.route[i]][cursor - 1], link);
    if (m >= 0 && traffic.junctions.movementTurnSpeedMps[m] < desiredMps) desiredMps = traffic.junctions.movementTurnSpeedMps[m];
  }
  let accel = idmAccelerationMps2(speed, desiredMps, gapM, speed - leaderSpeed, params.timeGapS, params.minGapM, params.accelMps2, params.decelMps2);
  // A zebra with people on or at it beyond a leader still on the move: the driver brakes for
  // it already (the IDM's acceleration is the least over the obstacles ahead; Treiber and
  // Kesting 2013, section 11.3.4, for stop lines), so yielding does not wait for the leader to pass.
  if (zebraGapM < Infinity && zebraGapM > gapM) accel = Math.min(accel, idmAccelerationMps2(speed, desiredMps, zebraGapM, speed, params.timeGapS, params.minGapM, params.accelMps2, params.decelMps2));
  turnsAheadAccelerationMps2(traffic, i, desiredMps);
  out[at] = Math.min(accel, turnScratch[0]);
}

/** turnsAheadAccelerationMps2's result (see the NOTE of accelerationBehind). */
const turnScratch = new Float64Array(1);

/** Below this distance to a turn, the braking for it is computed as at this distance, m. */
const TURN_MIN_DISTANCE_M = 0.5;

/**
 * Braking for the turns ahead on the route (within the braking horizon, at most
 * MAX_LOOKAHEAD_LINKS nodes): for each turn slower than the vehicle, the constant deceleration
 * that brings it to the turning speed v_turn at the node, b = (v² - v_turn²) / (2 d), d the
 * distance to the node (SUMO's safe approach speed v² = v_turn² + 2 b d, Krajzewicz et al. 2012,
 * solved for b). NOTE: an IDM virtual leader driving at v_turn brakes too late here: the IDM
 * expects the gap to a moving leader to close at v - v_turn, but a turn does not move away.
 * The lowest acceleration, m/s² (Infinity when no turn ahead is slower than the vehicle), written
 * into turnScratch[0].
 */
function turnsAheadAccelerationMps2(traffic: Traffic, i: number, desiredMps: number): void {
  const { vehicles, network, junctions } = traffic;
  const speed = vehicles.speedMps[i];
  const params = CLASS_PARAMS[vehicles.vehicleClass[i]];
  const horizonM = Math.max(LOOKAHEAD_MIN_M, (speed * speed) / (2 * params.decelMps2) + 2 * speed * params.timeGapS + params.minGapM);
  let aheadM = network.linkLengthM[vehicles.link[i]] - vehicles.posM[i];
  turnScratch[0] = Infinity;
  if (aheadM >= horizonM) return;
  const route = traffic.routes[vehicles.route[i]];
  let current = vehicles.link[i];
  let accel = Infinity;
  for (let k = vehicles.cursor[i], hop = 0; k + 1 < route.length && hop < MAX_LOOKAHEAD_LINKS && aheadM < horizonM; k++, hop++) {
    const next = route[k + 1];
    const m = movementOf(junctions, network, current, next);
    const turnMps = m >= 0 ? junctions.movementTurnSpeedMps[m] : Infinity;
    if (turnMps < speed) {
      const a = -(speed * speed - turnMps * turnMps) / (2 * Math.max(aheadM, TURN_MIN_DISTANCE_M));
      if (a < accel) accel = Math.max(a, -MAX_BRAKING_MPS2);
    }
    aheadM += network.linkLengthM[next];
    current = next;
  }
  turnScratch[0] = accel;
}
