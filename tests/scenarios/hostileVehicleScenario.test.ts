/**
 * The hostile-vehicle scenario (`scenarios/hostile-vehicle.json`): a truck driven at the market
 * square through a pedestrian street of the bundled district. Its rising bollards, 8 m past the
 * turn from the seafront road, stop it: having slowed for the turn, it hits them far below its
 * 48 km/h. Left down, the bollards let it drive into the square.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld, runWorld } from '../../engine/index.ts';
import { loadScenarioFile } from '../../bin/loadScenarioFile.ts';

const FILE = resolve(import.meta.dirname, '../../scenarios/hostile-vehicle.json');

describe('the hostile-vehicle scenario', () => {
  it('stops the truck at the raised bollards of the Rue du Marché', () => {
    const summary = runWorld(createWorld(loadScenarioFile(FILE), FILE));
    const incidents = summary.traffic!.incidents!;
    // Into the street's first metres (closed by law), then against the bollards.
    expect(incidents.map((incident) => [incident.kind, incident.closure])).toEqual([['enteredClosedZone', 'pedestrian-streets'], ['bollardImpact', 'bollard-6']]);
    const impact = incidents[1];
    expect([impact.x, impact.y]).toEqual([-122, -90]);
    expect(impact.impact!.stopped).toBe(true);
    // Slowed for the turn off the seafront road: well below 48 km/h (13.3 m/s).
    expect(impact.impact!.speedMps).toBeLessThan(8);
    expect(summary.traffic!.dispatched![0].arriveS).toBeNull();
  });

  it('lets it into the square when the bollards are left down', () => {
    const scenario = loadScenarioFile(FILE);
    scenario.traffic!.actions!.unshift({ atS: 0, action: { kind: 'setClosure', closure: 'bollard-6', active: false } });
    const summary = runWorld(createWorld(scenario, FILE));
    const incidents = summary.traffic!.incidents!;
    expect(incidents.map((incident) => incident.kind)).toEqual(['enteredClosedZone']);
    expect(summary.traffic!.dispatched![0].arriveS).not.toBeNull();
  });
});
