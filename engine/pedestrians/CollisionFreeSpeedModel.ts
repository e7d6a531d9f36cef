/**
 * The Collision-Free Speed Model (CSM) of Tordeux, Chraibi & Seyfried (2016), "Collision-free
 * speed model for pedestrian dynamics", Traffic and Granular Flow '15, pp. 225-232, in the form
 * implemented by JuPedSim. First-order model: each agent i moves at
 *
 *   dx_i/dt = V(s_i) e_i                                                         (eq. 1)
 *   V(s)    = min(v0_i, max(0, (s - l) / T))                                     (eq. 2)
 *   e_i     = u / |u|,  u = e0_i + sum_j w(phi_ij) a exp((l_ij - d_ij) / D) n_ij
 *                             + sum_walls a_w exp((r_i - d_iw) / D_w) n_iw     (eq. 3)
 *
 * with e0_i the desired direction (from the floor field), d_ij the distance between centres,
 * l_ij = r_i + r_j the contact distance, n_ij the unit vector from j to i, and s_i - l the
 * smallest spacing (distance minus contact distance) to a neighbour in front of i, within the
 * lateral band |e_i^perp . (x_j - x_i)| <= l_ij (eq. 4 of the paper). T is the time gap.
 * Vigie relaxes the walking direction toward the e_i of eq. 3 with a short time constant
 * tau = 0.1 s (headingRelaxationS), as the Generalized Collision-free Velocity Model does to
 * smooth direction changes (Xu, Chraibi, Tordeux, Zhang 2019) and JuPedSim's CFSM V3 does to
 * suppress jitter: without it, stiff wall repulsion at a door corner and a neighbour's repulsion
 * can flip e_i every step, and two people then oscillate in place for ever (a 2-cycle).
 * Right of way: the repulsion of someone farther from the goal (by floor-field distance; level
 * within 5 cm, the higher id) is weighted by yieldWeight = 0.9. That small asymmetry breaks the
 * mirror-image stand-offs at narrow doors (two people circling at the jambs for ever).
 * Keep right: someone ahead bound elsewhere (another floor field) and coming the other way adds a
 * push to the right (KEEP_RIGHT), so counter-flows form lanes instead of gridlocking.
 * When e_i is blocked (V ~ 0) the agent side-steps: it walks along the turn of e0_i that
 * makes the most progress (see BLOCKED_FRACTION). Vigie also offers the anisotropic weight w(phi) of Helbing, Farkas & Vicsek (2000), phi being the
 * angle between e0_i and the direction to j (default off: lambda = 1).
 * Since V <= (s - l)/T and dt < T, an agent never closes the gap to the one ahead (inside its
 * lateral band) within a step. NOTE: this holds along the walking direction only; two people
 * who both move toward the same spot from the side can still overlap a little (about 5 cm at
 * 2 P/m², 15 cm in a crush; see tests/engine/world/invariants.test.ts).
 *
 * Contract (as in JuPedSim): read only the current state (posXM/posYM), write only the next
 * state (nextXM/nextYM) and the walked velocity; never read another agent's next state.
 *
 * Walls: besides the repulsion of eq. 3, a hard constraint keeps every agent at least
 * WALL_MIN_CLEARANCE x r from every wall and rejects any move whose path crosses a wall, so no
 * agent passes through a wall or ends inside an obstacle.
 */
import { applyCohesion, type Companions } from './companions.ts';
import { AgentKind, type AgentStore } from '../agents/AgentStore.ts';
import type { UniformGrid } from '../spatial/UniformGrid.ts';
import type { WalkableSpace, WallIndex } from '../geometry/WalkableSpace.ts';
import { navCellOf, type NavGrid } from '../navigation/NavGrid.ts';
import { sampleDirectionAt, type FloorField } from '../navigation/FloorField.ts';

