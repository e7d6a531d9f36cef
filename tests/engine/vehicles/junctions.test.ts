/**
 * Junction crossing: conflict areas, right of way (priority road, priorité à droite, left turns
 * yielding to oncoming traffic at a green), turning speeds and the gridlock rule.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, isRunOver, stepWorld, validateScenario } from '../../../engine/index.ts';
import { CLASS_PARAMS } from '../../../engine/vehicles/followingAcceleration.ts';
import { movementOf } from '../../../engine/vehicles/junctions.ts';
import type { Traffic } from '../../../engine/vehicles/Traffic.ts';

/**
 * A four-arm crossing at node 0 (x east, y north), arms 300 m long: nodes 1 east, 2 north,
 * 3 west, 4 south. Links: 0..3 inbound from E, N, W, S; 4..7 outbound to E, N, W, S.
 */
function crossing(demand: object[], options: { priorityEastWest?: boolean; signal?: boolean; durationS?: number } = {}) {
  const arms: [number, number][] = [[300, 0], [0, 300], [-300, 0], [0, -300]];
  const inbound = arms.map((_p, k) => ({ from: k + 1, to: 0, ...(options.priorityEastWest && k % 2 === 0 ? { priority: true } : {}) }));
  const outbound = arms.map((_p, k) => ({ from: 0, to: k + 1, ...(options.priorityEastWest && k % 2 === 0 ? { priority: true } : {}) }));
  return validateScenario({
    name: 'crossing', seed: 1, durationS: options.durationS ?? 900, stopWhenEmpty: true,
    geometry: { walkable: [[[0, -600], [10, -600], [10, -590], [0, -590]]], exits: [{ id: 'e', polygon: [[10, -596], [11, -596], [11, -594], [10, -594]] }] },
    traffic: {
      roads: { nodes: [[0, 0], ...arms], links: [...inbound, ...outbound] },
      demand,
      ...(options.signal ? { signals: [{ node: 0, cycleS: 60 }] } : {}),
    },
  }, 'crossing.json');
}

const EAST = 1;
const NORTH = 2;
const WEST = 3;
const SOUTH = 4;

/** The movements of the vehicles in conflict areas now (front past the node, rear not out). */
function movementsInAreas(traffic: Traffic, out: number[]): void {
  out.length = 0;
  const { vehicles, junctions, network } = traffic;
  for (let i = 0; i < vehicles.count; i++) {
    const cursor = vehicles.cursor[i];
    if (cursor === 0) continue;
    const link = vehicles.link[i];
    if (vehicles.posM[i] - CLASS_PARAMS[vehicles.vehicleClass[i]].lengthM >= junctions.linkBoxM[link]) continue;
    out.push(movementOf(junctions, network, traffic.routes[vehicles.route[i]][cursor - 1], link));
  }
}

/** Runs to the end; counts steps with two crossing movements in their conflict areas together. */
function runCountingClashes(scenario: ReturnType<typeof crossing>) {
  const world = createWorld(scenario, 'crossing.json');
  const traffic = world.traffic!;
  const { junctions } = traffic;
  const inside: number[] = [];
  let clashes = 0;
  while (!isRunOver(world)) {
    stepWorld(world);
    movementsInAreas(traffic, inside);
    for (let a = 0; a < inside.length; a++) {
      for (let b = a + 1; b < inside.length; b++) {
        for (let c = junctions.conflictStart[inside[a]]; c < junctions.conflictStart[inside[a] + 1]; c++) if (junctions.conflictFoe[c] === inside[b]) clashes++;
      }
    }
  }
  const demand = Object.fromEntries(traffic.demand.map((d) => [d.id, { inserted: d.inserted, arrived: d.arrived, meanS: d.travelTimeSumS / d.arrived }]));
  return { traffic, clashes, demand };
}

describe('two crossing streams at an unsignalised junction with a priority road', () => {
  // East-west is the priority road; north-south crosses it.
  const { clashes, demand } = runCountingClashes(crossing([
    { id: 'major', from: EAST, to: WEST, vehiclesPerHour: 500, fromS: 0, toS: 600 },
    { id: 'minor', from: NORTH, to: SOUTH, vehiclesPerHour: 300, fromS: 0, toS: 600 },
  ], { priorityEastWest: true }));

  it('never has vehicles of both streams in the conflict area in the same step', () => {
    expect(clashes).toBe(0);
  });

  it('makes the minor stream yield: its trips take longer than the major stream\'s', () => {
    expect(demand.major.arrived).toBe(demand.major.inserted);
    expect(demand.minor.arrived).toBe(demand.minor.inserted);
    // Free-flow time of 600 m at 50 km/h is 43 s: the major stream keeps close to it.
    expect(demand.major.meanS).toBeLessThan(50);
    expect(demand.minor.meanS).toBeGreaterThan(demand.major.meanS + 3);
  });
});

