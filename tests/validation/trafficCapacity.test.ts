/**
 * Road capacity and saturation flow of the car-following model (Intelligent Driver Model, city
 * parameters, engine/vehicles/vehicleClasses.ts), against the published ranges:
 *  - a single lane at 50 km/h carries about 1,800-2,200 vehicles per hour (urban capacity;
 *    Highway Capacity Manual; Treiber and Kesting 2013, ch. 11);
 *  - a queue at a signal discharges at a saturation flow of about 1,700-2,000 vehicles per hour
 *    of green (Highway Capacity Manual base saturation flow 1,900 veh/h/lane; the saturation
 *    headway is measured from the fifth vehicle of each green on, as the HCM does).
 */
import { describe, expect, it } from 'vitest';
import { createWorld, runWorld, summarizeWorld, validateScenario, type World } from '../../engine/index.ts';
import { seriesToArray } from '../../engine/measurement/GrowableSeries.ts';

/** A scenario with traffic only (a token walkable square far from the road, nobody in it). */
function trafficScenario(traffic: object, durationS: number) {
  return validateScenario({
    name: 'traffic', seed: 1, durationS, stopWhenEmpty: false,
    geometry: { walkable: [[[0, -100], [10, -100], [10, -90], [0, -90]]], exits: [{ id: 'e', polygon: [[10, -96], [11, -96], [11, -94], [10, -94]] }] },
    traffic,
  }, 'traffic.json');
}

/** Vehicles per hour through a detector after a warm-up. */
function flowPerHour(times: number[], afterS: number): number {
  const kept = times.filter((t) => t > afterS);
  return ((kept.length - 1) / (kept[kept.length - 1] - kept[0])) * 3600;
}

describe('a single-lane road fed at increasing demand', () => {
  const flows = [600, 1200, 2400, 3600].map((vehiclesPerHour) => {
    const world = createWorld(trafficScenario({
      roads: { nodes: [[0, 0], [3000, 0]], links: [{ from: 0, to: 1, lanes: 1, speedKph: 50 }] },
      demand: [{ id: 'd', from: 0, to: 1, vehiclesPerHour, fromS: 0, toS: 1800 }],
      detectors: [{ id: 'loop', link: 0, positionM: 2000 }],
    }, 1800), 'traffic.json');
    runWorld(world);
    return { vehiclesPerHour, flow: flowPerHour(seriesToArray(world.traffic!.detectors[0].timesS), 600) };
  });

  it('carries the demand while it is below capacity', () => {
    expect(flows[0].flow).toBeCloseTo(600, -1);
    expect(flows[1].flow).toBeCloseTo(1200, -1);
  });

  it('saturates at 1,800-2,200 vehicles per hour, whatever the excess demand', () => {
    for (const { flow } of flows.slice(2)) {
      expect(flow).toBeGreaterThanOrEqual(1800);
      expect(flow).toBeLessThanOrEqual(2200);
    }
    expect(Math.abs(flows[2].flow - flows[3].flow)).toBeLessThan(20);
  });
});

describe('a signalised approach with a standing queue', () => {
  it('discharges at a saturation flow of 1,700-2,000 vehicles per hour of green', () => {
    const world = createWorld(trafficScenario({
      roads: { nodes: [[0, 0], [1000, 0], [1500, 0]], links: [{ from: 0, to: 1, speedKph: 50 }, { from: 1, to: 2, speedKph: 50 }] },
      demand: [{ id: 'd', from: 0, to: 2, vehiclesPerHour: 1500, fromS: 0, toS: 1200 }],
      signals: [{ node: 1, cycleS: 90 }],
      detectors: [{ id: 'stop-line', link: 1, positionM: 1 }],
    }, 1200), 'traffic.json');
    runWorld(world);
    const times = seriesToArray(world.traffic!.detectors[0].timesS);
    // Passages grouped by green (a pause of more than 8 s separates two greens).
    const greens: number[][] = [];
    for (const t of times) {
      const last = greens[greens.length - 1];
      if (!last || t - last[last.length - 1] > 8) greens.push([t]);
      else last.push(t);
    }
    expect(greens.length).toBeGreaterThan(10);
    const headways: number[] = [];
    for (const green of greens.slice(2)) for (let k = 5; k < green.length; k++) headways.push(green[k] - green[k - 1]);
    const saturationFlow = 3600 / (headways.reduce((a, b) => a + b, 0) / headways.length);
    expect(saturationFlow).toBeGreaterThanOrEqual(1700);
    expect(saturationFlow).toBeLessThanOrEqual(2000);
    // The queue at the red light: 1,500 veh/h for 30 s of red and more, at least 12 vehicles.
    const queue = runSummaryQueues(world)['0'];
    expect(queue.maxVehicles).toBeGreaterThanOrEqual(12);
    // Nobody crosses the stop line during red: every passage is within a green or its amber.
    const plan = world.traffic!.signals[0];
    for (const t of times) {
      const inCycle = (t - plan.offsetS) % plan.cycleS;
      expect(inCycle).toBeLessThanOrEqual(plan.greenS + plan.amberS + 0.5);
    }
  });
});

function runSummaryQueues(world: World) {
  return summarizeWorld(world, 0).traffic!.queues;
}