/** Model parameters; defaults in CSM_DEFAULTS (calibrated, see docs/decisions/001-csm-calibration.md). */
export interface CsmParams {
  /** Time gap T, seconds (default 0.6). */
  timeGapS: number;
  /** Neighbour repulsion strength a (default 5) and range D in metres (default 0.15). */
  neighbourRepulsion: number;
  neighbourRangeM: number;
  /** Wall repulsion strength a_w (default 5) and range D_w in metres (default 0.02). */
  wallRepulsion: number;
  wallRangeM: number;
  /**
   * Weight of people behind relative to people ahead in the neighbour repulsion, lambda in
   * w(phi) = lambda + (1 - lambda) (1 + cos phi) / 2 (Helbing, Farkas, Vicsek 2000, eq. 4 of the
   * supplement; Johansson et al. 2007 fit lambda of 0.1-0.3). 1 gives the isotropic CSM.
   */
  anisotropy: number;
  /**
   * Weight of the repulsion of someone who has not the right of way (farther from the goal, or
   * level and numbered after), 0..1; 1 = symmetric repulsion (the published CSM).
   */
  yieldWeight: number;
  /**
   * Relaxation time of the walking direction, seconds (0 = none, the original CSM). The target
   * direction of eq. 3 is approached at rate 1/tau instead of being taken at once.
   */
  headingRelaxationS: number;
  /** Neighbour search radius in metres: beyond it neither the speed nor the direction changes. */
  searchRadiusM: number;
}

/**
 * Vigie's calibrated defaults. JuPedSim's reference values (T = 1 s, a = 8, D = 0.1 m,
 * r = 0.2 m) give bottleneck flows about half the measured ones (0.85 P/s at 0.8 m against
 * 1.4 P/s, Kretz et al. 2006) and speeds too low below 1 P/m² in RiMEA test 4. The values below
 * were chosen by a sweep against both (docs/decisions/001-csm-calibration.md); the wall
 * parameters are JuPedSim's.
 */
export const CSM_DEFAULTS: Omit<CsmParams, 'searchRadiusM'> = {
  timeGapS: 0.6,
  neighbourRepulsion: 5,
  neighbourRangeM: 0.15,
  wallRepulsion: 5,
  wallRangeM: 0.02,
  anisotropy: 1,
  headingRelaxationS: 0.1,
  yieldWeight: 0.9,
};

/** Neighbour repulsion below this magnitude (against |e0| = 1) is cut off. */
export const REPULSION_CUTOFF = 0.02;

/** Minimum distance to a wall, as a fraction of the body radius, kept by the hard constraint. */
export const WALL_MIN_CLEARANCE = 1.0;
/**
 * Below this fraction of v0 an agent counts as blocked along e_i and side-steps.
 * NOTE: Vigie's addition to the CSM. Without it, two people at the mouth of a narrow door can
 * each find the other inside their lateral band and both stand still for ever (a known CSM
 * deadlock; JuPedSim's CFSM V3 adds a release rule for the same reason). Moving along a
 * turned direction at V(s(e)) of eq. 2 stays collision-free.
 */
const BLOCKED_FRACTION = 0.05;
/** Side-step candidates: e0 turned by 0, +-25, +-50, +-75 degrees (cosines and sines). */
const SIDESTEP_ANGLES_RAD = [0, 25, -25, 50, -50, 75, -75].map((deg) => (deg * Math.PI) / 180);
const SIDESTEP_COS = Float64Array.from(SIDESTEP_ANGLES_RAD, Math.cos);
const SIDESTEP_SIN = Float64Array.from(SIDESTEP_ANGLES_RAD, Math.sin);
/** Most neighbours remembered per agent between the direction and the speed pass. */
const MAX_NEIGHBOURS = 256;

/** Everything the model reads and writes in one step; owned by the world. */
export interface CsmContext {
  params: CsmParams;
  agents: AgentStore;
  grid: UniformGrid;
  space: WalkableSpace;
  wallIndex: WallIndex;
  nav: NavGrid;
  fields: FloorField[];
  /** 1 while exit e takes people; fieldExit[f * exitCount + e] = 1 when field f leads to exit e (doors). */
  exitOpen: Uint8Array;
  fieldExit: Uint8Array;
  exitCount: number;
  /** 1 while gate g is open (see WalkableSpace.gateLine): a closed gate is a wall to people outside it. */
  gateOpen: Uint8Array;
  /** Periodic x axis: [min, max) and its length, or null. */
  periodicMinXM: number;
  periodicLengthM: number;
  /** Social groups that walk together (companions.ts), or null when nobody does. */
  companions: Companions | null;
}

