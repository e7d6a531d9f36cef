/**
 * Junctions as the vehicles see them, built once per world from the road network and the signal
 * phases: the turning movements through each node (incoming link -> outgoing link), their turning
 * speeds, the conflict area past each node, and which pairs of movements cross and who gives way.
 * The per-step arbitration (gap acceptance) is in rightOfWay.ts; the scratch it needs lives here.
 *
 *  - Movements: every (incoming, outgoing) link pair through a node; those of link l are
 *    movementStart[l] .. movementStart[l + 1] - 1, in the order of the node's outgoing links.
 *  - Conflict area: the first `linkBoxM` metres of each link past its from-node (the width of the
 *    crossing carriageway). A vehicle is in it while its rear has not left it; vehicles wait at the
 *    node itself, as at a signal's stop line.
 *  - Crossing test: each movement is a chord of a circle round the node, from where its incoming
 *    link arrives to where its outgoing link leaves (right-hand traffic: a road's inbound lanes lie
 *    counter-clockwise of its axis, its outbound lanes clockwise); two chords cross when exactly
 *    one end of one lies strictly within the arc of the other. Movements from the same link
 *    (diverging) or into the same link (merging: findMergeFirst in followingAcceleration.ts) are
 *    not crossing conflicts.
 *  - Explicit right of way (`roads.rightOfWay`, as SUMO's request tables): at a node listed there,
 *    the conflicts and who gives way are the data's, not the geometry's (movements never green
 *    together still never yield), with the node's own critical gap if it gives one.
 *  - Who gives way: at a signal, movements shown green together (a common phase) follow the highway
 *    code: a left turn yields to the opposing through and right-turning traffic (Code de la route
 *    R415-4); movements of different phases never yield (the signal separates them; the conflict
 *    area is still kept clear at phase changes). Elsewhere, a link with a higher `priority`
 *    (a priority road) has right of way; between equal priorities, a left turn yields to oncoming
 *    traffic (R415-4) and otherwise the driver yields to the vehicle coming from the right
 *    ("priorité à droite", Code de la route R415-5).
 *  - Turning speed: v_turn = sqrt(a_lat R) (uniform circular motion), with a comfortable lateral
 *    acceleration a_lat = 3 m/s² (AASHTO "A Policy on Geometric Design of Highways and Streets"
 *    2011, §3.3.6 and §9.6: side-friction factors of about 0.3 for turning roadways at 20-30 km/h;
 *    SUMO limits junction speeds with 5.5 m/s², netconvert --junctions.limit-turn-speed). R is the
 *    radius of the arc tangent to the incoming and outgoing lane centre lines at the edge of the
 *    junction (half the crossing carriageway plus a kerb radius): R = (h + r_k -+ w/2) / tan(|θ|/2),
 *    θ the turn angle, w the lane width, minus for a right turn, plus for a left turn. A lane
 *    connection may give its own speed (SUMO's internal lane speed, `speedKph`): a movement with one
 *    takes the lowest given (SUMO's netconvert derives it from the junction's real shape, which the
 *    links' first and last segments, drawn from the junction centre, can misstate badly).
 * Coordinates: x east, y north (a left turn is counter-clockwise). Plain data and typed arrays.
 */
import type { RoadNetwork } from './RoadNetwork.ts';
import { movementGreenMask, type SignalPlan } from './SignalPlans.ts';
import type { LaneConnectionSpec, NodeRightOfWaySpec } from '../scenario/Scenario.ts';
import { buildLaneConnections, laneInto, type LaneConnections } from './laneConnections.ts';

/** Lane width used for junction geometry, m (SUMO's default; French urban lanes are 3.0-3.5 m). */
export const LANE_WIDTH_M = 3.2;
/** Kerb radius at junction corners, m (urban corners of 3-10 m for cars; SUMO's default junction radius is 4 m). */
export const KERB_RADIUS_M = 5;
/** Comfortable lateral acceleration in a turn, m/s² (see the header). */
export const TURN_LATERAL_ACCEL_MPS2 = 3;
/** The tightest turn a car drives, m (passenger cars turn within a radius of about 5-6 m). */
const MIN_TURN_RADIUS_M = 5;
/** A turn of more than this (left positive) is a left turn, less than minus this a right turn, rad. */
const TURN_CLASS_RAD = Math.PI / 4;
/** Approaches within this of opposite directions are opposing, rad. */
const OPPOSING_TOLERANCE_RAD = Math.PI / 4;

