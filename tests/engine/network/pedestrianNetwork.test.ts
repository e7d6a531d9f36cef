/**
 * Walking on the pedestrian network before the walkable space: Weidmann's fundamental diagram
 * on the edges, routes into the walkable space, and the hand-over to the pedestrian model.
 */
import { describe, expect, it } from 'vitest';
import { advanceWalkers, addWalker, buildPedestrianNetwork, createNetworkWalkers, weidmannSpeedShare, type NetworkRoute } from '../../../engine/network/PedestrianNetwork.ts';
import { createWorld, runWorld, ScenarioError, validateScenario, type Scenario } from '../../../engine/index.ts';

describe("Weidmann's fundamental diagram on network edges", () => {
  it('gives the published speeds: about 79 % of free speed at 1 P/m², 45 % at 2, nearly 0 at 5.4 (Weidmann 1993)', () => {
    expect(weidmannSpeedShare(0)).toBe(1);
    expect(weidmannSpeedShare(0.1)).toBeGreaterThan(0.999);
    // 1.34 m/s x share: 1.06 m/s at 1 P/m², 0.61 m/s at 2 P/m² (Weidmann's table, RiMEA 3.0).
    expect(1.34 * weidmannSpeedShare(1)).toBeCloseTo(1.06, 2);
    expect(1.34 * weidmannSpeedShare(2)).toBeCloseTo(0.61, 2);
    expect(weidmannSpeedShare(5.4)).toBe(0.05);
    expect(weidmannSpeedShare(9)).toBe(0.05);
  });
});

describe('walkers on a straight network', () => {
  const network = buildPedestrianNetwork({ nodes: [[0, 0], [50, 0], [100, 0]], edges: [[0, 1, 2], [1, 2, 2]] });
  const route: NetworkRoute = { nodes: Int32Array.from([0, 1, 2]), edges: Int32Array.from([0, 1]), entryXM: 100, entryYM: 0, lengthM: 100 };

  function ticksToArrive(people: number, widthM: number): number {
    const narrow = buildPedestrianNetwork({ nodes: [[0, 0], [50, 0], [100, 0]], edges: [[0, 1, widthM], [1, 2, widthM]] });
    const walkers = createNetworkWalkers(1);
    for (let k = 0; k < people; k++) addWalker(walkers, 0, 0, 0, 1.34, 0);
    let tick = 0;
    while (walkers.cursor[0] < 3 && tick < 100_000) advanceWalkers(walkers, narrow, [route], tick++, 0.05);
    return tick;
  }

  it('carries a lone walker 100 m at its desired speed', () => {
    expect(network.edgeLengthM[0]).toBe(50);
    expect(ticksToArrive(1, 2) * 0.05).toBeCloseTo(100 / 1.34, 0);
  });

  it('slows a crowd on a narrow street, as the fundamental diagram says', () => {
    // 200 people on 50 m x 1 m: 4 P/m², Weidmann share 0.11.
    const crowded = ticksToArrive(200, 1) * 0.05;
    expect(crowded).toBeGreaterThan(3 * (100 / 1.34));
    const wide = ticksToArrive(200, 40) * 0.05;
    expect(wide).toBeLessThan(1.2 * (100 / 1.34));
  });

  it('discharges a queue into a narrow street at its capacity, 1.2 P/(m s) x width (queue model)', () => {
    // 4 m wide then 1 m wide: the second edge lets in at most 1.2 people per second.
    const funnel = buildPedestrianNetwork({ nodes: [[0, 0], [20, 0], [40, 0]], edges: [[0, 1, 4], [1, 2, 1]] });
    const funnelRoute: NetworkRoute = { nodes: Int32Array.from([0, 1, 2]), edges: Int32Array.from([0, 1]), entryXM: 40, entryYM: 0, lengthM: 40 };
    const walkers = createNetworkWalkers(100);
    for (let k = 0; k < 100; k++) addWalker(walkers, 0, 0, 0, 1.34, Math.floor(k * (1 / 4.8) / 0.05));
    const arrivals: number[] = [];
    const done = new Uint8Array(100);
    for (let tick = 0; tick < 4000 && arrivals.length < 100; tick++) {
      advanceWalkers(walkers, funnel, [funnelRoute], tick, 0.05);
      for (let k = 0; k < 100; k++) if (!done[k] && walkers.cursor[k] === 3) { done[k] = 1; arrivals.push(tick * 0.05); }
    }
    expect(arrivals).toHaveLength(100);
    const rate = 80 / (arrivals[89] - arrivals[9]);
    expect(rate).toBeGreaterThan(1.1);
    expect(rate).toBeLessThan(1.3);
    // Nobody is ever more than the narrow edge's storage (5.4 P/m² x 20 m²) on it.
    expect(funnel.edgeStorage[1]).toBeCloseTo(108, 6);
  });

  it('waits for its start tick (pre-movement) before setting off', () => {
    const walkers = createNetworkWalkers(1);
    addWalker(walkers, 0, 0, 0, 1.34, 100);
    for (let tick = 0; tick < 100; tick++) advanceWalkers(walkers, network, [route], tick, 0.05);
    expect(walkers.posXM[0]).toBe(0);
    advanceWalkers(walkers, network, [route], 100, 0.05);
    expect(walkers.posXM[0]).toBeCloseTo(1.34 * 0.05, 6);
  });
});

