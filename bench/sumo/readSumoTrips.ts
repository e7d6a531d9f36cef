/**
 * Reading SUMO demand (a trips file from randomTrips.py, or a routes file) into trips: departure
 * time and either the first and last edge of each vehicle, or its origin and destination
 * junctions. Understood: `<trip from to>`, `<trip fromJunction toJunction>` (SUMO's
 * `--junction-taz`), `<vehicle>` with a nested `<route edges>`, `<vehicle route="id">` referring
 * to a top-level `<route>`.
 * Flows, persons, containers and route distributions are counted as unsupported, as are
 * departures that are not a number of seconds ("triggered", ...).
 */
import { forEachXmlElement } from './forEachXmlElement.ts';

/** One SUMO vehicle: its id, departure time (s), and the first and last edge of its route or its end junctions. */
export interface SumoTrip {
  id: string;
  departS: number;
  firstEdge: string | null;
  lastEdge: string | null;
  fromJunction: string | null;
  toJunction: string | null;
  /** Edges in its explicit route (0 for a trip, which SUMO routes itself). */
  routeEdges: number;
  /** The edges of its explicit route, in order (empty for a trip). */
  edges: string[];
}

/** The trips read, and how many demand elements were not understood. */
export interface SumoTrips {
  trips: SumoTrip[];
  unsupported: number;
}

/** Reads the trips of a SUMO trips or routes file. */
export function readSumoTrips(text: string, fileName: string): SumoTrips {
  const trips: SumoTrip[] = [];
  const namedRoutes = new Map<string, string[]>();
  let unsupported = 0;
  let pending: { id: string; departS: number } | null = null;
  const add = (id: string, departS: number, edges: string[]): void => {
    if (!Number.isFinite(departS) || edges.length === 0) unsupported++;
    else trips.push({ id, departS, firstEdge: edges[0], lastEdge: edges[edges.length - 1], fromJunction: null, toJunction: null, routeEdges: edges.length, edges });
  };
  forEachXmlElement(text, fileName, (name, a, parent) => {
    if (name === 'trip') {
      const departS = Number(a.depart);
      if (!Number.isFinite(departS)) unsupported++;
      else if (a.from !== undefined && a.to !== undefined) trips.push({ id: a.id, departS, firstEdge: a.from, lastEdge: a.to, fromJunction: null, toJunction: null, routeEdges: 0, edges: [] });
      else if (a.fromJunction !== undefined && a.toJunction !== undefined) trips.push({ id: a.id, departS, firstEdge: null, lastEdge: null, fromJunction: a.fromJunction, toJunction: a.toJunction, routeEdges: 0, edges: [] });
      else unsupported++;
    } else if (name === 'vehicle') {
      if (pending) unsupported++;
      pending = null;
      if (a.route !== undefined) add(a.id, Number(a.depart), namedRoutes.get(a.route) ?? []);
      else pending = { id: a.id, departS: Number(a.depart) };
    } else if (name === 'route') {
      const edges = (a.edges ?? '').trim().split(/\s+/).filter((e) => e.length > 0);
      if (parent === 'vehicle' && pending) {
        add(pending.id, pending.departS, edges);
        pending = null;
      } else if (a.id !== undefined) {
        namedRoutes.set(a.id, edges);
      }
    } else if (name === 'flow' || name === 'person' || name === 'personFlow' || name === 'container' || name === 'routeDistribution') {
      unsupported++;
    }
  });
  if (pending) unsupported++;
  return { trips, unsupported };
}
