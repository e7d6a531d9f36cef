/**
 * Reading a SUMO network (`.net.xml`, format 1.x) into Vigie's road network spec:
 *  - one Vigie node per SUMO junction (its x, y in metres; SUMO's net frame is already local
 *    metres, x east, y north), internal junctions (`type="internal"`) aside;
 *  - one Vigie link per normal SUMO edge (no `function` attribute, or `function="normal"`;
 *    internal, crossing, walking-area and connector edges are skipped): from and to junctions,
 *    `lanes` = lanes that allow passenger cars (`allow` / `disallow`), `speedKph` = the fastest
 *    of those lanes' speed, `via` = the interior points of the edge's `shape` when it has one,
 *    else of its first car lane's shape (the ends are replaced by the junction centres);
 *  - each junction of a `traffic_light*` type becomes a Vigie signal, timed from its SUMO
 *    program (`tlLogic`; a program loaded later, from an additional file, replaces it, as in
 *    SUMO): cycle = sum of the phase durations, and Vigie's two changes per cycle share the
 *    program's yellow time (amber) and all-red time, so that the total green per cycle is SUMO's;
 *    a program that never shows red (the corners of a netgenerate grid) controls nothing and
 *    gives no Vigie signal.
 * NOTE: Vigie's signals always have two phases split by approach axis with equal greens; a SUMO
 * program with protected-turn phases is approximated by its cycle and its green/yellow/red totals.
 * The data returned is plain and owned by the caller.
 */
import type { PointM, RoadNetworkSpec, SignalSpec } from '../../engine/scenario/Scenario.ts';
import { forEachXmlElement } from './forEachXmlElement.ts';

/** A SUMO edge kept as a Vigie link. */
export interface SumoEdgeLink {
  link: number;
  from: number;
  to: number;
}

/** Timing of one SUMO traffic-light program, s. */
export interface SumoSignalTiming {
  cycleS: number;
  offsetS: number;
  greenS: number;
  amberS: number;
  allRedS: number;
  phases: number;
  /** Whether any phase shows red to any link (a program that never does, as at a grid corner, controls nothing). */
  showsRed: boolean;
}

/** What was read, with counts of what was set aside. */
export interface SumoNet {
  roads: RoadNetworkSpec;
  signals: SignalSpec[];
  /** Vigie node index by SUMO junction id. */
  nodeOfJunction: Map<string, number>;
  /** Vigie link (and its end nodes) by SUMO edge id, for the edges kept. */
  edges: Map<string, SumoEdgeLink>;
  normalEdges: number;
  /** Normal edges without a lane for passenger cars, or loops without a shape. */
  skippedEdges: number;
  trafficLights: number;
  /** Signal programs that never show red (SUMO's corner junctions of a grid): no Vigie signal. */
  signalsNeverRed: number;
  /** Signals whose SUMO cycle was outside Vigie's 20-300 s (clamped) or whose program was missing (Vigie defaults). */
  signalsApproximated: number;
}

interface RawLane {
  speedMps: number;
  allowsCar: boolean;
  shape: PointM[];
}

interface RawEdge {
  id: string;
  from: string;
  to: string;
  shape: PointM[] | null;
  lanes: RawLane[];
}

/** Parses a SUMO shape attribute ("x,y x,y ..."). */
export function parseSumoShape(shape: string | undefined): PointM[] {
  if (!shape) return [];
  const points: PointM[] = [];
  for (const pair of shape.trim().split(/\s+/)) {
    const [x, y] = pair.split(',').map(Number);
    if (Number.isFinite(x) && Number.isFinite(y)) points.push([x, y]);
  }
  return points;
}

/** Whether a lane with these `allow` / `disallow` attributes lets a passenger car drive on it. */
function allowsPassenger(allow: string | undefined, disallow: string | undefined): boolean {
  if (allow !== undefined) return allow.split(/\s+/).some((c) => c === 'passenger' || c === 'all');
  if (disallow !== undefined) return !disallow.split(/\s+/).some((c) => c === 'passenger' || c === 'all');
  return true;
}

/** Reads the `tlLogic` programs of a network or additional file into `into` (a later program replaces an earlier one). */
export function readSumoSignalTimings(text: string, fileName: string, into: Map<string, SumoSignalTiming>): void {
  let current: SumoSignalTiming | null = null;
  forEachXmlElement(text, fileName, (name, a, parent) => {
    if (name === 'tlLogic') {
      current = { cycleS: 0, offsetS: Number(a.offset ?? 0) || 0, greenS: 0, amberS: 0, allRedS: 0, phases: 0, showsRed: false };
      into.set(a.id, current);
    } else if (name === 'phase' && parent === 'tlLogic' && current) {
      const durationS = Number(a.duration);
      if (!Number.isFinite(durationS)) return;
      const state = a.state ?? '';
      current.cycleS += durationS;
      current.phases++;
      if (/[rR]/.test(state)) current.showsRed = true;
      if (/[yYu]/.test(state)) current.amberS += durationS;
      else if (/[GgsOo]/.test(state)) current.greenS += durationS;
      else current.allRedS += durationS;
    }
  });
}

