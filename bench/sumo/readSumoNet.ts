/**
 * Reading a SUMO network (`.net.xml`, format 1.x) into Vigie's road network spec:
 *  - one Vigie node per SUMO junction (its x, y in metres; SUMO's net frame is already local
 *    metres, x east, y north), internal junctions (`type="internal"`) aside;
 *  - one Vigie link per normal SUMO edge (no `function` attribute, or `function="normal"`;
 *    internal, crossing, walking-area and connector edges are skipped): from and to junctions,
 *    `lanes` = lanes that allow passenger cars (`allow` / `disallow`), `speedKph` = the fastest
 *    of those lanes' speed, `via` = the interior points of the edge's `shape` when it has one,
 *    else of its first car lane's shape (the ends are replaced by the junction centres);
 *  - right of way at junctions without signals (`priority` of the links into a junction): SUMO
 *    resolves its edges' `priority` attribute and the junction's geometry into a state per
 *    connection (M major, m minor, = equal, w all-way stop, Z zipper, O/o a light switched off);
 *    a link with a major connection (M or O) gets priority 1, every other 0, at `priority`
 *    junctions (and `priority_stop`, `traffic_light_unregulated`, lights giving no Vigie signal);
 *    at `right_before_left`, `allway_stop` (NOTE: first come, first served in SUMO; priorité à
 *    droite with the gridlock rule here), `zipper` and `dead_end` junctions every link is equal
 *    (0: priorité à droite); a junction whose connections carry no state keeps the edges' own
 *    `priority` attribute;
 *  - lane-to-lane connections (`traffic.roads.connections`): each SUMO `<connection>` between car
 *    lanes of two kept edges, its lane indices renumbered over the car lanes (0 the rightmost, as
 *    in SUMO), so that vehicles take the lanes SUMO's would, each with the speed of its internal
 *    lane (`speedKph`: SUMO's turning speed, from the junction's real shape);
 *  - right of way (`traffic.roads.rightOfWay`) from each junction's `<request index response
 *    foes>` table: request i is the connection whose first internal lane (`via`) is the i-th of
 *    the junction's `intLanes`, bit k of a `foes` or `response` string counted from its right end
 *    (the tables are symmetric read so); a Vigie movement (from link, to link) conflicts with
 *    another when any of their connections are foes and gives way when any must respond to one.
 *    Movements from the same link are left out (they diverge), and so are merges into the same
 *    link where neither gives way (first come, first served in Vigie). Critical gap 0: a yielding
 *    driver goes when the priority vehicle arrives 1 s after he has cleared the conflict area
 *    (SUMO's MSLink::opened with jmTimegapMinor = 1 s), not after the HCM 2010 gaps of 6-7 s;
 *  - each junction of a `traffic_light*` type becomes a Vigie signal running its SUMO program
 *    (`tlLogic`; a program loaded later, from an additional file, replaces it, as in SUMO) as an
 *    explicit program: each SUMO phase a Vigie phase of the same duration, a Vigie movement (from
 *    link, to link) green when any of its connections (by `linkIndex`) is green (G, g, s, O, o),
 *    amber when one is yellow (y, Y), red otherwise (r, R, u); consecutive phases that show the
 *    Vigie movements alike are merged; a movement SUMO has no connection for (a turn the router may
 *    take that SUMO forbids) follows the other movements of its incoming link. A program that never
 *    shows red (the corners of a netgenerate grid) controls nothing and gives no Vigie signal; one
 *    of more than 32 phases once merged falls back to Vigie's two phases by approach axis, with the
 *    program's cycle and its green, yellow and red totals.
 * The data returned is plain and owned by the caller.
 */
import type { LaneConnectionSpec, NodeRightOfWaySpec, PointM, RoadNetworkSpec, SignalPhaseSpec, SignalSpec } from '../../engine/scenario/Scenario.ts';
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
  /** The phases: duration and state string (one character per link index). */
  program: { durationS: number; state: string }[];
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
  /** Signals whose SUMO cycle was outside Vigie's 20-300 s (clamped) or whose program was missing (Vigie defaults) or too long. */
  signalsApproximated: number;
  /** Signals running their SUMO program phase by phase. */
  signalsProgrammed: number;
  /** Links given priority 1 (a major road at their junction). */
  priorityLinks: number;
  /** Lane-to-lane connections kept (between car lanes of kept edges). */
  laneConnections: number;
  /** Nodes whose right of way comes from SUMO's request tables. */
  rightOfWayNodes: number;
}

