/**
 * The pieces of city import: the local frame, tag values, roads, graphs and their turns.
 */
import { describe, expect, it } from 'vitest';
import { distance as turfDistance, area as turfArea, polygon as turfPolygon } from '@turf/turf';
import { createLocalFrame } from '../../city-models/LocalFrame.ts';
import { parseCount, parseLengthM, parseSpeedKph } from '../../city-models/layers/tagValues.ts';
import { importCity } from '../../city-models/importCity.ts';
import { offsetPolyline } from '../../city-models/geometry/offsetPolyline.ts';
import { joinRings } from '../../city-models/osm/osmToFeatures.ts';

describe('the local frame', () => {
  const frame = createLocalFrame(2.3486, 48.8792);

  it('puts the origin at (0, 0), x east and y north, and returns to WGS84 within 1e-9 degrees', () => {
    expect(frame.toLocal(2.3486, 48.8792)).toEqual([0, 0]);
    const [x, y] = frame.toLocal(2.36, 48.87);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeLessThan(0);
    const [lon, lat] = frame.toLonLat(x, y);
    expect(Math.abs(lon - 2.36)).toBeLessThan(1e-9);
    expect(Math.abs(lat - 48.87)).toBeLessThan(1e-9);
  });

  it('gives distances within 0.05 % of turf.distance (great circle) up to 2 km from the origin', () => {
    for (const [lon, lat] of [[2.375, 48.8792], [2.3486, 48.897], [2.33, 48.865]]) {
      const [x, y] = frame.toLocal(lon, lat);
      const reference = turfDistance([2.3486, 48.8792], [lon, lat], { units: 'meters' });
      expect(Math.abs(Math.hypot(x, y) / reference - 1)).toBeLessThan(5e-4);
    }
  });

  it('gives areas within 0.1 % of turf.area', () => {
    const ring = [[2.35, 48.88], [2.352, 48.88], [2.352, 48.881], [2.35, 48.881], [2.35, 48.88]];
    const local = ring.map(([lon, lat]) => frame.toLocal(lon, lat));
    let shoelace = 0;
    for (let i = 1; i < local.length; i++) shoelace += (local[i - 1][0] - local[i][0]) * (local[i - 1][1] + local[i][1]);
    expect(Math.abs(Math.abs(shoelace / 2) / turfArea(turfPolygon([ring])) - 1)).toBeLessThan(1e-3);
  });

  it('refuses an origin beyond ±85° latitude', () => {
    expect(() => createLocalFrame(0, 89)).toThrow(RangeError);
  });
});

describe('tag values', () => {
  it('reads lengths in metres, feet and with units, and rejects the rest', () => {
    expect(parseLengthM('12')).toBe(12);
    expect(parseLengthM('12.5 m')).toBe(12.5);
    expect(parseLengthM('3,5')).toBe(3.5);
    expect(parseLengthM("10'")).toBeCloseTo(3.048, 6);
    expect(parseLengthM('20 ft')).toBeCloseTo(6.096, 6);
    expect(parseLengthM('tall')).toBeUndefined();
    expect(parseLengthM('0')).toBeUndefined();
  });

  it('reads speed limits in km/h, mph and French zone values', () => {
    expect(parseSpeedKph('50')).toBe(50);
    expect(parseSpeedKph('30 mph')).toBeCloseTo(48.28, 2);
    expect(parseSpeedKph('FR:urban')).toBe(50);
    expect(parseSpeedKph('FR:zone30')).toBe(30);
    expect(parseSpeedKph('walk')).toBe(6);
    expect(parseSpeedKph('signals')).toBeUndefined();
  });

  it('reads counts, taking the first of a list', () => {
    expect(parseCount('7')).toBe(7);
    expect(parseCount('2;3')).toBe(2);
    expect(parseCount('many')).toBeUndefined();
  });
});

