/**
 * The planner's exports: CSV tables that a spreadsheet reads back field for field (RFC 4180),
 * and GeoJSON whose zones and 2 m density squares keep their areas through the local frame's
 * projection around Nice, measured by turf on the sphere.
 */
import { area, booleanClockwise } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import {
  comparisonCsv, densityGridGeoJson, egressCsv, flowsCsv, flowsPerMinuteCsv, queuesCsv, travelTimesCsv, zonesCsv, zonesGeoJson,
} from '../../bin/plannerExports.ts';
import { createLocalFrame } from '../../city-models/LocalFrame.ts';
import { plannerFixture } from './plannerFixture.ts';

/** Reads an RFC 4180 text back into rows of fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  expect(field, 'text after the last CRLF').toBe('');
  return rows;
}

const ODD = 'a,"b';
const fixture = plannerFixture({ oddZoneId: ODD });
const frame = createLocalFrame(7.26, 43.70);
const toLonLat = (x: number, y: number) => frame.toLonLat(x, y);

describe('planner CSV exports', () => {
  it('writes one row per zone under its header, quoting a zone id that holds a comma and a quote', () => {
    const text = zonesCsv(fixture.summary);
    expect(text.split('\r\n')[0]).toBe('id,kind,area_m2,max_density_p_m2,max_at_s,max_x_m,max_y_m,max_voronoi_p_m2,max_people,s_above_2,s_above_4,s_above_5,worst_level');
    expect(text).toContain('\r\n"a,""b",walkway,48,');
    const rows = parseCsv(text);
    expect(rows.length).toBe(1 + Object.keys(fixture.summary.zones).length);
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
    expect(rows.map((r) => r[0]).slice(1)).toEqual(Object.keys(fixture.summary.zones));
    const gate = rows.find((r) => r[0] === 'gate-queue')!;
    expect(gate).toEqual(['gate-queue', 'queue', '300', '5.6', '600', '20', '10', '4.48', '260', '240', '180', '60', 'F']);
  });

  it('writes flows, flows per minute, queues (empty fields for waits nobody had), travel times split into group and exit, and the egress curve', () => {
    const s = fixture.summary;
    const flows = parseCsv(flowsCsv(s));
    expect(flows[0]).toEqual(['id', 'width_m', 'crossings', 'forward', 'backward', 'peak_per_min', 'peak_at_s', 'peak_specific_flow_p_m_s']);
    expect(flows.slice(1)).toEqual([['north-exit', '6', '640', '610', '30', '90', '600', '0.25'], ['gate-line', '6', '300', '300', '0', '48', '600', '0.13']]);
    const perMinute = parseCsv(flowsPerMinuteCsv(s));
    expect(perMinute[0]).toEqual(['minute_start_s', 'north-exit', 'gate-line']);
    expect(perMinute.length).toBe(1 + s.flows['north-exit'].perMinute.length);
    expect(perMinute[11]).toEqual(['600', String(s.flows['north-exit'].perMinute[10]), String(s.flows['gate-line'].perMinute[10])]);
    const queues = parseCsv(queuesCsv(s));
    expect(queues[0]).toEqual(['id', 'kind', 'max_queue', 'max_queue_at_s', 'served', 'mean_wait_s', 'p95_wait_s', 'max_wait_s']);
    expect(queues[2]).toEqual(['T2', 'stop', '0', '0', '0', '', '', '']);
    const travel = parseCsv(travelTimesCsv(s));
    expect(travel).toEqual([['group', 'exit', 'count', 'mean_s', 'p50_s', 'p85_s', 'p95_s'], ['north', 'E1', '410', '182.4', '170', '240', '290.5'], ['south', 'E2', '440', '95', '90', '120', '150']]);
    const egress = parseCsv(egressCsv(s));
    expect(egress[0]).toEqual(['time_s', 'inside']);
    expect(egress.length).toBe(1 + s.egress.inside.length);
    expect(egress[61]).toEqual(['600', '850']);
  });

  it('writes one comparison row per variant and measure, empty with n 0 where no run had a value', () => {
    const c = fixture.comparison;
    const rows = parseCsv(comparisonCsv(c));
    expect(rows[0]).toEqual(['variant', 'measure', 'unit', 'mean', 'sd', 'min', 'max', 'n']);
    expect(rows.length).toBe(1 + c.variants.length * c.measures.length);
    expect(rows).toContainEqual(['two-gates', 'peakDensityPerM2', 'P/m²', '3.9', '0.3', '3.45', '4.35', '3']);
    expect(rows).toContainEqual(['staggered', 'egressP95S', 's', '', '', '', '', '0']);
  });
});

describe('planner GeoJSON exports', () => {
  it('writes each zone as a closed counter-clockwise WGS84 polygon (7 decimals) whose area turf measures within 0.5 % of the summary', () => {
    const collection = zonesGeoJson(fixture.summary, fixture.zonePolygons, toLonLat);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f) => f.properties.id)).toEqual(Object.keys(fixture.summary.zones));
    for (const feature of collection.features) {
      const id = String(feature.properties.id);
      const ring = feature.geometry.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(booleanClockwise(ring), id).toBe(false);
      expect(ring.every(([lon, lat]) => Math.abs(lon - 7.26) < 0.01 && Math.abs(lat - 43.70) < 0.01 && Math.round(lon * 1e7) / 1e7 === lon)).toBe(true);
      const measured = area(feature as Parameters<typeof area>[0]);
      expect(Math.abs(measured / fixture.summary.zones[id].areaM2 - 1), id).toBeLessThan(0.005);
      expect(feature.properties).toMatchObject({ kind: fixture.summary.zones[id].kind, worst_level: fixture.summary.zones[id].worstLevel, s_above_4: fixture.summary.zones[id].secondsAbove['4'] });
      expect(Object.values(feature.properties).every((v) => v === null || typeof v !== 'object')).toBe(true);
    }
    // The plaza was outlined clockwise: written reversed, with the ring's four corners kept.
    expect(collection.features[0].geometry.coordinates[0].length).toBe(5);
  });

  it('aggregates the maximum-density map to 2 m squares of 4 m² (within 0.5 %, corners to 8 decimals), keeping only squares someone stood in', () => {
    const maps = fixture.maps;
    const grid = densityGridGeoJson(maps, toLonLat);
    expect(grid.vigie?.cellM).toBe(2);
    expect(String(grid.vigie?.method)).toContain('area method');
    let expected = 0;
    for (let row = 0; row < maps.rows; row += 2) {
      for (let col = 0; col < maps.columns; col += 2) {
        let max = 0;
        for (let r = row; r < Math.min(row + 2, maps.rows); r++) for (let c = col; c < Math.min(col + 2, maps.columns); c++) max = Math.max(max, maps.maxDensityPerM2[r * maps.columns + c]);
        if (max > 0) expected++;
      }
    }
    expect(grid.features.length).toBe(expected);
    for (const cell of grid.features) {
      // NOTE: the fixture's lattice is 81 x 51 nodes: every density lies away from its last row and column, so every square is whole.
      expect(Math.abs(area(cell as Parameters<typeof area>[0]) / 4 - 1)).toBeLessThan(0.005);
      expect(booleanClockwise(cell.geometry.coordinates[0])).toBe(false);
      expect(cell.geometry.coordinates[0].flat().every((deg) => Math.round(deg * 1e8) / 1e8 === deg)).toBe(true);
      expect(cell.properties.max_density_p_m2).toBeGreaterThan(0);
      expect(cell.properties.worst_level).toMatch(/^[A-F]$/);
    }
    const peak = Math.max(...grid.features.map((f) => Number(f.properties.max_density_p_m2)));
    expect(peak).toBeCloseTo(5.6, 2);
    const hottest = grid.features.find((f) => f.properties.max_density_p_m2 === peak)!;
    expect(hottest.properties.worst_level).toBe('F');
    expect(Number(hottest.properties.s_above_5)).toBeGreaterThan(0);
    // The square holding the lattice node (20, 10) spans x 19.5 to 21.5 m and y 9.5 to 11.5 m.
    const [lon0, lat0] = frame.toLonLat(19.5, 9.5);
    expect(hottest.geometry.coordinates[0][0][0]).toBeCloseTo(lon0, 7);
    expect(hottest.geometry.coordinates[0][0][1]).toBeCloseTo(lat0, 7);
  });
});
