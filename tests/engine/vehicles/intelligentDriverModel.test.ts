/**
 * The Intelligent Driver Model and the traffic step: the equations as published, and the
 * invariants over long random runs (no collision, no negative speed, nobody passing through
 * another in a lane).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idmAccelerationMps2, idmEquilibriumGapM } from '../../../engine/vehicles/IntelligentDriverModel.ts';
import { buildTraffic } from '../../../engine/vehicles/Traffic.ts';
import { stepVehicles } from '../../../engine/vehicles/stepVehicles.ts';
import { VEHICLE_CLASSES, VEHICLE_CLASS_NAMES } from '../../../engine/vehicles/vehicleClasses.ts';
import type { TrafficSpec } from '../../../engine/scenario/Scenario.ts';

describe('the IDM acceleration (Treiber, Hennecke, Helbing 2000)', () => {
  it('gives a (1 - (v/v0)^4) on a free road: a at rest, 0 at the desired speed', () => {
    expect(idmAccelerationMps2(0, 13.9, Infinity, 0, 1.1, 2, 1.5, 2)).toBeCloseTo(1.5, 10);
    expect(idmAccelerationMps2(13.9, 13.9, Infinity, 0, 1.1, 2, 1.5, 2)).toBeCloseTo(0, 10);
    expect(idmAccelerationMps2(13.9 / 2, 13.9, Infinity, 0, 1.1, 2, 1.5, 2)).toBeCloseTo(1.5 * (1 - 1 / 16), 10);
  });

  it('is zero at the equilibrium gap and brakes harder as the gap closes', () => {
    const gap = idmEquilibriumGapM(10, 13.9, 1.1, 2);
    expect(idmAccelerationMps2(10, 13.9, gap, 0, 1.1, 2, 1.5, 2)).toBeCloseTo(0, 10);
    expect(idmAccelerationMps2(10, 13.9, gap / 2, 0, 1.1, 2, 1.5, 2)).toBeLessThan(-1);
    // Approaching a standing vehicle adds the intelligent braking term v dv / (2 sqrt(a b)).
    expect(idmAccelerationMps2(10, 13.9, 50, 10, 1.1, 2, 1.5, 2)).toBeLessThan(idmAccelerationMps2(10, 13.9, 50, 0, 1.1, 2, 1.5, 2));
    expect(idmAccelerationMps2(10, 13.9, 0, 0, 1.1, 2, 1.5, 2)).toBe(-9);
  });
});

/** A random grid network with random demand (seeded by fast-check). */
function randomTraffic(size: number, speeds: number[], lanes: number[], flows: number[]): TrafficSpec {
  const nodes: [number, number][] = [];
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) nodes.push([j * 150, i * 150]);
  const links: TrafficSpec['roads']['links'] = [];
  let k = 0;
  const add = (a: number, b: number) => {
    links.push({ from: a, to: b, lanes: lanes[k % lanes.length], speedKph: speeds[k % speeds.length] });
    k++;
  };
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const n = i * size + j;
      if (j + 1 < size) {
        add(n, n + 1);
        add(n + 1, n);
      }
      if (i + 1 < size) {
        add(n, n + size);
        add(n + size, n);
      }
    }
  }
  const last = size * size - 1;
  return {
    roads: { nodes, links },
    demand: flows.map((vehiclesPerHour, d) => ({ id: `d${d}`, from: d % 2 === 0 ? 0 : last, to: d % 2 === 0 ? last : 0, vehiclesPerHour, fromS: 0, toS: 300, vehicleClass: VEHICLE_CLASS_NAMES[d % VEHICLE_CLASS_NAMES.length] })),
    signals: [{ node: Math.floor(size * size / 2), cycleS: 40 }],
  };
}

describe('the traffic step over long random runs', () => {
  it('keeps every gap positive and every speed between 0 and the speed limits, and nobody passes through another', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.integer({ min: 20, max: 90 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 100, max: 2500 }), { minLength: 1, maxLength: 4 }),
        (size, speeds, lanes, flows) => {
          const traffic = buildTraffic(randomTraffic(size, speeds, lanes, flows), 600);
          const { vehicles, network } = traffic;
          const maxLimitMps = Math.max(...network.linkSpeedMps);
          const previousOrder = new Map<string, number[]>();
          for (let tick = 0; tick < 6000; tick++) {
            stepVehicles(traffic, tick, 0.05);
            if (tick % 10 !== 0) continue;
            const byLane = new Map<string, number[]>();
            for (let i = 0; i < vehicles.count; i++) {
              const speed = vehicles.speedMps[i];
              const cls = VEHICLE_CLASSES[VEHICLE_CLASS_NAMES[vehicles.vehicleClass[i]]];
              // A vehicle entering a slower link brakes down to its limit: bounded by the fastest limit.
              if (!(speed >= 0) || speed > maxLimitMps * cls.speedFactor + 1e-6) return false;
              const key = `${vehicles.link[i]}:${vehicles.lane[i]}`;
              byLane.set(key, [...(byLane.get(key) ?? []), i]);
            }
            for (const [key, slots] of byLane) {
              slots.sort((a, b) => vehicles.posM[b] - vehicles.posM[a]);
              for (let k = 1; k < slots.length; k++) {
                const leader = slots[k - 1];
                const gap = vehicles.posM[leader] - VEHICLE_CLASSES[VEHICLE_CLASS_NAMES[vehicles.vehicleClass[leader]]].lengthM - vehicles.posM[slots[k]];
                if (gap < 0) return false;
              }
              // Vehicles that were in this lane ten steps ago keep their order.
              const ids = slots.map((slot) => vehicles.id[slot]);
              const before = (previousOrder.get(key) ?? []).filter((id) => ids.includes(id));
              const now = ids.filter((id) => before.includes(id));
              if (before.join() !== now.join()) return false;
              previousOrder.set(key, ids);
            }
          }
          return traffic.arrived > 0;
        },
      ),
      { seed: 42, numRuns: 16 },
    );
  });
});
