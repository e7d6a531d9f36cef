/**
 * Importing the real OpenStreetMap extracts in ../shared/data/osm (central Paris around
 * Boulevard de Magenta, with building levels; Monaco 2012, without heights): counts, footprint
 * areas against an independent turf computation, and the connectivity of the graphs.
 * Data © OpenStreetMap contributors, ODbL 1.0.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { dijkstra } from 'graphology-shortest-path';
import { connectedComponents, stronglyConnectedComponents } from 'graphology-components';
import { importCity } from '../../city-models/importCity.ts';
import type { CityModel } from '../../city-models/CityModel.ts';
import { RouteGraph } from '../../engine/navigation/RouteGraph.ts';
import { MONACO_OSM, PARIS_OSM, buildingAreasIndependently } from './support/independentOsm.ts';

const paris = importCity(readFileSync(PARIS_OSM, 'utf8'), PARIS_OSM);
const monaco = importCity(readFileSync(MONACO_OSM, 'utf8'), MONACO_OSM);

/** Share of road nodes in the largest strongly connected component; `withFringe` links fringe nodes through the outside. */
function largestSccShare(model: CityModel, withFringe: boolean): number {
  const graph = new Graph({ type: 'directed' });
  const nodeCount = model.roadGraph.nodeXY.length / 2;
  for (let i = 0; i < nodeCount; i++) graph.addNode(String(i));
  for (const edge of model.roadGraph.edges) graph.mergeEdge(String(edge.from), String(edge.to));
  if (withFringe) {
    graph.addNode('outside');
    for (const { node, direction } of model.roadGraph.fringe) {
      if (direction !== 'leave') graph.mergeEdge('outside', String(node));
      if (direction !== 'enter') graph.mergeEdge(String(node), 'outside');
    }
  }
  const largest = stronglyConnectedComponents(graph).reduce((best, next) => (next.length > best.length ? next : best));
  return (largest.filter((node) => node !== 'outside').length) / nodeCount;
}

/** A small seeded generator for picking pairs (tests may not use Math.random). */
function pairs(count: number, max: number, seed: number): [number, number][] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => [Math.floor(next() * max), Math.floor(next() * max)] as [number, number]);
}

function largestPedestrianComponent(model: CityModel): number[] {
  const graph = new Graph({ type: 'undirected' });
  const nodeCount = model.pedestrianGraph.nodeXY.length / 2;
  for (let i = 0; i < nodeCount; i++) graph.addNode(String(i));
  for (const edge of model.pedestrianGraph.edges) graph.mergeEdge(String(edge.from), String(edge.to), { weight: edge.lengthM });
  return connectedComponents(graph).reduce((best, next) => (next.length > best.length ? next : best)).map(Number);
}

