/**
 * Fixed-time traffic signals. A signalised node's incoming links are grouped into phases by the
 * axis of their approach (links within 45° of one another's axis, in either direction, share a
 * phase: north-south, then east-west); a node whose approaches all share one axis (a signalised
 * pedestrian crossing) gets a second phase in which every approach is red (the people's green).
 * The cycle gives each phase an equal green, followed by amber and all-red:
 *   [green A | amber | all-red | green B | amber | all-red], shifted by the plan's offset.
 * A vehicle stops at red, and at amber when it can stop at a comfortable deceleration.
 *
 * An explicit program (`SignalSpec.phases`, as SUMO's tlLogic: phases with durations and the state
 * of each connection) replaces the two phases: each phase lists the turning movements it shows
 * green and amber, every other movement of the node is red; the cycle is the sum of the
 * durations. A movement is (in position, out position) at the node (RoadNetwork.linkInIndex,
 * linkOutIndex), its slot in the program in * outCount + out, so that a vehicle reads the state of
 * its own movement (a protected left turn: the left-turn movement green, the through one red).
 * The actuators work on program phases as on the two default ones: a forced phase shows that
 * phase's greens, and the clearance of a mode change holds the phase shown then (its greens
 * green for the minimum green, then its greens and ambers amber, then all red). A program phase
 * with an amber movement counts as an amber phase for the clearance (no red-to-amber on return).
 */
import type { SignalSpec } from '../scenario/Scenario.ts';
import type { RoadNetwork } from './RoadNetwork.ts';

export const SignalState = { green: 0, amber: 1, red: 2 } as const;

/** An explicit program (SignalSpec.phases) as the plan runs it. */
export interface SignalProgram {
  /** End of each phase within the cycle, s (cumulative durations). */
  phaseEndS: Float64Array;
  /** Movements of the node: slot = in position * outCount + out position. */
  outCount: number;
  slotCount: number;
  /** State of each movement slot in each phase, state[phase * slotCount + slot] (SignalState). */
  state: Uint8Array;
  /** Per phase: its state as a whole (amber if any movement shows amber, else green if any shows green, else red). */
  phaseState: Uint8Array;
  /** Per slot: the phase showing it green longest (what emergency pre-emption asks for), or -1 (never green). */
  bestPhase: Int32Array;
}

/** One signal plan. */
export interface SignalPlan {
  node: number;
  /** The explicit program, or null (or absent) for the two phases by approach axis. */
  program?: SignalProgram | null;
  /** Scratch: the time of the last position computed in the cycle, that position, and the program phase then (-1: not yet). */
  cacheAtS?: number;
  cacheInCycleS?: number;
  cachePhase?: number;
  cycleS: number;
  offsetS: number;
  amberS: number;
  allRedS: number;
  phaseCount: number;
  /** Green time of each phase, s. */
  greenS: number;
  /** Actuation: a phase forced to green (all others red), or -1 for the fixed plan. */
  forcedPhase: number;
  /** Actuation: every approach red. */
  allRed: boolean;
  /**
   * Clearance of a change of mode (changeSignalMode): until `clearEndS` every phase is red but
   * `clearPhase` (the phase that was green or amber when the change was asked for; -1 when none
   * was), which stays green until `clearGreenEndS` (its minimum green) and shows amber until
   * `clearAmberEndS`. Before then the new mode is not shown.
   */
  clearPhase: number;
  clearGreenEndS: number;
  clearAmberEndS: number;
  clearEndS: number;
}

/**
 * A green cut short by an actuation has lasted at least this long, s (the lower end of the usual
 * 5-15 s minimum greens, FHWA Traffic Signal Timing Manual, 2008, ch. 5): a green that just
 * started is not turned amber at once.
 */
export const MIN_GREEN_S = 5;

/** Modes of a signal besides a forced phase (0, 1, ...): its fixed-time plan, or all-red. */
export const SignalMode = { plan: -1, allRed: -2 } as const;

