/**
 * The planner's exports beside `report.html`: CSV tables (RFC 4180: comma-separated, CRLF line
 * ends, a header line, fields quoted when they hold a comma, a quote or a line break) and GeoJSON
 * (RFC 7946: WGS84 longitude/latitude, counter-clockwise exterior rings) for a GIS.
 * Reads the plain data of engine/measurement/PlannerSummary.ts; writes nothing itself.
 * Times in seconds of simulated time from the scenario's start, densities in persons per m².
 */
import type { PlannerComparison, PlannerMaps, PlannerSummary, ServiceLevel } from '../engine/measurement/PlannerSummary.ts';

/** Metric frame (x east, y north, m) to WGS84 [longitude, latitude] in degrees. */
export type ToLonLat = (xM: number, yM: number) => [number, number];

const LEVELS: ServiceLevel[] = ['A', 'B', 'C', 'D', 'E', 'F'];
/** The edge of the area-method square (PedPy/JPSreport method A/B), m. */
const AREA_METHOD_CELL_M = 2;

type Field = string | number | null | undefined;

/** One CSV field: empty for null, quoted (quotes doubled) when it holds a comma, a quote or a line break. */
function csvField(value: Field): string {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV text: the header, then the rows, each line ending in CRLF (RFC 4180). */
function csv(header: string[], rows: Field[][]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** The threshold keys of `secondsAbove` ("2", "4", "5"), in the summary's order. */
const thresholdKeys = (summary: PlannerSummary) => summary.thresholds.densitiesPerM2.map((d) => String(d));

/** One row per zone: its kind, area, peaks and time above each density threshold. */
export function zonesCsv(summary: PlannerSummary): string {
  const keys = thresholdKeys(summary);
  const header = ['id', 'kind', 'area_m2', 'max_density_p_m2', 'max_at_s', 'max_x_m', 'max_y_m', 'max_voronoi_p_m2', 'max_people', ...keys.map((k) => `s_above_${k}`), 'worst_level'];
  const rows = Object.entries(summary.zones).map(([id, z]) => [
    id, z.kind, z.areaM2, z.maxDensityPerM2, z.maxAtS, z.maxAt[0], z.maxAt[1], z.maxVoronoiDensityPerM2, z.maxPeople,
    ...keys.map((k) => z.secondsAbove[k] ?? null), z.worstLevel,
  ]);
  return csv(header, rows);
}

/** One row per measurement line: width, crossings each way and the busiest minute. */
export function flowsCsv(summary: PlannerSummary): string {
  const header = ['id', 'width_m', 'crossings', 'forward', 'backward', 'peak_per_min', 'peak_at_s', 'peak_specific_flow_p_m_s'];
  const rows = Object.entries(summary.flows).map(([id, f]) => [id, f.widthM, f.crossings, f.forward, f.backward, f.peakPerMin, f.peakAtS, f.peakSpecificFlowPerMS]);
  return csv(header, rows);
}

/** One row per minute (its start, s), one column per measurement line: people crossing in that minute. */
export function flowsPerMinuteCsv(summary: PlannerSummary): string {
  const ids = Object.keys(summary.flows);
  const minutes = Math.max(0, ...ids.map((id) => summary.flows[id].perMinute.length));
  const rows = Array.from({ length: minutes }, (_, m) => [m * 60, ...ids.map((id) => summary.flows[id].perMinute[m] ?? null)]);
  return csv(['minute_start_s', ...ids], rows);
}

/** One row per queue (tram stop or gate): its longest queue and the waits of those served. */
export function queuesCsv(summary: PlannerSummary): string {
  const header = ['id', 'kind', 'max_queue', 'max_queue_at_s', 'served', 'mean_wait_s', 'p95_wait_s', 'max_wait_s'];
  const rows = Object.entries(summary.queues).map(([id, q]) => [id, q.kind, q.maxQueue, q.maxQueueAtS, q.served, q.meanWaitS, q.p95WaitS, q.maxWaitS]);
  return csv(header, rows);
}

/** Splits a travel-time key "group -> exit" (a key without the arrow is all group). */
export function splitRoute(key: string): { group: string; exit: string } {
  const at = key.indexOf(' -> ');
  return at < 0 ? { group: key, exit: '' } : { group: key.slice(0, at), exit: key.slice(at + 4) };
}

/** One row per origin group and exit: how many made the trip and their travel times. */
export function travelTimesCsv(summary: PlannerSummary): string {
  const header = ['group', 'exit', 'count', 'mean_s', 'p50_s', 'p85_s', 'p95_s'];
  const rows = Object.entries(summary.travelTimes).map(([key, t]) => {
    const { group, exit } = splitRoute(key);
    return [group, exit, t.count, t.meanS, t.p50S, t.p85S, t.p95S];
  });
  return csv(header, rows);
}

/** People inside the simulated area, one row per sample (every `sampleS` from 0). */
export function egressCsv(summary: PlannerSummary): string {
  return csv(['time_s', 'inside'], summary.egress.inside.map((n, k) => [k * summary.sampleS, n]));
}

/** `vigie compare`: one row per variant and measure, its spread over the seeds (empty with n 0 where no run had a value). */
export function comparisonCsv(comparison: PlannerComparison): string {
  const header = ['variant', 'measure', 'unit', 'mean', 'sd', 'min', 'max', 'n'];
  const rows = comparison.variants.flatMap(({ id }) => comparison.measures.map((m) => {
    const s = comparison.table[id]?.[m.key] ?? null;
    return s === null ? [id, m.key, m.unit, null, null, null, null, 0] : [id, m.key, m.unit, s.mean, s.sd, s.min, s.max, s.n];
  }));
  return csv(header, rows);
}

// NOTE: 7 decimals of a degree is about 1 cm, plenty for a zone. A 2 m square is another
// matter: rounding each corner by up to half a centimetre changes its area by up to 1.4 % at
// Nice's latitude (2 m is 2.5e-5 degrees of longitude there), so the squares keep 8 decimals
// (about 1 mm, at most 0.15 %), which also keeps neighbouring squares sharing their corners.
const ZONE_DECIMALS = 7;
const GRID_DECIMALS = 8;
const roundDeg = (deg: number, decimals: number) => Math.round(deg * 10 ** decimals) / 10 ** decimals;
// Float32 map values carry digits that mean nothing (4.300000190734863).
const roundTo = (value: number, digits: number) => Number(value.toFixed(digits));

/** A closed, counter-clockwise WGS84 ring from a metric ring (closed or not). */
function wgs84Ring(ringM: [number, number][], toLonLat: ToLonLat, decimals: number): [number, number][] {
  const open = ringM.length > 1 && ringM[0][0] === ringM[ringM.length - 1][0] && ringM[0][1] === ringM[ringM.length - 1][1] ? ringM.slice(0, -1) : ringM.slice();
  // NOTE: the local frame is conformal and keeps east and north, so the orientation in metres is
  // the orientation in longitude/latitude; the shoelace sum is positive for counter-clockwise.
  let twiceArea = 0;
  for (let i = 0; i < open.length; i++) {
    const [x1, y1] = open[i], [x2, y2] = open[(i + 1) % open.length];
    twiceArea += x1 * y2 - x2 * y1;
  }
  if (twiceArea < 0) open.reverse();
  const ring = open.map(([x, y]) => toLonLat(x, y).map((deg) => roundDeg(deg, decimals)) as [number, number]);
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

interface Feature {
  type: 'Feature';
  properties: Record<string, string | number | null>;
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
}

/** A GeoJSON FeatureCollection, with Vigie's own top-level member where it has one. */
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
  vigie?: Record<string, string | number>;
}

/**
 * The zones as WGS84 polygons with their statistics as properties (no time series). A zone
 * without an outline in `zonePolygons` is left out; an outline without statistics too.
 */
export function zonesGeoJson(summary: PlannerSummary, zonePolygons: Record<string, [number, number][]>, toLonLat: ToLonLat): FeatureCollection {
  const keys = thresholdKeys(summary);
  const features: Feature[] = [];
  for (const [id, z] of Object.entries(summary.zones)) {
    const outline = zonePolygons[id];
    if (outline === undefined || outline.length < 3) continue;
    const properties: Record<string, string | number | null> = {
      id, kind: z.kind, area_m2: z.areaM2, max_density_p_m2: z.maxDensityPerM2, max_at_s: z.maxAtS, max_x_m: z.maxAt[0], max_y_m: z.maxAt[1],
      max_voronoi_p_m2: z.maxVoronoiDensityPerM2, max_voronoi_at_s: z.maxVoronoiAtS, max_people: z.maxPeople, max_people_at_s: z.maxPeopleAtS,
    };
    for (const k of keys) properties[`s_above_${k}`] = z.secondsAbove[k] ?? null;
    properties.worst_level = z.worstLevel;
    for (const level of LEVELS) properties[`s_at_${level}`] = z.secondsAtLevel[level] ?? 0;
    features.push({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [wgs84Ring(outline, toLonLat, ZONE_DECIMALS)] } });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The maximum-density map on 2 m x 2 m squares (the area method's square) as WGS84 polygons:
 * each square takes the maximum over the lattice nodes it holds of the density, the seconds
 * above 4 and 5 P/m² and the worst Fruin level (null where nobody ever stood). Squares tile the
 * lattice from its south-west node; only squares whose maximum density is above 0 are written.
 * Corners in degrees to 8 decimals (zones: 7).
 */
export function densityGridGeoJson(maps: PlannerMaps, toLonLat: ToLonLat): FeatureCollection {
  // NOTE: on the 1 m lattice a square holds 2 x 2 nodes, each owning the 1 m x 1 m square
  // centred on it; a lattice that does not divide 2 m takes the nearest whole number of nodes.
  const per = Math.max(1, Math.round(AREA_METHOD_CELL_M / maps.cellM));
  const cellM = per * maps.cellM;
  const features: Feature[] = [];
  for (let row0 = 0; row0 < maps.rows; row0 += per) {
    for (let col0 = 0; col0 < maps.columns; col0 += per) {
      let density = 0, above4 = 0, above5 = 0, level = -1;
      for (let row = row0; row < Math.min(row0 + per, maps.rows); row++) {
        for (let col = col0; col < Math.min(col0 + per, maps.columns); col++) {
          const k = row * maps.columns + col;
          density = Math.max(density, maps.maxDensityPerM2[k]);
          above4 = Math.max(above4, maps.secondsAbove4[k]);
          above5 = Math.max(above5, maps.secondsAbove5[k]);
          level = Math.max(level, maps.worstLevel[k]);
        }
      }
      if (!(density > 0)) continue;
      const x0 = maps.originXM + (col0 - 0.5) * maps.cellM, y0 = maps.originYM + (row0 - 0.5) * maps.cellM;
      const square: [number, number][] = [[x0, y0], [x0 + cellM, y0], [x0 + cellM, y0 + cellM], [x0, y0 + cellM]];
      features.push({
        type: 'Feature',
        properties: { max_density_p_m2: roundTo(density, 3), s_above_4: roundTo(above4, 1), s_above_5: roundTo(above5, 1), worst_level: level >= 0 ? LEVELS[Math.min(level, 5)] : null },
        geometry: { type: 'Polygon', coordinates: [wgs84Ring(square, toLonLat, GRID_DECIMALS)] },
      });
    }
  }
  return {
    type: 'FeatureCollection',
    features,
    vigie: {
      cellM,
      method: 'area method: maximum over the run of the people in a 2 m x 2 m square divided by 4 m², evaluated on a 1 m lattice; each square here takes the maximum of the lattice nodes it holds',
      levels: 'Fruin (1971): walkway table, queuing table inside queue zones',
    },
  };
}