describe('priorité à droite without a priority road', () => {
  it('lets the vehicle coming from the right go first', () => {
    // Southbound (from the north) has eastbound (from the west) on its right; equal demand.
    const { clashes, demand } = runCountingClashes(crossing([
      { id: 'fromNorth', from: NORTH, to: SOUTH, vehiclesPerHour: 400, fromS: 0, toS: 600 },
      { id: 'fromWest', from: WEST, to: EAST, vehiclesPerHour: 400, fromS: 0, toS: 600 },
    ]));
    expect(clashes).toBe(0);
    expect(demand.fromNorth.arrived).toBe(demand.fromNorth.inserted);
    expect(demand.fromWest.arrived).toBe(demand.fromWest.inserted);
    // The vehicles from the west drive on at free flow (600 m at 50 km/h: 43 s); those from the north wait.
    expect(demand.fromWest.meanS).toBeLessThan(45);
    expect(demand.fromNorth.meanS).toBeGreaterThan(demand.fromWest.meanS + 2);
  });
});

describe('a left turn at a green', () => {
  it('yields to the oncoming through traffic', () => {
    // Both from the east and west on the same phase: west-bound turning left (to the south)
    // against east-bound through traffic.
    const { clashes, demand } = runCountingClashes(crossing([
      { id: 'leftTurn', from: EAST, to: SOUTH, vehiclesPerHour: 150, fromS: 0, toS: 600 },
      { id: 'oncoming', from: WEST, to: EAST, vehiclesPerHour: 600, fromS: 0, toS: 600 },
    ], { signal: true }));
    expect(clashes).toBe(0);
    expect(demand.leftTurn.arrived).toBe(demand.leftTurn.inserted);
    expect(demand.oncoming.arrived).toBe(demand.oncoming.inserted);
    expect(demand.leftTurn.meanS).toBeGreaterThan(demand.oncoming.meanS + 3);
  });
});

describe('turning at reduced speed', () => {
  it('takes a right turn within a few per cent of v_turn = sqrt(a_lat R)', () => {
    const world = createWorld(crossing([{ id: 'right', from: EAST, to: NORTH, vehiclesPerHour: 30, fromS: 0, toS: 60 }]), 'crossing.json');
    const traffic = world.traffic!;
    const turnMps = traffic.junctions.movementTurnSpeedMps[movementOf(traffic.junctions, traffic.network, 0, 5)];
    // One lane each way: R = 3.2 + 5 - 1.6 = 6.6 m, v = sqrt(3 x 6.6) = 4.4 m/s (16 km/h).
    expect(turnMps).toBeCloseTo(Math.sqrt(3 * 6.6), 5);
    const speedsAtNode: number[] = [];
    while (!isRunOver(world)) {
      const before = traffic.vehicles.count > 0 ? traffic.vehicles.link[0] : -1;
      stepWorld(world);
      if (traffic.vehicles.count > 0 && before === 0 && traffic.vehicles.link[0] === 5) speedsAtNode.push(traffic.vehicles.speedMps[0]);
    }
    expect(speedsAtNode.length).toBe(1);
    expect(Math.abs(speedsAtNode[0] - turnMps) / turnMps).toBeLessThan(0.05);
  });

  it('drives straight through without slowing', () => {
    const world = createWorld(crossing([{ id: 'through', from: EAST, to: WEST, vehiclesPerHour: 30, fromS: 0, toS: 60 }]), 'crossing.json');
    const traffic = world.traffic!;
    let minSpeed = Infinity;
    while (!isRunOver(world)) {
      stepWorld(world);
      if (traffic.vehicles.count > 0 && world.clock.tick * world.clock.stepS > 15) minSpeed = Math.min(minSpeed, traffic.vehicles.speedMps[0]);
    }
    expect(minSpeed).toBeGreaterThan(13.5);
  });
});

describe('a four-way junction with demand from all sides', () => {
  it('never gridlocks: every trip ends, and crossing vehicles never share the conflict area', () => {
    const demand = [EAST, NORTH, WEST, SOUTH].flatMap((from, k) => [
      { id: `through${k}`, from, to: [WEST, SOUTH, EAST, NORTH][k], vehiclesPerHour: 150, fromS: 0, toS: 600 },
      { id: `left${k}`, from, to: [SOUTH, EAST, NORTH, WEST][k], vehiclesPerHour: 50, fromS: 0, toS: 600 },
    ]);
    const { clashes, demand: result, traffic } = runCountingClashes(crossing(demand, { durationS: 3600 }));
    expect(clashes).toBe(0);
    for (const entry of Object.values(result)) expect(entry.arrived).toBe(entry.inserted);
    expect(traffic.vehicles.count).toBe(0);
  });
});
