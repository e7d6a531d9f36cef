/**
 * Right of way at junctions, decided once per step from the current state (before the
 * accelerations): which vehicle at the front of its lane may enter the conflict area past its next
 * node, and which must wait at the node as at a stop line (junctions.ts holds the movements, their
 * conflicts and who gives way). The model is SUMO's junction model reduced to its core
 * (Krajzewicz et al. 2012, "Recent development and applications of SUMO"; MSLink::opened, which
 * compares a foe's arrival with one's own leaving time), with gap acceptance as in Treiber and
 * Kesting 2013 ("Traffic Flow Dynamics", ch. 14: a driver enters or crosses a priority stream when
 * the gap to the next priority vehicle exceeds a critical gap):
 *
 *  1. Vehicles in a conflict area (rear not yet out of it) make their movement busy until they
 *     are expected to leave it (for ever while they stand still: a queue reaches into it).
 *  2. Vehicles free to go (not held at a red light, a closure or a full exit) announce when they
 *     will reach each node ahead (the first few of each lane at their next node; the lane's front
 *     vehicle up to MAX_NODES_AHEAD nodes ahead, so that short links are seen through).
 *  3. In lane order, each lane's front vehicle, at each node ahead with crossing conflicts:
 *     - drives on if it can no longer stop comfortably (it has committed; it marks its window);
 *     - else waits if its exit has no room beyond the conflict area ("do not block the junction",
 *       Code de la route R415-2), or if a crossing movement is busy within its own window
 *       [arrival, leaving] widened by CLEARANCE_S;
 *     - else waits if a priority vehicle will arrive before max(t_c, its own leaving time +
 *       CLEARANCE_S), t_c the movement's critical gap (HCM 2010, junctions.ts);
 *     - else goes, and marks its window busy, so that a conflicting vehicle decided after it in
 *       the same step waits: two vehicles of crossing movements never enter together.
 *  Gridlock: a ring of drivers each giving way to the next (four cars at a "priorité à droite"
 *  crossing) would wait for ever. A driver who has waited GRIDLOCK_WAIT_S at the node and longer
 *  than a priority driver who is himself standing and waiting to give way ignores that one (the
 *  longest waiter goes first: a total order, by time then lane, so exactly one goes).
 * Writes the Junctions scratch only; no allocation per step.
 */
import { CLASS_PARAMS, desiredSpeedMps, mustStopAt, STOP_LINE_MARGIN_M } from './followingAcceleration.ts';
import { HELD_AREA_BUSY, HELD_GIVING_WAY, HELD_NO_ROOM, HELD_NONE, movementOf, nextLaneOf, type Junctions } from './junctions.ts';
import type { Traffic } from './Traffic.ts';

/** Safety margin between two uses of crossing paths, s (SUMO's default "jmTimegapMinor" is 1 s). */
export const CLEARANCE_S = 1;
/** A driver who waits this long to give way to a driver who waits too may go, s (our choice: a few seconds of eye contact). */
export const GRIDLOCK_WAIT_S = 3;
/** Vehicles of a lane that announce their arrival at the next node. */
const ANNOUNCED_PER_LANE = 3;
/** Nodes ahead that a lane's front vehicle announces itself to and decides at. */
const MAX_NODES_AHEAD = 3;
/** Announce and decide within this distance at least, m, and within ANNOUNCE_S of driving. */
const HORIZON_MIN_M = 60;
const ANNOUNCE_S = 8;
/** Slower than this, with no push forward, a vehicle stands still, m/s. */
const STANDING_MPS = 0.5;
/** A vehicle moving slower than this is queued (the exit beyond it is full), m/s. */
const QUEUED_MPS = 2;

/**
 * Time to drive `distanceM` from speed `speedMps`, accelerating at `accelMps2` up to `capMps`, s
 * (a vehicle faster than the cap keeps its speed: an early, safe estimate for a priority vehicle).
 */
export function timeToCoverS(distanceM: number, speedMps: number, capMps: number, accelMps2: number): number {
  if (distanceM <= 0) return 0;
  if (speedMps >= capMps) return distanceM / Math.max(speedMps, 0.1);
  const accelM = (capMps * capMps - speedMps * speedMps) / (2 * accelMps2);
  if (distanceM <= accelM) return (Math.sqrt(speedMps * speedMps + 2 * accelMps2 * distanceM) - speedMps) / accelMps2;
  return (capMps - speedMps) / accelMps2 + (distanceM - accelM) / capMps;
}