// Module-level scratch (three.js style): no allocation per step.
const nbDx = new Float64Array(MAX_NEIGHBOURS);
const nbDy = new Float64Array(MAX_NEIGHBOURS);
const nbDist = new Float64Array(MAX_NEIGHBOURS);
const nbContact = new Float64Array(MAX_NEIGHBOURS);
const dirScratch = new Float64Array(2);
/** Goal distance per agent slot, refilled each step (grows with the store, never per step). */
let goalDistScratch = new Float32Array(1024);
let desiredXScratch = new Float64Array(1024);
let desiredYScratch = new Float64Array(1024);
/** Pace factor of each slot this step (social groups: members ahead slow down). */
let paceScratch = new Float64Array(1024);
/** Strength and range (m) of the keep-right bias toward oncoming people ahead. */
const KEEP_RIGHT = 0.6;
const KEEP_RIGHT_RANGE_M = 1.0;
/** Goal distances within this many metres count as level (then the lower id has right of way). */
const PRIORITY_TIE_M = 0.05;
/** Tentative move under the wall constraint: x, y and the minimum clearance. */
const move = new Float64Array(3);
const MOVE_X = 0, MOVE_Y = 1, MOVE_MIN_CLEAR = 2;
/** Offset of a point from a wall: in px, py; out the vector from the nearest wall point and its length. */
const wallProbe = new Float64Array(5);
const WALL_PX = 0, WALL_PY = 1, WALL_NX = 2, WALL_NY = 3, WALL_D = 4;
/** Probe of the speed along a direction: in x, y, 1/T, v0; out: the speed of eq. 2. */
const probe = new Float64Array(5);
const PROBE_X = 0, PROBE_Y = 1, PROBE_INV_T = 2, PROBE_V0 = 3, PROBE_SPEED = 4;
/** Slide candidates along walls: e0 turned by 0, +-25, +-50, +-75, +-90 degrees. */
const SLIDE_ANGLES_RAD = [0, 25, -25, 50, -50, 75, -75, 90, -90].map((deg) => (deg * Math.PI) / 180);
const SLIDE_COS = Float64Array.from(SLIDE_ANGLES_RAD, Math.cos);
const SLIDE_SIN = Float64Array.from(SLIDE_ANGLES_RAD, Math.sin);

/**
 * Computes every agent's next position and velocity for one step of `stepS` seconds at `tick`.
 * NOTE: one long loop on purpose: it is the hot path (about 90 % of a step), and helpers called
 * per agent with double arguments would box them when V8 does not inline the call. Its parts
 * are marked: goal distances, desired direction, pass 1 (neighbours, eq. 3), walls, heading
 * relaxation, pass 2 (spacing, eq. 2 and 4), side-step, wall constraint and sliding.
 */
