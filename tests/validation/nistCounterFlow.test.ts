// NIST TN 1822 (Ronchi et al. 2013), counter-flow test: 100 people cross from one room to
// another through a corridor 10 m long and 2 m wide while 0, 10, 50 or 100 people walk the other
// way. Expected: everybody gets through, and the main group's time grows with the counter-flow.
// (A known failure of first-order models is a gridlock in the corridor; REFERENCES.md.)
import { describe, expect, it } from 'vitest';
import type { PedestrianGroupSpec } from '../../engine/scenario/Scenario.ts';
import { rect, runScenario, WEIDMANN_SPEED } from './support/scenarios.ts';

function crossing(opposite: number) {
  // Room A [0, 10] x [0, 10], corridor [10, 20] x [4, 6], room B [20, 30] x [0, 10];
  // the main group leaves through B's far wall, the counter-flow through A's.
  const pedestrians: PedestrianGroupSpec[] = [{ id: 'main', count: 100, spawn: { polygon: rect(1, 1, 9, 9) }, desiredSpeedMps: WEIDMANN_SPEED, goal: 'east' }];
  if (opposite > 0) pedestrians.push({ id: 'counter', count: opposite, spawn: { polygon: rect(21, 1, 29, 9) }, desiredSpeedMps: WEIDMANN_SPEED, goal: 'west' });
  return runScenario({
    name: `nist-counterflow-${opposite}`, seed: 1822, durationS: 900,
    geometry: {
      walkable: [rect(0, 0, 10, 10), rect(10, 4, 20, 6), rect(20, 0, 30, 10)],
      exits: [{ id: 'east', polygon: rect(30, 0, 30.3, 10) }, { id: 'west', polygon: rect(-0.3, 0, 0, 10) }],
    },
    pedestrians,
  });
}

describe('NIST TN 1822 counter-flow', () => {
  const runs = [0, 10, 50, 100].map((opposite) => ({ opposite, summary: crossing(opposite) }));

  it('everybody gets through with 0, 10, 50 and 100 people walking the other way', () => {
    for (const { opposite, summary } of runs) {
      const mainLast = Math.max(...summary.pedestrians.agents.filter((a) => a.group === 'main').map((a) => a.exitS ?? Infinity));
      console.log(`NIST counter-flow ${opposite}: ${summary.pedestrians.exited}/${100 + opposite} out, main group's last out at ${mainLast} s`);
      expect(summary.pedestrians.exited).toBe(100 + opposite);
    }
  });

  it("the main group's time grows with the counter-flow", () => {
    const mainLastS = runs.map(({ summary }) => Math.max(...summary.pedestrians.agents.filter((a) => a.group === 'main').map((a) => a.exitS!)));
    expect(mainLastS[1]).toBeGreaterThanOrEqual(mainLastS[0]);
    expect(mainLastS[2]).toBeGreaterThan(mainLastS[0]);
    expect(mainLastS[3]).toBeGreaterThan(mainLastS[1]);
  });
});

// Lane formation in counter-flow (Helbing & Molnar 1995): two groups of 100 packed at both ends
// of a 2 m x 22 m corridor walk into each other. Without a side preference the CSM gridlocks
// here (2 of 200 out in 600 s); with keep-right they form lanes and all pass.
describe('head-on counter-flow in a 2 m corridor', () => {
  it('100 against 100 pass each other and all leave', () => {
    const summary = runScenario({
      name: 'head-on', seed: 1, durationS: 600,
      geometry: {
        walkable: [rect(-10, 0, 12 + 12.5, 2)],
        exits: [{ id: 'east', polygon: rect(24.5, 0, 24.8, 2) }, { id: 'west', polygon: rect(-10.3, 0, -10, 2) }],
      },
      pedestrians: [
        { id: 'eastbound', count: 100, spawn: { polygon: rect(-10, 0.2, 0, 1.8) }, desiredSpeedMps: WEIDMANN_SPEED, goal: 'east' },
        { id: 'westbound', count: 100, spawn: { polygon: rect(12, 0.2, 22.5, 1.8) }, desiredSpeedMps: WEIDMANN_SPEED, goal: 'west' },
      ],
    });
    console.log(`head-on counter-flow: ${summary.pedestrians.exited}/200 out, evacuation ${summary.pedestrians.evacuationTimeS} s`);
    expect(summary.pedestrians.exited).toBe(200);
    expect(summary.exits.east.count).toBe(100);
    expect(summary.exits.west.count).toBe(100);
  });
});

