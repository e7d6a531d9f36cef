/**
 * One traffic step, in the order of the step pipeline's contract (read the current state, write
 * the next, then commit):
 *   0. open and close roads (closures, bollards), re-routing when one changed (closures.ts);
 *   1. sort the vehicles by lane, front first (counting sort by lane, insertion sort by
 *      position: nearly sorted from one step to the next);
 *   2. insert the vehicles due from the demand (a constant rate or a time profile over the
 *      entry's window, DemandQueue.ts) at the start of their first link (then sort again if any
 *      came in);
 *   3. decide the right of way at junctions (rightOfWay.ts; movements, conflicts and turning
 *      speeds in junctions.ts): which lane-front vehicle may enter the conflict area past its
 *      next node and which waits there (gap acceptance against priority vehicles, priority roads,
 *      priorité à droite, left turns yielding to oncoming traffic, a busy conflict area, a full
 *      exit, and the gridlock rule); then compute every vehicle's IDM acceleration from the
 *      current state (followingAcceleration.ts): the leader in its lane, an occupied zebra, a node
 *      where it must give way, or, looking ahead along its route, stop lines (red or amber signal,
 *      closed link), merges (first come, first served into the same lane) and the rearmost vehicle
 *      of the lane it will take; turns ahead are virtual leaders at the turning speed;
 *   4. let vehicles on multi-lane links change lanes (MOBIL, laneChanges.ts);
 *   5. move every vehicle (ballistic update, Treiber and Kanagaraj 2015: x += v dt + a dt²/2,
 *      v += a dt, stopping exactly where v reaches 0), count detector passages, hand vehicles
 *      over to their next link, take those at the end of their route off the road, and record
 *      queues and time-to-collision at occupied zebras.
 * No allocation per step: scratch arrays live in the Traffic state.
 */
import { createSeries, pushSeries } from '../measurement/GrowableSeries.ts';
import type { Traffic } from './Traffic.ts';
import { addVehicle, removeVehicleAt } from './VehicleStore.ts';
import { demandTotal, requeue, takeDueEntries, timeWhenDue, vehiclesDueBy } from './DemandQueue.ts';
import { changeLanes, strategicLaneCost } from './laneChanges.ts';
import { isClosedTo, updateClosures } from './closures.ts';
import { enterClosedLink } from './hostileVehicles.ts';
import { applyActuations } from './actuation.ts';
import { accelerationBehind, CLASS_PARAMS, desiredSpeedMps, findMergeFirst, ZebraState } from './followingAcceleration.ts';
import { arbitrateJunctions } from './rightOfWay.ts';
import { nextLaneOf } from './junctions.ts';
import { idmAccelerationMps2 } from './IntelligentDriverModel.ts';

/** Advances the traffic by one step of `stepS` at tick `tick`. */
export function stepVehicles(traffic: Traffic, tick: number, stepS: number): void {
  // Actuators: the scenario's actions due now, dispatches, emergency pre-emption (actuation.ts).
  applyActuations(traffic, tick, stepS);
  updateClosures(traffic, tick * stepS);
  // Sorted first, so that insertion sees where the rearmost vehicle of each lane is now.
  sortByLane(traffic);
  findMergeFirst(traffic, tick * stepS);
  if (insertDueVehicles(traffic, tick, stepS) > 0) {
    sortByLane(traffic);
    findMergeFirst(traffic, tick * stepS);
  }
  computeAccelerations(traffic, tick * stepS);
  changeLanes(traffic, tick, stepS);
  moveVehicles(traffic, tick, stepS);
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
  const { vehicles, demandQueue } = traffic;
  // Only the entries due now or waiting for room (DemandQueue.ts), in index order.
  const dueCount = takeDueEntries(demandQueue, traffic.demand, traffic.routes.length, nowS);
  for (let k = 0; k < dueCount; k++) {
    const d = demandQueue.due[k];
    if (traffic.demand[d].routeIndex >= 0) inserted += insertFromEntry(traffic, d, nowS, tick);
    requeue(demandQueue, traffic.demand, d);
  }
  if (traffic.order.length < vehicles.capacity) {
    // The store grew (more vehicles on the road than planned for): grow the sorting scratch.
    traffic.order = new Int32Array(vehicles.capacity);
    traffic.rank = new Int32Array(vehicles.capacity);
  }
  return inserted;
}