describe('geometry helpers', () => {
  it('offsets a polyline to its left by the given distance', () => {
    expect(offsetPolyline([[0, 0], [10, 0]], 2)).toEqual([[0, 2], [10, 2]]);
    expect(offsetPolyline([[0, 0], [10, 0]], -2)).toEqual([[0, -2], [10, -2]]);
    const corner = offsetPolyline([[0, 0], [10, 0], [10, 10]], 1);
    expect(corner[1][0]).toBeCloseTo(9, 6);
    expect(corner[1][1]).toBeCloseTo(1, 6);
  });

  it('joins open member ways end to end into closed rings, reversing where needed', () => {
    expect(joinRings([['a', 'b', 'c'], ['a', 'd', 'c']])).toEqual([['a', 'd', 'c', 'b', 'a']]);
    expect(joinRings([['a', 'b', 'c']])).toBeUndefined();
  });
});

/** A cross of two roads meeting at node 5 (one of them one-way), with a signal at the junction. */
function crossroads(extra = ''): string {
  return `<osm version="0.6">
    <node id="1" lat="43.7000" lon="7.2580"/><node id="2" lat="43.7000" lon="7.2590"/>
    <node id="5" lat="43.7000" lon="7.2600"><tag k="highway" v="traffic_signals"/></node>
    <node id="3" lat="43.7000" lon="7.2610"/><node id="4" lat="43.7010" lon="7.2600"/><node id="6" lat="43.6990" lon="7.2600"/>
    <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="5"/><nd ref="3"/><tag k="highway" v="primary"/><tag k="lanes" v="4"/><tag k="maxspeed" v="50"/><tag k="sidewalk" v="both"/></way>
    <way id="11"><nd ref="4"/><nd ref="5"/><nd ref="6"/><tag k="highway" v="residential"/><tag k="oneway" v="-1"/></way>
    ${extra}
  </osm>`;
}