/** Decides who enters which conflict area this step; sets `junctions.stopGapM` per vehicle. */
export function arbitrateJunctions(traffic: Traffic, nowS: number): void {
  const junctions = traffic.junctions;
  const { vehicles } = traffic;
  if (junctions.stopGapM.length < vehicles.capacity) junctions.stopGapM = new Float64Array(vehicles.capacity);
  junctions.stopGapM.fill(Infinity, 0, vehicles.count);
  if (junctions.conflictFoe.length === 0) return;
  // Only the movements written last step go back to their rest values.
  for (let k = 0; k < junctions.touchedCount; k++) {
    const m = junctions.touchedMovements[k];
    junctions.busyFromS[m] = Infinity;
    junctions.busyToS[m] = -Infinity;
    junctions.arriveS[m] = Infinity;
    junctions.arriveVehicle[m] = -1;
    junctions.movementTouched[m] = 0;
  }
  junctions.touchedCount = 0;
  markConflictAreas(traffic, junctions);
  announceArrivals(traffic, junctions, nowS);
  const { laneStart, order, occupiedLanes } = traffic;
  // Occupied lanes only, ascending (an emptied lane's front was reset by the sort, stepVehicles.ts).
  for (let k = 0; k < traffic.occupiedCount; k++) {
    const l = occupiedLanes[k];
    const front = order[laneStart[l]];
    if (junctions.laneFrontId[l] !== vehicles.id[front]) {
      junctions.laneFrontId[l] = vehicles.id[front];
      junctions.laneWaitSinceS[l] = Infinity;
    }
    const held = decide(traffic, junctions, front, l, nowS);
    // Waiting counts from the first hold of this front vehicle, until it has passed the node (a
    // driver let go by the gridlock rule keeps his turn while he moves off).
    if (held !== HELD_NONE && junctions.laneWaitSinceS[l] === Infinity) junctions.laneWaitSinceS[l] = nowS;
    junctions.laneHeld[l] = held;
  }
}

/** 1. Movements busy with the vehicles in their conflict area. */
function markConflictAreas(traffic: Traffic, junctions: Junctions): void {
  const { vehicles, network } = traffic;
  for (let i = 0; i < vehicles.count; i++) {
    const cursor = vehicles.cursor[i];
    if (cursor === 0) continue;
    const link = vehicles.link[i];
    const params = CLASS_PARAMS[vehicles.vehicleClass[i]];
    const tailM = vehicles.posM[i] - params.lengthM;
    if (tailM >= junctions.linkBoxM[link]) continue;
    const m = movementOf(junctions, network, traffic.routes[vehicles.route[i]][cursor - 1], link);
    if (m < 0 || junctions.conflictStart[m + 1] === junctions.conflictStart[m]) continue;
    const speed = vehicles.speedMps[i];
    const leaveS = speed < STANDING_MPS && vehicles.accelMps2[i] <= 0
      ? Infinity
      : timeToCoverS(junctions.linkBoxM[link] - tailM, speed, Math.min(desiredSpeedMps(traffic, vehicles.vehicleClass[i], link), junctions.movementTurnSpeedMps[m]), params.accelMps2);
    touch(junctions, m);
    junctions.busyFromS[m] = 0;
    if (leaveS > junctions.busyToS[m]) junctions.busyToS[m] = leaveS;
  }
}

/**
 * 2. The earliest arrival at each movement of a vehicle free to go. Followers arrive no earlier
 * than a time gap after the vehicle ahead, and not at all behind a front vehicle that is held (at
 * a red light, or standing to give way): they cannot pass it.
 */
function announceArrivals(traffic: Traffic, junctions: Junctions, nowS: number): void {
  const { vehicles, laneStart, laneEnd, order, occupiedLanes } = traffic;
  for (let k = 0; k < traffic.occupiedCount; k++) {
    const l = occupiedLanes[k];
    const start = laneStart[l];
    const end = Math.min(laneEnd[l], start + ANNOUNCED_PER_LANE);
    const front = order[start];
    const frontKnown = junctions.laneFrontId[l] === vehicles.id[front];
    // A front vehicle held by a full exit claims nothing (it is not about to come), nor do those behind it.
    if (frontKnown && junctions.laneHeld[l] === HELD_NO_ROOM) continue;
    const frontStanding = frontKnown && junctions.laneHeld[l] !== HELD_NONE && vehicles.speedMps[front] < STANDING_MPS;
    let aheadArriveS = -Infinity;
    for (let r = start; r < end; r++) {
      const i = order[r];
      const arriveS = announce(traffic, junctions, i, r === start ? MAX_NODES_AHEAD : 1, aheadArriveS, nowS);
      if (arriveS === Infinity || (r === start && frontStanding)) break;
      aheadArriveS = arriveS + CLASS_PARAMS[vehicles.vehicleClass[i]].timeGapS;
    }
  }
}

