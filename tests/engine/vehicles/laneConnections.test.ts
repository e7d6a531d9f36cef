/**
 * Lanes tied to turning movements (SUMO's lane-to-lane connections; engine/vehicles/
 * laneConnections.ts): drivers take a lane that connects to their next link, enter the lane it
 * connects to, and a dedicated turn lane is not blocked by through traffic; the default lane use
 * of links without connections; explicit right-of-way tables in place of the geometric test.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, isRunOver, stepWorld, validateScenario } from '../../../engine/index.ts';
import { CLASS_PARAMS } from '../../../engine/vehicles/followingAcceleration.ts';
import { movementOf, nextLaneOf } from '../../../engine/vehicles/junctions.ts';
import { ScenarioError } from '../../../engine/scenario/ScenarioError.ts';

const ROOM = { walkable: [[[0, -900], [10, -900], [10, -890], [0, -890]]], exits: [{ id: 'e', polygon: [[10, -896], [11, -896], [11, -894], [10, -894]] }] };

/**
 * A junction at node 0 (x east, y north) approached from the west by link 0 (3 lanes, 300 m),
 * with exits east (link 1, 2 lanes), north (link 2) and south (link 3). Lanes of link 0: the
 * rightmost turns right only (a dedicated lane), the middle one goes straight on, the leftmost
 * straight on or left. A signal gives the right turn its own phase (20 s), then the others (40 s).
 */
const APPROACH = 0;
const EAST = 1;
const NORTH = 2;
const SOUTH = 3;
const DEDICATED = [
  { from: APPROACH, to: SOUTH, fromLane: 0, toLane: 0 },
  { from: APPROACH, to: EAST, fromLane: 1, toLane: 0 },
  { from: APPROACH, to: EAST, fromLane: 2, toLane: 1 },
  { from: APPROACH, to: NORTH, fromLane: 2, toLane: 0 },
];
/** Every lane serves every movement (as with lanes not tied to movements). */
const SHARED = [0, 1, 2].flatMap((fromLane) => [
  { from: APPROACH, to: SOUTH, fromLane, toLane: 0 },
  { from: APPROACH, to: EAST, fromLane, toLane: Math.min(fromLane, 1) },
  { from: APPROACH, to: NORTH, fromLane, toLane: 0 },
]);

function junction(connections: object[] | undefined, extra: { rightOfWay?: object[]; signal?: boolean } = {}) {
  return validateScenario({
    name: 'lanes', seed: 1, durationS: 1500, stopWhenEmpty: true, geometry: ROOM,
    traffic: {
      roads: {
        nodes: [[0, 0], [300, 0], [0, 300], [-300, 0], [0, -300]],
        links: [{ from: 3, to: 0, lanes: 3 }, { from: 0, to: 1, lanes: 2 }, { from: 0, to: 2 }, { from: 0, to: 4 }],
        ...(connections ? { connections } : {}),
        ...(extra.rightOfWay ? { rightOfWay: extra.rightOfWay } : {}),
      },
      ...(extra.signal === false ? {} : { signals: [{ node: 0, phases: [{ durationS: 20, green: [[APPROACH, SOUTH]] }, { durationS: 40, green: [[APPROACH, EAST], [APPROACH, NORTH]] }] }] }),
      demand: [
        { id: 'right', from: 3, to: 4, vehiclesPerHour: 300, fromS: 0, toS: 900 },
        { id: 'through', from: 3, to: 1, vehiclesPerHour: 900, fromS: 0, toS: 900 },
        { id: 'left', from: 3, to: 2, vehiclesPerHour: 200, fromS: 0, toS: 900 },
      ],
    },
  }, 'lanes.json');
}

/**
 * Runs to the end, recording for each vehicle leaving the approach the lane it left from and the
 * lane it entered, and counting overlapping vehicles in any lane (a collision) at every step.
 */
