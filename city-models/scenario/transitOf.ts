/**
 * Trams placed in a city: a line may give `rail` (a tram line of the city, by `ref` or `name`;
 * `reverse: true` to drive it from its last point to its first) instead of `track`, and a stop
 * may give `stop` (a stop or any place of the city) instead of `atM`, and `platform` (a walkable
 * area, by default the city's platform nearest the stop) instead of `side` and `platformGapM`.
 * The tram halts centred on the stop; the platform's side of the track and its distance from the
 * axis follow from the platform's outline. Where a line crosses a road of `traffic.roads`, the
 * crossing is added to `roadCrossings` (unless the line gives its own).
 *
 * Mutates the scenario's (cloned) `transit` in place; problems go to `report`.
 */
import type { CityModel, XY } from '../CityModel.ts';

type Json = Record<string, unknown>;
type Report = (path: string, message: string) => void;

/** The default tram length when a line gives none, m (engine/transit/tramDoors.ts TRAM_DEFAULTS). */
const DEFAULT_TRAM_LENGTH_M = 32;
/** The city's platform nearest a stop is used when within this distance of it, m. */
const PLATFORM_SEARCH_M = 30;

/** Resolves the city forms of `transit.lines`. `centreOf` gives the centre of a place. */
export function resolveTransit(transit: Json, city: CityModel, traffic: Json | undefined, centreOf: (place: unknown, path: string) => XY | undefined, report: Report): void {
  const lines = Array.isArray(transit.lines) ? (transit.lines as Json[]) : [];
  lines.forEach((line, l) => {
    if (line === null || typeof line !== 'object') return;
    const at = `transit.lines[${l}]`;
    if (line.rail !== undefined) {
      const track = railTrack(city, line.rail, `${at}.rail`, report);
      if (!track) return;
      line.track = line.reverse === true ? [...track].reverse() : track;
      delete line.rail;
    }
    delete line.reverse;
    const track = line.track as XY[] | undefined;
    if (!Array.isArray(track) || track.length < 2) return;
    const cumulative = cumulativeOf(track);
    const tramLengthM = typeof (line.vehicle as Json | undefined)?.lengthM === 'number' ? ((line.vehicle as Json).lengthM as number) : DEFAULT_TRAM_LENGTH_M;
    (Array.isArray(line.stops) ? (line.stops as Json[]) : []).forEach((stop, s) => {
      if (stop === null || typeof stop !== 'object') return;
      const stopPath = `${at}.stops[${s}]`;
      let alongM: number | undefined;
      let axisPoint: XY | undefined;
      if (stop.stop !== undefined) {
        const centre = centreOf(stop.stop, `${stopPath}.stop`);
        if (!centre) return;
        ({ alongM, point: axisPoint } = projectOnTrack(track, cumulative, centre));
        // Centred on the stop: the front is half a tram beyond it.
        stop.atM = round2(Math.min(cumulative[cumulative.length - 1], alongM + tramLengthM / 2));
        delete stop.stop;
      }
      if (stop.side === undefined || stop.platform !== undefined) {
        if (axisPoint === undefined && typeof stop.atM === 'number') ({ alongM, point: axisPoint } = pointAt(track, cumulative, (stop.atM as number) - tramLengthM / 2));
        if (axisPoint === undefined) return;
        const ring = platformRing(city, stop.platform, axisPoint, `${stopPath}.platform`, report);
        if (!ring) return;
        const tangent = tangentAt(track, cumulative, alongM!);
        const centre = ring.reduce<XY>((sum, p) => [sum[0] + p[0] / ring.length, sum[1] + p[1] / ring.length], [0, 0]);
        const cross = tangent[0] * (centre[1] - axisPoint[1]) - tangent[1] * (centre[0] - axisPoint[0]);
        stop.side = cross > 0 ? 'left' : 'right';
        if (stop.platformGapM === undefined) stop.platformGapM = round2(distanceToRing(axisPoint, ring));
        delete stop.platform;
      }
    });
    const roads = traffic?.roads as { nodes: XY[]; links: { from: number; to: number; via?: XY[] }[] } | undefined;
    if (line.roadCrossings === undefined && roads && Array.isArray(roads.nodes) && Array.isArray(roads.links)) {
      const crossings = roadCrossingsOf(track, cumulative, roads);
      if (crossings.length > 0) line.roadCrossings = crossings;
    }
  });
}

/** The line of a city tram line named by `ref` or `name`. */
function railTrack(city: CityModel, place: unknown, path: string, report: Report): XY[] | undefined {
  const value = place as Json | null;
  const rails = city.rails.filter((rail) => (typeof value?.ref === 'string' ? rail.id === value.ref : typeof value?.name === 'string' && rail.name === value.name));
  if (rails.length === 1) return rails[0].line.map(([x, y]) => [x, y]);
  const known = city.rails.slice(0, 5).map((rail) => rail.name ? `${rail.id} (${rail.name})` : rail.id).join(', ') || 'none';
  report(path, rails.length === 0 ? `no rail line ${JSON.stringify(value)} in the city model ${city.name} (lines: ${known})` : `${JSON.stringify(value)} names ${rails.length} rail lines: use "ref"`);
  return undefined;
}

