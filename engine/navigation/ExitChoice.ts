/**
 * Congestion-aware exit choice (`navigation.exitChoice: "congestion"`). Every second each
 * person whose goal lists several exits estimates, for each open exit e, the time to leave by it:
 *
 *   t_e = L_e(x) / v0 + Q_e(x) / C_e
 *
 * with L_e(x) the floor-field path length to e, v0 the person's desired speed, Q_e(x) the number
 * of people already heading for e who are closer to it, and C_e its capacity: 1.33 persons per
 * metre of door width per second (IMO MSC/Circ.1238, the reference flow NIST TN 1822 uses). This
 * is the "quickest exit" estimate of route-choice models that weigh distance against queues
 * (Kretz 2009, "Pedestrian traffic: on the quickest path"; Kirik et al. 2009). The person
 * switches only when another exit is faster by at least 2 s and 10 % (hysteresis), so choices
 * do not flip-flop. With `"nearest"` (the default) people take the exit nearest by travel time.
 */
import { AgentKind, type AgentStore } from '../agents/AgentStore.ts';
import type { FloorField } from './FloorField.ts';
import { navCellOf, type NavGrid } from './NavGrid.ts';

/** Specific flow through a door used as its capacity, persons per metre per second. */
export const DOOR_CAPACITY_PER_M_S = 1.33;
/** Re-evaluation period of exit choices, seconds. */
export const EXIT_CHOICE_PERIOD_S = 1;
const SWITCH_MIN_GAIN_S = 2;
const SWITCH_MIN_GAIN_FRACTION = 0.1;

export interface ExitChoiceState {
  /** For each field index: the single-exit fields to choose among (when it is a multi-exit goal set), else null. */
  optionsByField: (Int32Array | null)[];
  /** For each field index: the exit it leads to when it is a single-exit field, else -1. */
  exitOfField: Int32Array;
  /** Goal-set field of each population (group or source). */
  goalFieldOfPopulation: Int32Array;
  /** Capacity of each exit, persons per second. */
  capacityPerS: Float64Array;
  /** Scratch: path lengths of the people heading for each exit, sorted at each evaluation. */
  queues: Float64Array[];
  queueLength: Int32Array;
  periodTicks: number;
  /** Set when an exit closes, to re-evaluate at the next step. */
  forceNext: boolean;
}

/** Builds the choice state. `singleFieldOfExit[e]` is the field index leading to exit e alone. */
export function createExitChoiceState(
  optionsByField: (Int32Array | null)[], exitOfField: Int32Array, goalFieldOfPopulation: Int32Array,
  doorWidthM: ArrayLike<number>, capacity: number, stepS: number,
): ExitChoiceState {
  const exits = doorWidthM.length;
  return {
    optionsByField, exitOfField, goalFieldOfPopulation,
    capacityPerS: Float64Array.from(doorWidthM, (w) => Math.max(w, 0.5) * DOOR_CAPACITY_PER_M_S),
    queues: Array.from({ length: exits }, () => new Float64Array(Math.max(16, capacity))),
    queueLength: new Int32Array(exits),
    periodTicks: Math.max(1, Math.round(EXIT_CHOICE_PERIOD_S / stepS)),
    forceNext: true,
  };
}

/** Re-evaluates the exit of every person with several possible exits (every period). */
export function chooseExits(state: ExitChoiceState, agents: AgentStore, nav: NavGrid, fields: FloorField[], tick: number): void {
  if (!state.forceNext && tick % state.periodTicks !== 0) return;
  state.forceNext = false;
  const n = agents.count;
  const { queues, queueLength, exitOfField, optionsByField, goalFieldOfPopulation, capacityPerS } = state;
  if (queues.length > 0 && queues[0].length < agents.capacity) {
    for (let e = 0; e < queues.length; e++) queues[e] = new Float64Array(agents.capacity);
  }
  queueLength.fill(0);
  for (let i = 0; i < n; i++) {
    const e = exitOfField[agents.field[i]];
    if (e < 0 || agents.kind[i] !== AgentKind.pedestrian) continue;
    const cell = navCellOf(nav, agents.posXM, agents.posYM, i);
    if (cell < 0) continue;
    queues[e][queueLength[e]++] = fields[agents.field[i]].distanceM[cell];
  }
  for (let e = 0; e < queues.length; e++) queues[e].subarray(0, queueLength[e]).sort();

  for (let i = 0; i < n; i++) {
    const options = optionsByField[goalFieldOfPopulation[agents.group[i]]];
    if (options === null || agents.kind[i] !== AgentKind.pedestrian) continue;
    const cell = navCellOf(nav, agents.posXM, agents.posYM, i);
    if (cell < 0) continue;
    const v0 = Math.max(agents.desiredSpeedMps[i], 0.1);
    const current = agents.field[i];
    let bestField = -1;
    let bestCost = Infinity;
    let currentCost = Infinity;
    for (let k = 0; k < options.length; k++) {
      const f = options[k];
      const e = exitOfField[f];
      const pathM = fields[f].distanceM[cell];
      if (!Number.isFinite(pathM)) continue;
      const ahead = countBelow(queues[e], queueLength[e], pathM);
      const cost = pathM / v0 + ahead / capacityPerS[e];
      if (f === current) currentCost = cost;
      if (cost < bestCost) {
        bestCost = cost;
        bestField = f;
      }
    }
    if (bestField < 0 || bestField === current) continue;
    const gain = currentCost - bestCost;
    if (!Number.isFinite(currentCost) || (gain >= SWITCH_MIN_GAIN_S && gain >= SWITCH_MIN_GAIN_FRACTION * currentCost)) {
      agents.field[i] = bestField;
    }
  }
}

/** Number of values in sorted[0..length) strictly below `value` (binary search). */
function countBelow(sorted: Float64Array, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