/**
 * Critical gaps, s: the smallest time to the arrival of a priority vehicle at the conflict area
 * that a yielding driver accepts (HCM 2010, exhibit 19-10, two-way stop-controlled intersections,
 * base critical headways for passenger cars on a two-lane major street: major-street left turn
 * 4.1 s, minor-street right turn 6.2 s, through 6.5 s, left turn 7.1 s; permitted left turns at
 * signals: 4.5 s, HCM 2010 chapter 31).
 */
export const CRITICAL_GAP_S = { signalLeft: 4.5, majorLeft: 4.1, minorRight: 6.2, minorThrough: 6.5, minorLeft: 7.1 } as const;

/**
 * Static junction data and the arbitration's scratch (owned by the Traffic state); the lane
 * connections of each movement (laneConnections.ts).
 */
export interface Junctions extends LaneConnections {
  /** Per node: its outgoing links, nodeOut[nodeOutStart[n] .. nodeOutStart[n + 1] - 1]. */
  nodeOutStart: Int32Array;
  nodeOut: Int32Array;
  /** Per link: its first movement as incoming link (CSR over links). */
  movementStart: Int32Array;
  movementCount: number;
  movementIn: Int32Array;
  movementOut: Int32Array;
  /** Signed turn angle, rad (left positive). */
  movementTurnRad: Float64Array;
  /** Turning speed, m/s (Infinity for a straight movement). */
  movementTurnSpeedMps: Float64Array;
  /** Critical gap when this movement gives way, s. */
  movementCriticalGapS: Float64Array;
  /** Per movement: its crossing movements, conflictFoe[conflictStart[m] .. conflictStart[m + 1] - 1]. */
  conflictStart: Int32Array;
  conflictFoe: Int32Array;
  /** 1 when the movement gives way to that foe. */
  conflictYields: Uint8Array;
  /** Per link: depth of the conflict area past its from-node, m. */
  linkBoxM: Float64Array;
  /** Per link: its priority (higher has right of way at unsignalised nodes). */
  linkPriority: Float64Array;
  // Scratch of the arbitration (rightOfWay.ts), times in s from now.
  /** Per movement: the window in which vehicles in or granted the conflict area use it. */
  busyFromS: Float64Array;
  busyToS: Float64Array;
  /** Per movement: the earliest arrival of a vehicle free to go, and that vehicle (or -1). */
  arriveS: Float64Array;
  arriveVehicle: Int32Array;
  /** The movements written this step (reset at the next; the others stay at their rest values). */
  movementTouched: Uint8Array;
  touchedMovements: Int32Array;
  touchedCount: number;
  /** Per lane: the id of its front vehicle, since when it has been held at its node (Infinity if never), why it is held now. */
  laneFrontId: Int32Array;
  laneWaitSinceS: Float64Array;
  laneHeld: Uint8Array;
  /** Per vehicle slot: the gap to the node where it must wait this step, m (Infinity: none). */
  stopGapM: Float64Array;
}

/** Why a lane's front vehicle is held at its next node (laneHeld). */
export const HELD_NONE = 0;
export const HELD_GIVING_WAY = 1;
export const HELD_AREA_BUSY = 2;
export const HELD_NO_ROOM = 3;

/** Heading of a link's last (end = true) or first segment, rad. */
function headingRad(network: RoadNetwork, link: number, end: boolean): number {
  const shape = network.linkShape[link];
  const n = shape.length / 2;
  const k = end ? n - 2 : 0;
  return Math.atan2(shape[2 * k + 3] - shape[2 * k + 1], shape[2 * k + 2] - shape[2 * k]);
}

/** Angle wrapped to [0, 2 pi). */
function wrap2Pi(angle: number): number {
  const a = angle % (2 * Math.PI);
  return a < 0 ? a + 2 * Math.PI : a;
}

/** Signed angle wrapped to (-pi, pi]. */
function wrapPi(angle: number): number {
  const a = wrap2Pi(angle);
  return a > Math.PI ? a - 2 * Math.PI : a;
}

