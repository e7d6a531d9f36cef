/**
 * Ground truth from behaviour, for audits (the scenario's `audit.zones` and `audit.lines`),
 * looked for on the exact positions at BEHAVIOUR_SAMPLE_HZ:
 *  - entering a zone: every entry of a person into the polygon is an incident of the zone's type
 *    (a forbidden zone's `intrusion`), from the entry to the exit (or the end of the run); with
 *    `of: vehicles`, every entry of a road vehicle (into a pedestrian zone);
 *  - excessive density (a zone with `densityAbovePerM2`): an incident while the people in the
 *    polygon over its area stay above the density, once it has for `forS`, placed at the
 *    polygon's centre;
 *  - crowd movement (a zone with `countChange`): an incident when the people in the polygon rise
 *    (by > 0) or fall (by < 0) by the fraction `by` of their lowest (highest) count of the last
 *    `overS`, from at least `minCount`; it spans from that count's time to now, and the window
 *    restarts (as the change rules do);
 *  - crossing a line against its direction (from the left of from->to to its right, what a
 *    camera line reports as `against`): an incident of the line's type at the crossing.
 * Incident ids: ZONE/PERSON/N, ZONE/N, LINE/PERSON/N. State in maps and typed arrays by person
 * id; sorted by start when the run ends.
 */
import { AgentKind } from '../agents/AgentStore.ts';
import type { TruthIncident } from '../audit/scoreAudit.ts';
import { areaM2, pointInPolygon, polygonBounds } from '../geometry/polygon.ts';
import type { AuditScenarioSpec } from '../scenario/Scenario.ts';
import type { World } from '../world/World.ts';
import { pointOnLink } from '../vehicles/RoadNetwork.ts';

/** Samples per second at which behaviour is looked at. */
export const BEHAVIOUR_SAMPLE_HZ = 5;

interface Zone {
  id: string;
  type: string;
  polygon: [number, number][];
  bounds: [number, number, number, number];
  areaM2: number;
  densityAbovePerM2: number | null;
  /** Entries of road vehicles rather than people. */
  vehicles: boolean;
  /** Crowd-movement zones: the change looked for, and the counts of the last overS (times, counts). */
  change: { by: number; overS: number; minCount: number } | null;
  historyS: number[];
  historyCount: number[];
  forS: number;
  centreX: number;
  centreY: number;
  /** Density zones: when the density went above the threshold (NaN: below), and episodes so far. */
  aboveSinceS: number;
  episodes: number;
  count: number;
}

interface Entry {
  zone: number;
  startS: number;
  x: number;
  y: number;
  n: number;
}

export interface BehaviourTruth {
  zones: Zone[];
  lines: { id: string; type: string; ax: number; ay: number; bx: number; by: number }[];
  inside: Map<number, Entry>;
  counts: Map<string, number>;
  /** Previous sampled position by person id (NaN: not seen yet), for line crossings. */
  lastX: Float64Array;
  lastY: Float64Array;
  incidents: TruthIncident[];
}

export function createBehaviourTruth(audit: AuditScenarioSpec): BehaviourTruth {
  return {
    zones: (audit.zones ?? []).map((zone) => {
      const bounds = polygonBounds(zone.polygon);
      return {
        id: zone.id, type: zone.type, polygon: zone.polygon, bounds, areaM2: areaM2(zone.polygon),
        densityAbovePerM2: zone.densityAbovePerM2 ?? null, vehicles: zone.of === 'vehicles', forS: zone.forS ?? 0,
        change: zone.countChange === undefined ? null : { by: zone.countChange.by, overS: zone.countChange.overS, minCount: zone.countChange.minCount ?? 0 }, historyS: [], historyCount: [],
        centreX: (bounds[0] + bounds[2]) / 2, centreY: (bounds[1] + bounds[3]) / 2, aboveSinceS: Number.NaN, episodes: 0, count: 0,
      };
    }),
    lines: (audit.lines ?? []).map((line) => ({ id: line.id, type: line.type, ax: line.from[0], ay: line.from[1], bx: line.to[0], by: line.to[1] })),
    inside: new Map(),
    counts: new Map(),
    lastX: new Float64Array(0),
    lastY: new Float64Array(0),
    incidents: [],
  };
}

