/**
 * Fixed-time traffic signals. A signalised node's incoming links are grouped into phases by the
 * axis of their approach (links within 45° of one another's axis, in either direction, share a
 * phase: north-south, then east-west); a node whose approaches all share one axis (a signalised
 * pedestrian crossing) gets a second phase in which every approach is red (the people's green).
 * The cycle gives each phase an equal green, followed by amber and all-red:
 *   [green A | amber | all-red | green B | amber | all-red], shifted by the plan's offset.
 * A vehicle stops at red, and at amber when it can stop at a comfortable deceleration.
 */
import type { SignalSpec } from '../scenario/Scenario.ts';
import type { RoadNetwork } from './RoadNetwork.ts';

export const SignalState = { green: 0, amber: 1, red: 2 } as const;

/** One signal plan. */
export interface SignalPlan {
  node: number;
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
}

/** Builds the plans and sets `linkSignal` and the phase of each controlled link. */
export function buildSignalPlans(network: RoadNetwork, specs: SignalSpec[]): { plans: SignalPlan[]; linkPhase: Int32Array } {
  const linkPhase = new Int32Array(network.linkCount).fill(-1);
  const plans = specs.map((spec, index) => {
    const incoming: number[] = [];
    for (let l = 0; l < network.linkCount; l++) if (network.linkTo[l] === spec.node) incoming.push(l);
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
    return { node: spec.node, cycleS, offsetS: spec.offsetS ?? 0, amberS, allRedS, phaseCount, greenS, forcedPhase: -1, allRed: false };
  });
  return { plans, linkPhase };
}

/** Axis of the last segment of a link (radians; only its direction modulo pi matters). */
function approachAxisRad(network: RoadNetwork, link: number): number {
  const shape = network.linkShape[link];
  const n = shape.length / 2;
  return Math.atan2(shape[2 * n - 1] - shape[2 * n - 3], shape[2 * n - 2] - shape[2 * n - 4]);
}

/** The state shown to a link of phase `phase` under `plan` at time `timeS`. */
export function signalStateAt(plan: SignalPlan, phase: number, timeS: number): number {
  if (plan.allRed) return SignalState.red;
  if (plan.forcedPhase >= 0) return phase === plan.forcedPhase ? SignalState.green : SignalState.red;
  const slotS = plan.greenS + plan.amberS + plan.allRedS;
  let inCycle = (timeS - plan.offsetS) % plan.cycleS;
  if (inCycle < 0) inCycle += plan.cycleS;
  const start = phase * slotS;
  if (inCycle >= start && inCycle < start + plan.greenS) return SignalState.green;
  if (inCycle >= start + plan.greenS && inCycle < start + plan.greenS + plan.amberS) return SignalState.amber;
  return SignalState.red;
}