/** True when `x` lies strictly within the counter-clockwise arc from `a` to `b`. */
function withinArc(x: number, a: number, b: number): boolean {
  return wrap2Pi(x - a) > 0 && wrap2Pi(x - a) < wrap2Pi(b - a);
}

/**
 * Builds the junction data. `linkPhase` gives the signal phase of each controlled link (-1 if
 * none), `plans` the signal plans (explicit programs phase movements one by one); `priority` the
 * priority of each link (0 when the scenario gives none).
 */
export function buildJunctions(
  network: RoadNetwork, linkPhase: Int32Array, priority: Float64Array, plans: SignalPlan[] = [], connections: LaneConnectionSpec[] = [], rightOfWay: NodeRightOfWaySpec[] = [],
): Junctions {
  const { linkCount, linkFrom, linkTo } = network;
  const nodeCount = network.nodeXY.length / 2;
  const nodeOutStart = new Int32Array(nodeCount + 1);
  for (let l = 0; l < linkCount; l++) nodeOutStart[linkFrom[l] + 1]++;
  for (let n = 0; n < nodeCount; n++) nodeOutStart[n + 1] += nodeOutStart[n];
  const nodeOut = new Int32Array(linkCount);
  const cursor = nodeOutStart.slice(0, nodeCount);
  for (let l = 0; l < linkCount; l++) nodeOut[cursor[linkFrom[l]]++] = l;
  // Half-width of the widest carriageway at each node (a link's lanes are one direction's).
  const halfWidthM = new Float64Array(nodeCount);
  for (let l = 0; l < linkCount; l++) {
    const w = network.linkLanes[l] * LANE_WIDTH_M;
    halfWidthM[linkFrom[l]] = Math.max(halfWidthM[linkFrom[l]], w);
    halfWidthM[linkTo[l]] = Math.max(halfWidthM[linkTo[l]], w);
  }
  const linkBoxM = Float64Array.from({ length: linkCount }, (_v, l) => Math.min(2 * halfWidthM[linkFrom[l]], network.linkLengthM[l]));
  const movementStart = new Int32Array(linkCount + 1);
  for (let l = 0; l < linkCount; l++) movementStart[l + 1] = movementStart[l] + nodeOutStart[linkTo[l] + 1] - nodeOutStart[linkTo[l]];
  const movementCount = movementStart[linkCount];
  const movementIn = new Int32Array(movementCount);
  const movementOut = new Int32Array(movementCount);
  const movementTurnRad = new Float64Array(movementCount);
  const movementTurnSpeedMps = new Float64Array(movementCount);
  const movementCriticalGapS = new Float64Array(movementCount);
  for (let l = 0; l < linkCount; l++) {
    const node = linkTo[l];
    for (let k = nodeOutStart[node], m = movementStart[l]; k < nodeOutStart[node + 1]; k++, m++) {
      const out = nodeOut[k];
      movementIn[m] = l;
      movementOut[m] = out;
      const turn = wrapPi(headingRad(network, out, false) - headingRad(network, l, true));
      movementTurnRad[m] = turn;
      movementTurnSpeedMps[m] = turnSpeedMps(turn, halfWidthM[node]);
    }
  }
  // Speeds given with the lane connections (SUMO's internal lanes) replace the geometric estimate.
  const givenMps = new Float64Array(movementCount).fill(Infinity);
  for (const c of connections) {
    if (c.speedKph === undefined || network.linkTo[c.from] !== linkFrom[c.to]) continue;
    const m = movementStart[c.from] + network.linkOutIndex[c.to];
    givenMps[m] = Math.min(givenMps[m], c.speedKph / 3.6);
  }
  for (let m = 0; m < movementCount; m++) if (givenMps[m] < Infinity) movementTurnSpeedMps[m] = givenMps[m];
  // Approach bearings from the node (outward along each link).
  const inBearing = (l: number): number => wrap2Pi(headingRad(network, l, true) + Math.PI);
  const outBearing = (l: number): number => headingRad(network, l, false);
  // NOTE: the tiny per-link offsets keep chord ends distinct when two roads share a bearing.
  const entryAt = (l: number): number => wrap2Pi(inBearing(l) + 1e-3 + 1e-9 * l);
  const exitAt = (l: number): number => wrap2Pi(outBearing(l) - 1e-3 - 1e-9 * l);
  const foes: number[][] = Array.from({ length: movementCount }, () => []);
  const yields: number[][] = Array.from({ length: movementCount }, () => []);
  const incomingOf: number[][] = Array.from({ length: nodeCount }, () => []);
  for (let l = 0; l < linkCount; l++) incomingOf[linkTo[l]].push(l);
  // Nodes with explicit conflicts (SUMO's request tables): those, and no geometric test.
  const explicitGapS = new Float64Array(nodeCount).fill(NaN);
  const movementAt = (from: number, to: number): number => movementStart[from] + network.linkOutIndex[to];
  for (const rules of rightOfWay) {
    explicitGapS[rules.node] = rules.criticalGapS ?? -1;
    rules.movements.forEach(([from, to], k) => {
      const ma = movementAt(from, to);
      for (const j of rules.foes[k] ?? []) {
        const mb = movementAt(rules.movements[j][0], rules.movements[j][1]);
        const separated = network.linkSignal[from] >= 0 && network.linkSignal[rules.movements[j][0]] >= 0 && (greenMask(ma) & greenMask(mb)) === 0;
        foes[ma].push(mb);
        yields[ma].push(!separated && (rules.yieldsTo[k] ?? []).includes(j) ? 1 : 0);
      }
    });
  }
  for (let node = 0; node < nodeCount; node++) {
    if (!Number.isNaN(explicitGapS[node])) continue;
    const incoming = incomingOf[node];
    for (let ia = 0; ia < incoming.length; ia++) {
      for (let ib = ia + 1; ib < incoming.length; ib++) {
        const a = incoming[ia];
        const b = incoming[ib];
        for (let ma = movementStart[a]; ma < movementStart[a + 1]; ma++) {
          for (let mb = movementStart[b]; mb < movementStart[b + 1]; mb++) {
            if (movementOut[ma] === movementOut[mb]) continue;
            const a0 = entryAt(a);
            const a1 = exitAt(movementOut[ma]);
            if (withinArc(entryAt(b), a0, a1) === withinArc(exitAt(movementOut[mb]), a0, a1)) continue;
            const who = whoGivesWay(ma, mb);
            foes[ma].push(mb);
            yields[ma].push(who === 1 ? 1 : 0);
            foes[mb].push(ma);
            yields[mb].push(who === 2 ? 1 : 0);
          }
        }
      }
    }
  }
  /** The phases showing movement m green, as bits (SignalPlans.ts). */
  function greenMask(m: number): number {
    const plan = plans[network.linkSignal[movementIn[m]]];
    return plan ? movementGreenMask(network, plan, linkPhase, movementIn[m], movementOut[m]) : 1 << linkPhase[movementIn[m]];
  }
  /** 1: ma gives way to mb, 2: mb to ma, 0: neither (a signal separates them). */
  function whoGivesWay(ma: number, mb: number): number {
    const a = movementIn[ma];
    const b = movementIn[mb];
    const leftA = movementTurnRad[ma] > TURN_CLASS_RAD;
    const leftB = movementTurnRad[mb] > TURN_CLASS_RAD;
    if (network.linkSignal[a] >= 0 && network.linkSignal[b] >= 0) {
      // Never green together (no common phase): the signal separates them.
      if ((greenMask(ma) & greenMask(mb)) === 0) return 0;
      if (leftA !== leftB) return leftA ? 1 : 2;
    } else if (priority[a] !== priority[b]) {
      return priority[a] < priority[b] ? 1 : 2;
    }
    // Where b comes from, seen from a (counter-clockwise angle between the approaches).
    const angle = wrap2Pi(inBearing(b) - inBearing(a));
    if (Math.abs(angle - Math.PI) < OPPOSING_TOLERANCE_RAD && leftA !== leftB) return leftA ? 1 : 2;
    // Priorité à droite: b is on a's right when it lies within half a turn counter-clockwise.
    return angle < Math.PI ? 1 : 2;
  }
  const conflictStart = new Int32Array(movementCount + 1);
  for (let m = 0; m < movementCount; m++) conflictStart[m + 1] = conflictStart[m] + foes[m].length;
  const conflictFoe = Int32Array.from(foes.flat());
  const conflictYields = Uint8Array.from(yields.flat());
  for (let m = 0; m < movementCount; m++) movementCriticalGapS[m] = criticalGapS(m);
  /** The HCM critical gap of a movement when it yields (or its node's explicit one). */
  function criticalGapS(m: number): number {
    const explicit = explicitGapS[linkTo[movementIn[m]]];
    if (explicit >= 0) return explicit;
    const turn = movementTurnRad[m];
    if (network.linkSignal[movementIn[m]] >= 0) return CRITICAL_GAP_S.signalLeft;
    // A movement that yields to nothing but opposing traffic is a major-street left turn.
    let minor = false;
    for (let c = conflictStart[m]; c < conflictStart[m + 1]; c++) {
      if (conflictYields[c] === 1 && Math.abs(wrap2Pi(inBearing(movementIn[conflictFoe[c]]) - inBearing(movementIn[m])) - Math.PI) >= OPPOSING_TOLERANCE_RAD) minor = true;
    }
    if (turn > TURN_CLASS_RAD) return minor ? CRITICAL_GAP_S.minorLeft : CRITICAL_GAP_S.majorLeft;
    if (turn < -TURN_CLASS_RAD) return CRITICAL_GAP_S.minorRight;
    return CRITICAL_GAP_S.minorThrough;
  }
  const laneCount = network.laneCount;
  return {
    nodeOutStart, nodeOut, movementStart, movementCount, movementIn, movementOut, movementTurnRad, movementTurnSpeedMps, movementCriticalGapS,
    conflictStart, conflictFoe, conflictYields, linkBoxM, linkPriority: priority,
    busyFromS: new Float64Array(movementCount).fill(Infinity), busyToS: new Float64Array(movementCount).fill(-Infinity),
    arriveS: new Float64Array(movementCount).fill(Infinity), arriveVehicle: new Int32Array(movementCount).fill(-1),
    movementTouched: new Uint8Array(movementCount), touchedMovements: new Int32Array(movementCount), touchedCount: 0,
    laneFrontId: new Int32Array(laneCount).fill(-1), laneWaitSinceS: new Float64Array(laneCount).fill(Infinity), laneHeld: new Uint8Array(laneCount),
    stopGapM: new Float64Array(16),
    ...buildLaneConnections(network, movementStart, movementOut, movementTurnRad, connections),
  };
}

