/**
 * Lane changes on multi-lane links with MOBIL (Kesting, Treiber, Helbing 2007, "General
 * lane-changing model MOBIL for car-following models", Transp. Res. Rec. 1999, eq. 1-2): a
 * driver c moves to a neighbouring lane when it is safe for the new follower n,
 *   a'_n >= -b_safe,
 * and worth it for c and, weighted by politeness p, for the new and old followers n and o:
 *   a'_c - a_c + p [(a'_n - a_n) + (a'_o - a_o)] > delta_a_th,
 * with the symmetric rule (no keep-right bias), p = 0.3, delta_a_th = 0.1 m/s²,
 * b_safe = 4 m/s² (within the published 0.2-0.5, about 0.1, about 4). All accelerations come
 * from the IDM on the current state. To keep decisions made on the current state consistent,
 * a lane takes at most one newcomer and gives at most one leaver per step, a driver waits
 * LANE_CHANGE_COOLDOWN_S between changes, and both gaps must be at least the jam distance s0.
 *
 * Strategic lane choice (to follow the route): each lane costs the lane changes still needed to
 * reach a lane connected to the next link (laneConnections.ts), plus half those needed on that
 * next link for the one after when it is shorter than STRATEGIC_SHORT_LINK_M (too short to change
 * there); a change that lowers the cost gains STRATEGIC_BIAS_MPS2 per lane in the incentive
 * criterion, one that raises it loses as much. This is the bias term of MOBIL for mandatory
 * changes (Kesting, Treiber, Helbing 2007, section "Lane changes to reach a route", the bias
 * a_bias added to the incentive; Treiber and Kesting 2013, section 14.4), in the place of SUMO's
 * "strategic" lane-change motivation (Erdmann 2014, "SUMO's lane-changing model"). Strategic
 * changes wait only STRATEGIC_COOLDOWN_S (they cannot oscillate: the cost only falls).
 */
import { accelerationBehind, CLASS_PARAMS, desiredSpeedMps } from './followingAcceleration.ts';
import { idmAccelerationMps2 } from './IntelligentDriverModel.ts';
import type { Traffic } from './Traffic.ts';
import { movementOf } from './junctions.ts';
import { laneInto, laneOffsetToServe } from './laneConnections.ts';

export const MOBIL_POLITENESS = 0.3;
export const MOBIL_THRESHOLD_MPS2 = 0.1;
export const MOBIL_SAFE_DECEL_MPS2 = 4;
/** A driver changes lanes at most once in this time, s. */
export const LANE_CHANGE_COOLDOWN_S = 3;
/**
 * Incentive per lane change saved toward a lane connected to the route, m/s² (our choice: more
 * than the acceleration differences between lanes, so a driver gets into a connected lane as soon
 * as the safety criterion allows, and never leaves one for a speed gain).
 */
export const STRATEGIC_BIAS_MPS2 = 3;
/** A strategic change may follow another after this, s. */
export const STRATEGIC_COOLDOWN_S = 1;
/** A next link shorter than this counts the lane needed on the link after it, m. */
export const STRATEGIC_SHORT_LINK_M = 100;

/**
 * The strategic cost of driving in `lane` of the link at `cursor` on `route`: lane changes
 * needed to reach a lane connected to the next link, plus half those needed on a short next link
 * (see the header). 0 on the last link.
 */
export function strategicLaneCost(traffic: Traffic, route: Int32Array, cursor: number, lane: number): number {
  if (cursor + 1 >= route.length) return 0;
  const { network, junctions } = traffic;
  const next = route[cursor + 1];
  const m = movementOf(junctions, network, route[cursor], next);
  if (m < 0) return 0;
  const offset = laneOffsetToServe(junctions, m, lane);
  let cost = offset < 0 ? -offset : offset;
  if (cursor + 2 < route.length && network.linkLanes[next] > 1 && network.linkLengthM[next] < STRATEGIC_SHORT_LINK_M) {
    const after = movementOf(junctions, network, next, route[cursor + 2]);
    if (after >= 0) cost += 0.5 * Math.abs(laneOffsetToServe(junctions, after, laneInto(junctions, m, lane, network.linkLanes[next])));
  }
  return cost;
}

/** Accelerations computed for a lane change (accelerationBehind writes its result here). */
const accelScratch = new Float64Array(1);