/**
 * Announces vehicle i at up to `nodes` nodes ahead, arriving no earlier than `notBeforeS`; returns
 * its arrival at its next node, s (Infinity when it must stop there: red light, closure).
 */
function announce(traffic: Traffic, junctions: Junctions, i: number, nodes: number, notBeforeS: number, nowS: number): number {
  const { vehicles, network, laneRear } = traffic;
  const cls = vehicles.vehicleClass[i];
  const params = CLASS_PARAMS[cls];
  const speed = vehicles.speedMps[i];
  const route = traffic.routes[vehicles.route[i]];
  const horizonM = Math.max(HORIZON_MIN_M, speed * ANNOUNCE_S);
  let current = vehicles.link[i];
  let laneAt = vehicles.lane[i];
  let aheadM = network.linkLengthM[current] - vehicles.posM[i];
  let firstArriveS = Infinity;
  for (let k = vehicles.cursor[i], hop = 0; k + 1 < route.length && hop < nodes && aheadM < horizonM; k++, hop++) {
    const next = route[k + 1];
    if (mustStopAt(traffic, current, next, cls, speed, aheadM, nowS)) break;
    const m = movementOf(junctions, network, current, next);
    if (m < 0) break;
    const arriveS = Math.max(notBeforeS, timeToCoverS(aheadM, speed, Math.min(desiredSpeedMps(traffic, cls, current), junctions.movementTurnSpeedMps[m]), params.accelMps2));
    if (hop === 0) firstArriveS = arriveS;
    if (junctions.conflictStart[m + 1] > junctions.conflictStart[m] && arriveS < junctions.arriveS[m]) {
      touch(junctions, m);
      junctions.arriveS[m] = arriveS;
      junctions.arriveVehicle[m] = i;
    }
    const target = network.laneBase[next] + nextLaneOf(junctions, network, current, laneAt, next);
    if (laneRear[target] >= 0) break;
    aheadM += network.linkLengthM[next];
    current = next;
    laneAt = target - network.laneBase[next];
  }
  // At the end of its route, it leaves the road there: followers come after it.
  if (vehicles.cursor[i] + 1 >= route.length) return Math.max(notBeforeS, timeToCoverS(aheadM, speed, desiredSpeedMps(traffic, cls, current), params.accelMps2));
  return firstArriveS;
}

/** 3. Whether the front vehicle `i` of lane `l` may go on; sets its stop gap when it may not. */
function decide(traffic: Traffic, junctions: Junctions, i: number, l: number, nowS: number): number {
  const { vehicles, network, laneRear } = traffic;
  const cls = vehicles.vehicleClass[i];
  const speed = vehicles.speedMps[i];
  const route = traffic.routes[vehicles.route[i]];
  const horizonM = Math.max(HORIZON_MIN_M, speed * ANNOUNCE_S);
  let current = vehicles.link[i];
  let laneAt = vehicles.lane[i];
  let aheadM = network.linkLengthM[current] - vehicles.posM[i];
  for (let k = vehicles.cursor[i], hop = 0; k + 1 < route.length && hop < MAX_NODES_AHEAD && aheadM < horizonM; k++, hop++) {
    const next = route[k + 1];
    if (mustStopAt(traffic, current, next, cls, speed, aheadM, nowS)) return HELD_NONE;
    const m = movementOf(junctions, network, current, next);
    if (m < 0) return HELD_NONE;
    const target = network.laneBase[next] + nextLaneOf(junctions, network, current, laneAt, next);
    if (junctions.conflictStart[m + 1] > junctions.conflictStart[m]) {
      const held = giveWay(traffic, junctions, i, l, m, target, aheadM, nowS);
      if (held !== HELD_NONE) {
        junctions.stopGapM[i] = aheadM - STOP_LINE_MARGIN_M;
        return held;
      }
    }
    if (laneRear[target] >= 0) break;
    aheadM += network.linkLengthM[next];
    current = next;
    laneAt = target - network.laneBase[next];
  }
  return HELD_NONE;
}

