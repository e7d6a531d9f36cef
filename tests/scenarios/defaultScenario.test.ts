import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld, loadScenario, runWorld } from '../../engine/index.ts';

const FILE = 'scenarios/default.json';
const TEXT = readFileSync(resolve(import.meta.dirname, '../..', FILE), 'utf8');

describe('the bundled default scenario (npm start)', () => {
  it('passes the loader and points editors at the schema', () => {
    const scenario = loadScenario(TEXT, FILE);
    expect((JSON.parse(TEXT) as { $schema?: string }).$schema).toBe('./scenario.schema.json');
    expect(scenario.geometry.exits.map((e) => e.id)).toEqual(['west', 'east', 'north']);
    const groupPeople = (scenario.pedestrians ?? []).reduce((sum, g) => sum + g.count, 0);
    const sourcePeople = (scenario.sources ?? []).reduce((sum, s) => sum + s.ratePerS * (s.toS - s.fromS), 0);
    expect(groupPeople + sourcePeople).toBeGreaterThanOrEqual(2000);
    expect(groupPeople + sourcePeople).toBeLessThanOrEqual(3000);
  });

  it('empties completely, every gate used, well before its 900 s', () => {
    const summary = runWorld(createWorld(loadScenario(TEXT, FILE), FILE));
    expect(summary.pedestrians.remaining).toBe(0);
    expect(summary.pedestrians.exited).toBe(summary.pedestrians.spawned);
    expect(summary.pedestrians.evacuationTimeS).toBeLessThan(600);
    for (const exit of Object.values(summary.exits)) expect(exit.count).toBeGreaterThan(0);
    expect(summary.warnings).toEqual([]);
  });
});
