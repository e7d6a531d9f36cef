/**
 * One traffic step, in the order of the step pipeline's contract (read the current state, write
 * the next, then commit):
 *   1. sort the vehicles by lane, front first (counting sort by lane, insertion sort by
 *      position: nearly sorted from one step to the next);
 *   2. insert the vehicles due from the demand at the start of their first link (then sort
 *      again if any came in);
 *   3. compute every vehicle's IDM acceleration from the current state: the leader in its lane,
 *      or at the front of a link the stop line (red or amber signal), the rearmost vehicle of
 *      the lane it will take on its next link, or the vehicle nearest to entering that same
 *      link from another approach (first come, first served at a merge; crossing conflicts
 *      between different next links are not modelled yet);
 *   4. move every vehicle (ballistic update, Treiber and Kanagaraj 2015: x += v dt + a dt²/2,
 *      v += a dt, stopping exactly where v reaches 0), count detector passages, hand vehicles
 *      over to their next link, and take those at the end of their route off the road.
 * No allocation per step: scratch arrays live in the Traffic state.
 */
import { pushSeries } from '../measurement/GrowableSeries.ts';
import { idmAccelerationMps2 } from './IntelligentDriverModel.ts';
import { signalStateAt, SignalState } from './SignalPlans.ts';
import type { Traffic } from './Traffic.ts';
import { addVehicle, removeVehicleAt } from './VehicleStore.ts';
import { VEHICLE_CLASS_NAMES, VEHICLE_CLASSES, type VehicleClassParams } from './vehicleClasses.ts';

const CLASS_PARAMS: VehicleClassParams[] = VEHICLE_CLASS_NAMES.map((name) => VEHICLE_CLASSES[name]);
/** Vehicles stop this far before the stop line, m. */
const STOP_LINE_MARGIN_M = 1;

/** Advances the traffic by one step of `stepS` at tick `tick`. */
export function stepVehicles(traffic: Traffic, tick: number, stepS: number): void {
  // Sorted first, so that insertion sees where the rearmost vehicle of each lane is now.
  sortByLane(traffic);
  if (insertDueVehicles(traffic, tick, stepS) > 0) sortByLane(traffic);
  computeAccelerations(traffic, tick * stepS);
  moveVehicles(traffic, tick, stepS);
}

/** The desired speed of vehicle class `cls` on link `link`, m/s. */
function desiredSpeedMps(traffic: Traffic, cls: number, link: number): number {
  const params = CLASS_PARAMS[cls];
  return Math.min(params.maxSpeedMps, traffic.network.linkSpeedMps[link] * params.speedFactor);
}

/**
 * Demand: vehicles due by now (evenly spread: floor(rate x elapsed)) enter their first link at
 * position 0 in the lane with the most room, at the speed of the vehicle ahead (or their desired
 * speed on a free lane) once the gap is the IDM's s0 + v T for that speed (as SUMO's
 * departSpeed="max"); with no room they wait (backlog).
 */
