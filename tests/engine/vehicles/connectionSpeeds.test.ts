/**
 * Turning speeds given with the lane connections (`roads.connections[].speedKph`, SUMO's internal
 * lane speeds, junctions.ts) replace the geometric estimate of the movement they belong to.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, validateScenario } from '../../../engine/index.ts';
import { movementOf } from '../../../engine/vehicles/junctions.ts';

/** A right-angle corner at node 0: link 0 comes from the east, link 1 leaves to the north. */
function corner(speedKph?: number) {
  return validateScenario({
    name: 'corner', seed: 1, durationS: 10,
    geometry: { walkable: [[[0, -600], [10, -600], [10, -590], [0, -590]]], exits: [{ id: 'e', polygon: [[10, -596], [11, -596], [11, -594], [10, -594]] }] },
    traffic: {
      roads: {
        nodes: [[0, 0], [300, 0], [0, 300]],
        links: [{ from: 1, to: 0 }, { from: 0, to: 2 }],
        connections: [{ from: 0, to: 1, fromLane: 0, toLane: 0, ...(speedKph !== undefined ? { speedKph } : {}) }],
      },
      demand: [],
    },
  }, 'corner.json');
}

describe('turning speeds of lane connections', () => {
  it('uses the speed a connection gives instead of the geometric one', () => {
    const geometric = createWorld(corner(), 'corner.json').traffic!;
    const given = createWorld(corner(36), 'corner.json').traffic!;
    const m = movementOf(geometric.junctions, geometric.network, 0, 1);
    // A right turn off a one-lane street: R = 6.6 m, sqrt(3 x 6.6) = 4.4 m/s (decision 004).
    expect(geometric.junctions.movementTurnSpeedMps[m]).toBeCloseTo(4.4, 1);
    expect(given.junctions.movementTurnSpeedMps[m]).toBeCloseTo(10, 6);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => corner(0)).toThrow(/speedKph/);
  });
});
