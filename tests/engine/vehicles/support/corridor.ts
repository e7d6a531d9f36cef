/** Test scenarios shared by the actuation and emergency-priority tests. */
import { isRunOver, stepWorld, validateScenario, type World } from '../../../../engine/index.ts';
import { signalStateAt, SignalState } from '../../../../engine/vehicles/SignalPlans.ts';

/** The world's simulated time now, s. */
export const nowS = (world: World): number => world.clock.tick * world.clock.stepS;

/** A tiny walkable room away from the roads (every scenario needs one). */
export const ROOM = { walkable: [[[0, -900], [10, -900], [10, -890], [0, -890]]], exits: [{ id: 'e', polygon: [[10, -896], [11, -896], [11, -894], [10, -894]] }] };

/**
 * A corridor: nodes 0..6 every 300 m along y = 0, signals at nodes 1..5 (signals 0..4; phase 0
 * is the corridor's) with one-way cross streets from node 5 + 2k (north) through node k to node
 * 6 + 2k (south). Links 0..5 run along the corridor; 90 s cycles unless `signals` says otherwise.
 */
export function corridor(extra: { signals?: object[]; demand: object[]; actions?: object[]; emergencyPriority?: object; closures?: object[]; durationS?: number }) {
  const nodes: [number, number][] = [];
  for (let k = 0; k <= 6; k++) nodes.push([300 * k, 0]);
  const links: object[] = [];
  for (let k = 0; k < 6; k++) links.push({ from: k, to: k + 1 });
  for (let k = 1; k <= 5; k++) {
    nodes.push([300 * k, 200], [300 * k, -200]);
    links.push({ from: nodes.length - 2, to: k }, { from: k, to: nodes.length - 1 });
  }
  return validateScenario({
    name: 'corridor', seed: 1, durationS: extra.durationS ?? 600, stopWhenEmpty: true, geometry: ROOM,
    traffic: {
      roads: { nodes, links },
      signals: extra.signals ?? [1, 2, 3, 4, 5].map((node) => ({ node, cycleS: 90 })),
      demand: extra.demand,
      ...(extra.actions ? { actions: extra.actions } : {}),
      ...(extra.emergencyPriority ? { emergencyPriority: extra.emergencyPriority } : {}),
      ...(extra.closures ? { closures: extra.closures } : {}),
    },
  }, 'corridor.json');
}

/**
 * Steps `world` to its end, calling `at[tick]` before that tick's step; returns every crossing of
 * the stop line (an approach link left for the next one): when, the state its phase showed, and
 * whether another phase of that signal was not red (a conflicting approach with green or amber).
 */
export function runCountingCrossings(world: World, at: Map<number, () => void> = new Map()) {
  const traffic = world.traffic!;
  const lastLink = new Map<number, number>();
  const crossings: { timeS: number; state: number; link: number; conflicting: boolean }[] = [];
  while (!isRunOver(world)) {
    at.get(world.clock.tick)?.();
    const stateTimeS = nowS(world);
    stepWorld(world);
    const { vehicles, network } = traffic;
    for (let i = 0; i < vehicles.count; i++) {
      const before = lastLink.get(vehicles.id[i]);
      if (before !== undefined && before !== vehicles.link[i] && network.linkSignal[before] >= 0) {
        const plan = traffic.signals[network.linkSignal[before]];
        const phase = traffic.linkPhase[before];
        let conflicting = false;
        for (let other = 0; other < plan.phaseCount; other++) if (other !== phase && signalStateAt(plan, other, stateTimeS) !== SignalState.red) conflicting = true;
        crossings.push({ timeS: stateTimeS, link: before, state: signalStateAt(plan, phase, stateTimeS), conflicting });
      }
      lastLink.set(vehicles.id[i], vehicles.link[i]);
    }
  }
  return crossings;
}
