/**
 * Routing graphs from keyed lines, with graphology. Lines join where they share a vertex key (an
 * OSM node id, or rounded GeoJSON coordinates). Graph nodes are the junctions: vertices used by
 * more than one line (or twice by one), line ends, and forced vertices (traffic signals,
 * crossings); the vertices between two junctions become the edge's `via` geometry, and the
 * edge's length is the polyline's length, so a route is never shorter than the straight line.
 *
 * The pedestrian graph is undirected (parallel ways keep the shortest edge). The road graph is
 * directed: one edge per direction a road allows, with its lanes in that direction; junctions
 * list their turn connections (incoming edge, outgoing edge, turn angle), U-turns excluded
 * except at dead ends.
 */
import Graph from 'graphology';
import type { CompactGraph, FringeNode, GraphEdge, Junction, XY } from '../CityModel.ts';

/** A line of a network with the routing key of each vertex (same length as `line`). */
export interface KeyedLine {
  featureId: string;
  keys: string[];
  line: XY[];
  /** Pedestrian graph: width, m. */
  widthM?: number;
  /** Road graph: lanes along and against the line (0 against for a one-way road), speed limit. */
  lanesForward?: number;
  lanesBackward?: number;
  maxSpeedKph?: number;
  /** Road graph: a pedestrian street (vehicles only when let in). */
  restricted?: boolean;
}

/** Edge attributes kept in the graphology graph. */
interface EdgeAttributes {
  lengthM: number;
  featureId: string;
  via: XY[];
  lanes?: number;
  maxSpeedKph?: number;
  widthM?: number;
  restricted?: boolean;
}

/** A graph under construction: graphology plus node positions by key. */
export interface NetworkGraph {
  graph: Graph<{ x: number; y: number }, EdgeAttributes>;
}

/** The vertices where lines must be split: shared, ends, repeated or forced. */
function junctionKeys(lines: KeyedLine[], forced: Set<string>): Set<string> {
  const uses = new Map<string, number>();
  const junctions = new Set<string>();
  for (const { keys } of lines) {
    if (keys.length === 0) continue;
    junctions.add(keys[0]);
    junctions.add(keys[keys.length - 1]);
    for (const key of keys) {
      const count = (uses.get(key) ?? 0) + 1;
      uses.set(key, count);
      if (count > 1 || forced.has(key)) junctions.add(key);
    }
  }
  return junctions;
}

/**
 * Calls `emit` for each piece of each line between two consecutive junctions (pieces that start
 * and end at the same junction are dropped), with its end keys and length, after adding its end
 * nodes to the graph.
 */
function forEachPiece(graph: NetworkGraph['graph'], lines: KeyedLine[], junctions: Set<string>, emit: (line: KeyedLine, from: number, to: number, a: string, b: string, lengthM: number) => void): void {
  for (const line of lines) {
    let start = 0;
    for (let i = 1; i < line.keys.length; i++) {
      if (!junctions.has(line.keys[i])) continue;
      const a = line.keys[start];
      const b = line.keys[i];
      if (a !== b) {
        addNode(graph, a, line.line[start]);
        addNode(graph, b, line.line[i]);
        emit(line, start, i, a, b, pieceLength(line.line, start, i));
      }
      start = i;
    }
  }
}

function pieceLength(line: XY[], from: number, to: number): number {
  let length = 0;
  for (let i = from + 1; i <= to; i++) length += Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1]);
  return length;
}

function addNode(graph: NetworkGraph['graph'], key: string, point: XY): void {
  if (!graph.hasNode(key)) graph.addNode(key, { x: point[0], y: point[1] });
}

/** The undirected pedestrian graph of walkway lines, walkable roads and area outlines. */
export function buildPedestrianGraph(lines: KeyedLine[], forced: Set<string>): NetworkGraph {
  const graph: NetworkGraph['graph'] = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const junctions = junctionKeys(lines, forced);
  forEachPiece(graph, lines, junctions, (line, from, to, a, b, lengthM) => {
    const attributes: EdgeAttributes = { lengthM, featureId: line.featureId, via: line.line.slice(from + 1, to), widthM: line.widthM };
    const existing = graph.edge(a, b);
    if (existing === undefined) graph.addEdge(a, b, attributes);
    else if (graph.getEdgeAttribute(existing, 'lengthM') > lengthM) {
      // NOTE: the stored `via` runs from the edge's source; reverse it when this piece runs the other way.
      if (graph.source(existing) !== a) attributes.via = attributes.via.slice().reverse();
      graph.replaceEdgeAttributes(existing, attributes);
    }
  });
  return { graph };
}

/** The directed road graph. */
export function buildRoadGraph(lines: KeyedLine[], forced: Set<string>): NetworkGraph {
  const graph: NetworkGraph['graph'] = new Graph({ type: 'directed', multi: false, allowSelfLoops: false });
  const junctions = junctionKeys(lines, forced);
  const addDirected = (a: string, b: string, attributes: EdgeAttributes): void => {
    const existing = graph.edge(a, b);
    if (existing === undefined) graph.addDirectedEdge(a, b, attributes);
    else if (graph.getEdgeAttribute(existing, 'lengthM') > attributes.lengthM) graph.replaceEdgeAttributes(existing, attributes);
  };
  forEachPiece(graph, lines, junctions, (line, from, to, a, b, lengthM) => {
    const via = line.line.slice(from + 1, to);
    const restricted = line.restricted ? { restricted: true } : {};
    if ((line.lanesForward ?? 1) > 0) addDirected(a, b, { lengthM, featureId: line.featureId, via, lanes: line.lanesForward, maxSpeedKph: line.maxSpeedKph, ...restricted });
    if ((line.lanesBackward ?? 0) > 0) addDirected(b, a, { lengthM, featureId: line.featureId, via: via.slice().reverse(), lanes: line.lanesBackward, maxSpeedKph: line.maxSpeedKph, ...restricted });
  });
  return { graph };
}