export function computeNextKinematicsCsm(ctx: CsmContext, tick: number, stepS: number): void {
  const { params, agents, grid, fields, nav } = ctx;
  const n = agents.count;
  const posX = agents.posXM, posY = agents.posYM, nextX = agents.nextXM, nextY = agents.nextYM;
  const velX = agents.velXMps, velY = agents.velYMps;
  const radius = agents.radiusM, desired = agents.desiredSpeedMps, fieldOf = agents.field, walkFrom = agents.walkFromTick;
  const { cellStart, agentsByCell, cellOfAgent, columns, rows } = grid;
  const periodic = grid.periodicX;
  const periodLength = ctx.periodicLengthM;
  const halfPeriod = periodLength / 2;
  const searchSq = params.searchRadiusM * params.searchRadiusM;
  const a = params.neighbourRepulsion, rangeD = params.neighbourRangeM;
  const invTimeGap = 1 / params.timeGapS;
  const lambda = params.anisotropy;
  const relax = params.headingRelaxationS > stepS ? stepS / params.headingRelaxationS : 1;
  const headX = agents.headingX, headY = agents.headingY;
  // Beyond this spacing the repulsion a exp((l - d)/D) is below REPULSION_CUTOFF and is skipped.
  const repulsionReach = rangeD * Math.log(a / REPULSION_CUTOFF);

  const kind = agents.kind;
  // Distance to the goal of every agent, for right of way (read-only during the main loop).
  if (goalDistScratch.length < n) {
    goalDistScratch = new Float32Array(agents.capacity);
    desiredXScratch = new Float64Array(agents.capacity);
    desiredYScratch = new Float64Array(agents.capacity);
  }
  const goalDist = goalDistScratch;
  // Desired directions e0 of everyone at the start of the step (0, 0 when none or waiting),
  // read for oncoming neighbours (keep right) and by each agent itself below.
  const desiredX = desiredXScratch, desiredY = desiredYScratch;
  for (let i = 0; i < n; i++) {
    if (kind[i] === AgentKind.pedestrian && tick >= walkFrom[i] && sampleDirectionAt(nav, fields[fieldOf[i]], posX, posY, i, dirScratch)) {
      desiredX[i] = dirScratch[0];
      desiredY[i] = dirScratch[1];
    } else {
      desiredX[i] = 0;
      desiredY[i] = 0;
    }
  }
  const ids = agents.id;
  // Members of a social group too far ahead of its centre slow down for the others (companions.ts).
  const grouped = ctx.companions !== null && ctx.companions.count > 0;
  if (grouped) {
    if (paceScratch.length < n) paceScratch = new Float64Array(agents.capacity);
    applyCohesion(ctx.companions!, ids, posX, posY, n, desiredX, desiredY, paceScratch);
  }
  const pace = paceScratch;
  for (let i = 0; i < n; i++) {
    const cell = navCellOf(nav, posX, posY, i);
    goalDist[i] = cell < 0 || kind[i] !== AgentKind.pedestrian ? 0 : fields[fieldOf[i]].distanceM[cell];
  }
  const yieldWeight = params.yieldWeight;
  const doorExit = ctx.space.wallExit, exitOpen = ctx.exitOpen, fieldExit = ctx.fieldExit, exitCount = ctx.exitCount;
  gateState[0] = ctx.gateOpen;
  gateLineOf[0] = ctx.space.gateLine;

  for (let i = 0; i < n; i++) {
    const xi = posX[i], yi = posY[i];
    const gi = goalDist[i];
    if (kind[i] !== AgentKind.pedestrian) {
      // Gone through an exit, or replayed (heading and speed set from its recording): walks on
      // straight at its desired speed.
      const v = desired[i];
      nextX[i] = xi + v * headX[i] * stepS;
      nextY[i] = yi + v * headY[i] * stepS;
      velX[i] = v * headX[i];
      velY[i] = v * headY[i];
      continue;
    }
    if (desiredX[i] === 0 && desiredY[i] === 0) {
      // Waiting (pre-movement) or no known way: stand.
      nextX[i] = xi; nextY[i] = yi; velX[i] = 0; velY[i] = 0;
      continue;
    }
    const ri = radius[i];
    let ux = desiredX[i], uy = desiredY[i];
    const e0x = ux, e0y = uy;

    // Pass 1: neighbours in the 3 x 3 block of cells; repulsion of eq. 3; remember them for eq. 4.
    let count = 0;
    const cell = cellOfAgent[i];
    const col = cell % columns;
    const row = (cell - col) / columns;
    for (let dr = -1; dr <= 1; dr++) {
      const r = row + dr;
      if (r < 0 || r >= rows) continue;
      for (let dc = -1; dc <= 1; dc++) {
        let c = col + dc;
        if (c < 0 || c >= columns) {
          if (!periodic) continue;
          c = c < 0 ? c + columns : c - columns;
        }
        const nc = r * columns + c;
        for (let p = cellStart[nc], end = cellStart[nc + 1]; p < end; p++) {
          const j = agentsByCell[p];
          if (j === i) continue;
          let dx = posX[j] - xi;
          if (periodic) { if (dx > halfPeriod) dx -= periodLength; else if (dx < -halfPeriod) dx += periodLength; }
          const dy = posY[j] - yi;
          const distSq = dx * dx + dy * dy;
          if (distSq > searchSq || distSq === 0) continue;
          const dist = Math.sqrt(distSq);
          const contact = ri + radius[j];
          if (dist - contact < repulsionReach) {
            // Anisotropy (Helbing, Farkas, Vicsek 2000): people ahead weigh more than people behind.
            const cosPhi = (e0x * dx + e0y * dy) / dist;
            let anisotropy = lambda + (1 - lambda) * 0.5 * (1 + cosPhi);
            // Right of way: someone farther from the goal (or level with it and numbered after)
            // pushes less; the one ahead does not give way to the one behind.
            const gj = goalDist[j];
            if (gj > gi + PRIORITY_TIE_M || (gj >= gi - PRIORITY_TIE_M && ids[j] > ids[i])) anisotropy *= yieldWeight;
            const w = (anisotropy * a * Math.exp((contact - dist) / rangeD)) / dist;
            ux -= w * dx;
            uy -= w * dy;
          }
          // Keep right (Helbing & Molnar 1995 note the asymmetry that lets counter-flows form
          // lanes): someone ahead, bound elsewhere, whose way runs against ours turns our
          // direction to the right. (People of one floor field going opposite ways near each other
          // are converging on a door from both sides, not a counter-flow.)
          if (fieldOf[j] !== fieldOf[i] && e0x * desiredX[j] + e0y * desiredY[j] < -0.3 && e0x * dx + e0y * dy > 0) {
            const kr = KEEP_RIGHT * Math.exp(-(dist - contact) / KEEP_RIGHT_RANGE_M);
            ux += kr * e0y;
            uy -= kr * e0x;
          }
          if (count < MAX_NEIGHBOURS) {
            nbDx[count] = dx; nbDy[count] = dy; nbDist[count] = dist; nbContact[count] = contact; count++;
          }
        }
      }
    }

    // Wall repulsion of eq. 3 (short range).
    const wallCell = wallCellOf(ctx.wallIndex, posX, posY, i);
    const walls = ctx.space.wallsM;
    const segStart = ctx.wallIndex.cellStart[wallCell], segEnd = ctx.wallIndex.cellStart[wallCell + 1];
    const segs = ctx.wallIndex.segments;
    const aw = params.wallRepulsion, dw = params.wallRangeM;
    const doorBase = fieldOf[i] * exitCount;
    wallProbe[WALL_PX] = xi;
    wallProbe[WALL_PY] = yi;
    gateProbe[0] = xi;
    gateProbe[1] = yi;
    for (let p = segStart; p < segEnd; p++) {
      if (isOpenDoor(doorExit, exitOpen, fieldExit, doorBase, segs[p])) continue;
      offsetFromWall(walls, segs[p]);
      const nx = wallProbe[WALL_NX], ny = wallProbe[WALL_NY], d = wallProbe[WALL_D];
      if (d > 0 && d - ri < dw * 10) {
        const w = (aw * Math.exp((ri - d) / dw)) / d;
        ux += w * nx;
        uy += w * ny;
      }
    }
    let norm = Math.sqrt(ux * ux + uy * uy);
    if (norm < 1e-9) { ux = e0x; uy = e0y; norm = 1; }
    let exi = ux / norm, eyi = uy / norm;
    // Heading relaxation: e_i(t + dt) = normalise(e_i(t) + dt / tau (e*_i - e_i(t))).
    const hx = headX[i], hy = headY[i];
    if (hx !== 0 || hy !== 0) {
      const rx = hx + relax * (exi - hx), ry = hy + relax * (eyi - hy);
      const rn = Math.sqrt(rx * rx + ry * ry);
      if (rn > 1e-6) { exi = rx / rn; eyi = ry / rn; }
    }
    headX[i] = exi;
    headY[i] = eyi;

    // Pass 2: smallest spacing to a neighbour ahead within the lateral band (eq. 4), speed of eq. 2.
    const v0 = grouped ? desired[i] * pace[i] : desired[i];
    probe[PROBE_INV_T] = invTimeGap;
    probe[PROBE_V0] = v0;
    probe[PROBE_X] = exi;
    probe[PROBE_Y] = eyi;
    probeSpeed(count);
    let speed = probe[PROBE_SPEED];
    let dirX = exi, dirY = eyi;
    if (speed < BLOCKED_FRACTION * v0) {
      // Blocked along e_i (eq. 2 gives ~0): side-step. Among e0_i turned by 0, +-25, +-50 and
      // +-75 degrees, take the direction with the most progress toward the goal,
      // V(s(e)) (e . e0_i), if it makes any.
      let bestProgress = speed * (dirX * e0x + dirY * e0y);
      for (let k = 0; k < SIDESTEP_COS.length; k++) {
        const c = SIDESTEP_COS[k], sn = SIDESTEP_SIN[k];
        const cx = e0x * c - e0y * sn, cy = e0x * sn + e0y * c;
        probe[PROBE_X] = cx;
        probe[PROBE_Y] = cy;
        probeSpeed(count);
        const v = probe[PROBE_SPEED];
        const progress = v * c;
        if (progress > bestProgress + 1e-9) {
          bestProgress = progress;
          speed = v;
          dirX = cx;
          dirY = cy;
        }
      }
    }

    // Hard wall constraint: keep a minimum clearance, and never cross a wall.
    move[MOVE_MIN_CLEAR] = WALL_MIN_CLEARANCE * ri;
    move[MOVE_X] = xi + speed * dirX * stepS;
    move[MOVE_Y] = yi + speed * dirY * stepS;
    constrainToWalls(walls, segs, segStart, segEnd, posX, posY, i, doorExit, exitOpen, fieldExit, doorBase);
    let tx = move[MOVE_X], ty = move[MOVE_Y];
    const intendedM = speed * stepS;
    if (intendedM > 0 && (tx - xi) * (tx - xi) + (ty - yi) * (ty - yi) < 0.25 * intendedM * intendedM) {
      // A wall took most of the step (walking into the face of an obstacle, straight behind it):
      // slide. Among e0 turned by +-25 .. +-90 degrees, take the constrained step with the most
      // progress toward the goal, then the longest, at the speed eq. 2 allows along it.
      let bestScore = 0;
      for (let k = 1; k < SLIDE_COS.length; k++) {
        const c = SLIDE_COS[k], sn = SLIDE_SIN[k];
        const cx = e0x * c - e0y * sn, cy = e0x * sn + e0y * c;
        probe[PROBE_X] = cx;
        probe[PROBE_Y] = cy;
        probeSpeed(count);
        const v = probe[PROBE_SPEED];
        if (v <= 0) continue;
        move[MOVE_X] = xi + v * cx * stepS;
        move[MOVE_Y] = yi + v * cy * stepS;
        constrainToWalls(walls, segs, segStart, segEnd, posX, posY, i, doorExit, exitOpen, fieldExit, doorBase);
        const mx = move[MOVE_X] - xi, my = move[MOVE_Y] - yi;
        const score = mx * e0x + my * e0y + 0.25 * Math.sqrt(mx * mx + my * my);
        if (score > bestScore + 1e-12) {
          bestScore = score;
          tx = move[MOVE_X];
          ty = move[MOVE_Y];
        }
      }
    }
    nextX[i] = tx;
    nextY[i] = ty;
    velX[i] = (tx - xi) / stepS;
    velY[i] = (ty - yi) / stepS;
  }
}

