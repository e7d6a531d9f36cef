/**
 * Social groups that walk together (friends, families): most people at an event come with
 * others, and a group walks at its slowest member's pace, waits for whoever falls behind and
 * takes up more width than its members alone (Moussaid, Perozo, Garnier, Helbing and
 * Theraulaz 2010, "The walking behaviour of pedestrian social groups and its impact on crowd
 * dynamics", PLoS ONE 5(4) e10047).
 *
 * Their group term makes a member farther than (N - 1) / 2 metres from the centre of mass c of
 * the group's N members turn toward it (eq. 6, attraction q_A beta_1 U_i). Turning toward c
 * ignores walls: a member on the other side of a building would press into it. In the
 * first-order collision-free speed model we keep what that term does along the way everyone of
 * the group follows (the same floor field): a member who is ahead of the centre by more than
 * (N - 1) / 2 metres along its desired direction e0,
 *
 *   (x - c) . e0 > (N - 1) / 2,
 *
 * slows to WAITING_PACE of its speed for the others to catch up; members behind walk at the
 * group's pace. (It slows rather than stops: in a narrow street a stopped member would block the
 * people behind, its companions among them, for good.) A group's members also share a desired
 * speed (the slowest member's), a meeting point and a pre-movement time, set when its members
 * appear (together).
 */
import { grownCopy } from '../memory/grownCopy.ts';

/** The social groups of a world: by agent id, which group; by group, its running sums. */
export interface Companions {
  /** Group of each agent id, -1 alone. */
  groupOfId: Int32Array;
  /** Groups created so far. */
  count: number;
  /** Per group: sums of the walking members' positions and their number, this step. */
  sumX: Float64Array;
  sumY: Float64Array;
  walking: Int32Array;
  /** Per group: the first member's desired speed, meeting field and the tick its members set off (from a gathering, or on appearing; -1: not yet drawn). */
  speedMps: Float32Array;
  field: Int32Array;
  leaveTick: Int32Array;
}

export function createCompanions(): Companions {
  return {
    groupOfId: new Int32Array(64).fill(-1), count: 0,
    sumX: new Float64Array(16), sumY: new Float64Array(16), walking: new Int32Array(16),
    speedMps: new Float32Array(16), field: new Int32Array(16), leaveTick: new Int32Array(16),
  };
}

/** A new group; returns its index. */
export function addCompanionGroup(companions: Companions): number {
  const g = companions.count++;
  if (g >= companions.sumX.length) {
    const n = 2 * companions.sumX.length;
    companions.sumX = grownCopy(companions.sumX, n);
    companions.sumY = grownCopy(companions.sumY, n);
    companions.walking = grownCopy(companions.walking, n);
    companions.speedMps = grownCopy(companions.speedMps, n);
    companions.field = grownCopy(companions.field, n);
    companions.leaveTick = grownCopy(companions.leaveTick, n, -1);
  }
  companions.leaveTick[g] = -1;
  return g;
}

/** Puts agent `id` in group `g` (or alone with -1). */
export function joinCompanionGroup(companions: Companions, id: number, g: number): void {
  if (id >= companions.groupOfId.length) companions.groupOfId = grownCopy(companions.groupOfId, Math.max(2 * companions.groupOfId.length, id + 1), -1);
  companions.groupOfId[id] = g;
}

/**
 * Draws the size of the group a newcomer starts, from the share of people by group size
 * (`shareBySize[k - 1]`: the share of people who walk in a group of k): a group of k takes k
 * people, so sizes are drawn with probability proportional to share / k.
 */
export function drawGroupSize(shareBySize: readonly number[], uniform01: number): number {
  let total = 0;
  for (let k = 1; k <= shareBySize.length; k++) total += shareBySize[k - 1] / k;
  let u = uniform01 * total;
  for (let k = 1; k <= shareBySize.length; k++) {
    u -= shareBySize[k - 1] / k;
    if (u < 0) return k;
  }
  return shareBySize.length;
}

/** Share of its desired speed a member ahead of its group walks at. */
export const WAITING_PACE = 0.5;

/**
 * Sets `pace` (per slot) to WAITING_PACE for the group members too far ahead of their group's
 * centre along their desired direction (desiredX/Y, unit or zero), 1 for everyone else. Only
 * members who walk (a non-zero desired direction) count toward the centre: a member still
 * waiting holds no one back. No allocation.
 */
export function applyCohesion(
  companions: Companions, ids: Int32Array, posX: Float64Array, posY: Float64Array, n: number, desiredX: Float64Array, desiredY: Float64Array, pace: Float64Array,
): void {
  const { groupOfId, sumX, sumY, walking } = companions;
  const known = groupOfId.length;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const g = id < known ? groupOfId[id] : -1;
    if (g < 0 || (desiredX[i] === 0 && desiredY[i] === 0)) continue;
    sumX[g] += posX[i];
    sumY[g] += posY[i];
    walking[g]++;
  }
  for (let i = 0; i < n; i++) {
    pace[i] = 1;
    const id = ids[i];
    const g = id < known ? groupOfId[id] : -1;
    if (g < 0 || walking[g] < 2 || (desiredX[i] === 0 && desiredY[i] === 0)) continue;
    const members = walking[g];
    const ahead = (posX[i] - sumX[g] / members) * desiredX[i] + (posY[i] - sumY[g] / members) * desiredY[i];
    if (ahead > (members - 1) / 2) pace[i] = WAITING_PACE;
  }
  // Clear the sums of the groups touched (only theirs: no pass over every group).
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const g = id < known ? groupOfId[id] : -1;
    if (g < 0) continue;
    sumX[g] = 0;
    sumY[g] = 0;
    walking[g] = 0;
  }
}