/** Inserts the vehicles of demand entry `d` due by `nowS` for which there is room; returns how many. */
function insertFromEntry(traffic: Traffic, d: number, nowS: number, tick: number): number {
  const { vehicles, network } = traffic;
  const demand = traffic.demand[d];
  const total = demandTotal(demand);
  const due = Math.floor(vehiclesDueBy(demand, nowS) + 1e-9) + 1;
  let toInsert = Math.min(due, total) - demand.inserted;
  const link = traffic.routes[demand.routeIndex][0];
  const params = CLASS_PARAMS[demand.classIndex];
  // The first link closed to this class: the vehicles due wait.
  if (isClosedTo(traffic, link, demand.classIndex)) {
    demand.backlog = Math.max(0, Math.min(due, total) - demand.inserted);
    return 0;
  }
  let inserted = 0;
  const route = traffic.routes[demand.routeIndex];
  while (toInsert > 0) {
    // Among the lanes connected to the next link (SUMO's departLane="best"), the one whose
    // rearmost vehicle is farthest from the start; ties to the lane that needs fewer changes later.
    let bestLane = -1;
    let bestGapM = -Infinity;
    let bestLeaderSpeed = 0;
    let bestCost = Infinity;
    for (let lane = 0; lane < network.linkLanes[link]; lane++) {
      // Not in front of a vehicle about to come in from upstream that could not follow it.
      const approaching = traffic.mergeFirst[network.laneBase[link] + lane];
      if (approaching >= 0 && !canFollowNewcomer(traffic, approaching, params.lengthM)) continue;
      const rear = traffic.laneRear[network.laneBase[link] + lane];
      const gapM = rear < 0 ? Infinity : vehicles.posM[rear] - CLASS_PARAMS[vehicles.vehicleClass[rear]].lengthM;
      const cost = network.linkLanes[link] > 1 ? strategicLaneCost(traffic, route, 0, lane) : 0;
      const tier = Math.floor(cost);
      const bestTier = Math.floor(bestCost);
      if (tier < bestTier || (tier === bestTier && (gapM > bestGapM || (gapM === bestGapM && cost < bestCost)))) {
        bestGapM = gapM;
        bestLane = lane;
        bestCost = cost;
        bestLeaderSpeed = rear < 0 ? Infinity : vehicles.speedMps[rear];
      }
    }
    const v0 = desiredSpeedMps(traffic, demand.classIndex, link);
    // At the leader's speed (or the desired one), once the gap is the IDM's s0 + v T for it:
    // not earlier at a crawl, which would make the entrance the bottleneck.
    const speedMps = Math.min(v0, bestLeaderSpeed);
    if (bestGapM < params.minGapM + speedMps * params.timeGapS || bestGapM < params.minGapM + 1) break;
    const slot = addVehicle(vehicles, traffic.nextId++, demand.classIndex, link, bestLane, 0, speedMps, d, demand.routeIndex, tick);
    traffic.laneRear[network.laneBase[link] + bestLane] = slot;
    demand.inserted++;
    inserted++;
    toInsert--;
  }
  demand.backlog = Math.max(0, toInsert);
  demand.nextDueS = timeWhenDue(demand, demand.inserted + demand.backlog);
  return inserted;
}

/**
 * True when the vehicle about to enter a link from upstream could follow a newcomer standing at
 * the link's start without braking harder than MOBIL's safe deceleration.
 */
function canFollowNewcomer(traffic: Traffic, approaching: number, newcomerLengthM: number): boolean {
  const { vehicles, network } = traffic;
  const params = CLASS_PARAMS[vehicles.vehicleClass[approaching]];
  const gapM = network.linkLengthM[vehicles.link[approaching]] - vehicles.posM[approaching] - newcomerLengthM;
  const speed = vehicles.speedMps[approaching];
  return idmAccelerationMps2(speed, desiredSpeedMps(traffic, vehicles.vehicleClass[approaching], vehicles.link[approaching]), gapM, speed, params.timeGapS, params.minGapM, params.accelMps2, params.decelMps2) >= -INSERTION_SAFE_DECEL_MPS2;
}

/** An inserted vehicle may ask an approaching one to brake at most this hard, m/s². */
const INSERTION_SAFE_DECEL_MPS2 = 4;

