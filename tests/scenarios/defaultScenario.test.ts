/**
 * The bundled default scenario (`vigie run scenarios/default.json`, `npm start` before the rehearsal): the seafront fireworks egress on the bundled
 * default district, placed in the city by area and places, with late-comers on the network.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFigures, goldenFile } from './support/goldenFigures.ts';
import { createWorld, runWorld } from '../../engine/index.ts';
import { loadScenarioFile } from '../../bin/loadScenarioFile.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FILE = 'scenarios/default.json';

describe('the bundled default scenario (vigie run)', () => {
  const scenario = loadScenarioFile(resolve(ROOT, FILE));

  it('is placed on the bundled default district and points editors at the schema', () => {
    const raw = JSON.parse(readFileSync(resolve(ROOT, FILE), 'utf8')) as { $schema?: string; city?: string };
    expect(raw.$schema).toBe('./scenario.schema.json');
    expect(raw.city).toBe('../city-models/default/district.geojson');
    expect(scenario.geometry.exits.map((exit) => exit.id)).toEqual(['west', 'north', 'east', 'tram']);
    // Walkable space from the district: many pieces of sidewalk, lanes and squares, buildings cut out.
    expect(scenario.geometry.obstacles!.length).toBeGreaterThan(50);
    expect(scenario.geometry.network!.nodes.length).toBeGreaterThan(50);
    const people = (scenario.pedestrians ?? []).reduce((sum, group) => sum + group.count, 0);
    expect(people).toBeGreaterThanOrEqual(2000);
    expect(people).toBeLessThanOrEqual(8000);
  });

  const summary = runWorld(createWorld(scenario, FILE));

  it('empties completely before its 900 s, the late-comers from Gare du Nord included', () => {
    expect(summary.pedestrians.remaining).toBe(0);
    expect(summary.pedestrians.exited).toBe(summary.pedestrians.spawned);
    expect(summary.network?.onNetwork).toBe(0);
    expect(summary.network?.routes['from-gare-du-nord'].lengthM).toBeGreaterThan(250);
    expect(summary.pedestrians.evacuationTimeS).toBeLessThan(900);
    expect(summary.warnings).toEqual([]);
  });

  // Golden figures (SUMO TextTest / Turf REGEN style), compared with
  // tests/fixtures/golden/default-summary.json; REGEN=1 rewrites them, to be reviewed.
  it('gives the golden figures (REGEN=1 rewrites them)', () => {
    const figures = goldenFigures(summary, { networkRouteM: summary.network?.routes['from-gare-du-nord'].lengthM });
    expect(figures).toEqual(goldenFile('default-summary.json', figures));
  });
});
