/**
 * A hostile vehicle (the IWA 14-1 N2A test truck, 7,200 kg at 48 km/h) driven at a pedestrian
 * street: raised bollards rated for it stop it at the line (cannon-es impact model); an
 * under-rated row lets it through at a lower speed, and it enters the closed zone (an incident);
 * lowered bollards let it in unhindered (an incident too); an ambulance goes in with no incident.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, isRunOver, stepWorld, summarizeWorld, validateScenario } from '../../../engine/index.ts';

/** Road 0 -> 1 (200 m, open), then the pedestrian street 1 -> 2 (100 m, closed by law and by bollards at its start). */
function run(options: { rating?: { massKg: number; speedKph: number }; lowered?: boolean; vehicleClass?: 'hostile' | 'emergency' }) {
  const scenario = validateScenario({
    name: 'hostile vehicle', seed: 1, durationS: 120, stepS: 0.05,
    geometry: { walkable: [[[0, 20], [10, 20], [10, 30], [0, 30]]], exits: [{ id: 'out', polygon: [[10, 20], [11, 20], [11, 30], [10, 30]] }] },
    traffic: {
      roads: { nodes: [[-200, 0], [0, 0], [100, 0]], links: [{ from: 0, to: 1, speedKph: 50 }, { from: 1, to: 2, speedKph: 6 }] },
      closures: [
        { id: 'pedestrian-street', kind: 'closure', links: [1], emergencyPass: true },
        { id: 'bollards', kind: 'bollard', links: [1], emergencyPass: true, ...(options.rating ? { rating: options.rating } : {}) },
      ],
      actions: [
        ...(options.lowered ? [{ atS: 0, action: { kind: 'setClosure' as const, closure: 'bollards', active: false } }] : []),
        { atS: 2, action: { kind: 'dispatchVehicle' as const, vehicleClass: options.vehicleClass ?? 'hostile', from: 0, to: 2, id: 'truck' } },
      ],
    },
  }, 'hostile.json');
  const world = createWorld(scenario, 'hostile.json');
  let stepsInZone = 0;
  while (!isRunOver(world)) {
    stepWorld(world);
    const vehicles = world.traffic!.vehicles;
    for (let v = 0; v < vehicles.count; v++) if (vehicles.link[v] === 1) stepsInZone++;
  }
  const summary = summarizeWorld(world, 0);
  return { stepsInZone, incidents: summary.traffic!.incidents ?? [], trip: summary.traffic!.dispatched!.find((t) => t.id === 'truck')! };
}

describe('a hostile vehicle at a pedestrian street', () => {
  it('is stopped at the line by raised bollards rated for it, and never gets in', () => {
    const { stepsInZone, incidents, trip } = run({});
    expect(stepsInZone).toBe(0);
    expect(incidents).toHaveLength(1);
    const [impact] = incidents;
    expect(impact.kind).toBe('bollardImpact');
    expect(impact.closure).toBe('bollards');
    expect(impact.impact!.stopped).toBe(true);
    // It hits at its 48 km/h (13.3 m/s), undiminished: it never brakes.
    expect(impact.impact!.speedMps).toBeCloseTo(48 / 3.6, 1);
    expect(impact.impact!.penetrationM).toBeLessThan(1.25);
    expect([impact.x, impact.y]).toEqual([0, 0]);
    expect(trip.arriveS).toBeNull();
  });

  it('breaks through an under-rated row (a car rating) slower, and enters the closed zone', () => {
    const { stepsInZone, incidents, trip } = run({ rating: { massKg: 1500, speedKph: 48 } });
    expect(incidents.map((incident) => incident.kind)).toEqual(['bollardImpact', 'enteredClosedZone']);
    const impact = incidents[0].impact!;
    expect(impact.stopped).toBe(false);
    expect(impact.residualSpeedMps).toBeGreaterThan(0);
    expect(impact.residualSpeedMps).toBeLessThan(impact.speedMps);
    expect(stepsInZone).toBeGreaterThan(0);
    expect(trip.arriveS).not.toBeNull();
  });

  it('drives in unhindered when the bollards are lowered, which is still an incident', () => {
    const { incidents, trip } = run({ lowered: true });
    expect(incidents.map((incident) => [incident.kind, incident.closure])).toEqual([['enteredClosedZone', 'pedestrian-street']]);
    expect(trip.arriveS).not.toBeNull();
  });

  it('lets an ambulance in through the same bollards with no incident', () => {
    const { incidents, trip, stepsInZone } = run({ vehicleClass: 'emergency' });
    expect(incidents).toEqual([]);
    expect(stepsInZone).toBeGreaterThan(0);
    expect(trip.arriveS).not.toBeNull();
  });
});