describe('roads and the road graph', () => {
  const model = importCity(crossroads(), 'cross.osm');

  it('reads lanes, speed, one-way against the drawing direction, and sidewalks', () => {
    const primary = model.roads.find((road) => road.id === 'way/10')!;
    expect(primary).toMatchObject({ lanes: 4, lanesForward: 2, lanesBackward: 2, oneway: false, maxSpeedKph: 50, widthM: 13, sidewalk: 'both' });
    const residential = model.roads.find((road) => road.id === 'way/11')!;
    expect(residential).toMatchObject({ oneway: true, lanesForward: 1, lanesBackward: 0, maxSpeedKph: 50 });
    // oneway=-1: the stored line runs in the direction of travel, south to north.
    expect(residential.line[0][1]).toBeLessThan(residential.line[residential.line.length - 1][1]);
    expect(model.walkways.filter((walkway) => walkway.kind === 'sidewalk').map((walkway) => walkway.id)).toEqual(['way/10:sidewalk:left', 'way/10:sidewalk:right']);
  });

  it('reads per-side sidewalk keys, keeps a tagged lane total, and makes motorway links one-way', () => {
    const road = (tags: string) => importCity(`<osm version="0.6"><node id="1" lat="43.7" lon="7.26"/><node id="2" lat="43.7" lon="7.261"/><way id="5"><nd ref="1"/><nd ref="2"/>${tags}</way></osm>`, 'r.osm').roads[0];
    expect(road('<tag k="highway" v="residential"/><tag k="sidewalk:both" v="no"/>').sidewalk).toBe('none');
    expect(road('<tag k="highway" v="residential"/><tag k="sidewalk:both" v="separate"/>').sidewalk).toBe('none');
    expect(road('<tag k="highway" v="residential"/><tag k="sidewalk:left" v="yes"/><tag k="sidewalk:right" v="no"/>').sidewalk).toBe('left');
    expect(road('<tag k="highway" v="residential"/><tag k="oneway" v="-1"/><tag k="sidewalk:left" v="yes"/>').sidewalk).toBe('right');
    expect(road('<tag k="highway" v="residential"/>').sidewalk).toBe('unknown');
    expect(road('<tag k="highway" v="residential"/><tag k="lanes" v="1"/>')).toMatchObject({ lanes: 1, lanesForward: 1, lanesBackward: 1, widthM: 3.25 });
    expect(road('<tag k="highway" v="residential"/><tag k="oneway" v="yes"/><tag k="lanes" v="0"/>')).toMatchObject({ lanesForward: 1 });
    expect(road('<tag k="highway" v="motorway_link"/>')).toMatchObject({ oneway: true, lanesBackward: 0 });
  });

  it('directs the graph: two edges per two-way piece, one per one-way piece', () => {
    const graph = model.roadGraph;
    expect(graph.nodeXY.length / 2).toBe(5);
    expect(graph.edges.filter((edge) => edge.featureId === 'way/10')).toHaveLength(4);
    expect(graph.edges.filter((edge) => edge.featureId === 'way/11')).toHaveLength(2);
    expect(graph.edges.every((edge) => edge.lengthM > 0)).toBe(true);
  });

  it('lists the signalised junction with its turns, no U-turns, left turns positive', () => {
    const [junction] = model.roadGraph.junctions;
    expect(junction.signals).toBe(true);
    const turns = junction.turns.map(([inEdge, outEdge, angle]) => ({ from: model.roadGraph.edges[inEdge], to: model.roadGraph.edges[outEdge], angle }));
    expect(turns.some((turn) => turn.from.to === turn.to.to && turn.from.from === turn.to.to)).toBe(false);
    // Arriving from the south (the one-way street) and turning west is a left turn: +90°.
    const xy = model.roadGraph.nodeXY;
    const westbound = turns.find((turn) => turn.from.featureId === 'way/11' && xy[2 * turn.to.to] < xy[2 * turn.to.from]);
    expect(westbound?.angle).toBe(90);
    const eastbound = turns.find((turn) => turn.from.featureId === 'way/11' && xy[2 * turn.to.to] > xy[2 * turn.to.from]);
    expect(eastbound?.angle).toBe(-90);
  });

  it('marks where roads leave the data as its fringe: the one-way street enters and leaves, the two-way ends both', () => {
    const directions = model.roadGraph.fringe.map((node) => node.direction).sort();
    expect(directions).toEqual(['both', 'both', 'enter', 'leave']);
  });
});

describe('the pedestrian graph', () => {
  it('crosses a square in a straight line between the paths that meet it', () => {
    const square = `<node id="20" lat="43.7020" lon="7.2590"/><node id="21" lat="43.7020" lon="7.2610"/><node id="22" lat="43.7030" lon="7.2610"/><node id="23" lat="43.7030" lon="7.2590"/>
      <node id="24" lat="43.7040" lon="7.2590"/><node id="25" lat="43.7040" lon="7.2610"/>
      <way id="30"><nd ref="20"/><nd ref="21"/><nd ref="22"/><nd ref="23"/><nd ref="20"/><tag k="highway" v="pedestrian"/><tag k="area" v="yes"/><tag k="place" v="square"/><tag k="name" v="Place"/></way>
      <way id="31"><nd ref="4"/><nd ref="20"/><tag k="highway" v="footway"/></way>
      <way id="32"><nd ref="22"/><nd ref="25"/><tag k="highway" v="footway"/></way>`;
    const model = importCity(crossroads(square), 'square.osm');
    expect(model.walkAreas).toEqual([expect.objectContaining({ id: 'way/30', kind: 'square', name: 'Place' })]);
    const diagonal = model.pedestrianGraph.edges.filter((edge) => edge.featureId === 'way/30' && edge.via === undefined);
    const lengths = diagonal.map((edge) => edge.lengthM);
    // 0.002° of longitude x 0.001° of latitude at 43.7° N: about 161 m x 111 m, diagonal about 196 m.
    expect(lengths.some((length) => Math.abs(length - 196) < 3)).toBe(true);
  });
});
