// Bottleneck flow against width. Sources: RiMEA 4.1.1 test 12 geometry (10 m x 10 m room,
// 150 persons, bottleneck 0.2 m long); measured flows from the Kretz et al. (2006) experiments
// and Seyfried, Rupprecht et al. (2009): 1.4 P/s at 0.8 m, 1.85 P/s at 1.0 m, 2.15 P/s at 1.2 m.
// Jülich HERMES 2009 "uo" corridor-with-exit series (Zhang et al. 2011, data in
// ../shared/data/juelich/bottleneck_uo_exit_series): the same corridor is rebuilt as a scenario
// and the real and simulated flows are computed the same way (crossings of y = -4 m, steady
// flow over the central 80 % of crossings, steadyFlowPerS).
import { describe, expect, it } from 'vitest';
import { juelichUoExitFlow, juelichUoExitSeries, steadyFlowPerS } from './support/juelichTrajectories.ts';
import { juelichUoCorridor, rect, rimeaBottleneck, runScenario, WEIDMANN_SPEED } from './support/scenarios.ts';

describe('bottleneck flow rises with width (RiMEA 12, Kretz 2006)', () => {
  const published = [
    { widthM: 0.8, flowPerS: 1.4 },
    { widthM: 1.0, flowPerS: 1.85 },
    { widthM: 1.2, flowPerS: 2.15 },
  ];
  const simulated = published.map((p) => {
    const summary = runScenario(rimeaBottleneck(p.widthM, 12));
    return { ...p, simulatedPerS: steadyFlowPerS(summary.lines.door.timesS), exited: summary.pedestrians.exited };
  });

  for (const { widthM, flowPerS } of published) it(`at ${widthM} m the flow is within 25 % of the measured ${flowPerS} P/s`, () => {
    const s = simulated.find((x) => x.widthM === widthM)!;
    console.log(`bottleneck ${widthM} m: simulated ${s.simulatedPerS.toFixed(2)} P/s, measured ${flowPerS} P/s (${(100 * (s.simulatedPerS / flowPerS - 1)).toFixed(0)} %)`);
    expect(s.exited).toBe(150);
    expect(Math.abs(s.simulatedPerS / flowPerS - 1)).toBeLessThanOrEqual(0.25);
  });

  it('a 1 m door in a thin wall passes within 25 % of the measured 1.85 P/s (people walk on beyond it)', () => {
    const door = runScenario({
      name: 'door-1.0', seed: 12, durationS: 400,
      geometry: { walkable: [rect(0, 0, 10, 10)], exits: [{ id: 'out', polygon: rect(4.5, 10, 5.5, 10.4) }] },
      pedestrians: [{ id: 'room', count: 150, spawn: { polygon: rect(0.3, 0.3, 9.7, 8.5) }, desiredSpeedMps: WEIDMANN_SPEED, goal: 'out' }],
      measurementLines: [{ id: 'door', from: [4.4, 10], to: [5.6, 10] }],
    });
    const flow = steadyFlowPerS(door.lines.door.timesS);
    console.log(`door 1.0 m in a thin wall: simulated ${flow.toFixed(2)} P/s, measured 1.85 P/s`);
    expect(door.pedestrians.exited).toBe(150);
    expect(Math.abs(flow / 1.85 - 1)).toBeLessThanOrEqual(0.25);
  });

  it('flow increases with the bottleneck width', () => {
    expect(simulated[1].simulatedPerS).toBeGreaterThan(simulated[0].simulatedPerS);
    expect(simulated[2].simulatedPerS).toBeGreaterThan(simulated[1].simulatedPerS);
  });

  it('a longer bottleneck (5 m) is slower than a short one (RiMEA 4.1.1 test 12)', () => {
    const long = runScenario(rimeaBottleneck(1.0, 12, 5));
    const flowLong = steadyFlowPerS(long.lines.door.timesS);
    console.log(`bottleneck 1.0 m: 0.2 m long ${simulated[1].simulatedPerS.toFixed(2)} P/s, 5 m long ${flowLong.toFixed(2)} P/s`);
    expect(long.pedestrians.evacuationTimeS!).toBeGreaterThan(runScenario(rimeaBottleneck(1.0, 12)).pedestrians.evacuationTimeS!);
  });
});

// Tolerance: the simulated flow lies within 25 % of the flow measured in the Jülich data for
// the same exit width, computed by the same function on the same line.
describe('Jülich HERMES corridor with exit: simulated against real flows', () => {
  for (const entry of juelichUoExitSeries) it(`exit ${entry.exitWidthM} m: the simulated flow is within 25 % of the real one`, () => {
    const real = juelichUoExitFlow(entry);
    const summary = runScenario(juelichUoCorridor(entry.exitWidthM, entry.persons, 2009));
    expect(summary.pedestrians.exited).toBe(entry.persons);
    const simulated = steadyFlowPerS(summary.lines.exit.timesS);
    console.log(`HERMES uo exit ${entry.exitWidthM} m: real ${real.flowPerS.toFixed(2)} P/s, simulated ${simulated.toFixed(2)} P/s (${(100 * (simulated / real.flowPerS - 1)).toFixed(0)} %)`);
    expect(Math.abs(simulated / real.flowPerS - 1)).toBeLessThanOrEqual(0.25);
  });
});