/**
 * The turning speed for a turn of `turnRad` at a node whose widest carriageway half is `halfWidthM`:
 * v = sqrt(a_lat R), R = (h + r_k -+ w/2) / tan(|θ|/2) (see the header), m/s.
 */
export function turnSpeedMps(turnRad: number, halfWidthM: number): number {
  const theta = Math.abs(turnRad);
  if (theta < Math.PI / 18) return Infinity;
  const tangentM = halfWidthM + KERB_RADIUS_M + (turnRad > 0 ? LANE_WIDTH_M / 2 : -LANE_WIDTH_M / 2);
  const radiusM = Math.max(MIN_TURN_RADIUS_M, tangentM / Math.tan(theta / 2));
  return Math.sqrt(TURN_LATERAL_ACCEL_MPS2 * radiusM);
}

/**
 * The movement from link `from` into link `to`, or -1 when `to` does not leave the node `from`
 * enters. O(1): a node's outgoing links are in link order, as `linkOutIndex` counts them.
 */
export function movementOf(junctions: Junctions, network: RoadNetwork, from: number, to: number): number {
  return network.linkFrom[to] === network.linkTo[from] ? junctions.movementStart[from] + network.linkOutIndex[to] : -1;
}

/**
 * The lane of link `to` that a vehicle in lane `lane` of link `from` enters (its lane connection,
 * laneConnections.ts), or the same lane index, capped, when `to` does not follow `from`.
 */
export function nextLaneOf(junctions: Junctions, network: RoadNetwork, from: number, lane: number, to: number): number {
  const outLanes = network.linkLanes[to];
  if (network.linkFrom[to] !== network.linkTo[from]) return Math.min(lane, outLanes - 1);
  if (outLanes === 1) return 0;
  return laneInto(junctions, junctions.movementStart[from] + network.linkOutIndex[to], lane, outLanes);
}