/**
 * Counting sort by global lane, then insertion sort by position (front first) within each lane.
 * Only the occupied lanes are visited: the list of last step's occupied lanes is kept (ascending),
 * lanes emptied since are dropped and reset, lanes newly entered appended, and the list re-sorted
 * (nearly sorted: a few lanes change per step); the lanes' slices of `order` follow in that order.
 */
function sortByLane(traffic: Traffic): void {
  const { vehicles, network, laneStart, laneEnd, order, rank, laneRear, occupiedLanes, laneListed } = traffic;
  const n = vehicles.count;
  const laneBase = network.laneBase;
  // Counts (in laneEnd) of the lanes listed, then of every vehicle's lane, listing new ones.
  let listed = traffic.occupiedCount;
  for (let k = 0; k < listed; k++) laneEnd[occupiedLanes[k]] = 0;
  for (let i = 0; i < n; i++) {
    const lane = laneBase[vehicles.link[i]] + vehicles.lane[i];
    if (laneListed[lane] === 0) {
      laneListed[lane] = 1;
      occupiedLanes[listed++] = lane;
    }
    laneEnd[lane]++;
  }
  // Drop the emptied lanes (their front's right-of-way state too), keep the list ascending.
  let occupied = 0;
  for (let k = 0; k < listed; k++) {
    const lane = occupiedLanes[k];
    if (laneEnd[lane] > 0) {
      occupiedLanes[occupied++] = lane;
      continue;
    }
    laneListed[lane] = 0;
    laneStart[lane] = 0;
    laneRear[lane] = -1;
    traffic.junctions.laneFrontId[lane] = -1;
  }
  for (let a = 1; a < occupied; a++) {
    const lane = occupiedLanes[a];
    let b = a - 1;
    while (b >= 0 && occupiedLanes[b] > lane) {
      occupiedLanes[b + 1] = occupiedLanes[b];
      b--;
    }
    occupiedLanes[b + 1] = lane;
  }
  traffic.occupiedCount = occupied;
  // Slices of `order` in lane order; laneEnd is the scatter cursor, then one past the last.
  let start = 0;
  for (let k = 0; k < occupied; k++) {
    const lane = occupiedLanes[k];
    const size = laneEnd[lane];
    laneStart[lane] = start;
    laneEnd[lane] = start;
    start += size;
  }
  for (let i = 0; i < n; i++) order[laneEnd[laneBase[vehicles.link[i]] + vehicles.lane[i]]++] = i;
  const pos = vehicles.posM;
  for (let k = 0; k < occupied; k++) {
    const l = occupiedLanes[k];
    const first = laneStart[l];
    const end = laneEnd[l];
    for (let a = first + 1; a < end; a++) {
      const v = order[a];
      const p = pos[v];
      let b = a - 1;
      while (b >= first && (pos[order[b]] < p || (pos[order[b]] === p && order[b] > v))) {
        order[b + 1] = order[b];
        b--;
      }
      order[b + 1] = v;
    }
    laneRear[l] = order[end - 1];
    for (let a = first; a < end; a++) rank[order[a]] = a;
  }
}

/** IDM accelerations of every vehicle, from the current positions and speeds only. */
function computeAccelerations(traffic: Traffic, nowS: number): void {
  const { vehicles, network, laneStart, order, rank } = traffic;
  arbitrateJunctions(traffic, nowS);
  for (let i = 0; i < vehicles.count; i++) {
    const r = rank[i];
    const leader = r > laneStart[network.laneBase[vehicles.link[i]] + vehicles.lane[i]] ? order[r - 1] : -1;
    accelerationBehind(traffic, i, vehicles.lane[i], leader, nowS, vehicles.accelMps2, i);
  }
}

/**
 * A vehicle closer than this in time to an occupied zebra is in conflict with the people on it,
 * s (the Swedish traffic conflict technique's serious-conflict threshold, Hydén 1987: 1.5 s).
 */
export const CONFLICT_TTC_S = 1.5;

/** A vehicle slower than this is queued, m/s (the usual stopped-vehicle threshold of queue counts). */
export const QUEUE_SPEED_MPS = 2;