/**
 * Applies the hard wall constraint to the tentative position move[MOVE_X], move[MOVE_Y] of
 * agent i (pushed out to move[MOVE_MIN_CLEAR] from every wall near it; back to its current
 * position if the step crosses a wall). Arrays and an index rather than doubles, as in
 * FloorField.sampleDirectionAt (no boxing when V8 does not inline).
 */
function constrainToWalls(
  walls: Float64Array, segs: Int32Array, segStart: number, segEnd: number,
  posX: Float64Array, posY: Float64Array, i: number,
  doorExit: Int16Array, exitOpen: Uint8Array, fieldExit: Uint8Array, doorBase: number,
): void {
  const minClear = move[MOVE_MIN_CLEAR];
  let tx = move[MOVE_X], ty = move[MOVE_Y];
  for (let p = segStart; p < segEnd; p++) {
    if (isOpenDoor(doorExit, exitOpen, fieldExit, doorBase, segs[p])) continue;
    wallProbe[WALL_PX] = tx;
    wallProbe[WALL_PY] = ty;
    offsetFromWall(walls, segs[p]);
    const nx = wallProbe[WALL_NX], ny = wallProbe[WALL_NY], d = wallProbe[WALL_D];
    if (d < minClear && d > 1e-12) {
      tx += (nx / d) * (minClear - d);
      ty += (ny / d) * (minClear - d);
    }
  }
  // Never cross a wall: the step path P -> Q against each wall AB (proper or touching crossing;
  // sliding along the wall's own line is not a crossing). Written out here rather than called:
  // a call with eight doubles would box them.
  const px = posX[i], py = posY[i];
  for (let p = segStart; p < segEnd; p++) {
    if (isOpenDoor(doorExit, exitOpen, fieldExit, doorBase, segs[p])) continue;
    const k = segs[p] * 4;
    const ax = walls[k], ay = walls[k + 1], bx = walls[k + 2], by = walls[k + 3];
    const d1 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    const d2 = (bx - ax) * (ty - ay) - (by - ay) * (tx - ax);
    if ((d1 > 0 && d2 > 0) || (d1 < 0 && d2 < 0)) continue;
    const d3 = (tx - px) * (ay - py) - (ty - py) * (ax - px);
    const d4 = (tx - px) * (by - py) - (ty - py) * (bx - px);
    if ((d3 > 0 && d4 > 0) || (d3 < 0 && d4 < 0)) continue;
    if (d1 === 0 && d2 === 0) continue;
    tx = px;
    ty = py;
    break;
  }
  move[MOVE_X] = tx;
  move[MOVE_Y] = ty;
}