/** Builds the plans and sets `linkSignal` and the phase of each controlled link. */
export function buildSignalPlans(network: RoadNetwork, specs: SignalSpec[]): { plans: SignalPlan[]; linkPhase: Int32Array } {
  const linkPhase = new Int32Array(network.linkCount).fill(-1);
  const plans = specs.map((spec, index): SignalPlan => {
    const incoming: number[] = [];
    for (let l = 0; l < network.linkCount; l++) if (network.linkTo[l] === spec.node) incoming.push(l);
    if (spec.phases && spec.phases.length > 0) return buildProgramPlan(network, spec, index, incoming, linkPhase);
    const axes = incoming.map((l) => approachAxisRad(network, l));
    incoming.forEach((l, k) => {
      linkPhase[l] = Math.abs(Math.sin(axes[k] - axes[0])) < Math.SQRT1_2 ? 0 : 1;
      network.linkSignal[l] = index;
    });
    // Two phases: the two axes, or (one axis only, a crossing) the vehicles' and the people's.
    const phaseCount = 2;
    const cycleS = spec.cycleS ?? 60;
    const amberS = spec.amberS ?? 3;
    const allRedS = spec.allRedS ?? 2;
    const greenS = Math.max(5, (cycleS - phaseCount * (amberS + allRedS)) / phaseCount);
    return {
      node: spec.node, program: null, cacheAtS: NaN, cacheInCycleS: 0, cachePhase: -1, cycleS, offsetS: spec.offsetS ?? 0, amberS, allRedS, phaseCount, greenS,
      forcedPhase: -1, allRed: false, clearPhase: -1, clearGreenEndS: -Infinity, clearAmberEndS: -Infinity, clearEndS: -Infinity,
    };
  });
  return { plans, linkPhase };
}

/**
 * A plan running an explicit program. Each incoming link's phase (`linkPhase`: what pedestrian
 * gates and green waves read) is the phase that shows its movements green longest.
 */
function buildProgramPlan(network: RoadNetwork, spec: SignalSpec, index: number, incoming: number[], linkPhase: Int32Array): SignalPlan {
  const phases = spec.phases ?? [];
  const outCount = network.nodeOutCount[spec.node];
  const slotCount = network.nodeInCount[spec.node] * outCount;
  const state = new Uint8Array(phases.length * slotCount).fill(SignalState.red);
  const phaseEndS = new Float64Array(phases.length);
  const phaseState = new Uint8Array(phases.length).fill(SignalState.red);
  let endS = 0;
  phases.forEach((phase, k) => {
    endS += phase.durationS;
    phaseEndS[k] = endS;
    for (const [list, shown] of [[phase.green, SignalState.green], [phase.amber ?? [], SignalState.amber]] as const) {
      for (const movement of list) {
        const [from, to] = typeof movement === 'number' ? [movement, -1] : movement;
        if (network.linkTo[from] !== spec.node) continue;
        for (let out = 0; out < outCount; out++) {
          if (to >= 0 && (network.linkFrom[to] !== spec.node || network.linkOutIndex[to] !== out)) continue;
          state[k * slotCount + network.linkInIndex[from] * outCount + out] = shown;
        }
        if (shown === SignalState.amber || phaseState[k] === SignalState.red) phaseState[k] = shown;
      }
    }
  });
  const bestPhase = new Int32Array(slotCount).fill(-1);
  for (let slot = 0; slot < slotCount; slot++) {
    let bestS = 0;
    for (let k = 0; k < phases.length; k++) {
      if (state[k * slotCount + slot] === SignalState.green && phases[k].durationS > bestS) {
        bestS = phases[k].durationS;
        bestPhase[slot] = k;
      }
    }
  }
  for (const l of incoming) {
    network.linkSignal[l] = index;
    let bestS = -1;
    linkPhase[l] = 0;
    for (let k = 0; k < phases.length; k++) {
      let green = false;
      for (let out = 0; out < outCount; out++) if (state[k * slotCount + network.linkInIndex[l] * outCount + out] === SignalState.green) green = true;
      if (green && phases[k].durationS > bestS) {
        bestS = phases[k].durationS;
        linkPhase[l] = k;
      }
    }
  }
  return {
    node: spec.node, program: { phaseEndS, outCount, slotCount, state, phaseState, bestPhase }, cacheAtS: NaN, cacheInCycleS: 0, cachePhase: -1,
    cycleS: endS, offsetS: spec.offsetS ?? 0, amberS: spec.amberS ?? 3, allRedS: spec.allRedS ?? 2, phaseCount: phases.length, greenS: 0,
    forcedPhase: -1, allRed: false, clearPhase: -1, clearGreenEndS: -Infinity, clearAmberEndS: -Infinity, clearEndS: -Infinity,
  };
}

