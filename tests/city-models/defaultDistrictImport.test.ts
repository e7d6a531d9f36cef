/**
 * The bundled default district, imported as `npm start` and the viz use it: everything it is
 * meant to hold is there, nothing is skipped, and its networks are connected.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { connectedComponents, stronglyConnectedComponents } from 'graphology-components';
import { importCity } from '../../city-models/importCity.ts';

const FILE = resolve(import.meta.dirname, '../../city-models/default/district.geojson');
const model = importCity(readFileSync(FILE, 'utf8'), FILE);

describe('the default district as imported', () => {
  it('keeps its authored frame and skips nothing', () => {
    expect(model.origin).toEqual({ lonDeg: 7.262, latDeg: 43.695 });
    expect(model.report.skipped).toEqual({});
    expect(model.bounds.maxX - model.bounds.minX).toBeCloseTo(1200, -1);
  });

  it('holds a seafront promenade, beaches, a square with a tram stop, an old town, a river and the safety points', () => {
    expect(model.walkways.find((walkway) => walkway.id === 'promenade')).toMatchObject({ kind: 'pedestrian', widthM: 12 });
    expect(model.walkAreas.filter((area) => area.kind === 'beach')).toHaveLength(2);
    expect(model.walkAreas.find((area) => area.id === 'square-main')).toMatchObject({ kind: 'square', name: 'Place du Marché' });
    expect(model.stops.filter((stop) => stop.kind === 'tram_stop')).toHaveLength(4);
    expect(model.rails.map((rail) => rail.kind)).toEqual(['tram']);
    expect(model.walkways.filter((walkway) => walkway.id.startsWith('ot-') && walkway.widthM <= 4).length).toBeGreaterThan(8);
    expect(model.water.find((water) => water.kind === 'river')?.widthM).toBe(15);
    const kinds = (kind: string) => model.pois.filter((poi) => poi.kind === kind);
    expect(kinds('bollard').every((poi) => poi.subtype === 'rising')).toBe(true);
    expect(kinds('bollard').length).toBeGreaterThan(5);
    expect(kinds('traffic_signals').length).toBeGreaterThan(5);
    expect(kinds('surveillance').length).toBeGreaterThan(3);
    expect(kinds('street_lamp').length).toBeGreaterThan(10);
    expect(model.buildings.length).toBeGreaterThan(150);
    expect(model.buildings.some((building) => building.heightSource === 'height')).toBe(true);
    expect(model.roads.some((road) => road.layer === 1)).toBe(true);
  });

  it('forms one pedestrian network and one strongly connected network of open roads, which the pedestrian streets join', () => {
    const pedestrians = new Graph({ type: 'undirected' });
    for (let i = 0; i < model.pedestrianGraph.nodeXY.length / 2; i++) pedestrians.addNode(String(i));
    for (const edge of model.pedestrianGraph.edges) pedestrians.mergeEdge(String(edge.from), String(edge.to));
    expect(connectedComponents(pedestrians)).toHaveLength(1);
    const roads = new Graph({ type: 'directed' });
    // Pedestrian streets are roads with restricted access: vehicles enter them only when let in.
    for (const edge of model.roadGraph.edges) if (!edge.restricted) roads.mergeEdge(String(edge.from), String(edge.to));
    const restricted = model.roadGraph.edges.filter((edge) => edge.restricted);
    expect(restricted.length).toBeGreaterThan(50);
    const openNodes = new Set(model.roadGraph.edges.filter((edge) => !edge.restricted).flatMap((edge) => [edge.from, edge.to]));
    expect(restricted.filter((edge) => openNodes.has(edge.from)).length).toBeGreaterThan(10);
    roads.addNode('outside');
    for (const { node, direction } of model.roadGraph.fringe) {
      if (direction !== 'leave') roads.mergeEdge('outside', String(node));
      if (direction !== 'enter') roads.mergeEdge(String(node), 'outside');
    }
    expect(stronglyConnectedComponents(roads)).toHaveLength(1);
  });
});
