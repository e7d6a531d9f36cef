/**
 * Shortest paths on a routing graph (the pedestrian or road graph of a city model): A* (Hart, Nilsson, Raphael 1968) over a
 * compressed-sparse-row copy of the graph in typed arrays, with a binary heap and
 * generation-stamped labels, so a query allocates nothing. The heuristic is the straight-line
 * distance to the target (divided by the fastest speed of the graph when routing by time): it
 * never overestimates, since an edge is never shorter than the segment between its ends, so the
 * routes are optimal (the tests compare them with graphology's Dijkstra).
 *
 * `nearestNode` finds the node closest to a point with a flatbush k-nearest query; `routeToAny`
 * runs Dijkstra (the A* heuristic set to zero) until the first of several targets is settled.
 */
import Flatbush from 'flatbush';
/** The graph a router takes: node positions and edges (plain data, as city-models writes it). */
export interface RouteGraphSpec {
  /** x0, y0, x1, y1, ... metres. */
  nodeXY: ArrayLike<number>;
  edges: readonly { from: number; to: number; lengthM: number; maxSpeedKph?: number }[];
}

/** What a route minimises: metres, or seconds at each edge's speed limit. */
export type RouteCost = 'length' | 'time';

/** Routes on one graph; owns its typed arrays. Not safe to share between concurrent callers. */
export class RouteGraph {
  readonly nodeCount: number;
  readonly nodeXY: Float64Array;
  /** CSR: the edges leaving node i are `offsets[i]` to `offsets[i + 1] - 1`. */
  private readonly offsets: Int32Array;
  private readonly targets: Int32Array;
  private readonly costs: Float64Array;
  /** Index of the compact edge behind each CSR entry. */
  readonly edgeOf: Int32Array;
  /** Edges that routes may not use (1), e.g. closed roads; owned by the caller, null for none. */
  blocked: Uint8Array | null = null;
  private readonly heuristicScale: number;
  private readonly index: Flatbush;
  // Per-query labels, valid only where stamp === generation.
  private readonly distance: Float64Array;
  private readonly previous: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly closed: Uint32Array;
  private generation = 0;
  private readonly heapNode: Int32Array;
  private readonly heapKey: Float64Array;
  private heapSize = 0;