/** Ballistic update, detectors, queues, link hand-over and arrivals. */
function moveVehicles(traffic: Traffic, tick: number, stepS: number): void {
  const { vehicles, network, detectors, queueNow } = traffic;
  const nowS = (tick + 1) * stepS;
  queueNow.fill(0);
  // NOTE: summed in locals and stored once: a double field of the (large) Traffic object written
  // per vehicle allocated a heap number each time (about 16 kB per step with 400 vehicles).
  let distanceSumM = traffic.distanceM;
  traffic.timeS += vehicles.count * stepS;
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
    distanceSumM += advanceM;
    traffic.linkVehicleS[link] += stepS;
    traffic.linkVehicleM[link] += advanceM;
    traffic.laneVehicleS[network.laneBase[link] + vehicles.lane[i]] += stepS;
    traffic.laneVehicleM[network.laneBase[link] + vehicles.lane[i]] += advanceM;
    for (let k = 0; k < detectors.length; k++) {
      const detector = detectors[k];
      if (detector.link === link && before < detector.positionM && pos >= detector.positionM) {
        detector.count++;
        if (detector.firstS < 0) detector.firstS = nowS;
        detector.lastS = nowS;
        pushSeries(detector.timesS, nowS);
      }
    }
    // Hand-over to the next links of the route (a short link can be crossed within a step).
    const route = traffic.routes[vehicles.route[i]];
    let cursor = vehicles.cursor[i];
    let arrived = false;
    let stoppedByBollards = false;
    while (pos >= network.linkLengthM[link]) {
      if (cursor + 1 >= route.length) {
        arrived = true;
        break;
      }
      pos -= network.linkLengthM[link];
      traffic.linkOutflow[link]++;
      cursor++;
      // Into the lane its lane connects to (laneConnections.ts).
      vehicles.lane[i] = nextLaneOf(traffic.junctions, network, link, vehicles.lane[i], route[cursor]);
      link = route[cursor];
      // Into a closed link (only a vehicle that forces it gets here): incidents, bollards.
      if (traffic.linkClosed[link] !== 0) {
        const goOnMps = enterClosedLink(traffic, i, vehicles.vehicleClass[i], link, nextSpeed, nowS);
        if (goOnMps < 0) {
          stoppedByBollards = true;
          break;
        }
        nextSpeed = goOnMps;
      }
    }
    vehicles.speedMps[i] = nextSpeed;
    if (stoppedByBollards) {
      // Wrecked against the bollards (the incident says where): off the road, not arrived.
      removeVehicleAt(vehicles, i);
      continue;
    }
    if (arrived) {
      const tripS = nowS - vehicles.departTick[i] * stepS;
      const demand = traffic.demand[vehicles.demand[i]];
      traffic.arrived++;
      traffic.travelTimeSumS += tripS;
      demand.arrived++;
      demand.travelTimeSumS += tripS;
      pushSeries(traffic.tripTimesS[vehicles.demand[i]] ??= createSeries(), tripS);
      removeVehicleAt(vehicles, i);
      continue;
    }
    vehicles.posM[i] = pos;
    vehicles.link[i] = link;
    vehicles.cursor[i] = cursor;
    if (nextSpeed < QUEUE_SPEED_MPS) queueNow[link]++;
    // Conflicts with people on a zebra ahead: time-to-collision = distance / speed.
    for (let k = traffic.zebraStart[link]; k < traffic.zebraStart[link + 1]; k++) {
      const zebra = traffic.zebraOrder[k];
      if (traffic.zebraOccupied[zebra] !== ZebraState.someoneOn || nextSpeed <= 0.1) continue;
      const distanceM = traffic.zebraPositionM[zebra] - pos;
      if (distanceM < 0) continue;
      const ttcS = distanceM / nextSpeed;
      if (ttcS < traffic.zebraMinTtcS[zebra]) traffic.zebraMinTtcS[zebra] = ttcS;
      if (ttcS < CONFLICT_TTC_S) traffic.zebraConflictSteps[zebra]++;
      break;
    }
  }
  traffic.distanceM = distanceSumM;
  const { queueMax, queueMaxAtS } = traffic;
  for (let link = 0; link < network.linkCount; link++) {
    if (queueNow[link] > queueMax[link]) {
      queueMax[link] = queueNow[link];
      queueMaxAtS[link] = nowS;
    }
  }
}