/** A SUMO connection between two normal edges. */
interface RawConnection {
  from: string;
  to: string;
  tl: string | undefined;
  linkIndex: number;
  state: string;
  fromLane: number;
  toLane: number;
  /** First internal lane, or undefined. */
  via: string | undefined;
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
  /** SUMO's `priority` attribute (0 when absent). */
  priority: number;
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
      current = { cycleS: 0, offsetS: Number(a.offset ?? 0) || 0, greenS: 0, amberS: 0, allRedS: 0, phases: 0, showsRed: false, program: [] };
      into.set(a.id, current);
    } else if (name === 'phase' && parent === 'tlLogic' && current) {
      const durationS = Number(a.duration);
      if (!Number.isFinite(durationS)) return;
      const state = a.state ?? '';
      current.cycleS += durationS;
      current.phases++;
      current.program.push({ durationS, state });
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
  // Request tables: per internal lane, its junction and request index; per junction, its requests.
  const requestOfVia = new Map<string, { junction: string; index: number }>();
  const requests = new Map<string, { foes: string[]; response: string[] }>();
  let currentJunction = '';
  const rawEdges: RawEdge[] = [];
  const tlOfJunction = new Map<string, string>();
  const edgeTo = new Map<string, string>();
  const connections: RawConnection[] = [];
  const internalLaneSpeedMps = new Map<string, number>();
  let edge: RawEdge | null = null;
  forEachXmlElement(text, fileName, (name, a, parent) => {
    if (name === 'edge' && parent === 'net') {
      const fn = a.function;
      edge = fn === undefined || fn === 'normal' ? { id: a.id, from: a.from, to: a.to, priority: Number(a.priority ?? 0) || 0, shape: a.shape ? parseSumoShape(a.shape) : null, lanes: [] } : null;
      if (edge) {
        rawEdges.push(edge);
        edgeTo.set(edge.id, edge.to);
      }
    } else if (name === 'lane' && parent === 'edge' && a.id.startsWith(':')) {
      internalLaneSpeedMps.set(a.id, Number(a.speed));
    } else if (name === 'lane' && parent === 'edge' && edge) {
      edge.lanes.push({ speedMps: Number(a.speed), allowsCar: allowsPassenger(a.allow, a.disallow), shape: parseSumoShape(a.shape) });
    } else if (name === 'junction' && parent === 'net') {
      if (a.type !== 'internal') junctions.push({ id: a.id, x: Number(a.x), y: Number(a.y), type: a.type ?? '' });
      currentJunction = a.type !== 'internal' ? a.id : '';
      if (currentJunction !== '') (a.intLanes ?? '').split(/\s+/).filter((lane) => lane !== '').forEach((lane, index) => requestOfVia.set(lane, { junction: a.id, index }));
    } else if (name === 'request' && parent === 'junction' && currentJunction !== '') {
      let table = requests.get(currentJunction);
      if (!table) requests.set(currentJunction, (table = { foes: [], response: [] }));
      const index = Number(a.index);
      table.foes[index] = a.foes ?? '';
      table.response[index] = a.response ?? '';
    } else if (name === 'connection' && parent === 'net' && !a.from.startsWith(':')) {
      connections.push({ from: a.from, to: a.to, tl: a.tl, linkIndex: Number(a.linkIndex ?? -1), state: a.state ?? '', fromLane: Number(a.fromLane), toLane: Number(a.toLane), via: a.via });
      const junction = edgeTo.get(a.from);
      if (junction !== undefined && a.tl !== undefined) tlOfJunction.set(junction, a.tl);
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
  const connectionsFrom = new Map<string, RawConnection[]>();
  for (const c of connections) {
    if (!edges.has(c.from) || !edges.has(c.to)) continue;
    let list = connectionsFrom.get(c.from);
    if (!list) connectionsFrom.set(c.from, (list = []));
    list.push(c);
  }

  const signals: SignalSpec[] = [];
  const signalled = new Set<string>();
  let trafficLights = 0;
  let signalsApproximated = 0;
  let signalsNeverRed = 0;
  let signalsProgrammed = 0;
  for (const j of junctions) {
    if (!j.type.startsWith('traffic_light') || j.type === 'traffic_light_unregulated') continue;
    const node = nodeOfJunction.get(j.id);
    if (node === undefined) continue;
    trafficLights++;
    const timing = timings.get(tlOfJunction.get(j.id) ?? j.id);
    if (!timing || timing.cycleS <= 0) {
      signalsApproximated++;
      signals.push({ node });
      signalled.add(j.id);
      continue;
    }
    if (!timing.showsRed) {
      signalsNeverRed++;
      continue;
    }
    signalled.add(j.id);
    const phases = programPhases(j.id, node, timing, rawEdges, edges, connectionsFrom);
    const amberS = Math.min(10, Math.max(0, ...timing.program.filter((p) => /[yY]/.test(p.state)).map((p) => p.durationS)));
    if (phases !== null) {
      signalsProgrammed++;
      signals.push({ node, phases, offsetS: timing.offsetS, ...(amberS > 0 ? { amberS } : {}) });
      continue;
    }
    const cycleS = Math.min(300, Math.max(20, timing.cycleS));
    signalsApproximated++;
    signals.push({ node, cycleS, offsetS: timing.offsetS, amberS: Math.min(10, timing.amberS / 2), allRedS: Math.min(10, timing.allRedS / 2) });
  }
  const priorityLinks = setLinkPriorities(junctions, rawEdges, edges, links, connectionsFrom, signalled);
  const laneConnections = readLaneConnections(rawEdges, edges, connections, internalLaneSpeedMps);
  const rightOfWay = readRightOfWay(nodeOfJunction, edges, connections, requestOfVia, requests);
  return {
    roads: { nodes, links, ...(laneConnections.length > 0 ? { connections: laneConnections } : {}), ...(rightOfWay.length > 0 ? { rightOfWay } : {}) },
    signals, nodeOfJunction, edges, normalEdges: rawEdges.length, skippedEdges, trafficLights, signalsNeverRed, signalsApproximated, signalsProgrammed, priorityLinks,
    laneConnections: laneConnections.length, rightOfWayNodes: rightOfWay.length,
  };
}

/** Junction types where every incoming link is equal (no major road). */
const EQUAL_JUNCTIONS = new Set(['right_before_left', 'left_before_right', 'allway_stop', 'zipper', 'dead_end']);

/**
 * Sets `priority` on the links into each junction without a Vigie signal (see the header); returns
 * how many links got priority 1.
 */
function setLinkPriorities(
  junctions: { id: string; type: string }[], rawEdges: RawEdge[], edges: Map<string, SumoEdgeLink>, links: RoadNetworkSpec['links'],
  connectionsFrom: Map<string, RawConnection[]>, signalled: Set<string>,
): number {
  const typeOf = new Map(junctions.map((j) => [j.id, j.type]));
  const stated = new Set<string>();
  for (const raw of rawEdges) if ((connectionsFrom.get(raw.id) ?? []).some((c) => c.state !== '')) stated.add(raw.to);
  let major = 0;
  for (const raw of rawEdges) {
    const edge = edges.get(raw.id);
    if (!edge || signalled.has(raw.to)) continue;
    const type = typeOf.get(raw.to) ?? '';
    let priority: number;
    if (EQUAL_JUNCTIONS.has(type)) priority = 0;
    else if (stated.has(raw.to)) priority = (connectionsFrom.get(raw.id) ?? []).some((c) => c.state === 'M' || c.state === 'O') ? 1 : 0;
    else priority = raw.priority;
    if (priority !== 0) links[edge.link].priority = priority;
    if (priority === 1) major++;
  }
  return major;
}

/** Most permissive first: a Vigie movement shows the most permissive state of its connections. */
const STATE_RANK: Record<string, number> = { G: 2, g: 2, s: 2, O: 2, o: 2, y: 1, Y: 1 };

/**
 * The Vigie program of traffic light junction `junction` (node `node`): per SUMO phase, the
 * movements (from link, to link) it shows green and amber; consecutive alike phases merged.
 * Null when it would have more than 32 phases, or no movement ever green.
 */
function programPhases(
  junction: string, node: number, timing: SumoSignalTiming, rawEdges: RawEdge[], edges: Map<string, SumoEdgeLink>, connectionsFrom: Map<string, RawConnection[]>,
): SignalPhaseSpec[] | null {
  const incoming = rawEdges.filter((raw) => raw.to === junction && edges.has(raw.id));
  const outgoing = rawEdges.filter((raw) => raw.from === junction && edges.has(raw.id));
  const phases: SignalPhaseSpec[] = [];
  let previousKey = '';
  let anyGreen = false;
  for (const phase of timing.program) {
    if (!(phase.durationS > 0)) continue;
    const green: [number, number][] = [];
    const amber: [number, number][] = [];
    for (const inEdge of incoming) {
      const from = edges.get(inEdge.id)!.link;
      const ranks = new Map<number, number>();
      for (const c of connectionsFrom.get(inEdge.id) ?? []) {
        if (c.linkIndex < 0 || c.linkIndex >= phase.state.length) continue;
        const to = edges.get(c.to)!.link;
        ranks.set(to, Math.max(ranks.get(to) ?? 0, STATE_RANK[phase.state[c.linkIndex]] ?? 0));
      }
      // Turns SUMO has no connection for follow the link's other movements.
      const fallback = Math.max(0, ...ranks.values());
      for (const outEdge of outgoing) {
        const to = edges.get(outEdge.id)!.link;
        const rank = ranks.get(to) ?? fallback;
        if (rank === 2) green.push([from, to]);
        else if (rank === 1) amber.push([from, to]);
      }
    }
    if (green.length > 0) anyGreen = true;
    const key = JSON.stringify([green, amber]);
    if (key === previousKey) {
      phases[phases.length - 1].durationS += phase.durationS;
      continue;
    }
    previousKey = key;
    phases.push({ durationS: phase.durationS, green, ...(amber.length > 0 ? { amber } : {}) });
  }
  if (!anyGreen || phases.length > 32 || phases.some((p) => p.durationS > 300)) return null;
  return phases;
}

/** SUMO's connections between car lanes of kept edges, lanes renumbered over the car lanes (see the header). */
function readLaneConnections(rawEdges: RawEdge[], edges: Map<string, SumoEdgeLink>, connections: RawConnection[], internalLaneSpeedMps: Map<string, number>): LaneConnectionSpec[] {
  // Per SUMO edge: the Vigie lane of each SUMO lane (-1 for a lane closed to cars; at most 8).
  const carLane = new Map<string, number[]>();
  for (const raw of rawEdges) {
    let k = 0;
    carLane.set(raw.id, raw.lanes.map((lane) => (lane.allowsCar && k < 8 ? k++ : -1)));
  }
  const out: LaneConnectionSpec[] = [];
  for (const c of connections) {
    const from = edges.get(c.from);
    const to = edges.get(c.to);
    if (!from || !to || from.to !== to.from) continue;
    const fromLane = carLane.get(c.from)?.[c.fromLane] ?? -1;
    const toLane = carLane.get(c.to)?.[c.toLane] ?? -1;
    // Its speed through the junction: that of its internal lane (SUMO's turning speed).
    const speedMps = c.via !== undefined ? internalLaneSpeedMps.get(c.via) : undefined;
    if (fromLane >= 0 && toLane >= 0) out.push({ from: from.link, to: to.link, fromLane, toLane, ...(speedMps !== undefined && speedMps > 0 ? { speedKph: Math.min(200, speedMps * 3.6) } : {}) });
  }
  return out;
}

/** Right of way per junction from SUMO's request tables (see the header). */
function readRightOfWay(
  nodeOfJunction: Map<string, number>, edges: Map<string, SumoEdgeLink>, connections: RawConnection[],
  requestOfVia: Map<string, { junction: string; index: number }>, requests: Map<string, { foes: string[]; response: string[] }>,
): NodeRightOfWaySpec[] {
  // Per junction: its connections between kept edges with a request index, as Vigie movements.
  const byJunction = new Map<string, { index: number; movement: string }[]>();
  for (const c of connections) {
    const from = edges.get(c.from);
    const to = edges.get(c.to);
    const request = c.via === undefined ? undefined : requestOfVia.get(c.via);
    if (!from || !to || !request || from.to !== to.from) continue;
    let list = byJunction.get(request.junction);
    if (!list) byJunction.set(request.junction, (list = []));
    list.push({ index: request.index, movement: `${from.link},${to.link}` });
  }
  const out: NodeRightOfWaySpec[] = [];
  for (const [junction, list] of byJunction) {
    const table = requests.get(junction);
    const node = nodeOfJunction.get(junction);
    if (!table || node === undefined) continue;
    const keys = [...new Set(list.map((c) => c.movement))];
    const movements = keys.map((key) => key.split(',').map(Number) as [number, number]);
    const bit = (text: string | undefined, k: number): boolean => text !== undefined && text.length > k && text[text.length - 1 - k] === '1';
    const foes = new Set<string>();
    const yields = new Set<string>();
    for (const a of list) {
      for (const b of list) {
        if (bit(table.foes[a.index], b.index)) foes.add(`${a.movement}>${b.movement}`);
        if (bit(table.response[a.index], b.index)) yields.add(`${a.movement}>${b.movement}`);
      }
    }
    const spec: NodeRightOfWaySpec = { node, movements, foes: movements.map(() => []), yieldsTo: movements.map(() => []), criticalGapS: 0 };
    movements.forEach(([fromA, toA], ka) => movements.forEach(([fromB, toB], kb) => {
      const ab = `${keys[ka]}>${keys[kb]}`;
      const ba = `${keys[kb]}>${keys[ka]}`;
      if (fromA === fromB || !(foes.has(ab) || foes.has(ba))) return;
      // Merges into the same link: only where one gives way (otherwise first come, first served).
      if (toA === toB && !yields.has(ab) && !yields.has(ba)) return;
      spec.foes[ka].push(kb);
      if (yields.has(ab)) spec.yieldsTo[ka].push(kb);
    }));
    // A table without conflicts is kept too: SUMO's junction has none.
    out.push(spec);
  }
  return out;
}
