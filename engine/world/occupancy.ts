/**
 * Occupancy checks for placing new people among those already there (sources, groups that
 * appear during a run).
 */
import { gridColumn, gridRow } from '../spatial/UniformGrid.ts';
import type { AgentStore } from '../agents/AgentStore.ts';
import type { UniformGrid } from '../spatial/UniformGrid.ts';

/**
 * True when a body of radius `radiusM` at (x, y) keeps 1 cm from everybody: checks the
 * neighbour grid (which must have been rebuilt since the last move) and the agents added since.
 */
export function isFarFromEveryone(grid: UniformGrid, agents: AgentStore, xM: number, yM: number, radiusM: number): boolean {
  const px = agents.posXM, py = agents.posYM, pr = agents.radiusM;
  // On a periodic x axis, distances wrap around the period.
  const periodM = grid.periodicX ? grid.columns * grid.cellWidthM : 0;
  const col = gridColumn(grid, xM), row = gridRow(grid, yM);
  for (let r = Math.max(0, row - 1); r <= Math.min(grid.rows - 1, row + 1); r++) {
    for (let dc = -1; dc <= 1; dc++) {
      let c = col + dc;
      if (c < 0 || c >= grid.columns) {
        if (!grid.periodicX) continue;
        c = (c + grid.columns) % grid.columns;
      }
      const cell = r * grid.columns + c;
      for (let p = grid.cellStart[cell]; p < grid.cellStart[cell + 1]; p++) {
        const j = grid.agentsByCell[p];
        const minD = radiusM + pr[j] + 0.01;
        let dx = px[j] - xM;
        if (periodM > 0) dx -= periodM * Math.round(dx / periodM);
        const dy = py[j] - yM;
        if (dx * dx + dy * dy < minD * minD) return false;
      }
    }
  }
  // Agents spawned after the grid was built sit at the end of the store.
  for (let j = grid.cellStart[grid.cellStart.length - 1]; j < agents.count; j++) {
    const minD = radiusM + pr[j] + 0.01;
    let dx = px[j] - xM;
    if (periodM > 0) dx -= periodM * Math.round(dx / periodM);
    const dy = py[j] - yM;
    if (dx * dx + dy * dy < minD * minD) return false;
  }
  return true;
}

/** A standing person's walking tick: never (until a gathering or a tram lets them go). */
export const NEVER_TICK = 0x7fffffff;

/** Radius of the disc the crowd around a person is counted in, m. */
const CROWD_RADIUS_M = 1;

/**
 * Density of the crowd around the person in slot `i`: the others within CROWD_RADIUS_M (by the
 * neighbour grid, whose cells are at least that wide), over the disc's area.
 */
export function crowdAroundPerM2(grid: UniformGrid, agents: AgentStore, i: number): number {
  const x = agents.posXM[i], y = agents.posYM[i];
  const col = gridColumn(grid, x), row = gridRow(grid, y);
  let count = 0;
  for (let r = Math.max(0, row - 1); r <= Math.min(grid.rows - 1, row + 1); r++) {
    for (let c = Math.max(0, col - 1); c <= Math.min(grid.columns - 1, col + 1); c++) {
      const cell = r * grid.columns + c;
      for (let p = grid.cellStart[cell]; p < grid.cellStart[cell + 1]; p++) {
        const j = grid.agentsByCell[p];
        if (j === i || j >= agents.count) continue;
        const dx = agents.posXM[j] - x, dy = agents.posYM[j] - y;
        if (dx * dx + dy * dy <= CROWD_RADIUS_M * CROWD_RADIUS_M) count++;
      }
    }
  }
  return count / (Math.PI * CROWD_RADIUS_M * CROWD_RADIUS_M);
}

/** Someone walking slower than this, m/s, for BLOCKED_AFTER_TICKS steps after setting off, is held up. */
const BLOCKED_SPEED_MPS = 0.1;
const BLOCKED_AFTER_TICKS = 10;

/**
 * Whether the person in slot `i` is held up: walking (set off at least BLOCKED_AFTER_TICKS
 * steps ago) yet barely moving, pressed against the people in front.
 */
export function isHeldUp(agents: AgentStore, i: number, tick: number): boolean {
  if (tick < agents.walkFromTick[i] + BLOCKED_AFTER_TICKS) return false;
  const vx = agents.velXMps[i], vy = agents.velYMps[i];
  return vx * vx + vy * vy < BLOCKED_SPEED_MPS * BLOCKED_SPEED_MPS;
}