function insertDueVehicles(traffic: Traffic, tick: number, stepS: number): number {
  const nowS = tick * stepS;
  let inserted = 0;
  const { vehicles, network } = traffic;
  for (let d = 0; d < traffic.demand.length; d++) {
    const demand = traffic.demand[d];
    if (demand.route === null || nowS < demand.fromS) continue;
    const due = Math.floor((demand.vehiclesPerHour * (Math.min(nowS, demand.toS) - demand.fromS)) / 3600 + 1e-9) + 1;
    let toInsert = Math.min(due, Math.ceil((demand.vehiclesPerHour * (demand.toS - demand.fromS)) / 3600 - 1e-9)) - demand.inserted;
    const link = demand.route[0];
    const params = CLASS_PARAMS[demand.classIndex];
    while (toInsert > 0) {
      // The lane whose rearmost vehicle is farthest from the start.
      let bestLane = -1;
      let bestGapM = -Infinity;
      let bestLeaderSpeed = 0;
      for (let lane = 0; lane < network.linkLanes[link]; lane++) {
        const rear = traffic.laneRear[network.laneBase[link] + lane];
        const gapM = rear < 0 ? Infinity : vehicles.posM[rear] - CLASS_PARAMS[vehicles.vehicleClass[rear]].lengthM;
        if (gapM > bestGapM) {
          bestGapM = gapM;
          bestLane = lane;
          bestLeaderSpeed = rear < 0 ? Infinity : vehicles.speedMps[rear];
        }
      }
      const v0 = desiredSpeedMps(traffic, demand.classIndex, link);
      // At the leader's speed (or the desired one), once the gap is the IDM's s0 + v T for it:
      // not earlier at a crawl, which would make the entrance the bottleneck.
      const speedMps = Math.min(v0, bestLeaderSpeed);
      if (bestGapM < params.minGapM + speedMps * params.timeGapS || bestGapM < params.minGapM + 1) break;
      const slot = addVehicle(vehicles, traffic.nextId++, demand.classIndex, link, bestLane, 0, speedMps, d, tick);
      traffic.laneRear[network.laneBase[link] + bestLane] = slot;
      demand.inserted++;
      inserted++;
      toInsert--;
    }
    demand.backlog = Math.max(0, toInsert);
  }
  if (traffic.order.length < vehicles.capacity) {
    // The store grew (more vehicles on the road than planned for): grow the sorting scratch.
    traffic.order = new Int32Array(vehicles.capacity);
    traffic.rank = new Int32Array(vehicles.capacity);
  }
  return inserted;
}

/** Counting sort by global lane, then insertion sort by position (front first) within each lane. */
function sortByLane(traffic: Traffic): void {
  const { vehicles, network, laneStart, order, rank, laneRear } = traffic;
  const n = vehicles.count;
  laneStart.fill(0);
  for (let i = 0; i < n; i++) laneStart[network.laneBase[vehicles.link[i]] + vehicles.lane[i] + 1]++;
  for (let l = 0; l < network.laneCount; l++) laneStart[l + 1] += laneStart[l];
  // Scatter (laneRear doubles as the fill cursor, then is set to the rearmost).
  for (let l = 0; l < network.laneCount; l++) laneRear[l] = laneStart[l];
  for (let i = 0; i < n; i++) {
    const lane = network.laneBase[vehicles.link[i]] + vehicles.lane[i];
    order[laneRear[lane]++] = i;
  }
  const pos = vehicles.posM;
  for (let l = 0; l < network.laneCount; l++) {
    const start = laneStart[l];
    const end = laneStart[l + 1];
    for (let a = start + 1; a < end; a++) {
      const v = order[a];
      const p = pos[v];
      let b = a - 1;
      while (b >= start && (pos[order[b]] < p || (pos[order[b]] === p && order[b] > v))) {
        order[b + 1] = order[b];
        b--;
      }
      order[b + 1] = v;
    }
    laneRear[l] = end > start ? order[end - 1] : -1;
    for (let a = start; a < end; a++) rank[order[a]] = a;
  }
}

/** Per link: which lane-front vehicle is nearest to entering it (ties to the lower slot). */
function findMergeFirst(traffic: Traffic): void {
  const { vehicles, network, laneStart, order, mergeFirst, mergeDistanceM } = traffic;
  mergeFirst.fill(-1);
  for (let l = 0; l < network.laneCount; l++) {
    if (laneStart[l + 1] === laneStart[l]) continue;
    const front = order[laneStart[l]];
    const route = traffic.demand[vehicles.demand[front]].route!;
    const cursor = vehicles.cursor[front];
    if (cursor + 1 >= route.length) continue;
    const next = route[cursor + 1];
    const distanceM = network.linkLengthM[vehicles.link[front]] - vehicles.posM[front];
    const first = mergeFirst[next];
    if (first < 0 || distanceM < mergeDistanceM[next] || (distanceM === mergeDistanceM[next] && front < first)) {
      mergeFirst[next] = front;
      mergeDistanceM[next] = distanceM;
    }
  }
}

