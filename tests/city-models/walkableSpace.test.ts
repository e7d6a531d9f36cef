/**
 * The walkable space of an area of a city, as the engine receives it: squares larger than the
 * area, footways inside blocks, sidewalks round a block.
 */
import { describe, expect, it } from 'vitest';
import { importCity } from '../../city-models/importCity.ts';
import { createLocalFrame } from '../../city-models/LocalFrame.ts';
import { walkableSpaceOf } from '../../city-models/walkable/walkableSpaceOf.ts';
import { ringContainsPoint } from '../../city-models/geometry/rings.ts';
import { buildWalkableSpace } from '../../engine/geometry/WalkableSpace.ts';

const frame = createLocalFrame(7.26, 43.7);
const lonLat = (x: number, y: number) => frame.toLonLat(x, y);

function geojson(features: object[]): string {
  return JSON.stringify({ type: 'FeatureCollection', 'vigie:origin': { lonDeg: 7.26, latDeg: 43.7 }, features });
}

/** Even-odd: inside the engine's walkable space (its rings after union and difference). */
function engineWalkable(rings: { walkable: [number, number][][]; obstacles: [number, number][][] }, point: [number, number]): boolean {
  const space = buildWalkableSpace({ walkable: rings.walkable, obstacles: rings.obstacles, exits: [] });
  return space.rings.filter((ring) => ringContainsPoint(ring, point)).length % 2 === 1;
}

describe('the walkable space of an area', () => {
  it('takes in a square larger than the area', () => {
    const square = [[-200, -200], [200, -200], [200, 200], [-200, 200], [-200, -200]].map(([x, y]) => lonLat(x, y));
    const model = importCity(geojson([{ type: 'Feature', properties: { place: 'square' }, geometry: { type: 'Polygon', coordinates: [square] } }]), 'esplanade.geojson');
    const rings = walkableSpaceOf(model, { minX: -50, minY: -50, maxX: 50, maxY: 50 });
    expect(engineWalkable(rings, [0, 0])).toBe(true);
    expect(engineWalkable(rings, [49, -49])).toBe(true);
  });

  it('keeps a footway inside a block ringed by sidewalks, and the block itself out', () => {
    const road = (points: number[][]) => ({ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: points.map(([x, y]) => lonLat(x, y)) } });
    const model = importCity(geojson([
      road([[0, 0], [100, 0]]), road([[100, 0], [100, 100]]), road([[100, 100], [0, 100]]), road([[0, 100], [0, 0]]),
      { type: 'Feature', properties: { highway: 'footway' }, geometry: { type: 'LineString', coordinates: [lonLat(30, 50), lonLat(70, 50)] } },
    ]), 'block.geojson');
    const rings = walkableSpaceOf(model, { minX: -20, minY: -20, maxX: 120, maxY: 120 });
    // Sidewalks assumed on both sides of the untagged streets: 6.5 m carriageway, 2 m sidewalks.
    expect(engineWalkable(rings, [50, 50])).toBe(true);
    expect(engineWalkable(rings, [50, 30])).toBe(false);
    expect(engineWalkable(rings, [50, 5.2])).toBe(true);
    expect(engineWalkable(rings, [50, 0])).toBe(false);
  });
});