function run(scenario: ReturnType<typeof junction>) {
  const world = createWorld(scenario, 'lanes.json');
  const traffic = world.traffic!;
  const { vehicles } = traffic;
  const lastLane = new Map<number, number>();
  const passages: { demand: string; fromLane: number; link: number; toLane: number }[] = [];
  let overlaps = 0;
  while (!isRunOver(world)) {
    stepWorld(world);
    for (let i = 0; i < vehicles.count; i++) {
      const id = vehicles.id[i];
      if (vehicles.link[i] === APPROACH) lastLane.set(id, vehicles.lane[i]);
      else if (lastLane.has(id)) {
        passages.push({ demand: traffic.demand[vehicles.demand[i]].id, fromLane: lastLane.get(id)!, link: vehicles.link[i], toLane: vehicles.lane[i] });
        lastLane.delete(id);
      }
      for (let j = i + 1; j < vehicles.count; j++) {
        if (vehicles.link[j] !== vehicles.link[i] || vehicles.lane[j] !== vehicles.lane[i]) continue;
        const [front, back] = vehicles.posM[i] >= vehicles.posM[j] ? [i, j] : [j, i];
        if (vehicles.posM[front] - CLASS_PARAMS[vehicles.vehicleClass[front]].lengthM - vehicles.posM[back] < 0) overlaps++;
      }
    }
  }
  const meanS = Object.fromEntries(traffic.demand.map((d) => [d.id, d.travelTimeSumS / d.arrived]));
  return { traffic, passages, overlaps, meanS };
}

describe('lanes tied to turning movements', () => {
  const dedicated = run(junction(DEDICATED));
  const shared = run(junction(SHARED));

  it('lets every turner leave from a lane that serves its turn and enter the lane that lane connects to', () => {
    expect(dedicated.traffic.arrived).toBe(dedicated.traffic.demand.reduce((sum, d) => sum + d.inserted, 0));
    const right = dedicated.passages.filter((p) => p.demand === 'right');
    const left = dedicated.passages.filter((p) => p.demand === 'left');
    const through = dedicated.passages.filter((p) => p.demand === 'through');
    expect(right.length).toBeGreaterThan(50);
    expect(right.every((p) => p.fromLane === 0 && p.link === SOUTH && p.toLane === 0)).toBe(true);
    expect(left.every((p) => p.fromLane === 2 && p.link === NORTH && p.toLane === 0)).toBe(true);
    // Straight on from the middle lane into the exit's lane 0, from the leftmost into its lane 1.
    expect(through.every((p) => p.link === EAST && p.fromLane > 0 && p.toLane === p.fromLane - 1)).toBe(true);
    expect(new Set(through.map((p) => p.fromLane)).size).toBe(2);
  });

  it('keeps through traffic out of the dedicated right-turn lane, so right turners are not held at the red for the through movement', () => {
    // Lanes shared by every movement: through cars queue in the rightmost lane too and hold
    // the right turners behind them while their own phase is red.
    expect(shared.passages.filter((p) => p.demand === 'through' && p.fromLane === 0).length).toBeGreaterThan(20);
    expect(dedicated.meanS.right).toBeLessThan(0.8 * shared.meanS.right);
    expect(dedicated.meanS.through).toBeLessThan(1.15 * shared.meanS.through);
  });

  it('never lets two vehicles overlap in a lane', () => {
    expect(dedicated.overlaps).toBe(0);
    expect(shared.overlaps).toBe(0);
  });
});

describe('the default lane use of links without connections', () => {
  it('turns right from the rightmost lane, left from the leftmost, and goes straight on from every lane', () => {
    const world = createWorld(junction(undefined), 'lanes.json');
    const { junctions, network } = world.traffic!;
    const served = (to: number) => [0, 1, 2].filter((lane) => junctions.movementLaneTo[junctions.movementLaneStart[movementOf(junctions, network, APPROACH, to)] + lane] >= 0);
    expect(served(SOUTH)).toEqual([0]);
    expect(served(NORTH)).toEqual([2]);
    expect(served(EAST)).toEqual([0, 1, 2]);
    // Three lanes straight on into two: the leftmost merges into the exit's lane 1.
    expect([0, 1, 2].map((lane) => nextLaneOf(junctions, network, APPROACH, lane, EAST))).toEqual([0, 1, 1]);
    // A driver in a lane that does not serve his turn goes on from the nearest one that does.
    expect(nextLaneOf(junctions, network, APPROACH, 2, SOUTH)).toBe(0);
  });
});