/** IDM accelerations of every vehicle, from the current positions and speeds only. */
function computeAccelerations(traffic: Traffic, nowS: number): void {
  const { vehicles, network, laneStart, order, rank, laneRear, mergeFirst, mergeDistanceM } = traffic;
  const n = vehicles.count;
  findMergeFirst(traffic);
  for (let i = 0; i < n; i++) {
    const cls = vehicles.vehicleClass[i];
    const params = CLASS_PARAMS[cls];
    const link = vehicles.link[i];
    const lane = vehicles.lane[i];
    const globalLane = network.laneBase[link] + lane;
    const pos = vehicles.posM[i];
    const speed = vehicles.speedMps[i];
    let gapM = Infinity;
    let leaderSpeed = 0;
    const r = rank[i];
    if (r > laneStart[globalLane]) {
      const leader = order[r - 1];
      gapM = vehicles.posM[leader] - CLASS_PARAMS[vehicles.vehicleClass[leader]].lengthM - pos;
      leaderSpeed = vehicles.speedMps[leader];
    } else {
      const route = traffic.demand[vehicles.demand[i]].route!;
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
        // The rearmost vehicle of the lane it will take on its next link.
        const next = route[cursor + 1];
        // A vehicle nearer to entering the same link from another approach goes first.
        const first = mergeFirst[next];
        if (first >= 0 && first !== i) {
          const gapBehindM = toEndM - mergeDistanceM[next] - CLASS_PARAMS[vehicles.vehicleClass[first]].lengthM;
          if (gapBehindM < gapM) {
            gapM = gapBehindM;
            leaderSpeed = vehicles.speedMps[first];
          }
        }
        const rear = laneRear[network.laneBase[next] + Math.min(lane, network.linkLanes[next] - 1)];
        if (rear >= 0) {
          const gapToRearM = toEndM + vehicles.posM[rear] - CLASS_PARAMS[vehicles.vehicleClass[rear]].lengthM;
          if (gapToRearM < gapM) {
            gapM = gapToRearM;
            leaderSpeed = vehicles.speedMps[rear];
          }
        }
      }
    }
    vehicles.accelMps2[i] = idmAccelerationMps2(speed, desiredSpeedMps(traffic, cls, link), gapM, speed - leaderSpeed, params.timeGapS, params.minGapM, params.accelMps2, params.decelMps2);
  }
}

/** Ballistic update, detectors, link hand-over and arrivals. */
function moveVehicles(traffic: Traffic, tick: number, stepS: number): void {
  const { vehicles, network, detectors } = traffic;
  const nowS = (tick + 1) * stepS;
  for (let i = vehicles.count - 1; i >= 0; i--) {
    const speed = vehicles.speedMps[i];
    const accel = vehicles.accelMps2[i];
    let advanceM: number;
    let nextSpeed = speed + accel * stepS;
    if (nextSpeed < 0) {
      // Stops within the step: where v reaches 0 (Treiber and Kanagaraj 2015, eq. 6).
      advanceM = accel < 0 ? (-speed * speed) / (2 * accel) : 0;
      nextSpeed = 0;
    } else {
      advanceM = speed * stepS + 0.5 * accel * stepS * stepS;
    }
    const before = vehicles.posM[i];
    let pos = before + advanceM;
    let link = vehicles.link[i];
    traffic.distanceM += advanceM;
    traffic.timeS += stepS;
    for (let k = 0; k < detectors.length; k++) {
      const detector = detectors[k];
      if (detector.link === link && before < detector.positionM && pos >= detector.positionM) {
        detector.count++;
        if (detector.firstS < 0) detector.firstS = nowS;
        detector.lastS = nowS;
        pushSeries(detector.timesS, nowS);
      }
    }
    vehicles.speedMps[i] = nextSpeed;
    // Hand-over to the next links of the route (a short link can be crossed within a step).
    const route = traffic.demand[vehicles.demand[i]].route!;
    let cursor = vehicles.cursor[i];
    let arrived = false;
    while (pos >= network.linkLengthM[link]) {
      if (cursor + 1 >= route.length) {
        arrived = true;
        break;
      }
      pos -= network.linkLengthM[link];
      cursor++;
      link = route[cursor];
      vehicles.lane[i] = Math.min(vehicles.lane[i], network.linkLanes[link] - 1);
    }
    if (arrived) {
      traffic.arrived++;
      traffic.travelTimeSumS += nowS - vehicles.departTick[i] * stepS;
      removeVehicleAt(vehicles, i);
      continue;
    }
    vehicles.posM[i] = pos;
    vehicles.link[i] = link;
    vehicles.cursor[i] = cursor;
  }
}