/** Decides and applies the lane changes of this step (after the accelerations are known). */
export function changeLanes(traffic: Traffic, tick: number, stepS: number): void {
  const { vehicles, network, laneStart, laneEnd, order, rank } = traffic;
  const touched = traffic.laneTouched;
  touched.fill(0);
  const nowS = tick * stepS;
  const cooldownTicks = Math.round(LANE_CHANGE_COOLDOWN_S / stepS);
  const strategicCooldownTicks = Math.round(STRATEGIC_COOLDOWN_S / stepS);
  for (let c = 0; c < vehicles.count; c++) {
    const link = vehicles.link[c];
    const lanes = network.linkLanes[link];
    if (lanes < 2 || tick - vehicles.lastLaneChangeTick[c] < strategicCooldownTicks) continue;
    // Within the cooldown, only changes toward the route.
    const strategicOnly = tick - vehicles.lastLaneChangeTick[c] < cooldownTicks;
    const route = traffic.routes[vehicles.route[c]];
    const cursor = vehicles.cursor[c];
    const lane = vehicles.lane[c];
    const costHere = strategicLaneCost(traffic, route, cursor, lane);
    if (strategicOnly && costHere === 0) continue;
    const base = network.laneBase[link];
    const here = base + lane;
    if (touched[here] !== 0) continue;
    const r = rank[c];
    const oldFollower = r + 1 < laneEnd[here] ? order[r + 1] : -1;
    const oldLeader = r > laneStart[here] ? order[r - 1] : -1;
    const params = CLASS_PARAMS[vehicles.vehicleClass[c]];
    let bestLane = -1;
    let bestGain = MOBIL_THRESHOLD_MPS2;
    let bestAccel = 0;
    for (let target = lane - 1; target <= lane + 1; target += 2) {
      if (target < 0 || target >= lanes || touched[base + target] !== 0) continue;
      const strategicGain = STRATEGIC_BIAS_MPS2 * (costHere - strategicLaneCost(traffic, route, cursor, target));
      if (strategicOnly && strategicGain <= 0) continue;
      const there = base + target;
      // Neighbours in the target lane: the last one ahead of c, the first one behind it.
      let lo = laneStart[there];
      let hi = laneEnd[there];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (vehicles.posM[order[mid]] > vehicles.posM[c]) lo = mid + 1;
        else hi = mid;
      }
      const newLeader = lo > laneStart[there] ? order[lo - 1] : -1;
      const newFollower = lo < laneEnd[there] ? order[lo] : -1;
      if (newLeader >= 0 && vehicles.posM[newLeader] - CLASS_PARAMS[vehicles.vehicleClass[newLeader]].lengthM - vehicles.posM[c] < params.minGapM) continue;
      if (newFollower >= 0 && vehicles.posM[c] - params.lengthM - vehicles.posM[newFollower] < CLASS_PARAMS[vehicles.vehicleClass[newFollower]].minGapM) continue;
      // At the start of the link, the vehicle about to enter this lane from upstream follows c.
      if (newFollower < 0 && !upstreamCanFollow(traffic, traffic.mergeFirst[there], c)) continue;
      accelerationBehind(traffic, c, target, newLeader, nowS, accelScratch, 0);
      const accelThere = accelScratch[0];
      // NOTE: the safety criterion holds for the changer too: a driver braking hard in his own lane
      // (held at a node, the IDM capped at its maximum) would otherwise cut in too close behind a
      // long vehicle, both accelerations saturated, the incentive decided by the politeness terms.
      if (accelThere < -MOBIL_SAFE_DECEL_MPS2) continue;
      let gain = accelThere - vehicles.accelMps2[c] + strategicGain;
      if (newFollower >= 0) {
        accelerationBehind(traffic, newFollower, target, c, nowS, accelScratch, 0);
        const followerAfter = accelScratch[0];
        if (followerAfter < -MOBIL_SAFE_DECEL_MPS2) continue;
        gain += MOBIL_POLITENESS * (followerAfter - vehicles.accelMps2[newFollower]);
      }
      if (oldFollower >= 0) {
        accelerationBehind(traffic, oldFollower, lane, oldLeader, nowS, accelScratch, 0);
        gain += MOBIL_POLITENESS * (accelScratch[0] - vehicles.accelMps2[oldFollower]);
      }
      if (gain > bestGain) {
        bestGain = gain;
        bestLane = target;
        bestAccel = accelThere;
      }
    }
    if (bestLane < 0) continue;
    vehicles.lane[c] = bestLane;
    vehicles.accelMps2[c] = bestAccel;
    vehicles.lastLaneChangeTick[c] = tick;
    touched[here] = 1;
    touched[base + bestLane] = 1;
  }
}

/**
 * True when `approaching` (the vehicle nearest to entering c's link and lane from upstream, or
 * -1) could follow c there: a gap of at least its s0, braking no harder than b_safe.
 */
function upstreamCanFollow(traffic: Traffic, approaching: number, c: number): boolean {
  if (approaching < 0) return true;
  const { vehicles, network } = traffic;
  const params = CLASS_PARAMS[vehicles.vehicleClass[approaching]];
  const gapM = network.linkLengthM[vehicles.link[approaching]] - vehicles.posM[approaching] + vehicles.posM[c] - CLASS_PARAMS[vehicles.vehicleClass[c]].lengthM;
  if (gapM < params.minGapM) return false;
  const speed = vehicles.speedMps[approaching];
  const accel = idmAccelerationMps2(speed, desiredSpeedMps(traffic, vehicles.vehicleClass[approaching], vehicles.link[approaching]), gapM, speed - vehicles.speedMps[c], params.timeGapS, params.minGapM, params.accelMps2, params.decelMps2);
  return accel >= -MOBIL_SAFE_DECEL_MPS2;
}
