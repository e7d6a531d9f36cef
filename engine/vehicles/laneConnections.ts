/**
 * Lane-to-lane connections through the nodes: for each turning movement (incoming link ->
 * outgoing link, junctions.ts), which lanes of the incoming link lead into it and into which lane
 * of the outgoing link (SUMO's `<connection from to fromLane toLane>`, Krajzewicz et al. 2012).
 * Lane 0 is a link's rightmost (as in SUMO). A link with connections in the scenario
 * (`traffic.roads.connections`) uses exactly those; the others get the usual lane use of city
 * streets (the lane-use arrows of most junctions; netconvert's default guesses are alike):
 *  - straight on from every lane; right turns from the rightmost lane, left turns (and U-turns)
 *    from the leftmost; with no straight-on movement the lanes are shared between the right and
 *    the left turns (the right half turns right);
 *  - into the outgoing link aligned on the side of the turn: lane k of a right turn or straight-on
 *    movement whose lanes start at a goes into lane min(k - a, lanes - 1), a left turn's lanes are
 *    aligned on the left (a movement with more lanes than its exit merges them there).
 * Drivers choose a lane that connects to their next link (laneChanges.ts, insertion in
 * stepVehicles.ts); one who could not reach one goes on from the nearest connected lane's
 * connection (a forced merge at the node). Plain typed arrays, built once per world.
 */
import type { LaneConnectionSpec } from '../scenario/Scenario.ts';
import type { RoadNetwork } from './RoadNetwork.ts';

/** Per movement, per lane of its incoming link, the lane it leads into (owned by the Junctions). */
export interface LaneConnections {
  /** Per movement: its first entry in movementLaneTo; one entry per lane of its incoming link (movementCount + 1 entries). */
  movementLaneStart: Int32Array;
  /** The lane of the outgoing link that this lane leads into, or -1 when this lane does not serve the movement. */
  movementLaneTo: Int8Array;
}

/** A turn of more than this (left positive) is a left turn, less than minus this a right turn, rad (as junctions.ts). */
const TURN_CLASS_RAD = Math.PI / 4;

/** Builds the connections of every movement (`movementStart` per incoming link, `movementOut`, `movementTurnRad` per movement: junctions.ts). */
export function buildLaneConnections(
  network: RoadNetwork, movementStart: Int32Array, movementOut: Int32Array, movementTurnRad: Float64Array, specs: LaneConnectionSpec[] = [],
): LaneConnections {
  const movementCount = movementStart[network.linkCount];
  const movementLaneStart = new Int32Array(movementCount + 1);
  for (let l = 0; l < network.linkCount; l++) {
    for (let m = movementStart[l]; m < movementStart[l + 1]; m++) movementLaneStart[m + 1] = movementLaneStart[m] + network.linkLanes[l];
  }
  const movementLaneTo = new Int8Array(movementLaneStart[movementCount]).fill(-1);
  const explicit = new Uint8Array(network.linkCount);
  for (const c of specs) {
    // Checked at load (roadRuleProblems.ts): the links join and the lanes exist; the first connection of a lane wins.
    const m = movementStart[c.from] + network.linkOutIndex[c.to];
    explicit[c.from] = 1;
    if (movementLaneTo[movementLaneStart[m] + c.fromLane] < 0) movementLaneTo[movementLaneStart[m] + c.fromLane] = c.toLane;
  }
  for (let l = 0; l < network.linkCount; l++) {
    if (explicit[l] === 0) defaultConnections(network, l, movementStart, movementOut, movementTurnRad, movementLaneStart, movementLaneTo);
  }
  return { movementLaneStart, movementLaneTo };
}

/** The usual lane use of link l (see the header). */
function defaultConnections(
  network: RoadNetwork, l: number, movementStart: Int32Array, movementOut: Int32Array, movementTurnRad: Float64Array, movementLaneStart: Int32Array, movementLaneTo: Int8Array,
): void {
  const lanes = network.linkLanes[l];
  let hasRight = false;
  let hasLeft = false;
  let hasThrough = false;
  for (let m = movementStart[l]; m < movementStart[l + 1]; m++) {
    const turn = movementTurnRad[m];
    if (turn > TURN_CLASS_RAD) hasLeft = true;
    else if (turn < -TURN_CLASS_RAD) hasRight = true;
    else hasThrough = true;
  }
  // Without a straight-on movement, the right half of the lanes turns right, the left half left.
  const split = hasThrough ? 1 : hasRight && hasLeft ? Math.ceil(lanes / 2) : hasRight ? lanes : 0;
  for (let m = movementStart[l]; m < movementStart[l + 1]; m++) {
    const turn = movementTurnRad[m];
    const outLanes = network.linkLanes[movementOut[m]];
    let first: number;
    let last: number;
    if (turn > TURN_CLASS_RAD) {
      first = hasThrough ? lanes - 1 : Math.min(split, lanes - 1);
      last = lanes - 1;
    } else if (turn < -TURN_CLASS_RAD) {
      first = 0;
      last = hasThrough ? 0 : Math.max(0, split - 1);
    } else {
      first = 0;
      last = lanes - 1;
    }
    for (let k = first; k <= last; k++) {
      movementLaneTo[movementLaneStart[m] + k] = turn > TURN_CLASS_RAD ? Math.max(0, outLanes - 1 - (last - k)) : Math.min(k - first, outLanes - 1);
    }
  }
}

/**
 * Signed lane offset from `lane` to the nearest lane that serves movement m (0 when `lane` does,
 * or when none does; ties go to the right).
 */
export function laneOffsetToServe(connections: LaneConnections, m: number, lane: number): number {
  const base = connections.movementLaneStart[m];
  const lanes = connections.movementLaneStart[m + 1] - base;
  const to = connections.movementLaneTo;
  if (to[base + lane] >= 0) return 0;
  for (let d = 1; d < lanes; d++) {
    if (lane - d >= 0 && to[base + lane - d] >= 0) return -d;
    if (lane + d < lanes && to[base + lane + d] >= 0) return d;
  }
  return 0;
}

/**
 * The lane of the outgoing link (of `outLanes` lanes) that a vehicle in `lane` takes through
 * movement m: its connection, else that of the nearest lane serving the movement (a driver who
 * could not reach one merges at the node), else the same lane index (capped).
 */
export function laneInto(connections: LaneConnections, m: number, lane: number, outLanes: number): number {
  const base = connections.movementLaneStart[m];
  const to = connections.movementLaneTo[base + lane + laneOffsetToServe(connections, m, lane)];
  return to >= 0 ? Math.min(to, outLanes - 1) : Math.min(lane, outLanes - 1);
}
