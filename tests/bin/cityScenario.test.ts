/**
 * `vigie run` on a scenario placed in a real city (the Paris OSM extract, imported on the fly).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, vigie } from './support/vigie.ts';

const SCENARIO = 'tests/fixtures/scenarios/paris-liszt.json';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'vigie-city-run-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('vigie run with a city', () => {
  it('walks everyone out through the streets that cross the north side of the area, including a group that comes from Gare du Nord on the network', () => {
    const out = join(work, 'out');
    const run = vigie('run', SCENARIO, '--out', out, '--quiet');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.pedestrians.spawned).toBe(80);
    expect(summary.pedestrians.exited).toBe(80);
    const fromSquare = summary.pedestrians.agents.filter((agent: { group: string }) => agent.group === 'square');
    // About 90 m and more through the streets at 1.34 m/s.
    expect(Math.max(...fromSquare.map((agent: { exitS: number }) => agent.exitS))).toBeGreaterThan(60);
    // The group from Gare du Nord walks a few hundred metres of the city's network before it enters.
    const route = summary.network.routes['gare-du-nord'];
    expect(route.lengthM).toBeGreaterThan(250);
    const entered = summary.pedestrians.agents.filter((agent: { group: string }) => agent.group === 'gare-du-nord').map((agent: { spawnS: number }) => agent.spawnS);
    // The first arrives after the route at 1.34 m/s, a little later as 20 walk together (Weidmann's density effect).
    expect(Math.min(...entered)).toBeGreaterThan(route.lengthM / 1.34 - 1);
    expect(Math.min(...entered)).toBeLessThan(1.15 * (route.lengthM / 1.34));
    expect(summary.pedestrians.evacuationTimeS).toBeLessThan(600);
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

describe('vigie run with traffic on the default district', () => {
  it('drives the demand on the district road graph, through its signals, between places', () => {
    const out = join(work, 'out');
    const run = vigie('run', 'tests/fixtures/scenarios/district-traffic.json', '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.traffic.inserted).toBeGreaterThan(150);
    expect(summary.traffic.arrived).toBeGreaterThan(100);
    expect(summary.traffic.waiting).toBe(0);
    for (const entry of Object.values(summary.traffic.demand) as { routeLinks: number }[]) expect(entry.routeLinks).toBeGreaterThan(2);
    // 1.2 km at 50 km/h with red lights on the way: longer than the free-flow 86 s.
    expect(summary.traffic.meanTravelTimeS).toBeGreaterThan(86);
    expect(run.stdout).toMatch(/traffic: \d+ vehicles in, \d+ arrived/);
  });
});