/** A 20 m x 10 m square with an exit east, and a network reaching it from 100 m west. */
function approachScenario(extra: Partial<Scenario['geometry']> = {}): Scenario {
  return validateScenario({
    name: 'approach',
    seed: 11,
    durationS: 400,
    geometry: {
      walkable: [[[0, 0], [20, 0], [20, 10], [0, 10]]],
      exits: [{ id: 'east', polygon: [[20, 4], [21, 4], [21, 6], [20, 6]] }],
      network: { nodes: [[-100, 5], [-50, 5], [-2, 5], [-50, 80], [-60, 90]], edges: [[0, 1, 3], [1, 2, 3], [1, 3], [3, 4]] },
      ...extra,
    },
    pedestrians: [
      { id: 'far', count: 40, spawn: { network: [-100, 4] }, desiredSpeedMps: { distribution: 'normal', mean: 1.34, sd: 0.2, min: 0.8, max: 1.8 }, preMovementS: { distribution: 'uniform', min: 0, max: 10 }, goal: 'east' },
      { id: 'near', count: 10, spawn: { polygon: [[2, 2], [8, 2], [8, 8], [2, 8]] }, desiredSpeedMps: 1.34, goal: 'east' },
    ],
  }, 'approach.json');
}

describe('groups that start on the network', () => {
  it('walk the network, enter the walkable space at its edge and leave through the exit', () => {
    const summary = runWorld(createWorld(approachScenario(), 'approach.json'));
    expect(summary.pedestrians.spawned).toBe(50);
    expect(summary.pedestrians.exited).toBe(50);
    expect(summary.network?.onNetwork).toBe(0);
    const route = summary.network!.routes.far;
    expect(route.lengthM).toBeGreaterThanOrEqual(98);
    expect(route.lengthM).toBeLessThan(100);
    // Entry on the west side of the square, inside it.
    expect(route.entry[0]).toBeGreaterThan(0);
    expect(route.entry[0]).toBeLessThan(1.5);
    // Nobody from afar enters before walking ~98 m at 1.8 m/s at most.
    const firstFar = summary.pedestrians.agents.filter((agent) => agent.group === 'far').map((agent) => agent.spawnS);
    expect(Math.min(...firstFar)).toBeGreaterThan(98 / 1.8);
  });

  it('is deterministic: same scenario and seed, same summary', () => {
    const a = runWorld(createWorld(approachScenario(), 'approach.json'));
    const b = runWorld(createWorld(approachScenario(), 'approach.json'));
    expect({ ...a, wallS: 0 }).toEqual({ ...b, wallS: 0 });
  });

  it('is refused when no network path leads into the walkable space', () => {
    const cut = approachScenario({ network: { nodes: [[-100, 5], [-50, 5], [-2, 5]], edges: [[0, 1, 3]] } });
    expect(() => createWorld(cut, 'approach.json')).toThrow(ScenarioError);
    expect(() => createWorld(cut, 'approach.json')).toThrow('approach.json: pedestrians[0].spawn.network: no path on geometry.network from [-100, 4] into the walkable space towards the exit(s) of "far"');
  });

  it('needs geometry.network, and edges that name nodes', () => {
    const scenario = approachScenario() as unknown as { geometry: Record<string, unknown> };
    const withoutNetwork = { ...scenario, geometry: { ...scenario.geometry, network: undefined } };
    expect(() => validateScenario(JSON.parse(JSON.stringify(withoutNetwork)), 'a.json')).toThrow('a.json: pedestrians[0].spawn.network: a network start point needs geometry.network');
    const badEdge = { ...scenario, geometry: { ...scenario.geometry, network: { nodes: [[0, 0]], edges: [[0, 4]] } } };
    expect(() => validateScenario(badEdge, 'a.json')).toThrow('a.json: geometry.network.edges[0][1]: expected the index of a node (0 to 0), found 4');
  });
});

describe('sources that start on the network', () => {
  it('release their arrivals onto the network at their rate, and all reach the exit', () => {
    const scenario = approachScenario() as unknown as Record<string, any>;
    scenario.pedestrians = [];
    scenario.sources = [{ id: 'stream', network: [-100, 5], ratePerS: 2, fromS: 0, toS: 20, desiredSpeedMps: 1.34, goal: 'east' }];
    const summary = runWorld(createWorld(validateScenario(scenario, 'stream.json'), 'stream.json'));
    expect(summary.sources.stream.spawned).toBe(40);
    expect(summary.pedestrians.spawned).toBe(40);
    expect(summary.pedestrians.exited).toBe(40);
    // Each enters about 98 m / 1.34 m/s after setting off, the last at 20 s.
    const entries = summary.pedestrians.agents.map((agent) => agent.spawnS).sort((a, b) => a - b);
    expect(entries[0]).toBeCloseTo(98 / 1.34, -1);
    expect(entries[entries.length - 1]).toBeGreaterThan(20 + 98 / 1.34 - 2);
  });
});
