/**
 * The market-closing tram scenario (`scenarios/market-tram.json`): a tram line of the bundled
 * district placed from the city (its rail, its stop, the stop's platform), a crowd waiting for
 * it, trams arriving full enough that some people wait for the next one, and road traffic that
 * stops where the track crosses the streets.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld, runWorld } from '../../engine/index.ts';
import { loadScenarioFile } from '../../bin/loadScenarioFile.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FILE = 'scenarios/market-tram.json';

describe('the market-closing tram scenario', () => {
  const scenario = loadScenarioFile(resolve(ROOT, FILE));

  it('takes its track, stop and platform from the district', () => {
    const line = scenario.transit!.lines[0];
    // The district's tram runs along x = -5 from y = 400 south to y = -225; reversed, northbound.
    expect(line.track[0]).toEqual([-5, -225]);
    expect(line.track[line.track.length - 1][1]).toBeGreaterThan(300);
    const stop = line.stops[0];
    // Centred on the Place du Marché stop (y = -95): the front 16 m further north.
    expect(stop.atM).toBeCloseTo(130 + 16, 0);
    // Its platform lies west of the track (x -12.5 to -8): on the left going north, 3 m from the axis.
    expect(stop.side).toBe('left');
    expect(stop.platformGapM).toBeCloseTo(3, 1);
    // The track crosses the streets of the area: each crossing holds the cars while a tram comes.
    expect(line.roadCrossings!.length).toBeGreaterThan(0);
  });

  const summary = runWorld(createWorld(scenario, FILE));
  const stop = summary.transit!.lines['T1-north'].stops['marche-north'];

  it('boards every rider in trams of at most 180, leaving people on the platform when a tram is full', () => {
    expect(stop.boarded).toBe(400);
    for (const tram of summary.transit!.lines['T1-north'].trams) expect(tram.maxLoad).toBeLessThanOrEqual(180);
    const full = summary.transit!.visits.filter((visit) => visit.loadAfter === 180);
    expect(full.length).toBeGreaterThan(0);
    expect(full.some((visit) => visit.leftBehind > 0)).toBe(true);
    expect(summary.pedestrians.remaining).toBe(0);
  });

  it('lets a third of those on board off, who walk out of the area', () => {
    expect(stop.alighted).toBe(30 * stop.visits);
    expect(stop.stayedOn).toBe(0);
    expect(summary.pedestrians.spawned).toBe(1000 + stop.alighted);
  });

  it('dwells within the 16-37 s that French light-rail lines average, while people board', () => {
    expect(stop.meanDwellS!).toBeGreaterThanOrEqual(16);
    expect(stop.meanDwellS!).toBeLessThanOrEqual(37);
  });

  it('keeps the cars moving between trams', () => {
    expect(summary.traffic!.arrived).toBe(summary.traffic!.inserted);
    expect(summary.warnings).toEqual([]);
  });
});
