import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenFigures, goldenFile } from './support/goldenFigures.ts';
import { createWorld, loadScenario, runWorld } from '../../engine/index.ts';

const FILE = 'scenarios/seafront-square.json';
const TEXT = readFileSync(resolve(import.meta.dirname, '../..', FILE), 'utf8');

describe('the hand-drawn seafront square scenario', () => {
  it('passes the loader and points editors at the schema', () => {
    const scenario = loadScenario(TEXT, FILE);
    expect((JSON.parse(TEXT) as { $schema?: string }).$schema).toBe('./scenario.schema.json');
    expect(scenario.geometry.exits.map((e) => e.id)).toEqual(['west', 'east', 'north']);
    const groupPeople = (scenario.pedestrians ?? []).reduce((sum, g) => sum + g.count, 0);
    const sourcePeople = (scenario.sources ?? []).reduce((sum, s) => sum + s.ratePerS! * (s.toS! - s.fromS!), 0);
    expect(groupPeople + sourcePeople).toBeGreaterThanOrEqual(2000);
    expect(groupPeople + sourcePeople).toBeLessThanOrEqual(3000);
  });

  const summary = runWorld(createWorld(loadScenario(TEXT, FILE), FILE));

  it('empties completely, every gate used, well before its 900 s', () => {
    expect(summary.pedestrians.remaining).toBe(0);
    expect(summary.pedestrians.exited).toBe(summary.pedestrians.spawned);
    expect(summary.pedestrians.evacuationTimeS).toBeLessThan(600);
    for (const exit of Object.values(summary.exits)) expect(exit.count).toBeGreaterThan(0);
    expect(summary.warnings).toEqual([]);
  });

  // Golden figures (SUMO TextTest / Turf REGEN style): the key results of the default run,
  // rounded, compared with tests/fixtures/golden/seafront-square-summary.json. A model change that moves
  // them must be deliberate: rerun with REGEN=1 and review the diff.
  it('gives the golden figures (REGEN=1 rewrites them)', () => {
    const figures = goldenFigures(summary);
    expect(figures).toEqual(goldenFile('seafront-square-summary.json', figures));
  });
});