/** The program slot of the movement from link `from` into link `to` at a programmed signal. */
export function movementSlot(network: RoadNetwork, program: SignalProgram, from: number, to: number): number {
  return network.linkInIndex[from] * program.outCount + network.linkOutIndex[to];
}

/**
 * Bit k set when phase k shows the movement from `from` into `to` green (the phase of `from` for a
 * two-phase plan): two movements never green together never meet at the junction.
 */
export function movementGreenMask(network: RoadNetwork, plan: SignalPlan, linkPhase: Int32Array, from: number, to: number): number {
  const program = plan.program;
  if (!program) return 1 << linkPhase[from];
  const slot = movementSlot(network, program, from, to);
  let mask = 0;
  for (let k = 0; k < plan.phaseCount; k++) if (program.state[k * program.slotCount + slot] === SignalState.green) mask |= 1 << k;
  return mask;
}

/** The program phase running at `timeS` (the plan alone, no actuation). */
function programPhaseAt(plan: SignalPlan, timeS: number): number {
  const inCycle = inCycleS(plan, timeS);
  if (plan.cachePhase! >= 0) return plan.cachePhase!;
  const ends = plan.program!.phaseEndS;
  let k = 0;
  while (k < ends.length - 1 && inCycle >= ends[k]) k++;
  plan.cachePhase = k;
  return k;
}

/**
 * The state shown to the movement in program slot `slot` of a programmed plan at `timeS`
 * (clearance, all-red and forced phase first, as signalStateAt).
 */
export function movementStateAt(plan: SignalPlan, slot: number, timeS: number): number {
  const program = plan.program!;
  if (timeS < plan.clearEndS) {
    if (plan.clearPhase < 0 || timeS >= plan.clearAmberEndS) return SignalState.red;
    const shown = program.state[plan.clearPhase * program.slotCount + slot];
    if (shown === SignalState.red) return SignalState.red;
    return timeS < plan.clearGreenEndS && shown === SignalState.green ? SignalState.green : SignalState.amber;
  }
  if (plan.allRed) return SignalState.red;
  if (plan.forcedPhase >= 0) return program.state[plan.forcedPhase * program.slotCount + slot] === SignalState.green ? SignalState.green : SignalState.red;
  return program.state[programPhaseAt(plan, timeS) * program.slotCount + slot];
}

/** Axis of the last segment of a link (radians; only its direction modulo pi matters). */
function approachAxisRad(network: RoadNetwork, link: number): number {
  const shape = network.linkShape[link];
  const n = shape.length / 2;
  return Math.atan2(shape[2 * n - 1] - shape[2 * n - 3], shape[2 * n - 2] - shape[2 * n - 4]);
}

/** The state shown to a link of phase `phase` under `plan` at time `timeS`. */
export function signalStateAt(plan: SignalPlan, phase: number, timeS: number): number {
  if (timeS < plan.clearEndS) {
    if (phase !== plan.clearPhase || timeS >= plan.clearAmberEndS) return SignalState.red;
    return timeS < plan.clearGreenEndS ? SignalState.green : SignalState.amber;
  }
  if (plan.allRed) return SignalState.red;
  if (plan.forcedPhase >= 0) return phase === plan.forcedPhase ? SignalState.green : SignalState.red;
  return planStateAt(plan, phase, timeS);
}

/**
 * The state the fixed-time plan alone gives phase `phase` at `timeS` (no actuation). For a
 * program: the phase's state as a whole (phaseState) while it runs, red otherwise.
 */
