/**
 * Bottleneck flow against exit width, measured from the real trajectories of the 2009 HERMES
 * unidirectional corridor experiment (Forschungszentrum Jülich; Zhang, Klingsch, Schadschneider,
 * Seyfried, J. Stat. Mech. (2011) P06004), uo-180-180-{070,095,120,180}: a 1.8 m corridor whose
 * exit is 0.70, 0.95, 1.20 or 1.80 m wide. Data: ../shared/data/juelich (see its README.md).
 */
import { describe, expect, it } from 'vitest';
import {
  JUELICH_UO_EXIT_LINE,
  JUELICH_UO_FILE_OPTIONS,
  crossingTimesS,
  juelichUoExitFilePath,
  juelichUoExitFlow,
  juelichUoExitSeries,
  parseTrajectoryFile,
  steadyFlowPerS,
  type JuelichExitFlow,
} from './support/juelichTrajectories.ts';

// Measured once for all tests below (about 1 s for the four files).
const flows: JuelichExitFlow[] = juelichUoExitSeries.map((entry) => juelichUoExitFlow(entry));

/**
 * Plausible specific flow through a bottleneck in laboratory evacuations, P/(m s).
 * NOTE: laboratory flows exceed guideline design values (1.33 P/(m s), IMO MSC/Circ.1238): the
 * bottleneck studies collected by Seyfried, Rupprecht et al. (2009) and Kretz et al. (2006) give
 * about 2.2 P/(m s) at 0.4 m and 1.7-1.9 P/(m s) at 0.8-1.2 m, and the specific flow falls as the
 * bottleneck widens. This data gives 1.58-2.31 P/(m s); the band leaves some room either side.
 */
const SPECIFIC_FLOW_BAND_PER_MS: [number, number] = [1.5, 2.4];

describe('Jülich HERMES uo exit series (Zhang et al. 2011): bottleneck flow from the real trajectories', () => {
  it('reads every person listed in the data README and sees each of them cross the exit line', () => {
    for (const [i, entry] of juelichUoExitSeries.entries()) {
      const flow = flows[i];
      console.log(
        `Jülich uo exit b = ${flow.exitWidthM.toFixed(2)} m: J = ${flow.flowPerS.toFixed(3)} P/s, ` +
          `J/b = ${flow.specificFlowPerMS.toFixed(3)} P/(m s) ` +
          `(${flow.crossings} of ${flow.persons} crossed y = ${JUELICH_UO_EXIT_LINE.yM} m)`,
      );
      expect(flow.persons).toBe(entry.persons);
      expect(flow.crossings).toBe(entry.persons);
    }
  });

  it('exit flow rises with exit width', () => {
    for (let i = 1; i < flows.length; i++) {
      expect(flows[i].exitWidthM).toBeGreaterThan(flows[i - 1].exitWidthM);
      expect(flows[i].flowPerS).toBeGreaterThan(flows[i - 1].flowPerS);
    }
  });

  it('specific exit flow lies in the laboratory band of 1.5-2.4 P/(m s) for every width', () => {
    for (const flow of flows) {
      expect(flow.specificFlowPerMS).toBeGreaterThanOrEqual(SPECIFIC_FLOW_BAND_PER_MS[0]);
      expect(flow.specificFlowPerMS).toBeLessThanOrEqual(SPECIFIC_FLOW_BAND_PER_MS[1]);
    }
  });

  it('the narrowest exit has the highest specific flow and the open 1.8 m exit the lowest', () => {
    const specific = flows.map((flow) => flow.specificFlowPerMS);
    expect(Math.max(...specific)).toBe(specific[0]);
    expect(Math.min(...specific)).toBe(specific[specific.length - 1]);
  });

  it('measured flows stay at the values first measured (golden figures, 0.01 P/s)', () => {
    // Steady flow at y = -4.0 m, central 80 % of the crossings (steadyFlowPerS).
    const expectedPerS = [1.62, 1.749, 2.335, 2.844];
    flows.forEach((flow, i) => expect(Math.abs(flow.flowPerS - expectedPerS[i])).toBeLessThan(0.01));
  });

  it('the flow does not depend on where in the exit narrowing (y = -3.5 to -4.5 m) it is measured', () => {
    // Everyone passes the whole narrowing, so the flow is the same at any line across it; upstream
    // (y = 0) it is not, because the corridor is still filling up behind the exit.
    for (const [i, entry] of juelichUoExitSeries.entries()) {
      const trajectories = parseTrajectoryFile(juelichUoExitFilePath(entry), JUELICH_UO_FILE_OPTIONS);
      for (const yM of [-3.5, -4.25, -4.5]) {
        const flowPerS = steadyFlowPerS(crossingTimesS(trajectories, { yM }));
        expect(Math.abs(flowPerS / flows[i].flowPerS - 1)).toBeLessThan(0.03);
      }
    }
  });
});

describe('trajectory helpers', () => {
  it('crossingTimesS interpolates between frames and counts each person once, in the walking direction', () => {
    const trajectories = {
      fps: 10,
      persons: [
        // Crosses y = 0 between frames 10 and 11, a quarter of the way: t = 10.25 / 10 s.
        { id: 1, frames: Int32Array.of(10, 11, 12), xM: new Float64Array(3), yM: Float64Array.of(1, -3, -1) },
        // Walks the other way (toward +y): never counted for a -y line.
        { id: 2, frames: Int32Array.of(0, 1), xM: new Float64Array(2), yM: Float64Array.of(-1, 1) },
        // Crosses, comes back, crosses again: counted at the first crossing, frame 2 -> 3.
        { id: 3, frames: Int32Array.of(0, 2, 3, 4, 5), xM: new Float64Array(5), yM: Float64Array.of(3, 2, -2, 1, -1) },
      ],
    };
    const times = crossingTimesS(trajectories, { yM: 0 });
    expect(Array.from(times)).toEqual([0.25, 1.025]);
    // Toward +y: person 2 at frame 0.5, person 3 on its way back, frame 3 + 2/3.
    const upward = crossingTimesS(trajectories, { yM: 0, walkingSign: 1 });
    expect(upward).toHaveLength(2);
    expect(upward[0]).toBeCloseTo(0.05, 12);
    expect(upward[1]).toBeCloseTo(11 / 30, 12);
  });

  it('steadyFlowPerS is one over the mean gap between the crossings from the 10th to the 90th percentile', () => {
    // 21 crossings: a slow start, a steady 2 P/s middle, a slow end. Ranks 2..18 are kept.
    const times = [0, 5, 10, 10.5, 11, 11.5, 12, 12.5, 13, 13.5, 14, 14.5, 15, 15.5, 16, 16.5, 17, 17.5, 18, 30, 40];
    expect(steadyFlowPerS(times)).toBeCloseTo(16 / 8, 12);
    expect(steadyFlowPerS([...times].reverse())).toBeCloseTo(2, 12);
    expect(() => steadyFlowPerS([1, 2, 3])).toThrow(/at least 10 crossings/);
  });
});