/**
 * A door is open to those who may leave through it (while it is open), a wall to everyone else.
 * A gate (door value -2 - g) is passable while open, and always for someone already on its inside
 * (the agent's position is in gateProbe, set before the agent's wall loops).
 */
function isOpenDoor(doorExit: Int16Array, exitOpen: Uint8Array, fieldExit: Uint8Array, doorBase: number, segment: number): boolean {
  const door = doorExit[segment];
  if (door >= 0) return exitOpen[door] === 1 && fieldExit[doorBase + door] === 1;
  if (door === -1) return false;
  const g = -2 - door;
  if (gateState[0] !== null && gateState[0][g] === 1) return true;
  const line = gateLineOf[0]!;
  return (gateProbe[0] - line[4 * g]) * line[4 * g + 2] + (gateProbe[1] - line[4 * g + 1]) * line[4 * g + 3] > 0;
}

// Gate scratch: the agent's position (set before its wall loops), and the world's gate arrays.
const gateProbe = new Float64Array(2);
const gateState: (Uint8Array | null)[] = [null];
const gateLineOf: (Float64Array | null)[] = [null];

/**
 * Vector from the nearest point of wall `segment` to the point (wallProbe[WALL_PX], [WALL_PY]),
 * and its length, into wallProbe[WALL_NX], [WALL_NY], [WALL_D] (scratch in and out: no boxing).
 */
