/**
 * Stochastic incidents (engine/world/drawIncidents.ts): a Poisson process per entry, placed in
 * its area, the same for a seed and different for another; bad processes refused.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioError, validateScenario } from '../../../engine/index.ts';
import { pointInPolygon } from '../../../engine/geometry/polygon.ts';
import { drawIncidents } from '../../../engine/world/drawIncidents.ts';

const TRIANGLE: [number, number][] = [[0, 0], [100, 0], [0, 100]];
const scenario = (seed: number, extra: object = {}) => validateScenario({
  name: 'random incidents', seed, durationS: 36_000, geometry: { walkable: [[[0, 0], [100, 0], [100, 100], [0, 100]]], exits: [{ id: 'e', polygon: [[100, 0], [101, 0], [101, 4], [100, 4]] }] },
  incidents: [{ id: 'scripted', type: 'fire', at: [5, 5], startS: 100 }],
  randomIncidents: [{ id: 'fall', type: 'fall', ratePerHour: 12, area: TRIANGLE, durationS: [60, 180] }, { id: 'shot', type: 'gunshot', ratePerHour: 2, area: TRIANGLE, fromS: 3600, toS: 7200 }],
  ...extra,
}, 'random.json');

describe('random incidents', () => {
  const incidents = drawIncidents(scenario(1));
  const falls = incidents.filter((incident) => incident.id.startsWith('fall-'));

  it('come at their rate (Poisson: 120 expected in 10 h, within 3 standard deviations), in their area and window', () => {
    expect(Math.abs(falls.length - 120)).toBeLessThan(3 * Math.sqrt(120));
    expect(falls.every((incident) => pointInPolygon(incident.at[0], incident.at[1], TRIANGLE))).toBe(true);
    expect(falls.every((incident) => incident.endS! - incident.startS >= 59.99 && incident.endS! - incident.startS <= 180.01)).toBe(true);
    const shots = incidents.filter((incident) => incident.type === 'gunshot');
    expect(shots.every((incident) => incident.startS >= 3600 && incident.startS < 7200 && incident.endS! - incident.startS === 1)).toBe(true);
    expect(incidents.some((incident) => incident.id === 'scripted')).toBe(true);
    for (let k = 1; k < incidents.length; k++) expect(incidents[k].startS).toBeGreaterThanOrEqual(incidents[k - 1].startS);
  });

  it('are the same for the same seed and differ for another', () => {
    expect(JSON.stringify(drawIncidents(scenario(1)))).toBe(JSON.stringify(incidents));
    expect(JSON.stringify(drawIncidents(scenario(2)))).not.toBe(JSON.stringify(incidents));
  });

  it('refuses a duration range upside down and an empty window, naming the place', () => {
    const bad = () => scenario(1, { randomIncidents: [{ id: 'x', type: 'fall', ratePerHour: 1, area: TRIANGLE, durationS: [90, 30], fromS: 50, toS: 40 }] });
    expect(bad).toThrow(ScenarioError);
    expect(bad).toThrow(/random\.json: randomIncidents\[0\]\.durationS: \[min, max\] with max \(30\) below min \(90\)/);
    expect(bad).toThrow(/randomIncidents\[0\]\.toS: toS \(40\) must be after fromS \(50\)/);
  });
});