/**
 * Reads a SUMO network. `additionalTls` are additional files whose `tlLogic` programs replace the
 * network's (as SUMO activates the program loaded last).
 */
export function readSumoNet(text: string, fileName: string, additionalTls: { text: string; fileName: string }[] = []): SumoNet {
  const junctions: { id: string; x: number; y: number; type: string }[] = [];
  const rawEdges: RawEdge[] = [];
  const tlOfJunction = new Map<string, string>();
  const edgeTo = new Map<string, string>();
  let edge: RawEdge | null = null;
  forEachXmlElement(text, fileName, (name, a, parent) => {
    if (name === 'edge' && parent === 'net') {
      const fn = a.function;
      edge = fn === undefined || fn === 'normal' ? { id: a.id, from: a.from, to: a.to, shape: a.shape ? parseSumoShape(a.shape) : null, lanes: [] } : null;
      if (edge) {
        rawEdges.push(edge);
        edgeTo.set(edge.id, edge.to);
      }
    } else if (name === 'lane' && parent === 'edge' && edge) {
      edge.lanes.push({ speedMps: Number(a.speed), allowsCar: allowsPassenger(a.allow, a.disallow), shape: parseSumoShape(a.shape) });
    } else if (name === 'junction' && parent === 'net') {
      if (a.type !== 'internal') junctions.push({ id: a.id, x: Number(a.x), y: Number(a.y), type: a.type ?? '' });
    } else if (name === 'connection' && parent === 'net' && a.tl !== undefined) {
      const junction = edgeTo.get(a.from);
      if (junction !== undefined) tlOfJunction.set(junction, a.tl);
    }
  });
  const timings = new Map<string, SumoSignalTiming>();
  readSumoSignalTimings(text, fileName, timings);
  for (const extra of additionalTls) readSumoSignalTimings(extra.text, extra.fileName, timings);

  const nodeOfJunction = new Map<string, number>();
  const nodes: PointM[] = [];
  for (const j of junctions) {
    if (!Number.isFinite(j.x) || !Number.isFinite(j.y)) continue;
    nodeOfJunction.set(j.id, nodes.length);
    nodes.push([j.x, j.y]);
  }

  const links: RoadNetworkSpec['links'] = [];
  const edges = new Map<string, SumoEdgeLink>();
  let skippedEdges = 0;
  for (const raw of rawEdges) {
    const from = nodeOfJunction.get(raw.from);
    const to = nodeOfJunction.get(raw.to);
    const carLanes = raw.lanes.filter((lane) => lane.allowsCar);
    const shape = raw.shape ?? carLanes[0]?.shape ?? [];
    const via = shape.slice(1, -1);
    if (from === undefined || to === undefined || carLanes.length === 0 || (from === to && via.length === 0)) {
      skippedEdges++;
      continue;
    }
    const speedMps = Math.max(...carLanes.map((lane) => (Number.isFinite(lane.speedMps) ? lane.speedMps : 13.89)));
    edges.set(raw.id, { link: links.length, from, to });
    links.push({ id: raw.id, from, to, lanes: Math.min(8, carLanes.length), speedKph: Math.min(200, Math.max(1, speedMps * 3.6)), ...(via.length > 0 ? { via } : {}) });
  }

  const signals: SignalSpec[] = [];
  let trafficLights = 0;
  let signalsApproximated = 0;
  let signalsNeverRed = 0;
  for (const j of junctions) {
    if (!j.type.startsWith('traffic_light')) continue;
    const node = nodeOfJunction.get(j.id);
    if (node === undefined) continue;
    trafficLights++;
    const timing = timings.get(tlOfJunction.get(j.id) ?? j.id);
    if (!timing || timing.cycleS <= 0) {
      signalsApproximated++;
      signals.push({ node });
      continue;
    }
    if (!timing.showsRed) {
      signalsNeverRed++;
      continue;
    }
    const cycleS = Math.min(300, Math.max(20, timing.cycleS));
    if (cycleS !== timing.cycleS || timing.amberS / 2 > 10 || timing.allRedS / 2 > 10) signalsApproximated++;
    signals.push({ node, cycleS, offsetS: timing.offsetS, amberS: Math.min(10, timing.amberS / 2), allRedS: Math.min(10, timing.allRedS / 2) });
  }
  return { roads: { nodes, links }, signals, nodeOfJunction, edges, normalEdges: rawEdges.length, skippedEdges, trafficLights, signalsNeverRed, signalsApproximated };
}
