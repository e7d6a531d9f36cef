/**
 * `vigie run` on a scenario placed in a real city (the Paris OSM extract, imported on the fly).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIO = 'tests/fixtures/scenarios/paris-liszt.json';

function vigie(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/vigie.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'vigie-city-run-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('vigie run with a city', () => {
  it('walks everyone from Place Franz Liszt out through the streets that cross the north side of the area', () => {
    const out = join(work, 'out');
    const run = vigie('run', SCENARIO, '--out', out, '--quiet');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.pedestrians.spawned).toBe(60);
    expect(summary.pedestrians.exited).toBe(60);
    // About 90 m and more through the streets at 1.34 m/s.
    expect(summary.pedestrians.evacuationTimeS).toBeGreaterThan(60);
    expect(summary.pedestrians.evacuationTimeS).toBeLessThan(400);
  });

  it('refuses a place that is not in the city with exit code 2, naming the scenario path', () => {
    const scenario = JSON.parse(readFileSync(join(ROOT, SCENARIO), 'utf8'));
    scenario.city = join(ROOT, 'tests/fixtures/scenarios', scenario.city);
    scenario.pedestrians[0].spawn.place = { name: 'Place de la Concorde' };
    const path = join(work, 'concorde.json');
    writeFileSync(path, JSON.stringify(scenario));
    const run = vigie('run', path, '--out', join(work, 'out'));
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(`${path}: pedestrians[0].spawn.place.name: no feature named "Place de la Concorde" in the city model paris_10e_map.osm`);
  });

  it('refuses a missing city file with one line', () => {
    const scenario = JSON.parse(readFileSync(join(ROOT, SCENARIO), 'utf8'));
    scenario.city = 'nowhere.city.json';
    const path = join(work, 'lost.json');
    writeFileSync(path, JSON.stringify(scenario));
    const run = vigie('run', path, '--out', join(work, 'out'));
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(`vigie: ${join(work, 'nowhere.city.json')}: cannot read the city file: no such file`);
  });
});
