/**
 * What a vehicle's car-following acceleration depends on: its leader in a lane, or at the front
 * of its link the stop line (a red or amber signal), the vehicle nearest to entering its next link
 * from another approach (first come, first served at a merge), and the rearmost vehicle of the
 * lane it will take there. Shared by the traffic step and the lane-change model; reads the
 * current state only.
 */
import { idmAccelerationMps2 } from './IntelligentDriverModel.ts';
import { signalStateAt, SignalState } from './SignalPlans.ts';
import type { Traffic } from './Traffic.ts';
import { EMERGENCY_CLASS, VEHICLE_CLASS_NAMES, VEHICLE_CLASSES, type VehicleClassParams } from './vehicleClasses.ts';
import { CLOSED_EXCEPT_EMERGENCY, CLOSED_TO_ALL } from './closures.ts';

/** Class parameters by class index. */
export const CLASS_PARAMS: VehicleClassParams[] = VEHICLE_CLASS_NAMES.map((name) => VEHICLE_CLASSES[name]);
/** Vehicles stop this far before the stop line, m. */
const STOP_LINE_MARGIN_M = 1;

/** The desired speed of vehicle class `cls` on link `link`, m/s. */
export function desiredSpeedMps(traffic: Traffic, cls: number, link: number): number {
  const params = CLASS_PARAMS[cls];
  return Math.min(params.maxSpeedMps, traffic.network.linkSpeedMps[link] * params.speedFactor);
}

/**
 * Per lane of a next link: which lane-front vehicle is nearest to entering it (ties to the lower
 * slot). Vehicles heading for different lanes of the same link do not compete.
 */
export function findMergeFirst(traffic: Traffic): void {
  const { vehicles, network, laneStart, order, mergeFirst, mergeDistanceM } = traffic;
  mergeFirst.fill(-1);
  for (let l = 0; l < network.laneCount; l++) {
    if (laneStart[l + 1] === laneStart[l]) continue;
    const front = order[laneStart[l]];
    const route = traffic.routes[vehicles.route[front]];
    const cursor = vehicles.cursor[front];
    if (cursor + 1 >= route.length) continue;
    const next = route[cursor + 1];
    const target = network.laneBase[next] + Math.min(vehicles.lane[front], network.linkLanes[next] - 1);
    const distanceM = network.linkLengthM[vehicles.link[front]] - vehicles.posM[front];
    const first = mergeFirst[target];
    if (first < 0 || distanceM < mergeDistanceM[target] || (distanceM === mergeDistanceM[target] && front < first)) {
      mergeFirst[target] = front;
      mergeDistanceM[target] = distanceM;
    }
  }
}

/**
 * The IDM acceleration of vehicle i if it drove in `lane` of its link behind vehicle `leader`
 * (a slot, or -1 when nobody is ahead in that lane on this link: then the stop line, the next
 * link's rearmost vehicle in the lane it would take, and the merge decide). Reads the current
 * state only; used for the vehicle's own lane and, by the lane-change model, for a neighbour's.
 */
export function accelerationBehind(traffic: Traffic, i: number, lane: number, leader: number, nowS: number): number {
  const { vehicles, network, laneRear, mergeFirst, mergeDistanceM } = traffic;
  const cls = vehicles.vehicleClass[i];
  const params = CLASS_PARAMS[cls];
  const link = vehicles.link[i];
  const pos = vehicles.posM[i];
  const speed = vehicles.speedMps[i];
  let gapM = Infinity;
  let leaderSpeed = 0;
  if (leader >= 0) {
    gapM = vehicles.posM[leader] - CLASS_PARAMS[vehicles.vehicleClass[leader]].lengthM - pos;
    leaderSpeed = vehicles.speedMps[leader];
  } else {
    const route = traffic.routes[vehicles.route[i]];
    const cursor = vehicles.cursor[i];
    const toEndM = network.linkLengthM[link] - pos;
    if (cursor + 1 < route.length) {
      // The stop line, when its signal says stop.
      const signal = network.linkSignal[link];
      if (signal >= 0) {
        const state = signalStateAt(traffic.signals[signal], traffic.linkPhase[link], nowS);
        const canStop = speed * speed <= 2 * params.decelMps2 * Math.max(0, toEndM - STOP_LINE_MARGIN_M);
        if (state === SignalState.red || (state === SignalState.amber && canStop)) {
          gapM = toEndM - STOP_LINE_MARGIN_M;
          leaderSpeed = 0;
        }
      }
      // The lane it will take on its next link.
      const next = route[cursor + 1];
      // A closed link (road closure, raised bollards) is a stop line, unless it lets this vehicle through.
      const closed = traffic.linkClosed[next];
      if (closed === CLOSED_TO_ALL || (closed === CLOSED_EXCEPT_EMERGENCY && cls !== EMERGENCY_CLASS)) {
        const gapToClosureM = toEndM - STOP_LINE_MARGIN_M;
        if (gapToClosureM < gapM) {
          gapM = gapToClosureM;
          leaderSpeed = 0;
        }
      }
      const target = network.laneBase[next] + Math.min(lane, network.linkLanes[next] - 1);
      // A vehicle nearer to entering that lane from another approach goes first.
      const first = mergeFirst[target];
      if (first >= 0 && first !== i) {
        const gapBehindM = toEndM - mergeDistanceM[target] - CLASS_PARAMS[vehicles.vehicleClass[first]].lengthM;
        if (gapBehindM < gapM) {
          gapM = gapBehindM;
          leaderSpeed = vehicles.speedMps[first];
        }
      }
      // Its rearmost vehicle.
      const rear = laneRear[target];
      if (rear >= 0) {
        const gapToRearM = toEndM + vehicles.posM[rear] - CLASS_PARAMS[vehicles.vehicleClass[rear]].lengthM;
        if (gapToRearM < gapM) {
          gapM = gapToRearM;
          leaderSpeed = vehicles.speedMps[rear];
        }
      }
    }
  }
  return idmAccelerationMps2(speed, desiredSpeedMps(traffic, cls, link), gapM, speed - leaderSpeed, params.timeGapS, params.minGapM, params.accelMps2, params.decelMps2);
}