describe.each([
  ['Paris 10e', paris, PARIS_OSM],
  ['Monaco', monaco, MONACO_OSM],
])('importing %s', (_label, model, path) => {
  const independent = buildingAreasIndependently(path);

  it('imports every building outline of the file, counting each one left out under a "building:" reason', () => {
    // Independent count: building ways and building multipolygon relations in the raw XML.
    const skippedOutlines = Object.entries(model.report.skipped)
      .filter(([reason]) => reason.startsWith('building:'))
      .reduce((sum, [, count]) => sum + count, 0);
    expect(model.buildings.length).toBe(independent.buildingIds.length - skippedOutlines);
    expect(model.buildings.length).toBeGreaterThan(independent.buildingIds.length * 0.98);
  });

  it('gives a total building footprint area within 1 % of turf.area on the raw WGS84 outlines', () => {
    let ours = 0;
    let theirs = 0;
    for (const building of model.buildings) {
      const reference = independent.areas.get(building.id);
      if (reference === undefined) continue;
      ours += building.areaM2;
      theirs += reference;
    }
    expect(theirs).toBeGreaterThan(10_000);
    expect(Math.abs(ours / theirs - 1)).toBeLessThan(0.01);
  });

  it('keeps at least 95 % of road nodes in the largest strongly connected component (the extract edge joined through the fringe)', () => {
    expect(largestSccShare(model, true)).toBeGreaterThanOrEqual(0.95);
    // Without the fringe, one-way streets cut by the extract's edge are dead ends: still most of the network.
    expect(largestSccShare(model, false)).toBeGreaterThan(0.6);
  });

  it('finds pedestrian routes between random pairs, never shorter than the straight line and as short as Dijkstra finds', () => {
    const component = largestPedestrianComponent(model);
    expect(component.length / (model.pedestrianGraph.nodeXY.length / 2)).toBeGreaterThan(0.9);
    const router = new RouteGraph(model.pedestrianGraph, false);
    const xy = model.pedestrianGraph.nodeXY;
    const graph = new Graph({ type: 'undirected' });
    for (let i = 0; i < xy.length / 2; i++) graph.addNode(String(i));
    for (const edge of model.pedestrianGraph.edges) graph.mergeEdge(String(edge.from), String(edge.to), { weight: edge.lengthM });
    pairs(300, component.length, 7).forEach(([a, b], index) => {
      const from = component[a];
      const to = component[b];
      const lengthM = router.route(from, to);
      expect(Number.isFinite(lengthM)).toBe(true);
      expect(lengthM).toBeGreaterThanOrEqual(Math.hypot(xy[2 * to] - xy[2 * from], xy[2 * to + 1] - xy[2 * from + 1]) - 0.02);
      if (index < 30) {
        const path = dijkstra.bidirectional(graph, String(from), String(to), 'weight') as string[];
        let reference = 0;
        for (let i = 1; i < path.length; i++) reference += graph.getEdgeAttribute(graph.edge(path[i - 1], path[i]), 'weight') as number;
        expect(lengthM).toBeCloseTo(reference, 6);
      }
    });
  });

  it('projects into a frame whose extent matches the extract (a few km at most) and keeps ids', () => {
    const { minX, minY, maxX, maxY } = model.bounds;
    expect(maxX - minX).toBeGreaterThan(300);
    expect(maxX - minX).toBeLessThan(40_000);
    expect(maxY - minY).toBeLessThan(60_000);
    expect(model.buildings.every((building) => /^(way|relation)\/\d+$/.test(building.id))).toBe(true);
  });
});

describe('what the Paris extract holds', () => {
  it('reads heights from building:levels (491 buildings carry it in the file) and height tags', () => {
    const bySource = { height: 0, levels: 0, default: 0 };
    for (const building of paris.buildings) bySource[building.heightSource]++;
    expect(bySource.levels + bySource.height).toBeGreaterThanOrEqual(480);
    const seven = paris.buildings.filter((building) => building.levels === 7 && building.heightSource === 'levels');
    expect(seven.length).toBeGreaterThan(250);
    expect(seven.every((building) => building.heightM >= 21)).toBe(true);
  });

  it('finds the crossings, traffic signals and sidewalks mapped in central Paris', () => {
    expect(paris.pois.filter((poi) => poi.kind === 'crossing').length).toBeGreaterThan(150);
    expect(paris.pois.filter((poi) => poi.kind === 'traffic_signals').length).toBeGreaterThan(20);
    expect(paris.walkways.filter((walkway) => walkway.kind === 'sidewalk').length).toBeGreaterThan(20);
    expect(paris.roads.some((road) => road.name === 'Boulevard de Magenta')).toBe(true);
    expect(paris.roadGraph.junctions.filter((junction) => junction.signals).length).toBeGreaterThan(10);
  });
});

describe('what the Monaco extract holds', () => {
  it('gives every building the documented default height, as the 2012 data has no heights', () => {
    expect(monaco.buildings.length).toBeGreaterThan(900);
    expect(monaco.buildings.every((building) => building.heightSource === 'default' && building.heightM === 9)).toBe(true);
  });

  it('keeps Monaco road tunnels out of the pedestrian network', () => {
    const tunnels = monaco.roads.filter((road) => !road.walkable);
    expect(tunnels.length).toBeGreaterThan(10);
    const pedestrianFeatures = new Set(monaco.pedestrianGraph.edges.map((edge) => edge.featureId));
    expect(tunnels.some((road) => pedestrianFeatures.has(road.id))).toBe(false);
  });
});
