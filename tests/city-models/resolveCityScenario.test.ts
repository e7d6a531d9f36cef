/**
 * Placing scenarios in a city: the area becomes walkable space and obstacles, places become
 * polygons, and every mistake names the scenario file and the path inside it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCity } from '../../city-models/importCity.ts';
import { resolveCityScenario } from '../../city-models/scenario/resolveCityScenario.ts';
import { CityImportError } from '../../city-models/CityImportError.ts';
import { validateScenario } from '../../engine/index.ts';
import { PARIS_OSM } from './support/independentOsm.ts';

const paris = importCity(readFileSync(PARIS_OSM, 'utf8'), PARIS_OSM);
const LISZT = 'way/143296144';

function scenario(geometry: object, extra: object = {}): object {
  return {
    name: 'placed',
    city: 'paris.osm',
    seed: 3,
    durationS: 60,
    geometry,
    pedestrians: [{ id: 'crowd', count: 50, spawn: { place: { ref: LISZT } }, desiredSpeedMps: 1.34, goal: ['north'] }],
    ...extra,
  };
}

function problemsOf(value: object): { path: string; message: string }[] {
  try {
    resolveCityScenario(value, paris, 'event.json');
  } catch (error) {
    expect(error).toBeInstanceOf(CityImportError);
    return (error as CityImportError).problems;
  }
  return [];
}

describe('a scenario placed around Place Franz Liszt in Paris', () => {
  const resolved = resolveCityScenario(scenario({ area: { around: { name: 'Place Franz Liszt' }, radiusM: 120 }, exits: [{ id: 'north', place: { edge: 'north' } }] }), paris, 'event.json') as Record<string, any>;

  it('becomes a plain scenario the engine loads: walkable rings, buildings as obstacles, polygons for places', () => {
    const loaded = validateScenario(resolved, 'event.json');
    expect(loaded.geometry.walkable.length).toBeGreaterThan(0);
    expect(loaded.geometry.obstacles!.length).toBeGreaterThan(20);
    expect(resolved.pedestrians[0].spawn.place).toBeUndefined();
    expect(resolved.pedestrians[0].spawn.polygon.length).toBeGreaterThanOrEqual(3);
  });

  it('uses the square outline for the spawn place and a strip outside the north side for the exit', () => {
    const square = paris.walkAreas.find((area) => area.id === LISZT)!;
    expect(resolved.pedestrians[0].spawn.polygon).toEqual(square.polygon[0].slice(0, -1));
    const ys = resolved.geometry.exits[0].polygon.map((point: number[]) => point[1]);
    const xs = square.polygon[0].map((point) => point[0]);
    const centreY = square.polygon[0].reduce((sum, point) => sum + point[1], 0) / square.polygon[0].length;
    expect(Math.min(...ys)).toBeCloseTo(Math.round((centreY + 120) * 100) / 100, 0);
    expect(Math.max(...ys) - Math.min(...ys)).toBe(1);
    expect(Math.min(...xs)).toBeGreaterThan(-1000);
  });

  it('keeps the walkable space inside the area and leaves the input untouched', () => {
    const all = resolved.geometry.walkable.flat() as number[][];
    const xs = all.map((point) => point[0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual(240.01);
    const input = scenario({ area: { bbox: [0, 0, 100, 100] }, exits: [{ id: 'north', place: { edge: 'north' } }] }) as Record<string, any>;
    resolveCityScenario(input, paris, 'event.json');
    expect(input.geometry.walkable).toBeUndefined();
    expect(input.pedestrians[0].spawn.place).toEqual({ ref: LISZT });
  });

  it('places by WGS84 coordinates and by local coordinates at the same spot', () => {
    const [lon, lat] = [2.34865, 48.87918];
    const value = scenario({ area: { bbox: [-100, -100, 100, 100] }, exits: [{ id: 'north', place: { lonLat: [lon, lat], radiusM: 4 } }, { id: 'b', place: { xy: [0, 0], radiusM: 4 } }] });
    const placed = resolveCityScenario(value, paris, 'event.json') as Record<string, any>;
    const [a, b] = placed.geometry.exits.map((exit: { polygon: number[][] }) => exit.polygon[0]);
    expect(Math.abs(a[0] - b[0])).toBeLessThan(0.05);
    expect(Math.abs(a[1] - b[1])).toBeLessThan(0.05);
  });
});

describe('a group or source placed outside the area', () => {
  it('starts on the city pedestrian network, which the scenario then carries', () => {
    const value = scenario({ area: { around: { ref: LISZT }, radiusM: 80 }, exits: [{ id: 'north', place: { edge: 'north' } }] }, {
      pedestrians: [{ id: 'far', count: 5, spawn: { place: { lonLat: [2.3553, 48.8809], radiusM: 10 } }, desiredSpeedMps: 1.34, goal: 'north' }],
    });
    const placed = resolveCityScenario(value, paris, 'event.json') as Record<string, any>;
    expect(placed.pedestrians[0].spawn.polygon).toBeUndefined();
    expect(placed.pedestrians[0].spawn.network).toHaveLength(2);
    const network = placed.geometry.network;
    expect(network.nodes.length).toBeGreaterThan(100);
    expect(network.edges.every(([a, b]: number[]) => a < network.nodes.length && b < network.nodes.length)).toBe(true);
    expect(() => validateScenario(placed, 'event.json')).not.toThrow();
  });

  it('makes a source placed outside the area release its arrivals onto the network', () => {
    const value = scenario({ area: { around: { ref: LISZT }, radiusM: 80 }, exits: [{ id: 'north', place: { edge: 'north' } }] }, {
      pedestrians: [],
      sources: [{ id: 'station', place: { lonLat: [2.3553, 48.8809] }, ratePerS: 1, fromS: 0, toS: 10, desiredSpeedMps: 1.34, goal: 'north' }],
    });
    const placed = resolveCityScenario(value, paris, 'event.json') as Record<string, any>;
    expect(placed.sources[0].polygon).toBeUndefined();
    expect(placed.sources[0].network).toHaveLength(2);
    expect(placed.geometry.network.nodes.length).toBeGreaterThan(100);
    expect(() => validateScenario(placed, 'event.json')).not.toThrow();
  });
});

describe('mistakes in placed scenarios', () => {
  it('names an unknown feature id with similar ones', () => {
    const problems = problemsOf(scenario({ area: { bbox: [0, 0, 100, 100] }, exits: [{ id: 'north', place: { ref: 'way/14329614' } }] }));
    expect(problems).toEqual([{ path: 'geometry.exits[0].place.ref', message: expect.stringMatching(/^no feature "way\/14329614" in the city model paris_10e_map\.osm \(similar: .*way\/143296144/) }]);
  });

  it('asks for a ref when a name is shared by several features of the same kind', () => {
    const problems = problemsOf(scenario({ area: { bbox: [0, 0, 100, 100] }, exits: [{ id: 'north', place: { name: 'Poissonnière' } }] }));
    expect(problems[0].path).toBe('geometry.exits[0].place.name');
    expect(problems[0].message).toMatch(/"Poissonnière" names 2 features \(way\/679894022, way\/679894023\): use "ref"/);
  });

  it('refuses an edge place outside exits, a bad box, and a box with nothing walkable', () => {
    expect(problemsOf(scenario({ area: { bbox: [0, 0, 100, 100] }, exits: [{ id: 'north', place: { edge: 'up' } }] }))).toEqual([{ path: 'geometry.exits[0].place.edge', message: 'expected "north", "south", "east" or "west", found "up"' }]);
    expect(problemsOf(scenario({ area: { bbox: [100, 0, 0, 100] }, exits: [] }))[0]).toEqual({ path: 'geometry.area.bbox', message: 'expected minX < maxX and minY < maxY, found [100,0,0,100]' });
    const far = problemsOf(scenario({ area: { bbox: [90_000, 90_000, 90_100, 90_100] }, exits: [] }));
    expect(far[0]).toEqual({ path: 'geometry.area', message: expect.stringContaining('no walkable space (walkways, squares, sidewalks) inside the area') });
    const edgeInSpawn = problemsOf({ ...scenario({ area: { bbox: [0, 0, 100, 100] }, exits: [] }), pedestrians: [{ id: 'crowd', count: 1, spawn: { place: { edge: 'north' } }, desiredSpeedMps: 1, goal: ['x'] }] });
    expect(edgeInSpawn).toEqual([{ path: 'pedestrians[0].spawn.place.edge', message: 'an edge of the area is a place for exits only, and needs geometry.area' }]);
  });

  it('keeps a place around the whole area inside it, and survives pedestrians that are not a list', () => {
    const around = resolveCityScenario(scenario({ area: { around: { ref: LISZT }, radiusM: 60 }, exits: [{ id: 'north', place: { edge: 'north' } }] }, {
      pedestrians: [{ id: 'all', count: 5, spawn: { place: { ref: LISZT, radiusM: 3 } }, desiredSpeedMps: 1.34, goal: 'north' }],
      measurementAreas: [{ id: 'big', place: { xy: [256, -100], radiusM: 400 } }],
    }), paris, 'event.json') as Record<string, any>;
    expect(around.measurementAreas[0].polygon).toBeDefined();
    expect(around.geometry.network).toBeUndefined();
    expect(() => resolveCityScenario({ ...scenario({ area: { bbox: [0, 0, 100, 100] }, exits: [] }), pedestrians: {} }, paris, 'event.json')).not.toThrow();
  });

  it('asks for an area or walkable polygons', () => {
    expect(problemsOf(scenario({ exits: [] }))).toEqual([{ path: 'geometry', message: expect.stringContaining('expected "area"') }]);
  });
});

describe('crossings of the default district shared by people and traffic', () => {
  it('turns signalised crossings into gates on the people phase and the others into zebras with kerb gates', async () => {
    const { readFileSync: read } = await import('node:fs');
    const { placeScenario } = await import('../../city-models/scenario/placeScenario.ts');
    const { createWorld, stepWorld } = await import('../../engine/index.ts');
    const districtText = read(new URL('../../city-models/default/district.geojson', import.meta.url), 'utf8');
    const raw = {
      name: 'seafront crossings', city: 'district.geojson', seed: 2, durationS: 120,
      geometry: { area: { bbox: [-300, -300, 300, 100] }, exits: [{ id: 'tram', place: { ref: 'tram-platform-marche' } }] },
      pedestrians: [{ id: 'beach', count: 20, spawn: { place: { xy: [-232, -280], radiusM: 3 } }, desiredSpeedMps: 1.34, goal: 'tram' }],
      traffic: { demand: [{ id: 'littoral', from: { xy: [-600, -255] }, to: { xy: [600, -255] }, vehiclesPerHour: 600, fromS: 0, toS: 100 }] },
    };
    const placed = placeScenario(raw, districtText, 'district.geojson', 'crossings.json').scenario as Record<string, any>;
    const gates = placed.geometry.gates as { signal?: { phase: number }; zebras?: string[] }[];
    const zebraIds = new Set((placed.traffic.zebras as { id: string }[]).map((zebra) => zebra.id));
    expect(gates.filter((gate) => gate.signal).length).toBeGreaterThanOrEqual(6);
    expect(gates.filter((gate) => gate.signal).every((gate) => gate.signal!.phase === 1)).toBe(true);
    expect(zebraIds.size).toBeGreaterThan(0);
    // Every other gate is a zebra's kerb, two per crossing, naming that crossing's zebras.
    const kerbs = gates.filter((gate) => !gate.signal);
    expect(kerbs.length).toBeGreaterThan(0);
    expect(kerbs.every((gate) => gate.zebras!.length > 0 && gate.zebras!.every((id) => zebraIds.has(id)))).toBe(true);
    const world = createWorld(validateScenario(placed, 'crossings.json'), 'crossings.json');
    let closedSeen = false;
    for (let k = 0; k < 1200; k++) {
      stepWorld(world);
      if (world.gateOpen.some((open: number) => open === 0)) closedSeen = true;
    }
    expect(closedSeen).toBe(true);
    expect(world.traffic!.vehicles.count + world.traffic!.arrived).toBeGreaterThan(5);
  });
});