export function planStateAt(plan: SignalPlan, phase: number, timeS: number): number {
  if (plan.program) return programPhaseAt(plan, timeS) === phase ? plan.program.phaseState[phase] : SignalState.red;
  const slotS = plan.greenS + plan.amberS + plan.allRedS;
  const inCycle = inCycleS(plan, timeS);
  const start = phase * slotS;
  if (inCycle >= start && inCycle < start + plan.greenS) return SignalState.green;
  if (inCycle >= start + plan.greenS && inCycle < start + plan.greenS + plan.amberS) return SignalState.amber;
  return SignalState.red;
}

/** The mode a plan runs now: SignalMode.plan, SignalMode.allRed or a forced phase. */
export function signalModeOf(plan: SignalPlan): number {
  return plan.allRed ? SignalMode.allRed : plan.forcedPhase >= 0 ? plan.forcedPhase : SignalMode.plan;
}

/**
 * What a plan shows at one instant: the one phase not at red (or -1), its state, when its amber
 * ends, and, when every phase is red, when that all-red would end (a clearance or the plan's
 * all-red; at once after a forced all-red).
 */
interface Shown {
  phase: number;
  state: number;
  /** Since when it is green (-Infinity: long enough ago), and when its amber ends. */
  greenSinceS: number;
  amberEndS: number;
  allRedEndS: number;
}
const _shown: Shown = { phase: -1, state: SignalState.red, greenSinceS: 0, amberEndS: 0, allRedEndS: 0 };

function shownAt(plan: SignalPlan, timeS: number, out: Shown): Shown {
  out.phase = -1;
  out.state = SignalState.red;
  out.amberEndS = timeS;
  out.allRedEndS = timeS < plan.clearEndS ? plan.clearEndS : signalModeOf(plan) === SignalMode.plan ? planNextGreenS(plan, timeS) : timeS;
  for (let phase = 0; phase < plan.phaseCount; phase++) {
    const state = signalStateAt(plan, phase, timeS);
    if (state === SignalState.red) continue;
    out.phase = phase;
    out.state = state;
    if (state === SignalState.amber) out.amberEndS = timeS < plan.clearEndS ? plan.clearAmberEndS : planAmberEndS(plan, phase, timeS);
    if (state === SignalState.green) {
      // Held green in a clearance; forced since the clearance ended; or since the plan's green start.
      if (timeS < plan.clearEndS) out.greenSinceS = plan.clearGreenEndS - MIN_GREEN_S;
      else if (plan.forcedPhase >= 0) out.greenSinceS = plan.clearEndS;
      else out.greenSinceS = Math.max(plan.clearEndS, timeS - (inCycleS(plan, timeS) - phaseGreenStartS(plan, phase)));
    }
    break;
  }
  return out;
}

/**
 * Position in the plan's cycle at `timeS`, s (0 .. cycleS). NOTE: cached per plan for the last
 * time asked (every vehicle near a signal asks at the same time each step); a change of offset
 * clears the cache.
 */
function inCycleS(plan: SignalPlan, timeS: number): number {
  if (plan.cacheAtS === timeS) return plan.cacheInCycleS!;
  let inCycle = (timeS - plan.offsetS) % plan.cycleS;
  if (inCycle < 0) inCycle += plan.cycleS;
  plan.cacheAtS = timeS;
  plan.cacheInCycleS = inCycle;
  plan.cachePhase = -1;
  return inCycle;
}

/** Start of phase `phase`'s green within the cycle, s (a program phase: its start). */
export function phaseGreenStartS(plan: SignalPlan, phase: number): number {
  if (plan.program) return phase > 0 ? plan.program.phaseEndS[phase - 1] : 0;
  return phase * (plan.greenS + plan.amberS + plan.allRedS);
}

/** End of the plan's amber of `phase`, which shows amber at `timeS`. */
function planAmberEndS(plan: SignalPlan, phase: number, timeS: number): number {
  if (plan.program) return timeS + (plan.program.phaseEndS[phase] - inCycleS(plan, timeS));
  const slotS = plan.greenS + plan.amberS + plan.allRedS;
  return timeS + (phase * slotS + plan.greenS + plan.amberS - inCycleS(plan, timeS));
}