  constructor(graph: RouteGraphSpec, directed: boolean, cost: RouteCost = 'length') {
    this.nodeCount = graph.nodeXY.length / 2;
    this.nodeXY = Float64Array.from(graph.nodeXY as ArrayLike<number>);
    const degree = new Int32Array(this.nodeCount + 1);
    for (const edge of graph.edges) {
      degree[edge.from + 1]++;
      if (!directed) degree[edge.to + 1]++;
    }
    for (let i = 0; i < this.nodeCount; i++) degree[i + 1] += degree[i];
    this.offsets = degree;
    const entries = degree[this.nodeCount];
    this.targets = new Int32Array(entries);
    this.costs = new Float64Array(entries);
    this.edgeOf = new Int32Array(entries);
    const fill = this.offsets.slice(0, this.nodeCount);
    let fastestMps = 0;
    const edgeCost = (lengthM: number, maxSpeedKph: number | undefined): number => {
      if (cost === 'length') return lengthM;
      const speedMps = (maxSpeedKph ?? 50) / 3.6;
      fastestMps = Math.max(fastestMps, speedMps);
      return lengthM / speedMps;
    };
    graph.edges.forEach((edge, index) => {
      const value = edgeCost(edge.lengthM, edge.maxSpeedKph);
      let slot = fill[edge.from]++;
      this.targets[slot] = edge.to;
      this.costs[slot] = value;
      this.edgeOf[slot] = index;
      if (!directed) {
        slot = fill[edge.to]++;
        this.targets[slot] = edge.from;
        this.costs[slot] = value;
        this.edgeOf[slot] = index;
      }
    });
    this.heuristicScale = cost === 'length' ? 1 : 1 / Math.max(fastestMps, 1e-9);
    this.index = new Flatbush(Math.max(1, this.nodeCount));
    for (let i = 0; i < this.nodeCount; i++) this.index.add(this.nodeXY[2 * i], this.nodeXY[2 * i + 1], this.nodeXY[2 * i], this.nodeXY[2 * i + 1]);
    if (this.nodeCount === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
    this.distance = new Float64Array(this.nodeCount);
    this.previous = new Int32Array(this.nodeCount);
    this.stamp = new Uint32Array(this.nodeCount);
    this.closed = new Uint32Array(this.nodeCount);
    this.heapNode = new Int32Array(Math.max(1, entries + 1));
    this.heapKey = new Float64Array(Math.max(1, entries + 1));
  }

  /** The `count` nodes nearest to (x, y), nearest first (a new array; not for hot loops). */
  nearestNodes(xM: number, yM: number, count: number): number[] {
    if (this.nodeCount === 0) return [];
    return this.index.neighbors(xM, yM, count);
  }

  /** The node nearest to (x, y), metres; -1 for an empty graph. */
  nearestNode(xM: number, yM: number): number {
    if (this.nodeCount === 0) return -1;
    return this.index.neighbors(xM, yM, 1)[0];
  }

  /**
   * The cost of the best route from `from` to `to` (metres or seconds), or Infinity when there is
   * none. When `path` is given, writes the route's nodes into it (from first) and stores their
   * count in `lastPathCount`; a path longer than the array is cut (lastPathCount says how long).
   */
  route(from: number, to: number, path?: Int32Array): number {
    this.lastPathCount = 0;
    if (from < 0 || to < 0 || from >= this.nodeCount || to >= this.nodeCount) return Infinity;
    return this.search(from, to, null, path);
  }

  /**
   * The cost of the best route from `from` to the nearest node with `isTarget[node] !== 0`, or
   * Infinity; the path and `lastTarget` as for `route`.
   */
  routeToAny(from: number, isTarget: Uint8Array, path?: Int32Array): number {
    this.lastPathCount = 0;
    this.lastTarget = -1;
    if (from < 0 || from >= this.nodeCount) return Infinity;
    return this.search(from, -1, isTarget, path);
  }

  /** The target reached by the last `routeToAny` (-1 when none). */
  lastTarget = -1;

  private search(from: number, target: number, isTarget: Uint8Array | null, path: Int32Array | undefined): number {
    let to = target;
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.stamp.fill(0);
      this.closed.fill(0);
      this.generation = 1;
    }
    const generation = this.generation;
    const xy = this.nodeXY;
    // Dijkstra when several targets are possible: no heuristic.
    const tx = to >= 0 ? xy[2 * to] : 0;
    const ty = to >= 0 ? xy[2 * to + 1] : 0;
    const scale = to >= 0 ? this.heuristicScale : 0;
    this.heapSize = 0;
    this.distance[from] = 0;
    this.previous[from] = -1;
    this.stamp[from] = generation;
    this.push(from, Math.hypot(xy[2 * from] - tx, xy[2 * from + 1] - ty) * scale);
    while (this.heapSize > 0) {
      const node = this.pop();
      if (this.closed[node] === generation) continue;
      this.closed[node] = generation;
      if (node === to) break;
      if (isTarget !== null && isTarget[node] !== 0) {
        to = node;
        this.lastTarget = node;
        break;
      }
      const base = this.distance[node];
      for (let slot = this.offsets[node], end = this.offsets[node + 1]; slot < end; slot++) {
        const next = this.targets[slot];
        if (this.closed[next] === generation) continue;
        if (this.blocked !== null && this.blocked[this.edgeOf[slot]] !== 0) continue;
        const candidate = base + this.costs[slot];
        if (this.stamp[next] !== generation || candidate < this.distance[next]) {
          this.stamp[next] = generation;
          this.distance[next] = candidate;
          this.previous[next] = node;
          this.push(next, candidate + Math.hypot(xy[2 * next] - tx, xy[2 * next + 1] - ty) * scale);
        }
      }
    }
    if (to < 0 || this.closed[to] !== generation) return Infinity;
    let count = 0;
    for (let node = to; node !== -1; node = this.previous[node]) count++;
    this.lastPathCount = count;
    if (path) {
      let slot = Math.min(count, path.length) - 1;
      let skip = count - path.length;
      for (let node = to; node !== -1 && slot >= 0; node = this.previous[node]) {
        if (skip > 0) {
          skip--;
          continue;
        }
        path[slot--] = node;
      }
    }
    return this.distance[to];
  }

  /** The index of the edge joining `a` to `b` (the cheapest one), or -1. */
  edgeBetween(a: number, b: number): number {
    let best = -1;
    for (let slot = this.offsets[a], end = this.offsets[a + 1]; slot < end; slot++) {
      if (this.targets[slot] === b && (best < 0 || this.costs[slot] < this.costs[best])) best = slot;
    }
    return best < 0 ? -1 : this.edgeOf[best];
  }

  /** Number of nodes on the last route found (0 when none). */
  lastPathCount = 0;

  /** The nodes of the best route, as a new array (convenience for callers outside hot loops). */
  routeNodes(from: number, to: number): number[] | undefined {
    if (!Number.isFinite(this.route(from, to))) return undefined;
    const path = new Int32Array(this.lastPathCount);
    this.route(from, to, path);
    return Array.from(path);
  }

  private push(node: number, key: number): void {
    let i = this.heapSize++;
    const nodes = this.heapNode;
    const keys = this.heapKey;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      nodes[i] = nodes[parent];
      keys[i] = keys[parent];
      i = parent;
    }
    nodes[i] = node;
    keys[i] = key;
  }

  private pop(): number {
    const nodes = this.heapNode;
    const keys = this.heapKey;
    const top = nodes[0];
    const size = --this.heapSize;
    const lastNode = nodes[size];
    const lastKey = keys[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= lastKey) break;
      nodes[i] = nodes[child];
      keys[i] = keys[child];
      i = child;
    }
    nodes[i] = lastNode;
    keys[i] = lastKey;
    return top;
  }
}