/** Whether vehicle i, `aheadM` from the node of movement m (into lane `target`), must wait there. */
function giveWay(traffic: Traffic, junctions: Junctions, i: number, l: number, m: number, target: number, aheadM: number, nowS: number): number {
  const { vehicles, network } = traffic;
  const cls = vehicles.vehicleClass[i];
  const params = CLASS_PARAMS[cls];
  const speed = vehicles.speedMps[i];
  const out = junctions.movementOut[m];
  const capMps = Math.min(desiredSpeedMps(traffic, cls, junctions.movementIn[m]), junctions.movementTurnSpeedMps[m]);
  const arriveS = timeToCoverS(aheadM, speed, capMps, params.accelMps2);
  const leaveS = timeToCoverS(aheadM + junctions.linkBoxM[out] + params.lengthM, speed, capMps, params.accelMps2);
  // Too close to stop comfortably: committed.
  const committed = speed * speed > 4 * params.decelMps2 * Math.max(0, aheadM - STOP_LINE_MARGIN_M);
  if (!committed) {
    // No room beyond the conflict area: wait before it.
    const rear = traffic.laneRear[target];
    if (rear >= 0) {
      const needM = Math.min(junctions.linkBoxM[out] + params.lengthM + params.minGapM, network.linkLengthM[out] - 0.1);
      const rearTailM = vehicles.posM[rear] - CLASS_PARAMS[vehicles.vehicleClass[rear]].lengthM;
      if (vehicles.speedMps[rear] < QUEUED_MPS && rearTailM < needM) return HELD_NO_ROOM;
      // A queue standing ahead on that lane that the vehicles already there will fill up to the
      // conflict area: SUMO's jam avoidance (MSVehicle::checkRewindLinkLanes counts the space the
      // vehicles beyond the junction will take once stopped, length plus minimum gap each).
      if (vehicles.speedMps[traffic.order[traffic.laneStart[target]]] < QUEUED_MPS && freeSpaceM(traffic, target, network.linkLengthM[out]) < needM) return HELD_NO_ROOM;
    }
    for (let c = junctions.conflictStart[m]; c < junctions.conflictStart[m + 1]; c++) {
      const foe = junctions.conflictFoe[c];
      // A crossing movement busy during this vehicle's window.
      if (junctions.busyToS[foe] + CLEARANCE_S > arriveS && junctions.busyFromS[foe] < leaveS + CLEARANCE_S) return HELD_AREA_BUSY;
      if (junctions.conflictYields[c] === 0) continue;
      const foeArriveS = junctions.arriveS[foe];
      if (foeArriveS >= Math.max(junctions.movementCriticalGapS[m], leaveS + CLEARANCE_S)) continue;
      if (!breaksGridlock(traffic, junctions, junctions.arriveVehicle[foe], l, nowS)) return HELD_GIVING_WAY;
    }
  }
  touch(junctions, m);
  if (arriveS < junctions.busyFromS[m]) junctions.busyFromS[m] = arriveS;
  if (leaveS > junctions.busyToS[m]) junctions.busyToS[m] = leaveS;
  return HELD_NONE;
}

/**
 * The length of lane `lane` (of a link `lengthM` long) left once its vehicles have closed up to
 * their jam distance behind its front vehicle (the front's tail position minus each follower's
 * length and minimum gap), m.
 */
function freeSpaceM(traffic: Traffic, lane: number, lengthM: number): number {
  const { vehicles, order, laneStart, laneEnd } = traffic;
  const front = order[laneStart[lane]];
  let tailM = Math.min(vehicles.posM[front], lengthM) - CLASS_PARAMS[vehicles.vehicleClass[front]].lengthM;
  for (let r = laneStart[lane] + 1; r < laneEnd[lane]; r++) {
    const params = CLASS_PARAMS[vehicles.vehicleClass[order[r]]];
    tailM -= params.minGapM + params.lengthM;
  }
  return tailM;
}

/** Notes that movement m's scratch was written this step (reset at the next). */
function touch(junctions: Junctions, m: number): void {
  if (junctions.movementTouched[m] !== 0) return;
  junctions.movementTouched[m] = 1;
  junctions.touchedMovements[junctions.touchedCount++] = m;
}

/**
 * True when the driver at the front of lane `l` may ignore the priority vehicle `foe`: he has
 * waited GRIDLOCK_WAIT_S, and `foe` stands at the front of its lane waiting to give way since
 * later than him (ties: the lower lane goes).
 */
function breaksGridlock(traffic: Traffic, junctions: Junctions, foe: number, l: number, nowS: number): boolean {
  const mySinceS = junctions.laneWaitSinceS[l];
  if (foe < 0 || nowS - mySinceS < GRIDLOCK_WAIT_S) return false;
  const { vehicles, network, laneStart, order } = traffic;
  const foeLane = network.laneBase[vehicles.link[foe]] + vehicles.lane[foe];
  if (order[laneStart[foeLane]] !== foe || vehicles.speedMps[foe] >= STANDING_MPS) return false;
  if (junctions.laneFrontId[foeLane] !== vehicles.id[foe] || junctions.laneHeld[foeLane] === HELD_NONE) return false;
  const foeSinceS = junctions.laneWaitSinceS[foeLane];
  return mySinceS < foeSinceS || (mySinceS === foeSinceS && l < foeLane);
}