/** The outline of the stop's platform: the one named, or the city's platform nearest the stop. */
function platformRing(city: CityModel, place: unknown, near: XY, path: string, report: Report): XY[] | undefined {
  const platforms = city.walkAreas.filter((area) => area.kind === 'platform');
  if (place !== undefined) {
    const value = place as Json | null;
    const found = city.walkAreas.find((area) => (typeof value?.ref === 'string' ? area.id === value.ref : typeof value?.name === 'string' && area.name === value.name && area.kind === 'platform'));
    if (!found) {
      report(path, `no walkable area ${JSON.stringify(place)} in the city model ${city.name}`);
      return undefined;
    }
    return found.polygon[0];
  }
  let best: XY[] | undefined;
  let bestM = PLATFORM_SEARCH_M;
  for (const area of platforms) {
    const d = distanceToRing(near, area.polygon[0]);
    if (d < bestM) {
      bestM = d;
      best = area.polygon[0];
    }
  }
  if (!best) report(path.replace(/\.platform$/, ''), `no platform of the city within ${PLATFORM_SEARCH_M} m of the stop: give "platform" or "side" and "platformGapM"`);
  return best;
}

/** Where the track crosses each road link: track position and position along the link. */
function roadCrossingsOf(track: XY[], cumulative: Float64Array, roads: { nodes: XY[]; links: { from: number; to: number; via?: XY[] }[] }): { trackM: number; link: number; positionM: number }[] {
  const crossings: { trackM: number; link: number; positionM: number }[] = [];
  roads.links.forEach((link, index) => {
    const shape = [roads.nodes[link.from], ...(link.via ?? []), roads.nodes[link.to]];
    let linkM = 0;
    for (let a = 1; a < shape.length; a++) {
      const p = shape[a - 1], q = shape[a];
      const segmentM = Math.hypot(q[0] - p[0], q[1] - p[1]);
      for (let k = 1; k < track.length; k++) {
        const hit = segmentIntersection(track[k - 1], track[k], p, q);
        if (hit) crossings.push({ trackM: round2(cumulative[k - 1] + hit[0] * (cumulative[k] - cumulative[k - 1])), link: index, positionM: round2(linkM + hit[1] * segmentM) });
      }
      linkM += segmentM;
    }
  });
  return crossings.sort((a, b) => a.trackM - b.trackM || a.link - b.link);
}

/** Parameters (t along ab, u along cd) where segments ab and cd cross, or undefined. */
function segmentIntersection(a: XY, b: XY, c: XY, d: XY): [number, number] | undefined {
  const rx = b[0] - a[0], ry = b[1] - a[1], sx = d[0] - c[0], sy = d[1] - c[1];
  const denominator = rx * sy - ry * sx;
  if (Math.abs(denominator) < 1e-12) return undefined;
  const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / denominator;
  const u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / denominator;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? [t, u] : undefined;
}

function cumulativeOf(track: XY[]): Float64Array {
  const cumulative = new Float64Array(track.length);
  for (let k = 1; k < track.length; k++) cumulative[k] = cumulative[k - 1] + Math.hypot(track[k][0] - track[k - 1][0], track[k][1] - track[k - 1][1]);
  return cumulative;
}

/** The nearest point of the track to `point`, and its position along the track. */
function projectOnTrack(track: XY[], cumulative: Float64Array, [x, y]: XY): { alongM: number; point: XY } {
  let best = { alongM: 0, point: track[0], d2: Infinity };
  for (let k = 1; k < track.length; k++) {
    const [x0, y0] = track[k - 1], [x1, y1] = track[k];
    const dx = x1 - x0, dy = y1 - y0;
    const length2 = dx * dx + dy * dy;
    const t = length2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / length2)) : 0;
    const px = x0 + t * dx, py = y0 + t * dy;
    const d2 = (px - x) * (px - x) + (py - y) * (py - y);
    if (d2 < best.d2) best = { alongM: cumulative[k - 1] + t * (cumulative[k] - cumulative[k - 1]), point: [px, py], d2 };
  }
  return { alongM: best.alongM, point: best.point };
}

function pointAt(track: XY[], cumulative: Float64Array, atM: number): { alongM: number; point: XY } {
  const along = Math.max(0, Math.min(atM, cumulative[cumulative.length - 1]));
  let k = 1;
  while (k < track.length - 1 && cumulative[k] < along) k++;
  const span = cumulative[k] - cumulative[k - 1];
  const t = span > 0 ? (along - cumulative[k - 1]) / span : 0;
  return { alongM: along, point: [track[k - 1][0] + t * (track[k][0] - track[k - 1][0]), track[k - 1][1] + t * (track[k][1] - track[k - 1][1])] };
}

function tangentAt(track: XY[], cumulative: Float64Array, atM: number): XY {
  let k = 1;
  while (k < track.length - 1 && cumulative[k] < atM) k++;
  const dx = track[k][0] - track[k - 1][0], dy = track[k][1] - track[k - 1][1];
  const length = Math.hypot(dx, dy) || 1;
  return [dx / length, dy / length];
}

function distanceToRing([x, y]: XY, ring: XY[]): number {
  let best = Infinity;
  for (let k = 0; k < ring.length; k++) {
    const [x0, y0] = ring[k], [x1, y1] = ring[(k + 1) % ring.length];
    const dx = x1 - x0, dy = y1 - y0;
    const length2 = dx * dx + dy * dy;
    const t = length2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / length2)) : 0;
    best = Math.min(best, Math.hypot(x0 + t * dx - x, y0 + t * dy - y));
  }
  return best;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