describe('explicit right of way at a node', () => {
  it('replaces the geometric crossing test with the foes and yields given', () => {
    // Two approaches into a node without a signal: from the west (link 0) and the south (link 4).
    const scenario = validateScenario({
      name: 'rules', seed: 1, durationS: 60, geometry: ROOM,
      traffic: {
        roads: {
          nodes: [[0, 0], [300, 0], [0, 300], [-300, 0], [0, -300]],
          links: [{ from: 3, to: 0 }, { from: 0, to: 1 }, { from: 0, to: 2 }, { from: 4, to: 0 }],
          rightOfWay: [{ node: 0, movements: [[0, 1], [3, 2]], foes: [[1], [0]], yieldsTo: [[1], []], criticalGapS: 0 }],
        },
      },
    }, 'rules.json');
    const { junctions, network } = createWorld(scenario, 'rules.json').traffic!;
    const westEast = movementOf(junctions, network, 0, 1);
    const southNorth = movementOf(junctions, network, 3, 2);
    // Geometry alone would give the vehicle from the right (the south) the right of way.
    expect(Array.from(junctions.conflictFoe.subarray(junctions.conflictStart[westEast], junctions.conflictStart[westEast + 1]))).toEqual([southNorth]);
    expect(junctions.conflictYields[junctions.conflictStart[westEast]]).toBe(1);
    expect(junctions.conflictYields[junctions.conflictStart[southNorth]]).toBe(0);
    expect(junctions.movementCriticalGapS[westEast]).toBe(0);
    // Movements not listed conflict with nothing.
    const westNorth = movementOf(junctions, network, 0, 2);
    expect(junctions.conflictStart[westNorth + 1] - junctions.conflictStart[westNorth]).toBe(0);
  });

  it('refuses connections and tables that name lanes, links or movements that do not fit', () => {
    const bad = (roads: object) => () => validateScenario({
      name: 'bad', seed: 1, durationS: 60, geometry: ROOM,
      traffic: { roads: { nodes: [[0, 0], [300, 0], [-300, 0]], links: [{ from: 2, to: 0, lanes: 2 }, { from: 0, to: 1 }], ...roads } },
    }, 'bad.json');
    expect(bad({ connections: [{ from: 0, to: 1, fromLane: 2, toLane: 0 }] })).toThrow(ScenarioError);
    expect(bad({ connections: [{ from: 0, to: 1, fromLane: 2, toLane: 0 }] })).toThrow(/bad\.json: traffic\.roads\.connections\[0\]\.fromLane: expected a lane of link 0 \(0 to 1\), found 2/);
    expect(bad({ connections: [{ from: 1, to: 0, fromLane: 0, toLane: 0 }] })).toThrow(/traffic\.roads\.connections\[0\]\.to: link 0 starts at node 2, not where link 1 ends \(node 1\)/);
    expect(bad({ rightOfWay: [{ node: 0, movements: [[0, 1]], foes: [[]], yieldsTo: [[0]] }] })).toThrow(/traffic\.roads\.rightOfWay\[0\]\.yieldsTo\[0\]\[0\]: movement 0 cannot conflict with itself/);
    expect(bad({ rightOfWay: [{ node: 0, movements: [[1, 0]], foes: [[]], yieldsTo: [[]] }] })).toThrow(/traffic\.roads\.rightOfWay\[0\]\.movements\[0\]\[0\]: link 1 does not lead into node 0/);
  });
});