export function hasBehaviourTruth(truth: BehaviourTruth): boolean {
  return truth.zones.length > 0 || truth.lines.length > 0;
}

/** Looks at everybody's position now. */
export function noteBehaviour(truth: BehaviourTruth, world: World, timeS: number): void {
  const { agents } = world;
  const seen = new Set<number>();
  for (const zone of truth.zones) zone.count = 0;
  if (truth.lines.length > 0 && truth.lastX.length < world.records.count) grow(truth, world.records.count);
  for (let i = 0; i < agents.count; i++) {
    if (agents.kind[i] !== AgentKind.pedestrian) continue;
    const x = agents.posXM[i], y = agents.posYM[i], id = agents.id[i];
    let entered = -1;
    for (let z = 0; z < truth.zones.length; z++) {
      const zone = truth.zones[z];
      if (zone.vehicles) continue;
      const [minX, minY, maxX, maxY] = zone.bounds;
      if (x < minX || x > maxX || y < minY || y > maxY || !pointInPolygon(x, y, zone.polygon)) continue;
      if (zone.densityAbovePerM2 !== null || zone.change !== null) zone.count++;
      else if (entered < 0) entered = z;
    }
    if (entered >= 0) {
      seen.add(id);
      const open = truth.inside.get(id);
      if (open === undefined || open.zone !== entered) {
        if (open !== undefined) closeEntry(truth, id, open, timeS);
        const key = `${truth.zones[entered].id}/${id}`;
        const n = (truth.counts.get(key) ?? 0) + 1;
        truth.counts.set(key, n);
        truth.inside.set(id, { zone: entered, startS: timeS, x, y, n });
      }
    }
    if (truth.lines.length > 0) {
      const x0 = truth.lastX[id], y0 = truth.lastY[id];
      if (x0 === x0) for (const line of truth.lines) if (crossesAgainst(line, x0, y0, x, y)) addCrossing(truth, line, id, timeS, x, y);
      truth.lastX[id] = x;
      truth.lastY[id] = y;
    }
  }
  if (world.traffic !== null && truth.zones.some((zone) => zone.vehicles)) noteVehicles(truth, world, timeS, seen);
  for (const [id, open] of truth.inside) if (!seen.has(id)) closeEntry(truth, id, open, timeS);
  for (const zone of truth.zones) if (zone.change !== null) noteCountChange(truth, zone, timeS);
  for (const zone of truth.zones) {
    if (zone.densityAbovePerM2 === null) continue;
    const above = zone.count / zone.areaM2 > zone.densityAbovePerM2;
    if (above && zone.aboveSinceS !== zone.aboveSinceS) zone.aboveSinceS = timeS;
    else if (!above && zone.aboveSinceS === zone.aboveSinceS) closeDensity(truth, zone, timeS);
  }
}

/** The incidents of the run, everything still open closed at `endS`, in start order. */
export function closeBehaviourTruth(truth: BehaviourTruth, endS: number): TruthIncident[] {
  for (const [id, open] of [...truth.inside]) closeEntry(truth, id, open, endS);
  for (const zone of truth.zones) if (zone.densityAbovePerM2 !== null && zone.aboveSinceS === zone.aboveSinceS) closeDensity(truth, zone, endS);
  return truth.incidents.sort((a, b) => a.startS - b.startS || (a.id < b.id ? -1 : 1));
}

/** Road vehicles in the vehicle zones (keys -1 - vehicle id, apart from the people's ids). */
function noteVehicles(truth: BehaviourTruth, world: World, timeS: number, seen: Set<number>): void {
  const traffic = world.traffic!;
  const vehicles = traffic.vehicles;
  for (let v = 0; v < vehicles.count; v++) {
    pointOnLink(traffic.network, vehicles.link[v], vehicles.posM[v], _point);
    const x = _point[0], y = _point[1];
    const zone = truth.zones.findIndex((z) => z.vehicles && x >= z.bounds[0] && x <= z.bounds[2] && y >= z.bounds[1] && y <= z.bounds[3] && pointInPolygon(x, y, z.polygon));
    if (zone < 0) continue;
    const key = -1 - vehicles.id[v];
    seen.add(key);
    const open = truth.inside.get(key);
    if (open !== undefined && open.zone === zone) continue;
    if (open !== undefined) closeEntry(truth, key, open, timeS);
    const name = `${truth.zones[zone].id}/vehicle-${vehicles.id[v]}`;
    const n = (truth.counts.get(name) ?? 0) + 1;
    truth.counts.set(name, n);
    truth.inside.set(key, { zone, startS: timeS, x, y, n });
  }
}