/** The next time the plan turns a phase green, at or after `timeS` (the end of its all-red). */
function planNextGreenS(plan: SignalPlan, timeS: number): number {
  const inCycle = inCycleS(plan, timeS);
  let waitS = Infinity;
  for (let phase = 0; phase < plan.phaseCount; phase++) {
    if (plan.program && plan.program.phaseState[phase] !== SignalState.green) continue;
    let untilS = (phaseGreenStartS(plan, phase) - inCycle) % plan.cycleS;
    if (untilS < 0) untilS += plan.cycleS;
    waitS = Math.min(waitS, untilS);
  }
  return timeS + waitS;
}

/**
 * Switches a signal to `mode` (SignalMode.plan, SignalMode.allRed or a phase to force green) at
 * `nowS`, safely: a phase showing green that the new mode does not keep green stays green until
 * it has lasted MIN_GREEN_S, turns amber for the plan's amber time, then every phase is red for
 * its all-red time, and only then does the new mode show (the change and clearance intervals of
 * the ITE/HCM signal timing: amber, then red clearance).
 * A phase already at amber finishes its amber; an all-red already under way finishes. Going back
 * to the plan, a plan that shows amber when the clearance ends is held at red until that amber
 * is over, so that no phase goes from red to amber. Owned by the traffic state; not a hot path.
 */
export function changeSignalMode(plan: SignalPlan, nowS: number, mode: number): void {
  const before = shownAt(plan, nowS, _shown);
  const inClearance = nowS < plan.clearEndS;
  plan.allRed = mode === SignalMode.allRed;
  plan.forcedPhase = mode >= 0 ? mode : -1;
  clearAfterChange(plan, nowS, before, inClearance);
}

/**
 * Changes a plan's offset at `nowS` (a new coordination) with the same clearance as a change of
 * mode: a green the new timing cuts short goes through amber and all-red.
 */
export function changeSignalOffset(plan: SignalPlan, nowS: number, offsetS: number): void {
  const before = shownAt(plan, nowS, _shown);
  const inClearance = nowS < plan.clearEndS;
  plan.offsetS = offsetS;
  plan.cacheAtS = NaN;
  clearAfterChange(plan, nowS, before, inClearance);
}

/** Sets the clearance fields after the mode or timing changed, from what was shown before. */
function clearAfterChange(plan: SignalPlan, nowS: number, before: Shown, inClearance: boolean): void {
  if (before.phase >= 0) {
    // What the new mode alone shows that phase now (clearance aside).
    const after = plan.allRed ? SignalState.red : plan.forcedPhase >= 0 ? (before.phase === plan.forcedPhase ? SignalState.green : SignalState.red) : planStateAt(plan, before.phase, nowS);
    if (before.state === SignalState.green && after === SignalState.green) {
      plan.clearPhase = -1;
      plan.clearEndS = -Infinity;
      return;
    }
    plan.clearPhase = before.phase;
    plan.clearGreenEndS = before.state === SignalState.green ? Math.max(nowS, before.greenSinceS + MIN_GREEN_S) : -Infinity;
    plan.clearAmberEndS = before.state === SignalState.green ? plan.clearGreenEndS + plan.amberS : before.amberEndS;
    plan.clearEndS = plan.clearAmberEndS + plan.allRedS;
  } else {
    // Every phase red: the all-red under way (a clearance, the plan's) finishes; after a forced
    // all-red there is nothing left to clear.
    if (!inClearance) plan.clearPhase = -1;
    plan.clearEndS = before.allRedEndS;
  }
  if (plan.allRed || plan.forcedPhase >= 0) return;
  // Back to the plan: never from red to amber; hold red until such an amber is over.
  const atS = Math.max(nowS, plan.clearEndS);
  for (let phase = 0; phase < plan.phaseCount; phase++) {
    if (planStateAt(plan, phase, atS) === SignalState.amber) plan.clearEndS = planAmberEndS(plan, phase, atS);
  }
}
