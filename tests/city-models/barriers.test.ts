/**
 * Walls, fences, hedges and trees: imported as barriers, turned into obstacles of the walkable
 * space, open where a gate sits on the line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCity } from '../../city-models/importCity.ts';
import { walkableSpaceOf } from '../../city-models/walkable/walkableSpaceOf.ts';
import { ringContainsPoint } from '../../city-models/geometry/rings.ts';
import { PARIS_OSM } from './support/independentOsm.ts';

/** A 0.0005° x 0.0003° pedestrian square crossed north-south by a fence, with or without a gate halfway. */
function fencedSquare(gate: boolean): string {
  return `<osm version="0.6">
    <node id="1" lat="43.7000" lon="7.2600"/><node id="2" lat="43.7000" lon="7.2605"/><node id="3" lat="43.7003" lon="7.2605"/><node id="4" lat="43.7003" lon="7.2600"/>
    <node id="5" lat="43.6999" lon="7.26025"/><node id="6" lat="43.70015" lon="7.26025">${gate ? '<tag k="barrier" v="gate"/>' : ''}</node><node id="7" lat="43.7004" lon="7.26025"/>
    <node id="8" lat="43.70005" lon="7.2601"><tag k="natural" v="tree"/><tag k="circumference" v="1.57"/></node>
    <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="highway" v="pedestrian"/><tag k="area" v="yes"/></way>
    <way id="11"><nd ref="5"/><nd ref="6"/><nd ref="7"/><tag k="barrier" v="fence"/></way>
  </osm>`;
}

describe('barriers', () => {
  it('imports fences with their thickness and trees with their trunk diameter', () => {
    const model = importCity(fencedSquare(true), 'square.osm');
    expect(model.barriers).toEqual([
      expect.objectContaining({ id: 'node/8', kind: 'tree', widthM: 0.5 }),
      expect.objectContaining({ id: 'way/11', kind: 'fence', widthM: 0.2 }),
    ]);
    expect(model.report.skipped).toEqual({});
  });

  it('cuts the fence out of the walkable space, open for 1.5 m around its gate', () => {
    for (const gate of [true, false]) {
      const model = importCity(fencedSquare(gate), 'square.osm');
      const gateAt = model.barriers.find((barrier) => barrier.kind === 'fence')!.line![1];
      const { obstacles } = walkableSpaceOf(model, { minX: -100, minY: -100, maxX: 100, maxY: 100 });
      const closed = obstacles.some((ring) => ringContainsPoint(ring, gateAt));
      expect(closed).toBe(!gate);
      // 0.7 m from the gate along the fence: still open with a gate (the gap is 1.5 m wide).
      const beside: [number, number] = [gateAt[0], gateAt[1] + 0.7];
      expect(obstacles.some((ring) => ringContainsPoint(ring, beside))).toBe(!gate);
      const tree = model.barriers.find((barrier) => barrier.kind === 'tree')!.at!;
      expect(obstacles.some((ring) => ringContainsPoint(ring, tree))).toBe(true);
    }
  });

  it('leaves barriers out when the scenario says barriers: false', () => {
    const model = importCity(fencedSquare(false), 'square.osm');
    const { obstacles } = walkableSpaceOf(model, { minX: -100, minY: -100, maxX: 100, maxY: 100 }, { barriers: false });
    expect(obstacles).toEqual([]);
  });

  it('finds the street trees and the walls of the Paris extract', () => {
    const paris = importCity(readFileSync(PARIS_OSM, 'utf8'), PARIS_OSM);
    expect(paris.barriers.filter((barrier) => barrier.kind === 'tree').length).toBeGreaterThan(200);
    expect(paris.barriers.filter((barrier) => barrier.line).length).toBeGreaterThanOrEqual(10);
    expect(paris.report.skipped['tags not used by Vigie (natural=*)'] ?? 0).toBeLessThan(10);
  });
});