const _point = new Float64Array(2);

function closeEntry(truth: BehaviourTruth, id: number, open: Entry, endS: number): void {
  const zone = truth.zones[open.zone];
  const who = id >= 0 ? String(id) : `vehicle-${-1 - id}`;
  truth.incidents.push({ id: `${zone.id}/${who}/${open.n}`, type: zone.type, startS: open.startS, endS, x: round(open.x), y: round(open.y) });
  truth.inside.delete(id);
}

/** Crowd movement: the count now against the lowest (a rise) or highest (a fall) of the last overS. */
function noteCountChange(truth: BehaviourTruth, zone: Zone, timeS: number): void {
  const change = zone.change!;
  while (zone.historyS.length > 0 && zone.historyS[0] < timeS - change.overS) {
    zone.historyS.shift();
    zone.historyCount.shift();
  }
  let ref = -1;
  for (let k = 0; k < zone.historyCount.length; k++) {
    if (ref < 0 || (change.by > 0 ? zone.historyCount[k] < zone.historyCount[ref] : zone.historyCount[k] > zone.historyCount[ref])) ref = k;
  }
  zone.historyS.push(timeS);
  zone.historyCount.push(zone.count);
  if (ref < 0) return;
  const base = zone.historyCount[ref];
  if (base <= 0 || base < change.minCount) return;
  const relative = (zone.count - base) / base;
  if (change.by > 0 ? relative < change.by : relative > change.by) return;
  truth.incidents.push({ id: `${zone.id}/${++zone.episodes}`, type: zone.type, startS: zone.historyS[ref], endS: timeS, x: round(zone.centreX), y: round(zone.centreY) });
  // The window restarts from now.
  zone.historyS = [timeS];
  zone.historyCount = [zone.count];
}

/** A density episode counts once it has lasted forS: it starts then. */
function closeDensity(truth: BehaviourTruth, zone: Zone, endS: number): void {
  const startS = zone.aboveSinceS + zone.forS;
  zone.aboveSinceS = Number.NaN;
  if (startS > endS) return;
  truth.incidents.push({ id: `${zone.id}/${++zone.episodes}`, type: zone.type, startS, endS, x: round(zone.centreX), y: round(zone.centreY) });
}

/** Whether the path (x0, y0) -> (x1, y1) crosses the segment from its left to its right. */
function crossesAgainst(line: { ax: number; ay: number; bx: number; by: number }, x0: number, y0: number, x1: number, y1: number): boolean {
  const ex = line.bx - line.ax, ey = line.by - line.ay;
  const side0 = ex * (y0 - line.ay) - ey * (x0 - line.ax);
  const side1 = ex * (y1 - line.ay) - ey * (x1 - line.ax);
  // Left: the cross product is >= 0 (as the cameras' line crossings have it).
  if (!(side0 >= 0 && side1 < 0)) return false;
  // Where the path meets the line's direction: within the segment.
  const px = x1 - x0, py = y1 - y0;
  const denom = px * ey - py * ex;
  if (denom === 0) return false;
  const u = ((line.ax - x0) * py - (line.ay - y0) * px) / denom;
  return u >= 0 && u <= 1;
}

function addCrossing(truth: BehaviourTruth, line: { id: string; type: string }, id: number, timeS: number, x: number, y: number): void {
  const key = `${line.id}/${id}`;
  const n = (truth.counts.get(key) ?? 0) + 1;
  truth.counts.set(key, n);
  truth.incidents.push({ id: `${key}/${n}`, type: line.type, startS: timeS, endS: timeS, x: round(x), y: round(y) });
}

function grow(truth: BehaviourTruth, needed: number): void {
  let size = Math.max(64, truth.lastX.length);
  while (size < needed) size *= 2;
  const x = new Float64Array(size).fill(Number.NaN), y = new Float64Array(size).fill(Number.NaN);
  x.set(truth.lastX);
  y.set(truth.lastY);
  truth.lastX = x;
  truth.lastY = y;
}

const round = (v: number) => Math.round(v * 100) / 100;