/** The compact, serialisable form of a graph (node order = graphology's insertion order). */
export function compactGraph(network: NetworkGraph): CompactGraph & { keys: string[] } {
  const { graph } = network;
  const index = new Map<string, number>();
  const nodeXY: number[] = [];
  const keys: string[] = [];
  graph.forEachNode((key, attributes) => {
    index.set(key, keys.length);
    keys.push(key);
    nodeXY.push(attributes.x, attributes.y);
  });
  const edges: GraphEdge[] = [];
  graph.forEachEdge((_edge, attributes, source, target) => {
    const edge: GraphEdge = { from: index.get(source) as number, to: index.get(target) as number, lengthM: Math.round(attributes.lengthM * 100) / 100, featureId: attributes.featureId };
    if (attributes.via.length > 0) edge.via = attributes.via;
    if (attributes.lanes !== undefined) edge.lanes = attributes.lanes;
    if (attributes.maxSpeedKph !== undefined) edge.maxSpeedKph = attributes.maxSpeedKph;
    if (attributes.widthM !== undefined) edge.widthM = attributes.widthM;
    if (attributes.restricted) edge.restricted = true;
    edges.push(edge);
  });
  return { nodeXY, edges, keys };
}

/**
 * The junctions of a compact road graph with their turn connections: every node where more than
 * two roads meet, plus every node in `signalNodes`. Angle of a turn: from the last heading into
 * the node to the first heading out of it, degrees, positive to the left.
 */
export function roadJunctions(road: CompactGraph, signalNodes: Set<number>): Junction[] {
  const incoming: number[][] = [];
  const outgoing: number[][] = [];
  const nodeCount = road.nodeXY.length / 2;
  for (let i = 0; i < nodeCount; i++) {
    incoming.push([]);
    outgoing.push([]);
  }
  road.edges.forEach((edge, index) => {
    outgoing[edge.from].push(index);
    incoming[edge.to].push(index);
  });
  const point = (node: number): XY => [road.nodeXY[2 * node], road.nodeXY[2 * node + 1]];
  const junctions: Junction[] = [];
  for (let node = 0; node < nodeCount; node++) {
    const neighbours = new Set<number>();
    for (const e of incoming[node]) neighbours.add(road.edges[e].from);
    for (const e of outgoing[node]) neighbours.add(road.edges[e].to);
    const signals = signalNodes.has(node);
    if (neighbours.size < 3 && !signals) continue;
    const turns: [number, number, number][] = [];
    for (const inEdge of incoming[node]) {
      const edgeIn = road.edges[inEdge];
      const before = edgeIn.via && edgeIn.via.length > 0 ? edgeIn.via[edgeIn.via.length - 1] : point(edgeIn.from);
      const headingIn = Math.atan2(point(node)[1] - before[1], point(node)[0] - before[0]);
      for (const outEdge of outgoing[node]) {
        const edgeOut = road.edges[outEdge];
        if (edgeOut.to === edgeIn.from && neighbours.size > 1) continue;
        const after = edgeOut.via && edgeOut.via.length > 0 ? edgeOut.via[0] : point(edgeOut.to);
        const headingOut = Math.atan2(after[1] - point(node)[1], after[0] - point(node)[0]);
        let angle = ((headingOut - headingIn) * 180) / Math.PI;
        angle = ((angle + 540) % 360) - 180;
        turns.push([inEdge, outEdge, Math.round(angle)]);
      }
    }
    junctions.push({ node, signals, turns });
  }
  return junctions;
}

/**
 * The fringe of a compact road graph: dead ends (one neighbour) that are one-way, or that lie
 * outside `inside` (the extract's bounds, when known).
 */
export function roadFringe(road: CompactGraph, inside: ((x: number, y: number) => boolean) | undefined): FringeNode[] {
  const nodeCount = road.nodeXY.length / 2;
  const neighbours: Set<number>[] = Array.from({ length: nodeCount }, () => new Set<number>());
  const inDegree = new Int32Array(nodeCount);
  const outDegree = new Int32Array(nodeCount);
  for (const edge of road.edges) {
    neighbours[edge.from].add(edge.to);
    neighbours[edge.to].add(edge.from);
    outDegree[edge.from]++;
    inDegree[edge.to]++;
  }
  const fringe: FringeNode[] = [];
  for (let node = 0; node < nodeCount; node++) {
    if (neighbours[node].size !== 1) continue;
    if (inDegree[node] === 0) fringe.push({ node, direction: 'enter' });
    else if (outDegree[node] === 0) fringe.push({ node, direction: 'leave' });
    else if (inside && !inside(road.nodeXY[2 * node], road.nodeXY[2 * node + 1])) fringe.push({ node, direction: 'both' });
  }
  return fringe;
}