function offsetFromWall(walls: Float64Array, segment: number): void {
  const k = segment * 4;
  const px = wallProbe[WALL_PX], py = wallProbe[WALL_PY];
  const ax = walls[k], ay = walls[k + 1], ex = walls[k + 2] - ax, ey = walls[k + 3] - ay;
  const lenSq = ex * ex + ey * ey;
  let t = lenSq > 0 ? ((px - ax) * ex + (py - ay) * ey) / lenSq : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const nx = px - (ax + t * ex), ny = py - (ay + t * ey);
  wallProbe[WALL_NX] = nx;
  wallProbe[WALL_NY] = ny;
  wallProbe[WALL_D] = Math.sqrt(nx * nx + ny * ny);
}

/**
 * Eq. 2 and 4 along the probed direction (probe[PROBE_X], probe[PROBE_Y]): the smallest spacing
 * s to a remembered neighbour in front, within the lateral band of the contact distance, then
 * V(s) = min(v0, max(0, s / T)), written to probe[PROBE_SPEED]. NOTE: inputs and output go
 * through the scratch array: V8 boxes (allocates) double arguments and results of calls it does
 * not inline, and this one runs up to ten times per blocked agent and step.
 */
function probeSpeed(count: number): void {
  const ex = probe[PROBE_X], ey = probe[PROBE_Y];
  let spacing = Infinity;
  for (let k = 0; k < count; k++) {
    const dx = nbDx[k], dy = nbDy[k];
    if (ex * dx + ey * dy <= 0) continue;
    const lateral = ex * dy - ey * dx;
    const contact = nbContact[k];
    if (lateral > contact || lateral < -contact) continue;
    const s = nbDist[k] - contact;
    if (s < spacing) spacing = s;
  }
  const limited = spacing * probe[PROBE_INV_T];
  const v0 = probe[PROBE_V0];
  probe[PROBE_SPEED] = limited < v0 ? (limited > 0 ? limited : 0) : v0;
}

/** The wall-index cell of agent i (arrays and index, not doubles: see sampleDirectionAt). */
function wallCellOf(index: WallIndex, posX: Float64Array, posY: Float64Array, i: number): number {
  let c = Math.floor((posX[i] - index.originXM) / index.cellM);
  let r = Math.floor((posY[i] - index.originYM) / index.cellM);
  c = c < 0 ? 0 : c >= index.columns ? index.columns - 1 : c;
  r = r < 0 ? 0 : r >= index.rows ? index.rows - 1 : r;
  return r * index.columns + c;
}

